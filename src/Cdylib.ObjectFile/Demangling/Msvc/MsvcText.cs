using System;
using System.Globalization;

namespace Cdylib.ObjectFile.Demangling.Msvc;

/// <summary>Why a name could not be demangled: not a Microsoft name, malformed, or over a bound.</summary>
internal sealed class MsvcDemangleException : Exception
{
    public MsvcDemangleException()
    {
    }

    public MsvcDemangleException(string message)
        : base(message)
    {
    }

    public MsvcDemangleException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// The text a demangling writes: one growing char buffer, reused for every render of one name (the
/// final output and the back-reference strings the parser renders on the way). It carries the bounds of
/// <see cref="DemangleLimits"/>: a render longer than <see cref="DemangleLimits.MaxOutputLength"/>, nodes
/// nested deeper than a few times <see cref="DemangleLimits.MaxDepth"/> (back-references can stack nodes
/// parsed at full depth), or more total work than a few outputs' worth stops the demangling, so a name
/// whose back-references would expand exponentially costs bounded time and memory.
/// </summary>
internal sealed class MsvcText
{
    // Back-references let a node hang under another one parsed at full depth; ten function parameters per
    // context bound how far that can stack in practice, so a render may nest somewhat deeper than a parse.
    private const int MaxRenderDepth = DemangleLimits.MaxDepth * 4;

    // Everything rendered for one name (back-reference strings and the final text together).
    private const long MaxWork = DemangleLimits.MaxOutputLength * 4L;

    private char[] buffer = new char[256];
    private int depth;
    private long work;

    public int Length { get; private set; }

    public bool IsEmpty => Length == 0;

    public char Last => buffer[Length - 1];

    /// <summary>Starts a new name: empties the buffer and the work count.</summary>
    public void Reset()
    {
        Length = 0;
        depth = 0;
        work = 0;
    }

    /// <summary>Starts a new render within the same name (its work still counts).</summary>
    public void Clear() => Length = 0;

    public string Take()
    {
        string text = new(buffer, 0, Length);
        Length = 0;
        return text;
    }

    public void Write(MsvcNode node)
    {
        Enter();
        node.Output(this);
        depth--;
    }

    public void WritePre(MsvcTypeNode node)
    {
        Enter();
        node.OutputPre(this);
        depth--;
    }

    public void WritePost(MsvcTypeNode node)
    {
        Enter();
        node.OutputPost(this);
        depth--;
    }

    public MsvcText Append(char c)
    {
        Reserve(1);
        buffer[Length++] = c;
        return this;
    }

    public MsvcText Append(string text) => Append(text.AsSpan());

    public MsvcText Append(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        text.CopyTo(buffer.AsSpan(Length));
        Length += text.Length;
        return this;
    }

    public MsvcText Append(ulong number)
    {
        Span<char> digits = stackalloc char[20];
        number.TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
        return Append(digits[..written]);
    }

    public MsvcText Append(long number)
    {
        Span<char> digits = stackalloc char[21];
        number.TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
        return Append(digits[..written]);
    }

    /// <summary>A space, unless the text so far is empty or ends in punctuation (other than '&gt;').</summary>
    public void SpaceIfNecessary()
    {
        if (Length > 0 && (char.IsAsciiLetterOrDigit(Last) || Last == '>'))
        {
            Append(' ');
        }
    }

    private void Enter()
    {
        if (++depth > MaxRenderDepth || ++work > MaxWork)
        {
            throw new MsvcDemangleException("the name nests or refers back too much");
        }
    }

    private void Reserve(int count)
    {
        work += count;
        if (Length + count > DemangleLimits.MaxOutputLength || work > MaxWork)
        {
            throw new MsvcDemangleException("the demangled text is too long");
        }
        if (Length + count > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, Length + count));
        }
    }
}
