using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Lowering;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The package's async exports (docs/abi.md#async-exports). Each becomes three functions: <c>Name(args…)</c>
/// blocks until the operation ended and returns <c>(T, error)</c>; <c>NameContext(ctx, args…)</c> does the same,
/// and the end of <c>ctx</c> cancels the operation (<c>NAME_op_cancel</c>); <c>NameAsync(ctx, args…)</c> returns a
/// channel that delivers one <c>Result[T]</c> (a <c>chan error</c> for an export without a result). Goroutines
/// park on the channel: no OS thread waits in C. The completion callback is an <c>//export</c>-ed function that
/// finds the call's state through a <c>runtime/cgo.Handle</c> held in C memory passed as <c>user_data</c> (both freed by the
/// callback, which comes once, on any thread); whichever of the start, the callback and a running cancel
/// finishes last frees the operation's handle and then delivers the outcome, so each happens once and no
/// cancel is handed a freed handle.
/// </summary>
internal sealed partial class GoWriter
{
    /// <summary>The package-level names the async runtime declares (and the <c>context</c> import).</summary>
    private static readonly string[] AsyncRuntimeIdentifiers =
    {
        "Result", "operation", "startOperation", "startLocked", "takeOperation", "operationError", "context",
    };

    /// <summary>The names an async wrapper's body uses itself, which no parameter may take.</summary>
    private static readonly string[] AsyncLocals = { "ctx", "results", "outcome", "userData", "op" };

    private bool HasAsync => _library.Functions.Any(function => function.Operation is not null);

    /// <summary>The names the async exports take at package level: the runtime's, and each export's other two forms.</summary>
    private static IEnumerable<string> AsyncNames(AbiLibrary library) =>
        AsyncRuntimeNames(library).Concat(library.Functions.Where(function => function.Operation is not null)
            .SelectMany(function => new[] { BindingShapes.Pascal(function.Name) + "Context", BindingShapes.Pascal(function.Name) + "Async" }));

    /// <summary>The async runtime's names, for a library with async exports (none for the others: their packages stay as they were).</summary>
    private static IEnumerable<string> AsyncRuntimeNames(AbiLibrary library) =>
        library.Functions.Any(function => function.Operation is not null) ? AsyncRuntimeIdentifiers : Enumerable.Empty<string>();

    private bool IsOperation(AbiHandle handle) => _library.Functions.Any(function => function.Operation?.Handle == handle.Name);

    /// <summary>The three forms of the async export <paramref name="plan"/> starts, and its completion callback.</summary>
    private IReadOnlyList<GoWrapper> WriteAsyncWrappers(StringBuilder go, CallPlan plan)
    {
        AbiFunction function = plan.Function;
        AbiOperation operation = function.Operation!;
        // The last two parameters are the completion callback and its user data: the package passes its own.
        var declared = plan.Parameters.Take(plan.Parameters.Count - 2).ToList();
        if (declared.Any(parameter => parameter.Flow is Flow.Out or Flow.InOut))
        {
            throw new BindingRefusedException(
                $"the go binding cannot call {function.Name}: an async export's out and ref parameters would be written before its operation ends; return them in its result");
        }
        if (declared.Any(parameter => parameter.Closure is not null))
        {
            throw new BindingRefusedException(
                $"the go binding cannot call {function.Name}: the method may call its callback after the start function returned, when the Go func's state is gone; take a [CExport] interface or return the values in its result");
        }
        string? refusal = Refusal(function);
        GoCall lowered = Lower(plan, declared, withResult: false, AsyncLocals, writeTrampolines: false);
        string done = function.Name + "_go_done";
        lowered.Arguments[plan.Parameters.Count - 2] = new List<string> { $"(*[0]byte)(C.{done})" };
        lowered.Arguments[plan.Parameters.Count - 1] = new List<string> { "userData" };
        List<string> cArguments = CArguments(plan, lowered, out _, out _);

        bool hasResult = !operation.Result.IsVoid;
        string type = hasResult ? _types.ResultType(operation.Result) : "struct{}";
        string name = BindingShapes.Pascal(function.Name);
        string contextName = PackageName(name + "Context");
        string asyncName = PackageName(name + "Async");
        string summary = Line(function.Doc.Summary ?? function.ManagedName);
        var signature = lowered.Signature;
        var withContext = signature.Prepend((Name: "ctx", Type: "context.Context")).ToList();
        string parameters = string.Join(", ", signature.Select(parameter => $"{parameter.Name} {parameter.Type}"));
        string contextParameters = string.Join(", ", withContext.Select(parameter => $"{parameter.Name} {parameter.Type}"));
        string arguments = string.Concat(signature.Select(parameter => ", " + parameter.Name));
        string returns = hasResult ? $"({type}, error)" : "error";
        string channel = hasResult ? $"<-chan Result[{type}]" : "<-chan error";
        string op = _types.C(new HandleRef(operation.Handle));

        go.Append($$"""

            // {{name}} calls {{function.Name}}: {{summary}}
            // It waits until the operation ended ({{contextName}} with a context that never ends).
            func {{name}}({{parameters}}) {{returns}} {
            	return {{contextName}}(context.Background(){{arguments}})
            }

            // {{contextName}} calls {{function.Name}} and waits until the operation ended: {{summary}}
            // The end of ctx cancels it ({{operation.Cancel}}), and it returns how the operation then ended.
            func {{contextName}}({{contextParameters}}) {{returns}} {

            """);
        go.Append(hasResult
            ? $"\toutcome := <-{asyncName}(ctx{arguments})\n\treturn outcome.Value, outcome.Err\n}}\n"
            : $"\treturn <-{asyncName}(ctx{arguments})\n}}\n");
        go.Append($$"""

            // {{asyncName}} starts {{function.Name}}: {{summary}}
            // The channel delivers the outcome once: when the operation ended, or at once when it could not start.
            // The end of ctx cancels it ({{operation.Cancel}}); the outcome still comes.
            func {{asyncName}}({{contextParameters}}) {{channel}} {
            	results := make(chan {{(hasResult ? $"Result[{type}]" : "error")}}, 1)
            	startOperation(ctx, func(value {{type}}, err error) { results <- {{(hasResult ? $"Result[{type}]{{value, err}}" : "err")}} },
            		func(op uintptr) { C.{{operation.Cancel}}(*(*{{op}})(unsafe.Pointer(&op))) },
            		func(op uintptr) { C.{{operation.Free}}(*(*{{op}})(unsafe.Pointer(&op))) },
            		func(userData unsafe.Pointer) (op uintptr, err error) {

            """);
        if (refusal is not null)
        {
            go.Append($"\t\t\terr = &Error{{Code: {_types.Code("NOT_SUPPORTED", 8)}, Message: {Quote($"{function.Name} cannot be called from Go: {refusal}. Call it from C, Rust or .NET, or through a C function of your own.")}}}\n");
        }
        else
        {
            foreach (string line in lowered.Before)
            {
                go.Append("\t\t\t").Append(line.Replace("\n", "\n\t\t")).Append('\n');
            }
            go.Append($"\t\t\top = uintptr(unsafe.Pointer(C.{function.Name}({string.Join(", ", cArguments)})))\n");
            foreach (string line in lowered.AfterCall)
            {
                go.Append("\t\t\t").Append(line).Append('\n');
            }
        }
        go.Append("\t\t\treturn\n\t\t})\n\treturn results\n}\n");

        WriteCompletion(done, operation, type);
        // An instance method's handle comes after the context.
        return new[]
        {
            new GoWrapper(name, signature, returns),
            new GoWrapper(contextName, withContext, returns, "Context", Self: 1),
            new GoWrapper(asyncName, withContext, channel, "Async", Self: 1),
        };
    }

    /// <summary>
    /// The completion callback C calls once, on the thread the operation ended on: it reads the failure (that
    /// thread's last error) before anything else calls in, converts the result as the synchronous form would
    /// (a string copied and freed, a handle owned), and hands both to the call's state.
    /// </summary>
    private void WriteCompletion(string done, AbiOperation operation, string type)
    {
        bool hasResult = !operation.Result.IsVoid;
        var parameters = new List<AbiType> { AbiType.VoidPointer, AbiType.Int32 };
        if (hasResult)
        {
            parameters.Add(operation.Result);
        }
        _externs.Add($"extern void {done}({string.Join(", ", parameters.Select(CSpelling.Of))});");
        string value = hasResult ? _types.Take("result", operation.Result) : "struct{}{}";
        _trampolines.Append($"\n//export {done}\nfunc {done}(userData unsafe.Pointer, status C.int32_t{(hasResult ? $", result {_types.C(operation.Result)}" : "")}) {{\n");
        _trampolines.Append($"\terr := operationError(status)\n\ttakeOperation[{type}](userData).complete({value}, err)\n}}\n");
    }

    /// <summary><c>Result[T]</c> and the state of one operation, for a package with async exports.</summary>
    private string AsyncRuntime()
    {
        string cancelled = _types.Code("CANCELLED", 10);
        string timeout = _types.Code("TIMEOUT", 11);
        string invalidOperation = _types.Code("INVALID_OPERATION", 9);
        return $$"""

            // Result is what the channel of an async export's ...Async form delivers, once: the value, or the *Error the
            // operation failed with (Value is then the zero value).
            type Result[T any] struct {
            	Value T
            	Err   error
            }

            // operation is one call of an async export, from its start to its outcome. The completion callback finds it
            // through its user data (C memory holding a cgo.Handle), on the thread the operation ended on: inside the start
            // function (a result ready at once), inside a cancel (a method without a token), or a thread of the library's. Whichever
            // of the start, the callback and a running cancel finishes last frees the operation's handle, once, and then
            // delivers the outcome, once: no cancel is ever handed a freed handle.
            type operation[T any] struct {
            	mu       sync.Mutex
            	op       uintptr // the handle, kept as a number (see the handle types); set when the start function returned
            	started  bool    // the start function returned the handle
            	ended    bool    // the callback came
            	settled  bool    // the handle was freed and the outcome delivered
            	cancels  int     // cancels running, with the handle lent to C
            	deadline bool    // a cancel came from the context's deadline
            	value    T
            	err      error
            	cancel   func(uintptr)
            	free     func(uintptr)
            	deliver  func(T, error)
            	stop     chan struct{} // closed when settled: ends the context's watcher
            }

            // startOperation starts one operation: start converts the arguments and calls the C start function with the
            // callback's user data, returning its handle (0: it did not start, and the callback never comes). The outcome
            // goes to deliver once: at once when the operation did not start, else when it ended. The end of ctx cancels it.
            func startOperation[T any](ctx context.Context, deliver func(T, error), cancel, free func(uintptr), start func(userData unsafe.Pointer) (uintptr, error)) {
            	var zero T
            	if err := ctx.Err(); err != nil {
            		var code int32 = {{cancelled}}
            		if err == context.DeadlineExceeded {
            			code = {{timeout}}
            		}
            		deliver(zero, &Error{Code: code, Message: "not started: " + err.Error()})
            		return
            	}
            	state := &operation[T]{cancel: cancel, free: free, deliver: deliver, stop: make(chan struct{})}
            	// The user data is C memory holding the handle: a handle is a number, which Go must never hold as a pointer.
            	handle := cgo.NewHandle(state)
            	userData := (*C.uintptr_t)(C.malloc(C.size_t(unsafe.Sizeof(C.uintptr_t(0)))))
            	*userData = C.uintptr_t(handle)
            	op, err := startLocked(unsafe.Pointer(userData), start)
            	if op == 0 {
            		C.free(unsafe.Pointer(userData))
            		handle.Delete()
            		deliver(zero, err)
            		return
            	}
            	state.mu.Lock()
            	state.op, state.started = op, true
            	state.mu.Unlock()
            	state.settle()
            	if ctx.Done() != nil {
            		go state.watch(ctx)
            	}
            }

            // startLocked calls start on one thread, from clearing the last error to reading it when nothing started.
            func startLocked(userData unsafe.Pointer, start func(userData unsafe.Pointer) (uintptr, error)) (uintptr, error) {
            	runtime.LockOSThread()
            	defer runtime.UnlockOSThread()
            	C.{{_p}}_clear_last_error()
            	op, err := start(userData)
            	if op == 0 && err == nil {
            		if err = lastError(); err == nil {
            			err = &Error{Code: {{invalidOperation}}, Message: "the library started no operation and recorded no error"}
            		}
            	}
            	return op, err
            }

            // takeOperation is the state behind a completion callback's user data, which it frees with its handle: the
            // callback comes once.
            func takeOperation[T any](userData unsafe.Pointer) *operation[T] {
            	handle := cgo.Handle(*(*C.uintptr_t)(userData))
            	C.free(userData)
            	state := handle.Value().(*operation[T])
            	handle.Delete()
            	return state
            }

            // operationError is the failure an operation ended with (nil for status 0): the callback's thread's last error.
            func operationError(status C.int32_t) error {
            	if status == 0 {
            		return nil
            	}
            	return statusError(status)
            }

            // complete records the outcome the callback brought.
            func (state *operation[T]) complete(value T, err error) {
            	state.mu.Lock()
            	state.value, state.err, state.ended = value, err, true
            	state.mu.Unlock()
            	state.settle()
            }

            // watch cancels the operation when ctx ends first.
            func (state *operation[T]) watch(ctx context.Context) {
            	select {
            	case <-state.stop:
            	case <-ctx.Done():
            		state.mu.Lock()
            		if state.ended {
            			state.mu.Unlock()
            			return
            		}
            		state.cancels++
            		state.deadline = ctx.Err() == context.DeadlineExceeded
            		op := state.op
            		state.mu.Unlock()
            		// The callback may run inside the cancel (a method without a token ends at once): nothing is locked.
            		state.cancel(op)
            		state.mu.Lock()
            		state.cancels--
            		state.mu.Unlock()
            		state.settle()
            	}
            }

            // settle frees the handle and delivers the outcome, once the start returned, the callback came and no cancel
            // runs. A cancel the context's deadline made is reported as {{timeout}} (the time passed first).
            func (state *operation[T]) settle() {
            	state.mu.Lock()
            	if state.settled || !state.started || !state.ended || state.cancels > 0 {
            		state.mu.Unlock()
            		return
            	}
            	state.settled = true
            	op, value, err := state.op, state.value, state.err
            	if failure, ok := err.(*Error); ok && state.deadline && failure.Code == {{cancelled}} {
            		err = &Error{Code: {{timeout}}, Message: failure.Message + " (the context's deadline passed)"}
            	}
            	state.mu.Unlock()
            	state.free(op)
            	close(state.stop)
            	state.deliver(value, err)
            }

            """;
    }
}
