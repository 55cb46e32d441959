using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Cdylib.Runtime;

/// <summary>
/// The calling thread's last error, as the generated <c>NAME_last_error_*</c> exports report it.
/// Like <c>errno</c>, a failing call sets it and a successful call leaves it alone, so the hot
/// path of an export pays nothing for it; a caller that must tell a legitimate zero from a
/// failure calls <c>NAME_clear_last_error()</c> first.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class LastError
{
    [ThreadStatic]
    private static int t_code;

    // NUL-terminated UTF-8, allocated with NativeMemory and owned by this thread's error state:
    // it stays valid until the next error on this thread or NAME_clear_last_error().
    [ThreadStatic]
    private static byte* t_message;

    /// <summary>The last error code of the calling thread (0 when none).</summary>
    public static int GetCode() => t_code;

    /// <summary>The last error message of the calling thread, or an empty string when none.</summary>
    public static byte* GetMessage() => t_message != null ? t_message : EmptyString;

    // "\0"u8 lives in the image's read-only data, so its address is fixed for the process.
    private static byte* EmptyString => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference("\0"u8));

    /// <summary>Records <paramref name="exception"/> as the calling thread's last error. Never throws.</summary>
    public static void Record(Exception exception)
    {
        try
        {
            Set(Classify(exception), Describe(exception));
        }
        catch
        {
            // Describing the exception failed (most likely out of memory): keep a code at least.
            Replace(Classify(exception), null);
        }
    }

    /// <summary>Records <paramref name="code"/> and <paramref name="message"/> as the calling thread's last error.</summary>
    public static void Set(int code, string message)
    {
        int length = Encoding.UTF8.GetByteCount(message);
        byte* buffer = (byte*)NativeMemory.Alloc((nuint)length + 1);
        fixed (char* chars = message)
        {
            Encoding.UTF8.GetBytes(chars, message.Length, buffer, length);
        }
        buffer[length] = 0;
        Replace(code, buffer);
    }

    /// <summary>Forgets the calling thread's last error.</summary>
    public static void Clear() => Replace((int)ErrorCode.None, null);

    private static void Replace(int code, byte* message)
    {
        byte* previous = t_message;
        t_message = message;
        t_code = code;
        if (previous != null)
        {
            NativeMemory.Free(previous);
        }
    }

    private static int Classify(Exception exception) => exception switch
    {
        CExportException custom => custom.Code,
        ArgumentNullException => (int)ErrorCode.NullArgument,
        ArgumentException => (int)ErrorCode.InvalidArgument,
        OutOfMemoryException => (int)ErrorCode.OutOfMemory,
        OverflowException => (int)ErrorCode.Overflow,
        NotSupportedException or NotImplementedException => (int)ErrorCode.NotSupported,
        InvalidOperationException => (int)ErrorCode.InvalidOperation,
        _ => (int)ErrorCode.Exception,
    };

    private static string Describe(Exception exception) =>
        exception is CExportException || TypeName(exception) is not { } type ? exception.Message : $"{type}: {exception.Message}";

    // Without reflection metadata (CdylibProfile=minimal) a type may have no name to give: the
    // message alone must still get through.
    private static string? TypeName(Exception exception)
    {
        try
        {
            return exception.GetType().FullName;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
