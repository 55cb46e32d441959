using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Lowering;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The Python module's async exports (docs/abi.md, "Async exports"). Each becomes three functions: the
/// <c>async def NAME(...)</c>, whose awaitable is an asyncio future that the operation's callback settles
/// through <c>loop.call_soon_threadsafe</c> (from any thread, also inside the start call or inside
/// <c>NAME_op_cancel</c>), and which cancels the operation when its task is cancelled;
/// <c>NAME_start(...)</c>, which starts it without a callback and gives its operation object
/// (<c>wait(timeout)</c>, <c>cancel()</c>, <c>close()</c>/<c>with</c>); and <c>NAME_blocking(..., timeout=None)</c>,
/// which waits for it there and cancels it on a timeout or an interrupt. A handle class's async method
/// has all three forms as methods.
/// </summary>
public static partial class PythonModule
{
    /// <summary>The parts of the module every async function uses: the registry of running operations, and how a callback settles a future.</summary>
    private static void AppendAsyncRuntime(StringBuilder py, AbiLibrary library)
    {
        string p = library.Prefix;
        int timeout = library.ErrorCodes.FirstOrDefault(code => code.Name == "TIMEOUT")?.Value
            ?? throw new BindingRefusedException($"{library.Name}.abi.json has async exports but no TIMEOUT error code: rebuild the library with this version of Cdylib");
        py.Append($$""""


            import asyncio as _asyncio
            import itertools as _itertools
            import math as _math
            import time as _time

            # The operations of the async functions whose callback has not come yet, by the id passed as the
            # callback's user_data: (event loop, future, what drops a result nobody takes, what the call lent).
            # An entry keeps all that alive until the callback came, which may be long after the awaiting task
            # was cancelled, and is let go then.
            _operations = {}
            _operations_lock = _threading.Lock()
            _operation_ids = _itertools.count(1)


            def _operation_ended(key, status, convert):
                # The callback of an async function's operation, on the thread the operation ended on: one of the
                # library's, or the caller's inside the start call or inside NAME_op_cancel. It takes what the
                # operation gave (a string is copied and freed here, once), then settles the future on its loop's
                # thread. Nothing may raise out of it: ctypes would only print the exception.
                with _operations_lock:
                    entry = _operations.pop(key, None)
                if entry is None:
                    return
                loop, future, drop, _ = entry
                value = error = None
                try:
                    if status == 0:
                        value = convert()
                    else:
                        # The failure is this thread's last error too.
                        message = _lib.{{p}}_last_error_message()
                        error = Error(status, message.decode("utf-8", "replace") if message else "")
                        _lib.{{p}}_clear_last_error()
                except BaseException as raised:
                    error = raised
                try:
                    loop.call_soon_threadsafe(_operation_settle, future, value, error, drop)
                except RuntimeError:
                    # The loop is closed: nobody can take the result any more.
                    if drop is not None and value is not None:
                        drop(value)


            def _operation_settle(future, value, error, drop):
                # On the loop's thread. A result that comes after the awaiting task was cancelled is dropped.
                if future.cancelled():
                    if drop is not None and value is not None:
                        drop(value)
                elif error is not None:
                    future.set_exception(error)
                else:
                    future.set_result(value)


            def _close(value):
                value.close()


            async def _operation(start, arguments, done, cancel, free, drop, keep):
                # Starts an operation whose callback settles a future of the running loop, awaits that future and
                # frees the operation's handle once. A cancelled await (task.cancel(), asyncio.wait_for's
                # timeout) cancels the operation and raises CancelledError; its callback still comes, and what it
                # brings is dropped (a handle closed).
                loop = _asyncio.get_running_loop()
                future = loop.create_future()
                with _operations_lock:
                    key = next(_operation_ids)
                    _operations[key] = (loop, future, drop, keep)
                try:
                    _lib.{{p}}_clear_last_error()
                    op = start(*arguments, done, key)
                except BaseException:
                    with _operations_lock:
                        _operations.pop(key, None)
                    raise
                if not op:
                    # Refused before it started (an argument the boundary refused): no callback comes.
                    with _operations_lock:
                        _operations.pop(key, None)
                    _check()
                    raise Error(-1, "the operation did not start and the library recorded no error")
                try:
                    return await future
                except _asyncio.CancelledError:
                    cancel(op)
                    if future.done() and not future.cancelled() and future.exception() is None and drop is not None:
                        drop(future.result())  # it ended just before the cancel: nobody takes the result
                    raise
                finally:
                    free(op)


            def _operation_wait(wait, op, timeout):
                # NAME_op_wait in slices of at most 0.1 s, so that a signal (Ctrl-C) is handled while it waits;
                # Error TIMEOUT once `timeout` seconds passed (None: until it ends).
                deadline = None if timeout is None else _time.monotonic() + timeout
                while True:
                    left = 100 if deadline is None else max(0, min(100, _math.ceil((deadline - _time.monotonic()) * 1000)))
                    try:
                        return wait(op, left)
                    except Error as error:
                        if error.code != {{timeout}} or left < 100:
                            raise


            def _operation_blocking(op, timeout):
                with op:
                    try:
                        return op.wait(timeout)
                    except BaseException:
                        op.cancel()  # a timeout or an interrupt: nobody waits for it any more
                        raise


            def _operation_class(cls, wait, cancel):
                def wait_method(self, timeout=None):
                    """Blocks until the operation ended and gives its result (each call a copy or an owner of its
                    own), or raises its Error; Error TIMEOUT when `timeout` seconds passed first (None: waits
                    until it ends)."""
                    return _operation_wait(wait, self, timeout)

                def cancel_method(self):
                    """Asks the operation to stop; once it ended, nothing happens."""
                    cancel(self)

                cls.wait = wait_method
                cls.cancel = cancel_method

            """");
    }

    /// <summary>An async export: its callback, the async function, and the start and blocking forms.</summary>
    private static void AppendAsync(StringBuilder py, CallPlan plan, AbiOperation operation, AsyncNames asyncNames, BindingNames names, PythonTypes types)
    {
        AbiFunction function = plan.Function;
        string c = $"_lib.{function.Name}";
        string name = Identifier(function.Name);
        // The last two C parameters are the completion callback and its user_data: the module's own.
        var declared = plan.Parameters.Take(plan.Parameters.Count - 2).ToList();
        var done = (FunctionPointerType)function.Parameters[function.Parameters.Count - 2].Type;
        (List<string> argtypes, List<string> signature, List<string> before, List<string> arguments, _, List<string> callbacks) =
            Lower(py, function, declared, names, types);
        KeepTrailingDefaults(signature);
        string operationClass = names.Of(new HandleRef(operation.Handle));
        string doneType = $"_{function.Name}_done_type";
        string summary = Doc(function.Doc.Summary) ?? function.ManagedName;

        py.Append($"\n\n{doneType} = {types.CallbackType(done)}\n");
        py.Append($"{c}.argtypes = [{string.Join(", ", argtypes.Append(doneType).Append("ctypes.c_void_p"))}]\n");
        py.Append($"{c}.restype = ctypes.c_void_p\n\n\n");

        // The callback, one for every call: what tells the calls apart is the id in user_data.
        string convert = operation.Result.IsVoid ? "None" : Result(operation.Result, names, types);
        py.Append($"@{doneType}\n");
        py.Append(operation.Result.IsVoid ? $"def _{function.Name}_done(key, status):\n" : $"def _{function.Name}_done(key, status, result):\n");
        py.Append($"    _operation_ended(key, status, lambda: {convert})\n\n\n");

        // A callback the call lends (its state and its ctypes function) lives as long as the operation's entry.
        string keep = callbacks.Count == 0 ? "None" : Tuple(callbacks.SelectMany(state => new[] { state, state.Substring(0, state.Length - "_state".Length) }));
        string drop = operation.Result is HandleRef ? "_close" : "None";
        py.Append($"async def {name}({string.Join(", ", signature)}):\n");
        py.Append($"    \"\"\"{summary} Awaitable: cancelling the awaiting task cancels the operation.\"\"\"\n");
        foreach (string line in before)
        {
            py.Append($"    {line}\n");
        }
        py.Append($"    return await _operation({c}, {Tuple(arguments)}, _{function.Name}_done, _lib.{operation.Cancel}, _lib.{operation.Free}, {drop}, {keep})\n\n\n");

        // Started without a callback: the result stays with the operation for wait().
        string start = asyncNames.Start(function);
        py.Append($"def {start}({string.Join(", ", signature)}):\n");
        py.Append($"    \"\"\"{summary} Started without a callback: the {operationClass} it gives has wait(timeout=None), cancel() and close() (or use `with`).\"\"\"\n");
        if (callbacks.Count > 0)
        {
            // Nothing would tell when the library stops calling the callables the call lends: only the
            // async form, whose completion callback says so, keeps them alive long enough.
            py.Append($"    raise NotImplementedError({StringLiteral.Of($"{function.Name} takes a callback, which must live until the operation ended: await {name}(...) instead")})\n\n\n");
        }
        else
        {
            foreach (string line in before)
            {
                py.Append($"    {line}\n");
            }
            py.Append($"    _lib.{plan.Helpers.ClearLastError.Name}()\n");
            py.Append($"    _result = {c}({string.Join(", ", arguments.Append($"ctypes.cast(None, {doneType})").Append("None"))})\n");
            py.Append("    if not _result:\n        _check()\n");
            py.Append($"    return {operationClass}(_result)\n\n\n");
        }

        var parameterNames = new HashSet<string>(declared.Select(parameter => Identifier(parameter.Name)));
        string timeout = "timeout";
        while (parameterNames.Contains(timeout))
        {
            timeout += "_";
        }
        string inputs = string.Join(", ", declared.Where(parameter => parameter.Flow is Flow.In or Flow.InOut).Select(parameter => Identifier(parameter.Name)));
        py.Append($"def {asyncNames.Blocking(function)}({string.Join(", ", signature.Append($"*, {timeout}=None"))}):\n");
        py.Append($"    \"\"\"{summary} Blocks until it ends ({timeout}: seconds, None for ever); a timeout (Error TIMEOUT) or an interrupt cancels it.\"\"\"\n");
        py.Append($"    return _operation_blocking({start}({inputs}), {timeout})\n");
    }

    /// <summary>The Python value of the result the callback brings (a struct copied: ctypes lends it only for the callback).</summary>
    private static string Result(AbiType result, BindingNames names, PythonTypes types) =>
        result is StructRef && types.ValueOf(result) is null ? $"{names.Of(result)}.from_buffer_copy(result)" : types.FromC("result", result);

    /// <summary>Each operation class's <c>wait(timeout=None)</c> and <c>cancel()</c>, over the module-level <c>NAME_op_wait</c> and <c>NAME_op_cancel</c>.</summary>
    private static void AppendOperationClasses(StringBuilder py, AbiLibrary library, BindingNames names)
    {
        foreach (AbiOperation operation in library.Functions.Select(function => function.Operation).OfType<AbiOperation>())
        {
            py.Append($"\n\n_operation_class({names.Of(new HandleRef(operation.Handle))}, {Identifier(operation.Wait)}, {Identifier(operation.Cancel)})\n");
        }
    }

    /// <summary>
    /// An operation handle's C# name is its method's and "operation" (<c>Api.AddLater operation</c>): its
    /// Python class is <c>AddLaterOperation</c>.
    /// </summary>
    private static AbiLibrary WithOperationClassNames(AbiLibrary library)
    {
        var operations = new HashSet<string>(library.Functions.Select(function => function.Operation?.Handle).OfType<string>());
        const string Suffix = " operation";
        return library with
        {
            Handles = library.Handles
                .Select(handle => operations.Contains(handle.Name) && handle.Managed.EndsWith(Suffix, System.StringComparison.Ordinal)
                    ? handle with { Managed = handle.Managed.Substring(0, handle.Managed.Length - Suffix.Length) + "Operation" }
                    : handle)
                .ToEquatableArray(),
        };
    }

    /// <summary>
    /// The module-level names of the start and blocking forms (<c>NAME_start</c>, <c>NAME_blocking</c>), each
    /// with a trailing <c>_</c> while a function of the library has it already.
    /// </summary>
    private sealed class AsyncNames
    {
        private readonly Dictionary<string, (string Start, string Blocking)> _names = new();

        public AsyncNames(AbiLibrary library)
        {
            var taken = new HashSet<string>(library.Functions.Select(function => Identifier(function.Name)));
            string Free(string name)
            {
                while (!taken.Add(name))
                {
                    name += "_";
                }
                return name;
            }
            foreach (AbiFunction function in library.Functions.Where(function => function.Operation is not null))
            {
                _names[function.Name] = (Free(Identifier(function.Name) + "_start"), Free(Identifier(function.Name) + "_blocking"));
            }
        }

        public IEnumerable<string> All => _names.Values.SelectMany(names => new[] { names.Start, names.Blocking });

        public string Start(AbiFunction function) => _names[function.Name].Start;

        public string Blocking(AbiFunction function) => _names[function.Name].Blocking;
    }
}
