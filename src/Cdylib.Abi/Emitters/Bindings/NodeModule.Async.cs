using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Lowering;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The Node module's async exports (docs/abi.md, "Async exports"): each is a function that starts the
/// operation and returns a Promise of its result, converted as the synchronous form converts it, with an
/// optional <c>{ signal }</c> (an <c>AbortSignal</c>) whose abort rejects the Promise with the signal's
/// reason and cancels the operation. The operation's handle, its class and its wait, cancel and free
/// functions are the module's own (<see cref="NodeRuntime.Async"/> drives them): nothing of them is public.
/// </summary>
public static partial class NodeModule
{
    /// <summary>The handle types of the library's operations: no class of the module stands for them.</summary>
    private static HashSet<string> OperationHandles(AbiLibrary library) =>
        new(library.Functions.Select(function => function.Operation?.Handle).OfType<string>());

    /// <summary>The library as the module shows it: without the operations' handle types.</summary>
    private static AbiLibrary WithoutOperationHandles(AbiLibrary library)
    {
        HashSet<string> operations = OperationHandles(library);
        return library with { Handles = library.Handles.Where(handle => !operations.Contains(handle.Name)).ToEquatableArray() };
    }

    /// <summary>An operation's free function, which the module calls itself once the operation's callback came.</summary>
    private static bool IsOperationFree(AbiFunction function, AbiLibrary library) =>
        function.Role == AbiHelperRole.HandleFree && library.Functions.Any(start => start.Operation?.Free == function.Name);

    /// <summary>The name of the options parameter of an async function: <c>options</c>, unless a parameter has it.</summary>
    private static string OptionsParameter(CallPlan plan)
    {
        var taken = new HashSet<string>(plan.Parameters.Select(parameter => Identifier(parameter.Name)));
        string name = "options";
        while (taken.Contains(name))
        {
            name += "_";
        }
        return name;
    }

    /// <summary>The parameters the caller gives an async export: its own, without the completion callback and its user_data.</summary>
    private static IEnumerable<PlannedParameter> AsyncInputs(CallPlan plan) =>
        plan.Inputs.Where(parameter => parameter.Index < plan.Parameters.Count - 2);

    /// <summary>An async export: its completion callback's type, its operation's functions, and the function that returns a Promise.</summary>
    private static void AppendAsync(StringBuilder js, CallPlan plan, AbiOperation operation, AbiLibrary library, NodeTypes types)
    {
        AbiFunction function = plan.Function;
        var declared = plan.Parameters.Take(plan.Parameters.Count - 2).ToList();
        var done = (FunctionPointerType)function.Parameters[function.Parameters.Count - 2].Type;
        var (signature, before, after, _, arguments, protos) = Lower(plan, declared, types);
        string proto = $"_p_{function.Name}_done";
        string kind = $"_o_{function.Name}";
        string options = OptionsParameter(plan);

        foreach (string line in protos)
        {
            js.Append(line).Append('\n');
        }
        js.Append($"const {proto} = koffi.proto({NodeTypes.Convention(done.Convention)}{ProtoName(function.Name + "_done")}, 'void', [{string.Join(", ", done.Parameters.Select(types.Koffi))}]);\n");
        var koffiTypes = plan.CParameters.Take(plan.CParameters.Count - 2).Select(c => types.KoffiParameter(c, function.Name))
            .Append($"koffi.pointer({proto})").Append("'void *'");
        js.Append($"const _c_{function.Name} = _func({NodeTypes.FunctionConvention(function.CallingConvention)}, '{function.Name}', 'void *', [{string.Join(", ", koffiTypes)}]);\n");

        // The wait function only gives a failure's message again, on the main thread: its result is zero when a callback took it.
        CallPlan wait = CallPlan.For(library.Functions.First(candidate => candidate.Name == operation.Wait), library);
        string waitArguments = string.Join(", ", wait.CParameters.Skip(1).Select(c => c.Role == CParameterRole.OutResult ? NodeTypes.EmptyHolder(wait.Result!.Type) : "-1").Prepend("op"));
        string Declare(string name, string result, IEnumerable<string> parameters) => $"_func(null, '{name}', {result}, [{string.Join(", ", parameters)}])";
        string convert = operation.Result.IsVoid ? "null" : $"(result) => {types.FromC("result", operation.Result)}";
        js.Append($"const {kind} = _operationKind({proto}, {convert}, {(operation.Result is HandleRef ? "_close" : "null")},\n");
        js.Append($"    ((wait) => (op) => wait({waitArguments}))({Declare(wait.Function.Name, types.KoffiResult(wait.CReturn), wait.CParameters.Select(c => types.KoffiParameter(c, wait.Function.Name)))}),\n");
        js.Append($"    {Declare(operation.Cancel, "'void'", new[] { "'void *'" })},\n");
        js.Append($"    {Declare(operation.Free, "'void'", new[] { "'void *'" })});\n\n");

        js.Append($"/** {Doc(function.Doc.Summary) ?? function.ManagedName} A Promise; {options}.signal (an AbortSignal) cancels the operation. */\n");
        js.Append($"async function {Identifier(function.Name)}({string.Join(", ", signature.Append(options))}) {{\n");
        if (BindingShapes.PackedByValue(function, library) is { } packed)
        {
            js.Append($"    throw new Error({StringLiteral.Of($"{function.Name} passes the packed struct {packed.Name} by value, which koffi cannot do. Call it from C, Rust or .NET.")});\n}}\n\n");
            return;
        }
        if (after.Count > 0)
        {
            // A JS function lent for the start call only would be gone when the operation calls it later.
            js.Append($"    throw new Error({StringLiteral.Of($"{function.Name} takes a callback, which the operation may call after the start call: the Node binding cannot lend a JavaScript function that long. Call it from C, Rust or .NET.")});\n}}\n\n");
            return;
        }
        js.Append($"    const $signal = _signalOf({options});\n");
        foreach (string line in before)
        {
            js.Append($"    {line}\n");
        }
        var startArguments = plan.CParameters.Take(plan.CParameters.Count - 2).Select(c => arguments[c]).Append("done").Append("key");
        js.Append($"    return _operation({kind}, $signal, (done, key) => _c_{function.Name}({string.Join(", ", startArguments)}));\n");
        js.Append("}\n\n");
    }

    /// <summary>What an async export's Promise brings, in TypeScript.</summary>
    private static string AsyncReturns(AbiOperation operation, NodeTypes types) =>
        $"Promise<{(operation.Result.IsVoid ? "void" : types.TypeScript(operation.Result, input: false))}>";
}
