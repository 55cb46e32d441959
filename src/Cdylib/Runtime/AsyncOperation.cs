using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Cdylib.Runtime;

/// <summary>
/// One call of an async export (a <c>[CExport]</c> method returning <see cref="Task"/>,
/// <see cref="Task{TResult}"/>, <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>), held
/// by C as an operation handle. It ends exactly once — the task completes, fails or is cancelled —
/// and then calls the caller's completion callback on the thread it ended on, or, without a
/// callback, keeps the result for <c>NAME_op_wait</c>. The generated subclass of each export knows
/// the result's C type: it converts the result and calls the callback.
/// </summary>
/// <remarks>
/// Freeing the handle does not cancel: C code commonly starts an operation, frees the handle at
/// once and relies on the callback, which still comes. Only <c>NAME_op_cancel</c> cancels.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The token source has no timer and its wait handle is never made: there is nothing to dispose, and the task may hold the token past any point C could free the handle.")]
public abstract class AsyncOperation
{
    private const int Running = 0;
    private const int Ending = 1;
    private const int Ended = 2;

    private readonly CancellationTokenSource _cancellation = new();
    private readonly bool _observesToken;
    private readonly object _gate = new();
    private int _state;
    private int _status;
    private string? _message;
    private Task? _endedTask;
    // The thread running the callback: a NAME_op_wait from inside the callback must not wait for the
    // callback to return.
    private int _deliveringThread;

    /// <param name="observesToken">The export takes a <see cref="CancellationToken"/>: cancelling sets it and the task decides how it ends; otherwise cancelling ends the operation at once.</param>
    protected AsyncOperation(bool observesToken)
    {
        _observesToken = observesToken;
    }

    /// <summary>The token the export's <see cref="CancellationToken"/> parameter receives; <c>NAME_op_cancel</c> sets it.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>The caller gave a completion callback, which takes the result; otherwise <c>NAME_op_wait</c> hands it out.</summary>
    protected abstract bool HasCallback { get; }

    /// <summary>The task of a successful operation that had no callback, once it ended: <c>NAME_op_wait</c> reads its result.</summary>
    public Task? EndedTask => Volatile.Read(ref _state) == Ended ? _endedTask : null;

    /// <summary>
    /// Follows the export's task to its end. When it has ended already, the operation ends now, on
    /// the calling thread, before the start function returns.
    /// </summary>
    public void Follow(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.ContinueWith(
            static (ended, operation) => ((AsyncOperation)operation!).End(ended),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>What an export that threw instead of returning a task ends with: its exception, as if it had been awaited.</summary>
    public static Task Threw(Exception exception) => Task.FromException(exception);

    /// <summary>
    /// <c>NAME_op_cancel</c>: asks the operation to stop. With a <see cref="CancellationToken"/>
    /// parameter the task decides (it may still succeed); without one the operation ends now as
    /// cancelled and its result, when it comes, is dropped. Nothing happens once it has ended.
    /// </summary>
    public void Cancel()
    {
        if (Volatile.Read(ref _state) != Running)
        {
            return;
        }
        try
        {
            _cancellation.Cancel();
        }
        catch (AggregateException)
        {
            // A registration on the token threw: that is the task's business, and it reports it.
        }
        if (!_observesToken)
        {
            End((int)ErrorCode.Cancelled, CancelledMessage, null);
        }
    }

    /// <summary>
    /// <c>NAME_op_wait</c>: blocks until the operation ended or <paramref name="timeoutMilliseconds"/>
    /// passed (a negative timeout waits for ever) and returns its status: 0, its error code, or
    /// <see cref="ErrorCode.Timeout"/>. A non-zero status is also the calling thread's last error.
    /// </summary>
    public int Wait(int timeoutMilliseconds)
    {
        if (Volatile.Read(ref _state) != Ended && Volatile.Read(ref _deliveringThread) != Environment.CurrentManagedThreadId)
        {
            long deadline = timeoutMilliseconds < 0 ? -1 : Environment.TickCount64 + timeoutMilliseconds;
            lock (_gate)
            {
                while (_state != Ended)
                {
                    long left = deadline < 0 ? Timeout.Infinite : deadline - Environment.TickCount64;
                    if (deadline >= 0 && left <= 0)
                    {
                        LastError.Set((int)ErrorCode.Timeout, $"the operation did not end within {timeoutMilliseconds} ms");
                        return (int)ErrorCode.Timeout;
                    }
                    Monitor.Wait(_gate, (int)left);
                }
            }
        }
        if (_status != 0)
        {
            LastError.Set(_status, _message ?? "");
        }
        return _status;
    }

    /// <summary>
    /// Calls the completion callback with <paramref name="status"/> and, when it is 0, the result
    /// of <paramref name="task"/> converted to C (a conversion that fails reports through
    /// <see cref="Fail"/> instead). Runs once, on the thread the operation ended on.
    /// </summary>
    protected abstract void Deliver(int status, Task? task);

    /// <summary>The operation fails after all (its result could not be converted): the code to pass to the callback.</summary>
    protected int Fail(Exception exception)
    {
        (_status, _message) = LastError.Classified(exception);
        LastError.Set(_status, _message ?? "");
        return _status;
    }

    private const string CancelledMessage = "the operation was cancelled";

    private void End(Task task)
    {
        (int status, string? message) = task.Status switch
        {
            TaskStatus.RanToCompletion => (0, null),
            TaskStatus.Canceled => ((int)ErrorCode.Cancelled, CancelledMessage),
            _ => LastError.Classified(task.Exception!.InnerException ?? task.Exception),
        };
        End(status, message, status == 0 ? task : null);
    }

    private void End(int status, string? message, Task? task)
    {
        // Whoever gets here first ends it: the task, or a cancel of an export without a token.
        if (Interlocked.CompareExchange(ref _state, Ending, Running) != Running)
        {
            return;
        }
        _status = status;
        _message = message;
        if (HasCallback)
        {
            // The callback can read the failure as this thread's last error, as after any call.
            if (status != 0)
            {
                LastError.Set(status, message ?? "");
            }
            Volatile.Write(ref _deliveringThread, Environment.CurrentManagedThreadId);
            Deliver(status, task);
            Volatile.Write(ref _deliveringThread, 0);
        }
        else
        {
            _endedTask = task;
        }
        lock (_gate)
        {
            Volatile.Write(ref _state, Ended);
            Monitor.PulseAll(_gate);
        }
    }
}
