using Cdylib.Abi.Model;

namespace Cdylib.Generator.Model;

/// <summary>A parameter of a shim: its C name (the shim uses it too, escaped for C#) and how it is marshalled.</summary>
internal sealed record ShimParameter(string Name, ValueMarshalling Marshalling);

/// <summary>
/// One generated <c>[UnmanagedCallersOnly]</c> entry point: everything the shim emitter needs,
/// as plain equatable values.
/// </summary>
/// <param name="EntryPoint">The exported symbol.</param>
/// <param name="Target">The fully qualified method the shim calls (<c>global::Api.HelloWorld</c>).</param>
/// <param name="Return">How the result comes back, or <see langword="null"/> for <c>void</c>.</param>
/// <param name="CatchesExceptions">False only for generated helpers that cannot throw.</param>
/// <param name="ReturnsStatus">The status form: the shim returns the error code and stores the result in <c>out_result</c>.</param>
/// <param name="HasReceiver">An instance method: the first parameter is the handle of the object whose method <see cref="Target"/> names.</param>
/// <param name="TransitionFree">
/// <c>[SuppressGCTransition]</c>: exported through <c>System.Runtime.RuntimeExportAttribute</c>, which ILC
/// compiles with no GC transition; the parameters are plain values, so the entry point only calls the method.
/// </param>
internal sealed record ShimMethod(
    string EntryPoint,
    AbiCallingConvention CallingConvention,
    string Target,
    ValueMarshalling? Return,
    EquatableArray<ShimParameter> Parameters,
    bool CatchesExceptions,
    bool ReturnsStatus = false,
    bool HasReceiver = false,
    bool TransitionFree = false)
{
    /// <summary>For an async export's start, wait and cancel functions: what the operation emitter needs; null otherwise.</summary>
    public OperationShim? Operation { get; init; }

    /// <summary>For an iterator export and its next function: what the iterator emitter needs; null otherwise.</summary>
    public IteratorShim? Iterator { get; init; }
}

/// <summary>
/// An iterator export's shim (<see cref="IsNext"/> false) or its next function's: the generated
/// iterator class (<c>CExports.Iterator_NAME</c>, a <c>Cdylib.Runtime.SequenceIterator&lt;T&gt;</c>)
/// and how an item converts to C.
/// </summary>
internal sealed record IteratorShim(bool IsNext, string Class, ValueMarshalling Item);

/// <summary>Which of an async export's functions a shim is.</summary>
internal enum OperationShimKind
{
    /// <summary>The export itself: converts the arguments, calls the method, returns the operation's handle.</summary>
    Start,

    /// <summary><c>NAME_op_wait</c>, in the status form.</summary>
    Wait,

    /// <summary><c>NAME_op_cancel</c>.</summary>
    Cancel,
}

/// <summary>
/// An async export's shim: the generated operation class (<c>CExports.Operation_NAME</c>, a
/// <c>Cdylib.Runtime.AsyncOperation</c>) and how its result converts.
/// </summary>
/// <param name="Class">The operation class's name inside <c>CExports</c>.</param>
/// <param name="Result">How the awaited result converts to C, or null for <c>Task</c> and <c>ValueTask</c>.</param>
/// <param name="TakesToken">The method's last parameter is a <c>CancellationToken</c>, given the operation's token.</param>
/// <param name="IsValueTask">The method returns a <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>, followed as a <c>Task</c>.</param>
/// <param name="Callback">The C names of the start function's completion callback and its user data.</param>
internal sealed record OperationShim(OperationShimKind Kind, string Class, ValueMarshalling? Result, bool TakesToken, bool IsValueTask, string Callback, string UserData);
