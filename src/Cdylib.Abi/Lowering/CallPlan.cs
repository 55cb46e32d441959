using System;
using System.Collections.Generic;
using System.Linq;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Lowering;

/// <summary>How a declared parameter's value moves between the binding's caller and the C function.</summary>
public enum Flow
{
    /// <summary>The caller gives it (a value, a string, a read-only span, an <c>in</c> reference, a callback).</summary>
    In,

    /// <summary>The caller gets it back (an <c>out</c> reference): not a parameter of the binding's function.</summary>
    Out,

    /// <summary>The caller gives it and gets it back changed (a <c>ref</c> reference, a writable span).</summary>
    InOut,

    /// <summary>The <c>void* user_data</c> of the callback before it: the binding passes its own closure state.</summary>
    UserData,
}

/// <summary>Where a function's result comes from.</summary>
public enum ResultCarrier
{
    /// <summary>The C function's return value.</summary>
    Return,

    /// <summary>The status form's <c>out_result</c> pointer.</summary>
    OutResult,
}

/// <summary>How a binding learns that a call failed.</summary>
public enum ErrorCheck
{
    /// <summary>Clear the thread's last error before the call, read its code after it.</summary>
    LastError,

    /// <summary>The status form: a non-zero <c>int32_t</c> result is the error code (the message is the thread's last error).</summary>
    Status,
}

/// <summary>One declared parameter, as the binding's caller sees it.</summary>
/// <param name="Index">Its position among the declared parameters.</param>
/// <param name="UserData">For a callback a closure can stand for: the index of its <c>void* user_data</c> parameter.</param>
/// <param name="Callback">For a <see cref="Flow.UserData"/> parameter: the index of its callback.</param>
/// <param name="Free">The helper that frees what the library writes into an <c>out</c> reference (a string), or null.</param>
public sealed record PlannedParameter(int Index, AbiParameter Declared, Flow Flow, int? UserData, int? Callback, AbiFunction? Free)
{
    public string Name => Declared.Name;

    public AbiType Type => Declared.Type;

    /// <summary>The C function pointer of a callback a closure stands for, or null.</summary>
    public FunctionPointerType? Closure => UserData is null ? null : (FunctionPointerType)Declared.Type;
}

/// <summary>A function's result, as the binding's caller gets it.</summary>
/// <param name="Type">The declared result type.</param>
/// <param name="Free">The helper that frees it once the binding copied it (a string, an array), or null.</param>
/// <param name="Owner">For a handle result: the handle type whose free function ends it (the binding's object owns it).</param>
public sealed record PlannedResult(AbiType Type, ResultCarrier Carrier, AbiFunction? Free, AbiHandle? Owner)
{
    /// <summary>An array's length comes back through <c>out_len</c>.</summary>
    public bool HasLength => Type is OwnedArrayType;
}

/// <summary>
/// The language-neutral lowering of one function, computed once: the C parameters it expands to (span
/// lengths, <c>out_len</c>, <c>out_result</c>), what the binding's caller gives and gets back, what must be
/// freed and by which helper, and how errors are checked. A binding is then a mapping of
/// <see cref="AbiType"/>s to its own type names and a writer of this plan (see docs/bindings.md, "Adding a language").
/// </summary>
public sealed record CallPlan(
    AbiFunction Function,
    AbiType CReturn,
    IReadOnlyList<CParameter> CParameters,
    IReadOnlyList<PlannedParameter> Parameters,
    PlannedResult? Result,
    ErrorCheck ErrorCheck,
    BindingHelpers Helpers)
{
    /// <summary>What the binding's caller gives, in order (user data and <c>out</c> references left out).</summary>
    public IEnumerable<PlannedParameter> Inputs => Parameters.Where(parameter => parameter.Flow is Flow.In or Flow.InOut);

    /// <summary>What the caller gets back besides the result, in order: <c>out</c> and <c>ref</c> references, writable spans.</summary>
    public IEnumerable<PlannedParameter> Outputs => Parameters.Where(parameter => parameter.Flow is Flow.Out or Flow.InOut);

    /// <summary>The callbacks closures stand for (each with its user data).</summary>
    public IEnumerable<PlannedParameter> Closures => Parameters.Where(parameter => parameter.UserData is not null);

    /// <summary>The C parameters of one declared parameter (a span's pointer and length; one for any other).</summary>
    public IEnumerable<CParameter> CParametersOf(int declared) => CParameters.Where(parameter => parameter.Declared == declared);

    /// <summary>Every function's plan, in export order.</summary>
    public static IReadOnlyList<CallPlan> All(AbiLibrary library)
    {
        BindingHelpers helpers = BindingHelpers.Of(library);
        return library.Functions.Select(function => For(function, library, helpers)).ToList();
    }

    public static CallPlan For(AbiFunction function, AbiLibrary library) => For(function, library, BindingHelpers.Of(library));

    private static CallPlan For(AbiFunction function, AbiLibrary library, BindingHelpers helpers)
    {
        IReadOnlyDictionary<int, int> closures = ClosuresOf(function);
        var callbacks = closures.ToDictionary(pair => pair.Value, pair => pair.Key);
        var parameters = new List<PlannedParameter>();
        for (int i = 0; i < function.Parameters.Count; i++)
        {
            AbiParameter parameter = function.Parameters[i];
            Flow flow = callbacks.ContainsKey(i) ? Flow.UserData : parameter.Type switch
            {
                ReferenceType { Kind: ReferenceKind.Out } => Flow.Out,
                ReferenceType { Kind: ReferenceKind.Ref } => Flow.InOut,
                SpanType { Writable: true } => Flow.InOut,
                _ => Flow.In,
            };
            AbiFunction? free = parameter.Type is ReferenceType { Target: var target } ? helpers.FreeOf(target) : null;
            parameters.Add(new PlannedParameter(i, parameter, flow,
                closures.TryGetValue(i, out int userData) ? userData : null,
                callbacks.TryGetValue(i, out int callback) ? callback : null,
                free));
        }
        AbiType returns = function.ReturnType;
        PlannedResult? result = returns.IsVoid
            ? null
            : new PlannedResult(returns, function.ReturnsStatus ? ResultCarrier.OutResult : ResultCarrier.Return, helpers.FreeOf(returns),
                returns is HandleRef handle ? library.Handles.FirstOrDefault(candidate => candidate.Name == handle.Name) : null);
        return new CallPlan(function, CSignature.ReturnType(function), CSignature.Parameters(function), parameters, result,
            function.ReturnsStatus ? ErrorCheck.Status : ErrorCheck.LastError, helpers);
    }

    /// <summary>
    /// The callback parameters of <paramref name="function"/> that a closure can stand for, with the
    /// index of the <c>void* user_data</c> parameter that goes with each: a function pointer whose
    /// last parameter is <c>void*</c>, followed at once by a plain <c>void*</c> parameter (C's usual
    /// <c>(callback, user_data)</c> pair). The binding passes its own state through that pointer.
    /// </summary>
    public static IReadOnlyDictionary<int, int> ClosuresOf(AbiFunction function)
    {
        var pairs = new Dictionary<int, int>();
        for (int i = 0; i + 1 < function.Parameters.Count; i++)
        {
            if (function.Parameters[i].Type is FunctionPointerType { Parameters: { Count: > 0 } callbackParameters }
                && callbackParameters[callbackParameters.Count - 1] == AbiType.VoidPointer
                && function.Parameters[i + 1].Type == AbiType.VoidPointer)
            {
                pairs[i] = i + 1;
                i++;
            }
        }
        return pairs;
    }
}

/// <summary>The helper functions every binding calls itself, found by their <see cref="AbiHelperRole"/>.</summary>
public sealed record BindingHelpers(
    AbiFunction LastErrorCode,
    AbiFunction LastErrorMessage,
    AbiFunction ClearLastError,
    AbiFunction FreeString,
    AbiFunction FreeBuffer)
{
    /// <summary>The helpers of <paramref name="library"/>; a library without one (a hand-made model) gets one named as the generator names it.</summary>
    public static BindingHelpers Of(AbiLibrary library)
    {
        AbiFunction Find(AbiHelperRole role, string suffix) =>
            library.Functions.FirstOrDefault(function => function.Role == role)
            ?? new AbiFunction($"{library.Prefix}_{suffix}", AbiCallingConvention.C, AbiType.Void, EquatableArray<AbiParameter>.Empty, AbiFunctionOrigin.Helper, suffix, AbiDoc.None) { Role = role };
        return new BindingHelpers(
            Find(AbiHelperRole.LastErrorCode, "last_error_code"),
            Find(AbiHelperRole.LastErrorMessage, "last_error_message"),
            Find(AbiHelperRole.ClearLastError, "clear_last_error"),
            Find(AbiHelperRole.FreeString, "free_string"),
            Find(AbiHelperRole.FreeBuffer, "free_buffer"));
    }

    /// <summary>The helper that frees a value of <paramref name="type"/> the library hands over, or null when it owns nothing.</summary>
    public AbiFunction? FreeOf(AbiType type) => type switch
    {
        StringType { Ownership: Ownership.Owned } => FreeString,
        OwnedArrayType => FreeBuffer,
        _ => null,
    };

    /// <summary>
    /// Helpers a binding calls itself rather than exposing: the last-error functions, the free
    /// functions (the binding frees what it copies), each handle type's free (its close/Dispose/Drop)
    /// an async export's wait and cancel (its awaitable's blocking form and cancellation), and the
    /// function a caller-implemented interface's member calls when it fails (the binding calls it when
    /// the user's implementation throws).
    /// </summary>
    public static bool IsUsedInternally(AbiFunction function) =>
        function.Role is AbiHelperRole.LastErrorCode or AbiHelperRole.LastErrorMessage or AbiHelperRole.ClearLastError
            or AbiHelperRole.FreeString or AbiHelperRole.FreeBuffer or AbiHelperRole.HandleFree
            or AbiHelperRole.OperationWait or AbiHelperRole.OperationCancel or AbiHelperRole.SetCallbackError;
}
