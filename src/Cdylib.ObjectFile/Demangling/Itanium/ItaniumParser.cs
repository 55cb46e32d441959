using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>
/// Parses an Itanium C++ ABI mangled name (https://itanium-cxx-abi.github.io/cxx-abi/abi.html#mangling)
/// into a tree of <see cref="Node"/>s, one production per method. The grammar is read the way LLVM's
/// demangler reads it, since <c>llvm-cxxfilt</c> is the output we match. One parser is reused from
/// name to name on a thread; its lists keep their capacity.
/// </summary>
/// <remarks>
/// Bounds: recursion deeper than <see cref="DemangleLimits.MaxDepth"/> throws
/// <see cref="DemangleBudgetExceededException"/>; numbers are capped so a huge length or index fails
/// instead of wrapping; every lookup into the substitution and template-parameter tables is checked.
/// </remarks>
internal sealed partial class ItaniumParser
{
    /// <summary>Numbers (lengths, indexes) are capped here: any larger one cannot fit a name within the limits anyway.</summary>
    private const int NumberCap = 1 << 30;

    private readonly List<Node> _pending = [];
    private readonly SubstitutionTable _substitutions = new();
    private readonly TemplateParameterScopes _templateParams = new();
    private readonly List<ForwardTemplateReference> _forwardRefs = [];
    private readonly NodePool _nodes = new();

    /// <summary>The name being parsed, copied into a buffer reused from name to name: the nodes slice it,
    /// so a caller with the name in any form (a span of a listing's buffer) makes no string for it.</summary>
    private char[] _text = new char[256];
    private int _pos;
    private int _end;
    private int _depth;
    private bool _tryToParseTemplateArgs = true;
    private bool _permitForwardTemplateReferences;
    private int _parsingLambdaParamsAtLevel = -1;
    private readonly uint[] _syntheticParamCounts = new uint[3];

    /// <summary>The tree for <paramref name="name"/>, or null when it is not a complete mangled name.</summary>
    public Node? Parse(ReadOnlySpan<char> name)
    {
        Reset(name);
        if (ConsumeIf("_Z") || ConsumeIf("__Z"))
        {
            Node? encoding = ParseEncoding();
            if (encoding is null)
            {
                return null;
            }
            if (Look() == '.')
            {
                encoding = new DotSuffix(encoding, Slice(_pos, _end));
                _pos = _end;
            }
            return NumLeft == 0 ? encoding : null;
        }

        // Apple's blocks: ___Z<encoding>_block_invoke[_]<n>, with one more underscore on Mach-O.
        if (ConsumeIf("___Z") || ConsumeIf("____Z"))
        {
            Node? encoding = ParseEncoding();
            if (encoding is null || !ConsumeIf("_block_invoke"))
            {
                return null;
            }
            bool requireNumber = ConsumeIf('_');
            if (ParseNumber().IsEmpty && requireNumber)
            {
                return null;
            }
            if (Look() == '.')
            {
                _pos = _end;
            }
            return NumLeft == 0 ? new SpecialName("invocation function for block in ", encoding) : null;
        }
        return null;
    }

    /// <summary>Ends a name: its lists are emptied and its nodes go back to the pool, to be handed out again.</summary>
    public void Clear()
    {
        _pending.Clear();
        _substitutions.Clear();
        _templateParams.Reset();
        _forwardRefs.Clear();
        _nodes.Reset();
    }

    private void Reset(ReadOnlySpan<char> name)
    {
        Clear();
        if (_text.Length < name.Length)
        {
            _text = new char[Math.Max(name.Length, _text.Length * 2)];
        }
        name.CopyTo(_text);
        _pos = 0;
        _end = name.Length;
        _depth = 0;
        _tryToParseTemplateArgs = true;
        _permitForwardTemplateReferences = false;
        _parsingLambdaParamsAtLevel = -1;
        Array.Clear(_syntheticParamCounts);
    }

    // ---- Reading the text ----

    private int NumLeft => _end - _pos;

    private char Look(int ahead = 0) => _pos + ahead < _end ? _text[_pos + ahead] : '\0';

    private bool ConsumeIf(char c)
    {
        if (_pos < _end && _text[_pos] == c)
        {
            _pos++;
            return true;
        }
        return false;
    }

    private bool ConsumeIf(string s)
    {
        if (_text.AsSpan(_pos, _end - _pos).StartsWith(s, StringComparison.Ordinal))
        {
            _pos += s.Length;
            return true;
        }
        return false;
    }

    private ReadOnlyMemory<char> Slice(int start, int end) => _text.AsMemory(start, end - start);

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>&lt;number&gt; ::= [n] &lt;digits&gt;, as text; empty when there are no digits (an <c>n</c> stays consumed).</summary>
    private ReadOnlyMemory<char> ParseNumber(bool allowNegative = false)
    {
        int start = _pos;
        if (allowNegative)
        {
            ConsumeIf('n');
        }
        if (NumLeft == 0 || !IsDigit(_text[_pos]))
        {
            return ReadOnlyMemory<char>.Empty;
        }
        while (NumLeft != 0 && IsDigit(_text[_pos]))
        {
            _pos++;
        }
        return Slice(start, _pos);
    }

    /// <summary>A non-negative decimal number, capped at <see cref="NumberCap"/>; false when there is none.</summary>
    private bool ParsePositiveInteger(out int value)
    {
        value = 0;
        if (!IsDigit(Look()))
        {
            return false;
        }
        while (IsDigit(Look()))
        {
            // In long: a capped value times ten would wrap an int negative and pass every length check.
            value = (int)Math.Min(value * 10L + (_text[_pos++] - '0'), NumberCap);
        }
        return true;
    }

    /// <summary>&lt;source-name&gt; without making a node: the identifier, or empty.</summary>
    private ReadOnlyMemory<char> ParseBareSourceName()
    {
        if (!ParsePositiveInteger(out int length) || NumLeft < length)
        {
            return ReadOnlyMemory<char>.Empty;
        }
        ReadOnlyMemory<char> name = Slice(_pos, _pos + length);
        _pos += length;
        return name;
    }

    /// <summary>&lt;CV-qualifiers&gt; ::= [r] [V] [K].</summary>
    private Qualifiers ParseCVQualifiers()
    {
        Qualifiers qualifiers = Qualifiers.None;
        if (ConsumeIf('r'))
        {
            qualifiers |= Qualifiers.Restrict;
        }
        if (ConsumeIf('V'))
        {
            qualifiers |= Qualifiers.Volatile;
        }
        if (ConsumeIf('K'))
        {
            qualifiers |= Qualifiers.Const;
        }
        return qualifiers;
    }

    /// <summary>A discriminator (<c>_N</c>, <c>__NN_</c>, or trailing digits), skipped: it does not show in the output.</summary>
    private void SkipDiscriminator()
    {
        if (_pos == _end)
        {
            return;
        }
        if (_text[_pos] == '_')
        {
            int next = _pos + 1;
            if (next == _end)
            {
                return;
            }
            if (IsDigit(_text[next]))
            {
                _pos = next + 1;
            }
            else if (_text[next] == '_')
            {
                int digits = next + 1;
                while (digits != _end && IsDigit(_text[digits]))
                {
                    digits++;
                }
                if (digits != _end && _text[digits] == '_')
                {
                    _pos = digits + 1;
                }
            }
        }
        else if (IsDigit(_text[_pos]))
        {
            int digits = _pos + 1;
            while (digits != _end && IsDigit(_text[digits]))
            {
                digits++;
            }
            if (digits == _end)
            {
                _pos = _end;
            }
        }
    }

    // ---- The pending-node stack lists are built on ----

    private int PendingMark => _pending.Count;

    private void Push(Node node) => _pending.Add(node);

    /// <summary>The nodes pushed since <paramref name="mark"/>, removed from the stack.</summary>
    private Node[] PopSince(int mark)
    {
        int count = _pending.Count - mark;
        if (count == 0)
        {
            return [];
        }
        Node[] nodes = _nodes.Array(CollectionsMarshal.AsSpan(_pending).Slice(mark, count));
        _pending.RemoveRange(mark, count);
        return nodes;
    }

    /// <summary>Counts one level of recursion; throws past <see cref="DemangleLimits.MaxDepth"/>.</summary>
    private void Enter()
    {
        if (++_depth > DemangleLimits.MaxDepth)
        {
            throw new DemangleBudgetExceededException();
        }
    }

    private T Leave<T>(T result)
    {
        _depth--;
        return result;
    }
}
