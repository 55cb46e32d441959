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

    // NUL-terminated UTF-8 in an array on the pinned object heap: its address never changes, so C
    // can read it until the next error on this thread or NAME_clear_last_error(), and it belongs to
    // the thread's statics, so the GC reclaims it once the thread has ended. (Native memory here
    // would outlive a native thread that ends after a failing call: nothing would free it.)
    [ThreadStatic]
    private static byte[]? t_message;

    /// <summary>The last error code of the calling thread (0 when none).</summary>
    public static int GetCode() => t_code;

    /// <summary>The last error message of the calling thread, or an empty string when none.</summary>
    public static byte* GetMessage() =>
        t_message is { } message ? (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(message)) : EmptyString;

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

    /// <summary>The code and message <see cref="Record"/> would record for <paramref name="exception"/>, without recording them. Never throws.</summary>
    internal static (int Code, string? Message) Classified(Exception exception)
    {
        try
        {
            return (Classify(exception), Describe(exception));
        }
        catch
        {
            return (Classify(exception), null);
        }
    }

    /// <summary>Records <paramref name="code"/> and <paramref name="message"/> as the calling thread's last error.</summary>
    public static void Set(int code, string message)
    {
        int length = Encoding.UTF8.GetByteCount(message);
        byte[] buffer = GC.AllocateUninitializedArray<byte>(length + 1, pinned: true);
        Encoding.UTF8.GetBytes(message, buffer);
        buffer[length] = 0;
        Replace(code, buffer);
    }

    /// <summary>Forgets the calling thread's last error.</summary>
    public static void Clear() => Replace((int)ErrorCode.None, null);

    private static void Replace(int code, byte[]? message)
    {
        t_message = message;
        t_code = code;
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
        OperationCanceledException => (int)ErrorCode.Cancelled,
        TimeoutException => (int)ErrorCode.Timeout,
        _ => (int)ErrorCode.Exception,
    };

    private static string Describe(Exception exception) =>
        exception is CExportException || TypeName(exception) is not { } type ? Message(exception) : $"{type}: {Message(exception)}";

    // An ArgumentException names its parameter with a resource, "(Parameter 'x')", which Release builds
    // (UseSystemResourceKeys) replace with the resource's key: "Arg_ParamName_Name, x". The parameter is
    // named the same way in every build; the rest of a message is the thrower's.
    private static string Message(Exception exception)
    {
        string message = exception.Message;
        if (exception is ArgumentException { ParamName: { Length: > 0 } name })
        {
            string suffix = new ArgumentException(string.Empty, name).Message;
            if (suffix.Length > 0 && message.EndsWith(suffix, StringComparison.Ordinal))
            {
                return string.Concat(message.AsSpan(0, message.Length - suffix.Length), $" (Parameter '{name}')");
            }
        }
        return message;
    }

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
