using System.ComponentModel;

namespace Cdylib;

/// <summary>
/// The codes a library's <c>NAME_last_error_code()</c> returns. The generated header carries each
/// one as <c>NAME_ERROR_*</c>, derived from this enum, so C and C# never disagree. Libraries may
/// use their own codes from <see cref="FirstUserCode"/> on through <see cref="CExportException"/>.
/// Each code's <see cref="DescriptionAttribute"/> is its comment in the header.
/// </summary>
public enum ErrorCode
{
    /// <summary>No error was recorded on this thread.</summary>
    [Description("No error was recorded on this thread.")]
    None = 0,

    /// <summary>The exported method threw an exception of a kind not listed below.</summary>
    [Description("The function threw an exception of no more specific kind.")]
    Exception = 1,

    /// <summary>An argument was invalid (<see cref="System.ArgumentException"/>).</summary>
    [Description("An argument was invalid.")]
    InvalidArgument = 2,

    /// <summary>A required pointer or handle argument was NULL (<see cref="System.ArgumentNullException"/>).</summary>
    [Description("A required pointer or handle argument was NULL.")]
    NullArgument = 3,

    /// <summary>A string argument was not valid UTF-8.</summary>
    [Description("A string argument was not valid UTF-8.")]
    InvalidUtf8 = 4,

    /// <summary>A handle was freed, stale or forged.</summary>
    [Description("A handle was freed, stale or forged.")]
    InvalidHandle = 5,

    /// <summary>The library ran out of memory (<see cref="System.OutOfMemoryException"/>).</summary>
    [Description("The library ran out of memory.")]
    OutOfMemory = 6,

    /// <summary>An arithmetic or length overflow (<see cref="System.OverflowException"/>).</summary>
    [Description("An arithmetic or length overflow.")]
    Overflow = 7,

    /// <summary>The operation is not supported (<see cref="System.NotSupportedException"/>, <see cref="System.NotImplementedException"/>).</summary>
    [Description("The operation is not supported.")]
    NotSupported = 8,

    /// <summary>The object was in the wrong state for the call (<see cref="System.InvalidOperationException"/>, <see cref="System.ObjectDisposedException"/>; a returned object the handle table has disposed).</summary>
    [Description("The call is not valid in the current state.")]
    InvalidOperation = 9,

    /// <summary>An operation of an async export was cancelled (<see cref="System.OperationCanceledException"/>, <c>NAME_op_cancel</c>).</summary>
    [Description("The operation was cancelled.")]
    Cancelled = 10,

    /// <summary><c>NAME_op_wait</c> gave up before the operation ended (<see cref="System.TimeoutException"/>).</summary>
    [Description("The wait ended before the operation did.")]
    Timeout = 11,

    /// <summary>The first code a library may define for itself.</summary>
    [Description("The first code a library may define for itself.")]
    FirstUserCode = 1000,
}
