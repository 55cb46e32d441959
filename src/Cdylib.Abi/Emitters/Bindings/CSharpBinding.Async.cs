using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Lowering;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The C# form of async exports (docs/abi.md, "Async exports"): each becomes
/// <c>Task&lt;T&gt; NameAsync(…, CancellationToken cancellationToken = default)</c> (<c>Task</c> without a
/// result), completed from the export's completion callback. The start function, its operation handle
/// type and the operation's wait, cancel and free functions are driven by the binding only (the raw
/// declarations keep them): the task is the public face, so nothing can free an operation twice.
/// </summary>
public static partial class CSharpBinding
{
    /// <summary>The functions the binding drives itself for its async exports: each operation's wait and cancel.</summary>
    private static bool IsOperationHelper(AbiFunction function) =>
        function.Role is AbiHelperRole.OperationWait or AbiHelperRole.OperationCancel;

    /// <summary>The operation handle types: their objects never reach the caller, so they get no class.</summary>
    private static HashSet<string> OperationHandles(AbiLibrary library) =>
        new(library.Functions.Where(function => function.Operation is not null).Select(function => function.Operation!.Handle));

    /// <summary>The class that follows one operation (top level: an <c>await</c> cannot be in the library class's unsafe context).</summary>
    private static string OperationClass(AbiLibrary library) => BindingShapes.CSharpName(library) + "Operation";

    /// <summary>
    /// <c>NAMEAsync</c> for the async export <paramref name="plan"/> starts, and its completion callback: a
    /// static <c>[UnmanagedCallersOnly]</c> method that converts the result as the synchronous form would
    /// (a string copied and freed, a handle wrapped in its class) and completes the operation's task.
    /// </summary>
    private static CSharpWrapper AppendAsyncWrapper(StringBuilder cs, StringBuilder trampolines, CallPlan plan, AbiLibrary library, CSharpTypes spelling)
    {
        AbiFunction function = plan.Function;
        AbiOperation operation = function.Operation!;
        // The last two parameters are the completion callback and its user_data: the binding's own.
        var callback = (FunctionPointerType)function.Parameters[function.Parameters.Count - 2].Type;
        (List<CSharpParameter> signature, List<string> before, List<string> fixedStatements, List<string> arguments, List<string> atCall, _) =
            Convert(plan.Parameters.Take(plan.Parameters.Count - 2), spelling);
        // The token is named as .NET names it, unless a parameter of the export has that name.
        string token = "cancellationToken";
        while (signature.Any(parameter => parameter.Argument == token))
        {
            token += "_";
        }
        signature.Add(new CSharpParameter($"CancellationToken {token} = default", token));

        AbiType result = operation.Result;
        string value = result.IsVoid ? "object?" : spelling.Managed(result);
        string state = $"{OperationClass(library)}<{value}>";
        string done = $"__{function.Name}_done";
        string wrapperName = Pascal(function.Name) + "Async";
        string returns = result.IsVoid ? "Task" : $"Task<{value}>";

        cs.Append($"\n    /// <summary>{Xml(function.Doc.Summary ?? function.ManagedName)}</summary>\n");
        cs.Append($"    /// <remarks>Starts <c>{function.Name}</c> and returns at once; the task ends when the operation does. "
            + $"<paramref name=\"{token}\"/> calls <c>{operation.Cancel}</c>: the task is then cancelled, unless the operation still succeeds.</remarks>\n");
        cs.Append($"    public static {returns} {wrapperName}({string.Join(", ", signature.Select(parameter => parameter.Declaration))})\n    {{\n");
        const string Indent = "        ";
        foreach (string line in before)
        {
            cs.Append(Indent).Append(line).Append('\n');
        }
        foreach (string statement in fixedStatements)
        {
            cs.Append(Indent).Append($"fixed ({statement})\n");
        }
        string call = $"Raw.{Identifier(function.Name)}({string.Join(", ", arguments.Append($"&{done}").Append("__operation.UserData"))})";
        cs.Append($$"""
                    {
                        var __operation = new {{state}}({{token}});
                        void* __op;
                        try
                        {
                            Raw.{{Identifier(plan.Helpers.ClearLastError.Name)}}();{{string.Concat(atCall.SelectMany(statement => statement.Split('\n')).Select(line => "\n                " + line))}}
                            __op = {{call}};
                        }
                        catch
                        {
                            __operation.Abandon();
                            throw;
                        }
                        return __operation.Started(__op, &Raw.{{Identifier(operation.Cancel)}}, &Raw.{{Identifier(operation.Free)}}, "{{function.Name}}");
                    }
                }

            """);

        // The callback: exactly once per operation that started, on whichever thread it ended on. Its parameters
        // are spelled as the raw declaration spells the function pointer (a Half as Half: no marshalling here).
        var types = callback.Parameters.Skip(2).ToList();
        string converted = result.IsVoid ? "null" : spelling.FromRaw("result", result);
        trampolines.Append($$"""

                [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
                private static void {{done}}(void* userData, int status{{string.Concat(types.Select(type => $", {spelling.Raw(type)} result"))}})
                {
                    var operation = {{state}}.Ended(userData);
                    if (status != 0)
                    {
                        operation.Fail(status);
                        return;
                    }
                    {{value}} value;
                    try
                    {
                        value = {{converted}};
                    }
                    catch (Exception error)
                    {
                        operation.Fail(error);
                        return;
                    }
                    operation.Succeed(value);
                }

            """);
        return new CSharpWrapper(wrapperName, signature, returns);
    }

    /// <summary>The constant of the error code <paramref name="name"/> (a hand-made model may lack it: then its value).</summary>
    private static string ErrorCode(AbiLibrary library, string name, int value) =>
        library.ErrorCodes.Any(code => code.Name == name)
            ? $"{BindingShapes.CSharpName(library)}ErrorCodes.{Pascal(name.ToLowerInvariant())}"
            : value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The class each async wrapper's operation is: the caller's task, the GCHandle the callback receives as
    /// its user_data, the operation handle and the cancellation registration, each released exactly once.
    /// </summary>
    private static void AppendOperationClass(StringBuilder cs, AbiLibrary library)
    {
        string type = BindingShapes.CSharpName(library);
        string name = OperationClass(library);
        BindingHelpers helpers = BindingHelpers.Of(library);
        string clear = Identifier(helpers.ClearLastError.Name);
        string message = Identifier(helpers.LastErrorMessage.Name);
        cs.Append($$"""

            /// <summary>
            /// One call of an async export of {{library.Name}}: the export's completion callback receives a GCHandle to
            /// this object as its user_data (freed when the callback came). The operation handle is freed once, by the
            /// last of the start call, the callback (which may come before the start function returns, on any thread)
            /// and a cancel in progress; until then the caller's CancellationToken calls the operation's cancel function.
            /// Only then does the task end — so a caller who sees it end sees the handle gone — and what awaits it never
            /// runs on the library's thread inside the callback.
            /// </summary>
            internal sealed class {{name}}<T>
            {
                private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
                private readonly CancellationToken _cancellationToken;
                private GCHandle _self;
                private nint _op;
                private unsafe delegate*<void*, void> _cancel;
                private unsafe delegate*<void*, void> _free;
                private CancellationTokenRegistration _registration;
                private volatile bool _ended;
                private T _value = default!;
                private Exception? _error;
                // Who still needs the operation handle: the start call and the callback, and a cancel while it calls.
                private int _users = 2;

                public {{name}}(CancellationToken cancellationToken)
                {
                    _cancellationToken = cancellationToken;
                    _self = GCHandle.Alloc(this);
                }

                /// <summary>The completion callback's user_data.</summary>
                public unsafe void* UserData => (void*)GCHandle.ToIntPtr(_self);

                /// <summary>The start function threw before it reached the library: no callback will come.</summary>
                public void Abandon() => _self.Free();

                /// <summary>
                /// After the start function returned: NULL means the library refused the arguments, and no callback
                /// comes; otherwise the caller's token cancels from now on (a token cancelled already, at once).
                /// </summary>
                public unsafe Task<T> Started(void* op, delegate*<void*, void> cancel, delegate*<void*, void> free, string function)
                {
                    if (op == null)
                    {
                        _self.Free();
                        {{type}}Library.Check();
                        throw new {{type}}Exception({{ErrorCode(library, "EXCEPTION", 1)}}, $"{function} started no operation and recorded no error");
                    }
                    _op = (nint)op;
                    _cancel = cancel;
                    _free = free;
                    if (_cancellationToken.CanBeCanceled && !_ended)
                    {
                        _registration = _cancellationToken.UnsafeRegister(static operation => (({{name}}<T>)operation!).Cancel(), this);
                    }
                    Release();
                    return Result();
                }

                /// <summary>The operation of a callback's user_data, whose GCHandle is freed here: the callback comes once.</summary>
                public static unsafe {{name}}<T> Ended(void* userData)
                {
                    GCHandle self = GCHandle.FromIntPtr((IntPtr)userData);
                    var operation = ({{name}}<T>)self.Target!;
                    self.Free();
                    return operation;
                }

                public void Succeed(T value)
                {
                    _value = value;
                    _ended = true;
                    Release();
                }

                /// <summary>The operation failed with <paramref name="status"/>; its message is this thread's last error, set for the callback.</summary>
                public unsafe void Fail(int status)
                {
                    string message = Marshal.PtrToStringUTF8((IntPtr){{type}}Library.Raw.{{message}}()) ?? "";
                    {{type}}Library.Raw.{{clear}}();
                    Fail(new {{type}}Exception(status, message));
                }

                public void Fail(Exception error)
                {
                    _error = error;
                    _ended = true;
                    Release();
                }

                /// <summary>
                /// The caller's task: the result, the library's failure as {{type}}Exception, or cancelled — a
                /// TaskCanceledException whose inner exception is the library's CANCELLED — when the caller's token asked.
                /// </summary>
                private async Task<T> Result()
                {
                    try
                    {
                        return await _completion.Task.ConfigureAwait(false);
                    }
                    catch ({{type}}Exception error) when (error.Code == {{ErrorCode(library, "CANCELLED", 10)}} && _cancellationToken.IsCancellationRequested)
                    {
                        throw new TaskCanceledException(error.Message, error, _cancellationToken);
                    }
                }

                // The token's callback, on the thread that cancelled it; the operation's callback may run inside it.
                private unsafe void Cancel()
                {
                    int users = Volatile.Read(ref _users);
                    while (users > 0)
                    {
                        int seen = Interlocked.CompareExchange(ref _users, users + 1, users);
                        if (seen == users)
                        {
                            try
                            {
                                _cancel((void*)_op);
                            }
                            finally
                            {
                                Release();
                            }
                            return;
                        }
                        users = seen;
                    }
                }

                // The last user (the callback came: it is one) frees the operation handle, lets go of the token (without
                // waiting for its callback, which may be the caller of this) and ends the task.
                private unsafe void Release()
                {
                    if (Interlocked.Decrement(ref _users) != 0)
                    {
                        return;
                    }
                    _registration.Unregister();
                    _free((void*)_op);
                    if (_error is null)
                    {
                        _completion.TrySetResult(_value);
                    }
                    else
                    {
                        _completion.TrySetException(_error);
                    }
                }
            }

            """);
    }
}
