using System;
using System.Text;

namespace Cdylib.ObjectFile.Demangling.Rust;

/// <summary>
/// The demangled text being written, which stops growing at <see cref="DemangleLimits.MaxOutputLength"/>:
/// back-references can make a short name expand exponentially, and the writer notices once it
/// overflowed instead of every caller counting.
/// </summary>
internal sealed class BoundedText
{
    private readonly StringBuilder _text = new();

    public int Length => _text.Length;

    /// <summary>True once something did not fit: the text is incomplete and the name must not be demangled.</summary>
    public bool Overflowed { get; private set; }

    public void Append(char c)
    {
        if (Fits(1))
        {
            _text.Append(c);
        }
    }

    public void Append(ReadOnlySpan<char> text)
    {
        if (Fits(text.Length))
        {
            _text.Append(text);
        }
    }

    public void Append(ulong value, string format)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out int written, format, System.Globalization.CultureInfo.InvariantCulture);
        Append(digits[..written]);
    }

    public override string ToString() => _text.ToString();

    private bool Fits(int more)
    {
        if (_text.Length + more > DemangleLimits.MaxOutputLength)
        {
            Overflowed = true;
        }

        return !Overflowed;
    }
}
