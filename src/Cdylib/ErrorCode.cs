namespace Cdylib;

/// <summary>
/// The codes a library's <c>NAME_last_error_code()</c> returns. The generated header carries each
/// one as <c>NAME_ERROR_*</c>, derived from this enum, so C and C# never disagree. Libraries may
/// use their own codes from <see cref="FirstUserCode"/> on through <see cref="CExportException"/>.
/// </summary>
public enum ErrorCode
{
    /// <summary>No error was recorded on this thread.</summary>
    None = 0,

    /// <summary>The exported method threw an exception of a kind not listed below.</summary>
    Exception = 1,

    /// <summary>An argument was invalid (<see cref="System.ArgumentException"/>).</summary>
    InvalidArgument = 2,

    /// <summary>A required pointer or handle argument was NULL (<see cref="System.ArgumentNullException"/>).</summary>
    NullArgument = 3,

    /// <summary>A string argument was not valid UTF-8.</summary>
    InvalidUtf8 = 4,

    /// <summary>A handle was freed, stale or forged.</summary>
    InvalidHandle = 5,

    /// <summary>The library ran out of memory (<see cref="System.OutOfMemoryException"/>).</summary>
    OutOfMemory = 6,

    /// <summary>An arithmetic or length overflow (<see cref="System.OverflowException"/>).</summary>
    Overflow = 7,

    /// <summary>The operation is not supported (<see cref="System.NotSupportedException"/>, <see cref="System.NotImplementedException"/>).</summary>
    NotSupported = 8,

    /// <summary>The object was in the wrong state for the call (<see cref="System.InvalidOperationException"/>, <see cref="System.ObjectDisposedException"/>).</summary>
    InvalidOperation = 9,

    /// <summary>The first code a library may define for itself.</summary>
    FirstUserCode = 1000,
}
