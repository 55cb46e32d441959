using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Cdylib.Runtime;

/// <summary>
/// Conversions the generated shims make at the C boundary. Each checks what C can get wrong
/// (NULL, invalid UTF-8, a length past what .NET can address) and throws an exception the shim
/// turns into the documented error code, naming the parameter.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class Boundary
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Runs the static constructor (the strict UTF-8 decoder) ahead of the first call that needs it.</summary>
    public static void EnsureInitialized() => GC.KeepAlive(StrictUtf8);

    // The checks below stay small enough to inline into every shim: each failure is thrown by a
    // helper that is never inlined, so the message formatting costs nothing on the path that works
    // (bench/README.md measured the difference).

    /// <summary>A NUL-terminated UTF-8 <c>const char*</c> as a string; NULL only where <paramref name="allowNull"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? StringIn(byte* value, string parameter, bool allowNull)
    {
        if (value == null)
        {
            return allowNull ? null : ThrowNull<string>(parameter);
        }
        return Decode(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(value), parameter);
    }

    /// <summary>
    /// A NUL-terminated UTF-8 <c>const char*</c> as <see cref="Utf8Text"/>: the same checks as
    /// <see cref="StringIn"/> (not NULL, strictly valid UTF-8), over the caller's bytes, with no copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Utf8Text Utf8In(byte* value, string parameter)
    {
        if (value == null)
        {
            ThrowNull<object>(parameter);
        }
        ReadOnlySpan<byte> bytes = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(value);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            ThrowInvalidUtf8(bytes, parameter);
        }
        return Utf8Text.Borrow(bytes);
    }

    // Where the text stops being UTF-8, for the message: found by the strict decoder, on the failure path only.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalidUtf8(ReadOnlySpan<byte> bytes, string parameter)
    {
        Decode(bytes, parameter);
        throw new CExportException(ErrorCode.InvalidUtf8, $"'{parameter}' is not valid UTF-8");
    }

    // Decoding is the real work: it validates while it converts, so valid text is read once.
    private static string Decode(ReadOnlySpan<byte> bytes, string parameter)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException invalid)
        {
            throw new CExportException(ErrorCode.InvalidUtf8, $"'{parameter}' is not valid UTF-8 (at byte {invalid.Index})");
        }
    }

    /// <summary>A string as library-owned NUL-terminated UTF-8 (freed by <c>PREFIX_free_string</c>); null becomes NULL.</summary>
    public static byte* StringOut(string? value)
    {
        if (value is null)
        {
            return null;
        }
        int length = StrictUtf8.GetByteCount(value);
        byte* text = (byte*)NativeAllocations.Allocate((nuint)length + 1);
        fixed (char* chars = value)
        {
            StrictUtf8.GetBytes(chars, value.Length, text, length);
        }
        text[length] = 0;
        return text;
    }

    /// <summary>A pointer and a length as a span over the caller's memory (no copy); NULL is allowed only with length 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<T> SpanIn<T>(T* pointer, nuint length, string parameter)
        where T : unmanaged
    {
        if (pointer == null)
        {
            return length == 0 ? default : ThrowNullSpan<T>(parameter, length);
        }
        if (length > int.MaxValue)
        {
            ThrowTooLong(parameter, length);
        }
        return new Span<T>(pointer, (int)length);
    }

    /// <summary>An array as a library-owned buffer (freed by <c>PREFIX_free_buffer</c>) and its length; null becomes NULL and 0.</summary>
    public static T* ArrayOut<T>(T[]? array, nuint* length)
        where T : unmanaged
    {
        if (length == null)
        {
            throw NullArgument("out_len");
        }
        if (array is null)
        {
            *length = 0;
            return null;
        }
        // An empty array is a valid (non-NULL) buffer, so NULL always means "no array".
        T* buffer = (T*)NativeAllocations.Allocate((nuint)Math.Max(1, array.Length * sizeof(T)));
        array.AsSpan().CopyTo(new Span<T>(buffer, array.Length));
        *length = (nuint)array.Length;
        return buffer;
    }

    /// <summary>The target of an <c>out</c>/<c>ref</c>/<c>in</c> pointer, which must not be NULL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T Reference<T>(T* pointer, string parameter)
        where T : unmanaged
    {
        if (pointer == null)
        {
            ThrowNull<T>(parameter);
        }
        return ref Unsafe.AsRef<T>(pointer);
    }

    /// <summary>A nullable value from a pointer that may be NULL.</summary>
    public static T? Optional<T>(T* pointer)
        where T : unmanaged => pointer == null ? null : *pointer;

    // The boundary's own errors are CExportExceptions: their message is exactly what is written here, in
    // every build. (ArgumentNullException would append "(Parameter 'x')" from a resource, which Release
    // builds replace with its key, UseSystemResourceKeys: "Arg_ParamName_Name, x".)

    /// <summary>The error for NULL where <paramref name="parameter"/> needs memory: <c>NULL_ARGUMENT</c>, "'x' must not be NULL".</summary>
    public static CExportException NullArgument(string parameter) =>
        new(ErrorCode.NullArgument, $"'{parameter}' must not be NULL");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ThrowNull<T>(string parameter) =>
        throw NullArgument(parameter);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Span<T> ThrowNullSpan<T>(string parameter, nuint length) =>
        throw new CExportException(ErrorCode.NullArgument, $"'{parameter}' is NULL but its length is {length}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooLong(string parameter, nuint length) =>
        throw new CExportException(ErrorCode.Overflow, $"'{parameter}' has {length} elements; a span holds at most {int.MaxValue}");

    /// <summary>Stores the status form's result, unless the caller passed NULL for it.</summary>
    public static void Result<T>(T* destination, T value)
        where T : unmanaged
    {
        if (destination != null)
        {
            *destination = value;
        }
    }
}
