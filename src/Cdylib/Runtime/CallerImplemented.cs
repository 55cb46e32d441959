using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Cdylib.Runtime;

/// <summary>
/// What the generated proxies of a caller-implemented interface (a <c>[CExport]</c> interface whose
/// functions C supplies) need: the error a C implementation reports with
/// <c>PREFIX_set_callback_error</c> before it returns a non-zero status, and UTF-8 arguments.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class CallerImplemented
{
    // Set by the C implementation on the thread that runs it, which is the thread that called it.
    [ThreadStatic]
    private static int t_code;

    [ThreadStatic]
    private static string? t_message;

    /// <summary><c>PREFIX_set_callback_error(code, message)</c>: the failure the running callback is about to return.</summary>
    public static void SetError(int code, byte* message)
    {
        t_code = code;
        // Lenient on purpose: the caller's own text, shown as well as it can be; NULL means no message.
        t_message = message == null ? null : Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(message));
    }

    /// <summary>
    /// The exception for a callback that returned <paramref name="status"/>: the caller's code, with
    /// the message it set for that code, or one naming <paramref name="member"/>.
    /// </summary>
    public static CExportException Failure(int status, string member)
    {
        string? message = t_code == status ? t_message : null;
        t_code = 0;
        t_message = null;
        return new CExportException(status, message ?? $"the caller's {member} failed with code {status}");
    }

    /// <summary>A string argument as NUL-terminated UTF-8, or null for null (NULL in C).</summary>
    public static byte[]? Utf8(string? value)
    {
        if (value is null)
        {
            return null;
        }
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }

    /// <summary>A table the caller passed lacks a function: refused at the boundary, naming it.</summary>
    public static CExportException MissingFunction(string parameter, string field) =>
        new(ErrorCode.InvalidArgument, $"'{parameter}' has no {field} function (NULL)");
}
