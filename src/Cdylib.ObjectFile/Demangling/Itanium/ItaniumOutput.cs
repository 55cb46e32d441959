using System;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>Thrown when a name would cost more than <see cref="DemangleLimits"/> allows; the demangler turns it into null.</summary>
internal sealed class DemangleBudgetExceededException : Exception
{
    public DemangleBudgetExceededException()
        : base("the mangled name exceeds the demangler's bounds")
    {
    }

    public DemangleBudgetExceededException(string message)
        : base(message)
    {
    }

    public DemangleBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The text being printed from a parsed name, reused from name to name. Besides the characters it
/// carries the state of the pack expansion being printed (which element of a parameter pack is
/// current) and the budget: every node visit counts, and output length, nesting and visits are bounded,
/// because substitutions let a short name describe a tree (or a cycle) far larger than itself.
/// </summary>
internal sealed class ItaniumOutput
{
    /// <summary>How deep printing may recurse; generous beside <see cref="DemangleLimits.MaxDepth"/> since substitutions stack nodes without nesting the parse.</summary>
    private const int MaxPrintDepth = DemangleLimits.MaxDepth * 4;

    /// <summary>Node visits allowed for one name: empty pack expansions print nothing, so length alone does not bound the work.</summary>
    private const int MaxVisits = DemangleLimits.MaxOutputLength * 4;

    /// <summary>"No pack expansion in progress", as in the ABI's reference demangler.</summary>
    public const uint NoPack = uint.MaxValue;

    private char[] _buffer = new char[1024];
    private int _length;
    private int _depth;
    private int _visits;

    /// <summary>The element of the parameter pack now being printed.</summary>
    public uint PackIndex = NoPack;

    /// <summary>The size of the parameter pack being expanded, or <see cref="NoPack"/>.</summary>
    public uint PackMax = NoPack;

    public int Position
    {
        get => _length;
        set => _length = value;
    }

    public char Last => _length == 0 ? '\0' : _buffer[_length - 1];

    public void Reset()
    {
        _length = 0;
        _depth = 0;
        _visits = 0;
        PackIndex = NoPack;
        PackMax = NoPack;
    }

    /// <summary>One level deeper into the tree: counts the visit and checks the bounds.</summary>
    public void Enter()
    {
        if (++_depth > MaxPrintDepth || ++_visits > MaxVisits)
        {
            throw new DemangleBudgetExceededException();
        }
    }

    public void Leave() => _depth--;

    public void Append(char c)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }
        _buffer[_length++] = c;
    }

    public void Append(string text) => Append(text.AsSpan());

    public void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length)
        {
            Grow(text.Length);
        }
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    public void Append(uint number)
    {
        Span<char> digits = stackalloc char[10];
        number.TryFormat(digits, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        Append(digits[..written]);
    }

    public override string ToString() => new(_buffer, 0, _length);

    /// <summary>The text so far, in the reused buffer: valid until the output is reset.</summary>
    public ReadOnlySpan<char> Text => _buffer.AsSpan(0, _length);

    private void Grow(int needed)
    {
        int required = _length + needed;
        if (required > DemangleLimits.MaxOutputLength)
        {
            throw new DemangleBudgetExceededException();
        }
        Array.Resize(ref _buffer, Math.Min(Math.Max(required, _buffer.Length * 2), DemangleLimits.MaxOutputLength));
    }
}
