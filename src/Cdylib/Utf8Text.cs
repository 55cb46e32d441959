using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Cdylib;

/// <summary>
/// UTF-8 text borrowed from the caller for the length of one call: as a parameter of a
/// <c>[CExport]</c> method it is C's <c>const char*</c>, checked as a <c>string</c> parameter is
/// (not NULL, strictly valid UTF-8) but never copied or converted to UTF-16, so a call costs a
/// length and a validation pass over the bytes and allocates nothing. Read the bytes with
/// <see cref="Bytes"/> (compare with a <c>"..."u8</c> literal, parse with <c>Utf8Parser</c>,
/// search with span methods); <see cref="ToString"/> makes a <c>string</c> when one is needed.
/// </summary>
/// <remarks>
/// A ref struct: it cannot outlive the call (the caller may free the memory right after it), be
/// stored in a field, or be a result. Keep <see cref="ToString"/>'s string, or copy the bytes, to
/// keep the text.
/// </remarks>
public readonly ref struct Utf8Text
{
    private readonly ReadOnlySpan<byte> _bytes;

    private Utf8Text(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>The text's bytes, without the terminating NUL; always valid UTF-8.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The length in bytes (not characters).</summary>
    public int Length => _bytes.Length;

    /// <summary>True for the empty string.</summary>
    public bool IsEmpty => _bytes.IsEmpty;

    /// <summary>The bytes, for span methods.</summary>
    public static implicit operator ReadOnlySpan<byte>(Utf8Text text) => text._bytes;

    /// <summary>Whether the text is exactly these UTF-8 bytes (e.g. a <c>"name"u8</c> literal).</summary>
    public bool Equals(ReadOnlySpan<byte> utf8) => _bytes.SequenceEqual(utf8);

    /// <summary>The text as a new <c>string</c> (UTF-16): the one conversion, made only when asked for.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_bytes);

    // As ReadOnlySpan<T> does: the object overloads exist only to say what to use instead.
#pragma warning disable CS0809 // an obsolete member overrides a non-obsolete one
    /// <summary>Not supported: a ref struct is never boxed; compare with <see cref="Equals(ReadOnlySpan{byte})"/>.</summary>
    [Obsolete("Utf8Text is compared with Equals(ReadOnlySpan<byte>).", error: true)]
    public override bool Equals(object? obj) => throw new NotSupportedException();

    /// <summary>Not supported: a ref struct is never a key.</summary>
    [Obsolete("Utf8Text cannot be hashed; hash its Bytes or its string.", error: true)]
    public override int GetHashCode() => throw new NotSupportedException();
#pragma warning restore CS0809

    /// <summary>Text the caller's NUL-terminated bytes already hold, checked by the generated entry point.</summary>
    internal static Utf8Text Borrow(ReadOnlySpan<byte> validated) => new(validated);
}
