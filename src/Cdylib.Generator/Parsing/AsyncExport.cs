using System.Collections.Generic;
using System.Linq;
using Cdylib.Abi.Model;
using Cdylib.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// An async export: a <c>[CExport]</c> method returning <c>Task</c>, <c>Task&lt;T&gt;</c>,
/// <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>, optionally taking a <c>CancellationToken</c> last.
/// C calls <c>NAME(args…, done, user_data)</c> and gets an operation handle; the result arrives once
/// through <c>done(user_data, status, result)</c>, or from <c>NAME_op_wait</c>; <c>NAME_op_cancel</c>
/// cancels and <c>NAME_op_free</c> lets go of the handle.
/// </summary>
/// <param name="Result">The awaited type, or null for <c>Task</c> and <c>ValueTask</c>.</param>
/// <param name="TakesToken">The last parameter is a <c>CancellationToken</c>: C does not pass it, the operation does.</param>
internal sealed record AsyncExport(ITypeSymbol? Result, bool IsValueTask, bool TakesToken)
{
    /// <summary>The C names the start function's last two parameters ask for (suffixed when the method's own parameters use them).</summary>
    public const string CallbackName = "done";
    public const string UserDataName = "user_data";

    /// <summary>The method's async shape, or null when it returns anything else.</summary>
    public static AsyncExport? Of(IMethodSymbol method)
    {
        if (method.ReturnType is not INamedTypeSymbol { ContainingNamespace: { } ns } returned || ns.ToDisplayString() != "System.Threading.Tasks")
        {
            return null;
        }
        bool isValueTask = returned.Name == "ValueTask";
        if (!isValueTask && returned.Name != "Task")
        {
            return null;
        }
        ITypeSymbol? result = returned.TypeArguments.Length == 1 ? returned.TypeArguments[0] : null;
        IParameterSymbol? last = method.Parameters.LastOrDefault();
        return new AsyncExport(result, isValueTask, last is { RefKind: RefKind.None } && IsCancellationToken(last.Type));
    }

    public static bool IsCancellationToken(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "CancellationToken", ContainingNamespace: { } ns } && ns.ToDisplayString() == "System.Threading";

    /// <summary>Whether <paramref name="parameter"/> is the token the operation supplies (so C does not see it).</summary>
    public bool Supplies(IParameterSymbol parameter) =>
        TakesToken && SymbolEqualityComparer.Default.Equals(parameter, parameter.ContainingSymbol is IMethodSymbol method ? method.Parameters.Last() : null);

    /// <summary>Why the awaited result cannot arrive through the callback, or null when it can.</summary>
    public static string? WhyNotResult(ValueMarshalling result) => result.Kind switch
    {
        MarshalKind.ArrayOut => "an async export's result arrives as one value through its completion callback, and an array needs a length too; "
            + "return a [CExport] class holding the array (with Count and Get(int index) methods), or a string",
        _ => null,
    };

    /// <summary>
    /// The export's start function and its shim. <paramref name="parameters"/> are the method's C
    /// parameters (the token left out), then the callback and its user data, with the names
    /// <see cref="CNames.Parameters"/> gave them.
    /// </summary>
    public (AbiFunction Start, ShimMethod Shim) Start(
        string name, AbiCallingConvention convention, string managedName, string target, AbiDoc doc,
        ValueMarshalling? result, IReadOnlyList<(string CName, ValueMarshalling Marshalling, string? Doc)> parameters)
    {
        string handleName = name + "_op";
        var operation = new AbiOperation(handleName, result?.Abi ?? AbiType.Void, handleName + "_wait", handleName + "_cancel", handleName + "_free", TakesToken);
        var start = new AbiFunction(
            name, convention, new HandleRef(handleName),
            parameters.Select(p => new AbiParameter(p.CName, p.Marshalling.Abi, p.Doc)).ToEquatableArray(),
            AbiFunctionOrigin.Declared, managedName, doc)
        {
            Operation = operation,
        };
        var shim = new ShimMethod(
            name, convention, target, null,
            parameters.Take(parameters.Count - 2).Select(p => new ShimParameter(p.CName, p.Marshalling)).ToEquatableArray(),
            CatchesExceptions: true)
        {
            Operation = new OperationShim(OperationShimKind.Start, "Operation_" + name, result, TakesToken, IsValueTask,
                parameters[parameters.Count - 2].CName, parameters[parameters.Count - 1].CName),
        };
        return (start, shim);
    }

    /// <summary>The operation handle type of an async export's <paramref name="start"/> function, and its wait, cancel and free functions with their shims.</summary>
    public static CompanionSet Companions(AbiFunction start, OperationShim startShim, string prefix)
    {
        AbiOperation operation = start.Operation!;
        string name = start.Name;
        string upper = prefix.ToUpperInvariant();
        ValueMarshalling? result = startShim.Result;
        var handle = new HandleRef(operation.Handle);
        var opParameter = new AbiParameter("op", handle, $"The operation {name} returned.");
        var opShimParameter = new ShimParameter("op", new ValueMarshalling(handle, "void*", "void*", MarshalDirection.Untouched));

        var wait = new AbiFunction(
            operation.Wait, AbiCallingConvention.C, operation.Result,
            new[] { opParameter, new AbiParameter("timeout_ms", AbiType.Int32, "How long to wait, in milliseconds; a negative value waits until it ends.") }.ToEquatableArray(),
            AbiFunctionOrigin.Helper, start.ManagedName,
            new AbiDoc(
                $"Waits until the operation of {name} ended, or timeout_ms passed.",
                $"0 when it succeeded ({(result is null ? "" : "its result in *out_result when no callback took it; ")}out_result may be NULL), its error code when it failed ({upper}_ERROR_CANCELLED when cancelled), or {upper}_ERROR_TIMEOUT while it still runs; a failure is also the calling thread's last error.",
                "Safe from any thread and as often as you like, also inside the completion callback (where it returns the status at once)."),
            ReturnsStatus: true)
        {
            Role = AbiHelperRole.OperationWait,
        };
        var waitShim = new ShimMethod(operation.Wait, AbiCallingConvention.C, "", result,
            new[] { opShimParameter, new ShimParameter("timeout_ms", new ValueMarshalling(AbiType.Int32, "int", "int", MarshalDirection.Untouched)) }.ToEquatableArray(),
            CatchesExceptions: true, ReturnsStatus: true)
        {
            Operation = startShim with { Kind = OperationShimKind.Wait },
        };

        var cancel = new AbiFunction(
            operation.Cancel, AbiCallingConvention.C, AbiType.Void, new[] { opParameter }.ToEquatableArray(), AbiFunctionOrigin.Helper, start.ManagedName,
            new AbiDoc(
                $"Asks the operation of {name} to stop; nothing happens once it has ended.",
                null,
                operation.Cancellable
                    ? "It sets the method's CancellationToken, and the method decides how the operation ends (it may still succeed); the callback comes once either way, possibly inside this call."
                    : $"The method takes no CancellationToken, so the operation ends now with {upper}_ERROR_CANCELLED (the callback runs inside this call) and its result, when it comes, is dropped."))
        {
            Role = AbiHelperRole.OperationCancel,
        };
        var cancelShim = new ShimMethod(operation.Cancel, AbiCallingConvention.C, "", null, new[] { opShimParameter }.ToEquatableArray(), CatchesExceptions: true)
        {
            Operation = startShim with { Kind = OperationShimKind.Cancel },
        };

        (AbiFunction free, ShimMethod freeShim, AbiHandle abiHandle) = HandleTypeParser.Generated(
            startShim.Class, operation.Handle, $"{start.ManagedName} operation", $"One call of {name}, which ends once: it calls its callback, or {operation.Wait} hands out its result.",
            operation.Free, prefix,
            $"Lets go of an operation handle of {name}; NULL is ignored.",
            "The operation is not cancelled: it runs on, and the completion callback still comes.");
        var functions = new[] { new CompanionFunction(wait, waitShim), new CompanionFunction(cancel, cancelShim), new CompanionFunction(free, freeShim) };
        return new CompanionSet(abiHandle, functions.ToEquatableArray());
    }

    /// <summary>The C type of the completion callback: <c>void (*)(void* user_data, int32_t status[, RESULT result])</c>.</summary>
    public static FunctionPointerType CallbackType(ValueMarshalling? result) =>
        new(AbiType.Void, (result is null ? new AbiType[] { AbiType.VoidPointer, AbiType.Int32 } : new AbiType[] { AbiType.VoidPointer, AbiType.Int32, result.Abi }).ToEquatableArray());

    /// <summary>The C# type of the completion callback in the shim.</summary>
    public static string CallbackShimType(ValueMarshalling? result) =>
        $"delegate* unmanaged[Cdecl]<void*, int, {(result is null ? "" : result.ShimType + ", ")}void>";
}
