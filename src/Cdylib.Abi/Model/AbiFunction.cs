namespace Cdylib.Abi.Model;

/// <summary>Who declared an exported function.</summary>
public enum AbiFunctionOrigin
{
    /// <summary>The library's author, with <c>[CExport]</c>.</summary>
    Declared,

    /// <summary>Generated for every library (last error, …); named with the library's prefix.</summary>
    Helper,
}

/// <summary>
/// What a generated helper function is for, so bindings and checks find them by role, never by name.
/// <see cref="None"/> for the author's own functions.
/// </summary>
public enum AbiHelperRole
{
    None,

    /// <summary><c>PREFIX_init</c>: starts the runtime.</summary>
    Init,

    /// <summary><c>PREFIX_last_error_code</c>.</summary>
    LastErrorCode,

    /// <summary><c>PREFIX_last_error_message</c>.</summary>
    LastErrorMessage,

    /// <summary><c>PREFIX_clear_last_error</c>.</summary>
    ClearLastError,

    /// <summary><c>PREFIX_free_string</c>: frees a string the library returned.</summary>
    FreeString,

    /// <summary><c>PREFIX_free_buffer</c>: frees an array the library returned.</summary>
    FreeBuffer,

    /// <summary><c>PREFIX_TYPE_free</c>: ends a handle (its handle type's <see cref="AbiHandle.FreeFunction"/>).</summary>
    HandleFree,

    /// <summary><c>PREFIX_live_allocations</c>.</summary>
    LiveAllocations,

    /// <summary><c>PREFIX_live_handles</c>.</summary>
    LiveHandles,

    /// <summary><c>PREFIX_abi_version</c>.</summary>
    AbiVersion,

    /// <summary><c>PREFIX_api_hash</c>.</summary>
    ApiHash,

    /// <summary><c>NAME_op_wait</c> of an async export: blocks until its operation ended, in the status form.</summary>
    OperationWait,

    /// <summary><c>NAME_op_cancel</c> of an async export: asks its operation to stop.</summary>
    OperationCancel,

    /// <summary><c>NAME_iter_next</c> of an iterator export: the next item, or false at the end or on failure.</summary>
    IteratorNext,

    /// <summary><c>PREFIX_set_callback_error</c>: what a caller's implementation of a <c>[CExport]</c> interface reports before it fails; only in libraries with such interfaces.</summary>
    SetCallbackError,
}

/// <summary>The calling convention of a function, as Rust names them.</summary>
public enum AbiCallingConvention
{
    /// <summary>The C convention (<c>extern "C"</c>, <c>__cdecl</c>).</summary>
    C,

    /// <summary>The platform's system convention (<c>extern "system"</c>): stdcall on 32-bit x86 Windows, C elsewhere.</summary>
    System,

    /// <summary>stdcall on 32-bit x86 Windows; the platform's only convention elsewhere.</summary>
    Stdcall,
}

/// <summary>One exported C function.</summary>
/// <param name="Name">The exported symbol, verbatim.</param>
/// <param name="ManagedName">The C# method it calls, for documentation and diagnostics (<c>Api.HelloWorld</c>).</param>
/// <param name="ReturnsStatus">The status form: the C function returns an <c>int32_t</c> error code (0 on success) and the result goes through <c>out_result</c>.</param>
public sealed record AbiFunction(
    string Name,
    AbiCallingConvention CallingConvention,
    AbiType ReturnType,
    EquatableArray<AbiParameter> Parameters,
    AbiFunctionOrigin Origin,
    string ManagedName,
    AbiDoc Doc,
    bool ReturnsStatus = false)
{
    /// <summary>For a <see cref="AbiFunctionOrigin.Helper"/>: what it is for.</summary>
    public AbiHelperRole Role { get; init; }

    /// <summary>
    /// For an async export: the operation its start function returns (its last two parameters are
    /// the completion callback and its <c>user_data</c>); null for every other function.
    /// </summary>
    public AbiOperation? Operation { get; init; }

    /// <summary>For an iterator export (a C# method returning <c>IEnumerable&lt;T&gt;</c>): the iterator its function returns; null for every other function.</summary>
    public AbiIterator? Iterator { get; init; }
}

/// <summary>
/// The iterator an export returns: C takes the items one at a time with <see cref="Next"/>, then
/// frees it with <see cref="Free"/>.
/// </summary>
/// <param name="Handle">The iterator handle type (<c>NAME_iter</c>), one of the library's handle types.</param>
/// <param name="Item">An item's C type, as <see cref="Next"/>'s <c>out_item</c> carries it (owned as a return value is).</param>
/// <param name="Next"><c>bool NAME_iter_next(it, ITEM* out_item)</c>: true with the next item; false at the end (the last error cleared) or on failure (the last error set).</param>
/// <param name="Free"><c>NAME_iter_free(it)</c>: ends the iteration (disposes the C# enumerator).</param>
public sealed record AbiIterator(string Handle, AbiType Item, string Next, string Free);

/// <summary>
/// The operation an async export starts: C gets a handle to it, and the result arrives once,
/// through the completion callback <c>void (*)(void* user_data, int32_t status, RESULT result)</c>
/// or from <see cref="Wait"/>.
/// </summary>
/// <param name="Handle">The operation handle type (<c>NAME_op</c>), one of the library's handle types.</param>
/// <param name="Result">The result's C type as the callback and <see cref="Wait"/>'s <c>out_result</c> carry it; void for a <c>Task</c>.</param>
/// <param name="Wait"><c>NAME_op_wait(op, timeout_ms[, out_result])</c>: blocks until it ended; its status.</param>
/// <param name="Cancel"><c>NAME_op_cancel(op)</c>: asks it to stop.</param>
/// <param name="Free"><c>NAME_op_free(op)</c>: lets go of the handle (the operation runs on, the callback still comes).</param>
/// <param name="Cancellable">The C# method takes a <c>CancellationToken</c>: cancelling sets it, and the method decides how it ends.</param>
public sealed record AbiOperation(string Handle, AbiType Result, string Wait, string Cancel, string Free, bool Cancellable);

/// <summary>One parameter of an exported function.</summary>
public sealed record AbiParameter(string Name, AbiType Type, string? Doc);

/// <summary>Documentation carried from the C# XML doc comments to the header and bindings.</summary>
public sealed record AbiDoc(string? Summary, string? Returns, string? Remarks)
{
    public static AbiDoc None { get; } = new(null, null, null);

    public bool IsEmpty => Summary is null && Returns is null && Remarks is null;
}
