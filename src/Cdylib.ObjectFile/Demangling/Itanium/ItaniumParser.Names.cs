using System;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>What parsing a &lt;name&gt; tells the enclosing &lt;encoding&gt;.</summary>
internal sealed class NameState(int forwardRefsBegin)
{
    /// <summary>Makes a state of <see cref="NodePool"/>'s new for another name.</summary>
    internal NameState Reuse(int forwardRefsBegin)
    {
        (CtorDtorConversion, EndsWithTemplateArgs, CVQualifiers, RefQualifier, ForwardRefsBegin) = (false, false, default, default, forwardRefsBegin);
        return this;
    }

    /// <summary>A constructor, destructor or conversion operator: no return type is mangled.</summary>
    public bool CtorDtorConversion;

    /// <summary>The name ends in template arguments: a return type is mangled before the parameters.</summary>
    public bool EndsWithTemplateArgs;

    public Qualifiers CVQualifiers;

    public RefQualifier RefQualifier;

    /// <summary>Forward template references made while parsing this name, from this index on.</summary>
    public int ForwardRefsBegin { get; private set; } = forwardRefsBegin;
}

/// <summary>Names: &lt;name&gt;, nested, local, unscoped and unqualified names, operators, constructors and destructors, ABI tags.</summary>
internal sealed partial class ItaniumParser
{
    /// <summary>&lt;name&gt; ::= &lt;nested-name&gt; | &lt;local-name&gt; | &lt;unscoped-name&gt; [&lt;template-args&gt;] | &lt;substitution&gt; &lt;template-args&gt;.</summary>
    private Node? ParseName(NameState? state = null)
    {
        Enter();
        return Leave(ParseNameCore(state));
    }

    private Node? ParseNameCore(NameState? state)
    {
        ConsumeIf('L');
        if (Look() == 'N')
        {
            return ParseNestedName(state);
        }
        if (Look() == 'Z')
        {
            return ParseLocalName(state);
        }

        bool isSubstitution = Look() == 'S' && Look(1) != 't';
        Node? result = isSubstitution ? ParseSubstitution() : ParseUnscopedName(state);
        if (result is null)
        {
            return null;
        }
        if (Look() == 'I')
        {
            if (!isSubstitution)
            {
                // An unscoped template name is a substitution candidate.
                _substitutions.Add(result);
            }
            Node? args = ParseTemplateArgs(state is not null);
            if (args is null)
            {
                return null;
            }
            if (state is not null)
            {
                state.EndsWithTemplateArgs = true;
            }
            return _nodes.NameWithTemplateArgs(result, args);
        }
        // A substitution standing for a name must be a template's, followed by its arguments.
        return isSubstitution ? null : result;
    }

    /// <summary>&lt;local-name&gt; ::= Z &lt;encoding&gt; E (&lt;name&gt; | s | d [n] _ &lt;name&gt;) [&lt;discriminator&gt;].</summary>
    private Node? ParseLocalName(NameState? state)
    {
        if (!ConsumeIf('Z'))
        {
            return null;
        }
        Node? encoding = ParseEncoding();
        if (encoding is null || !ConsumeIf('E'))
        {
            return null;
        }
        if (ConsumeIf('s'))
        {
            SkipDiscriminator();
            return new LocalName(encoding, FixedNames.StringLiteral);
        }
        if (ConsumeIf('d'))
        {
            ParseNumber(allowNegative: true);
            if (!ConsumeIf('_'))
            {
                return null;
            }
            Node? name = ParseName(state);
            return name is null ? null : new LocalName(encoding, name);
        }
        Node? entity = ParseName(state);
        if (entity is null)
        {
            return null;
        }
        SkipDiscriminator();
        return new LocalName(encoding, entity);
    }

    /// <summary>&lt;unscoped-name&gt; ::= [St [L]] &lt;unqualified-name&gt;.</summary>
    private Node? ParseUnscopedName(NameState? state)
    {
        bool isStd = ConsumeIf("St");
        if (isStd)
        {
            ConsumeIf('L');
        }
        Node? result = ParseUnqualifiedName(state);
        return result is not null && isStd ? new StdQualifiedName(result) : result;
    }

    /// <summary>&lt;unqualified-name&gt; ::= &lt;operator-name&gt; | &lt;source-name&gt; | &lt;unnamed-type-name&gt; | DC &lt;source-name&gt;+ E, then ABI tags.</summary>
    private Node? ParseUnqualifiedName(NameState? state)
    {
        Node? result;
        if (Look() == 'U')
        {
            result = ParseUnnamedTypeName(state);
        }
        else if (Look() is >= '1' and <= '9')
        {
            result = ParseSourceName();
        }
        else if (ConsumeIf("DC"))
        {
            int mark = PendingMark;
            do
            {
                Node? binding = ParseSourceName();
                if (binding is null)
                {
                    return null;
                }
                Push(binding);
            }
            while (!ConsumeIf('E'));
            result = new StructuredBindingName(PopSince(mark));
        }
        else
        {
            result = ParseOperatorName(state);
        }
        return result is null ? null : ParseAbiTags(result);
    }

    /// <summary>&lt;unnamed-type-name&gt; ::= Ut [n] _ | Ul &lt;lambda-sig&gt; E [n] _ | Ub [n] _ (block literal).</summary>
    private Node? ParseUnnamedTypeName(NameState? state)
    {
        // Template parameters in here refer to the innermost template arguments only.
        if (state is not null)
        {
            _templateParams.Clear();
        }
        if (ConsumeIf("Ut"))
        {
            ReadOnlyMemory<char> count = ParseNumber();
            return ConsumeIf('_') ? new UnnamedTypeName(count) : null;
        }
        if (ConsumeIf("Ul"))
        {
            int savedLevel = _parsingLambdaParamsAtLevel;
            _parsingLambdaParamsAtLevel = _templateParams.Count;
            int levelsBefore = _templateParams.Count;
            _templateParams.Push([]);
            Node? closure = ParseClosureTypeName();
            _templateParams.Truncate(levelsBefore);
            _parsingLambdaParamsAtLevel = savedLevel;
            return closure;
        }
        if (ConsumeIf("Ub"))
        {
            ParseNumber();
            return ConsumeIf('_') ? FixedNames.BlockLiteral : null;
        }
        return null;
    }

    /// <summary>The rest of Ul…: explicit template parameters, the parameter types (v for none), E, the number.</summary>
    private Node? ParseClosureTypeName()
    {
        int mark = PendingMark;
        while (Look() == 'T' && Look(1) is 'y' or 'p' or 't' or 'n')
        {
            Node? declaration = ParseTemplateParamDecl();
            if (declaration is null)
            {
                return null;
            }
            Push(declaration);
        }
        Node[] templateParams = PopSince(mark);
        // Without explicit template parameters, 'auto' parameters invent the level when they meet it.
        if (templateParams.Length == 0)
        {
            _templateParams.Pop();
        }
        if (!ConsumeIf("vE"))
        {
            do
            {
                Node? parameter = ParseType();
                if (parameter is null)
                {
                    return null;
                }
                Push(parameter);
            }
            while (!ConsumeIf('E'));
        }
        Node[] parameters = PopSince(mark);
        ReadOnlyMemory<char> count = ParseNumber();
        return ConsumeIf('_') ? new ClosureTypeName(templateParams, parameters, count) : null;
    }

    /// <summary>&lt;source-name&gt; ::= &lt;length&gt; &lt;identifier&gt;; GCC's and Clang's <c>_GLOBAL__N…</c> is the anonymous namespace.</summary>
    private Node? ParseSourceName()
    {
        if (!ParsePositiveInteger(out int length) || length == 0 || NumLeft < length)
        {
            return null;
        }
        ReadOnlyMemory<char> name = Slice(_pos, _pos + length);
        _pos += length;
        return name.Span.StartsWith("_GLOBAL__N", StringComparison.Ordinal) ? FixedNames.AnonymousNamespace : _nodes.Name(name);
    }

    /// <summary>&lt;operator-name&gt;: a two-letter code, <c>cv &lt;type&gt;</c>, <c>li &lt;source-name&gt;</c> or <c>v &lt;digit&gt; &lt;source-name&gt;</c>.</summary>
    private Node? ParseOperatorName(NameState? state)
    {
        char first = Look();
        char second = Look(1);
        if (first == 'c' && second == 'v')
        {
            _pos += 2;
            bool savedTryArgs = _tryToParseTemplateArgs;
            bool savedPermit = _permitForwardTemplateReferences;
            _tryToParseTemplateArgs = false;
            // In an encoding, the conversion type may name template parameters whose arguments come later.
            _permitForwardTemplateReferences = savedPermit || state is not null;
            Node? type = ParseType();
            _tryToParseTemplateArgs = savedTryArgs;
            _permitForwardTemplateReferences = savedPermit;
            if (type is null)
            {
                return null;
            }
            if (state is not null)
            {
                state.CtorDtorConversion = true;
            }
            return new ConversionOperatorType(type);
        }
        if (first == 'l' && second == 'i')
        {
            _pos += 2;
            Node? suffix = ParseSourceName();
            return suffix is null ? null : new LiteralOperator(suffix);
        }
        if (first == 'v' && IsDigit(second))
        {
            _pos += 2;
            Node? vendor = ParseSourceName();
            return vendor is null ? null : new ConversionOperatorType(vendor);
        }
        OperatorInfo? op = OperatorTable.Find(first, second);
        if (op is null || !op.Is(OperatorRoles.Name))
        {
            return null;
        }
        _pos += 2;
        return op.NameNode;
    }

    /// <summary>
    /// &lt;ctor-dtor-name&gt; ::= C [I] 1-5 | D 0-5 (not 3). <paramref name="soFar"/> is the class; a
    /// standard abbreviation there is expanded, as the constructor repeats the template's name.
    /// </summary>
    private Node? ParseCtorDtorName(ref Node soFar, NameState? state)
    {
        if (soFar is SpecialSubstitution { Expanded: false } abbreviation
            && abbreviation.Kind is SpecialSubstitutionKind.String or SpecialSubstitutionKind.IStream
                or SpecialSubstitutionKind.OStream or SpecialSubstitutionKind.IOStream)
        {
            soFar = new SpecialSubstitution(abbreviation.Kind, expanded: true);
        }

        if (ConsumeIf('C'))
        {
            bool isInherited = ConsumeIf('I');
            if (Look() is < '1' or > '5')
            {
                return null;
            }
            _pos++;
            if (state is not null)
            {
                state.CtorDtorConversion = true;
            }
            if (isInherited && ParseName(state) is null)
            {
                return null;
            }
            return new CtorDtorName(soFar, isDestructor: false);
        }

        if (Look() == 'D' && Look(1) is '0' or '1' or '2' or '4' or '5')
        {
            _pos += 2;
            if (state is not null)
            {
                state.CtorDtorConversion = true;
            }
            return new CtorDtorName(soFar, isDestructor: true);
        }
        return null;
    }

    /// <summary>&lt;nested-name&gt; ::= N [&lt;CV-qualifiers&gt;] [&lt;ref-qualifier&gt;] &lt;prefix&gt; &lt;unqualified-name&gt; E; every prefix is a substitution candidate.</summary>
    private Node? ParseNestedName(NameState? state)
    {
        if (!ConsumeIf('N'))
        {
            return null;
        }
        Qualifiers qualifiers = ParseCVQualifiers();
        RefQualifier refQualifier = ConsumeIf('O') ? RefQualifier.RValue : ConsumeIf('R') ? RefQualifier.LValue : RefQualifier.None;
        if (state is not null)
        {
            state.CVQualifiers = qualifiers;
            state.RefQualifier = refQualifier;
        }

        Node? soFar = ConsumeIf("St") ? FixedNames.Std : null;
        bool Append(Node? component)
        {
            if (component is null)
            {
                return false;
            }
            soFar = soFar is null ? component : _nodes.NestedName(soFar, component);
            if (state is not null)
            {
                state.EndsWithTemplateArgs = false;
            }
            return true;
        }

        while (!ConsumeIf('E'))
        {
            ConsumeIf('L');

            // <data-member-prefix> := <member source-name> [<template-args>] M
            if (ConsumeIf('M'))
            {
                if (soFar is null)
                {
                    return null;
                }
                continue;
            }

            if (Look() == 'T')
            {
                if (!Append(ParseTemplateParam()))
                {
                    return null;
                }
                _substitutions.Add(soFar!);
                continue;
            }

            if (Look() == 'I')
            {
                Node? args = ParseTemplateArgs(state is not null);
                if (args is null || soFar is null)
                {
                    return null;
                }
                soFar = _nodes.NameWithTemplateArgs(soFar, args);
                if (state is not null)
                {
                    state.EndsWithTemplateArgs = true;
                }
                _substitutions.Add(soFar);
                continue;
            }

            if (Look() == 'D' && Look(1) is 't' or 'T')
            {
                if (!Append(ParseDecltype()))
                {
                    return null;
                }
                _substitutions.Add(soFar!);
                continue;
            }

            if (Look() == 'S' && Look(1) != 't')
            {
                Node? substitution = ParseSubstitution();
                if (!Append(substitution))
                {
                    return null;
                }
                if (!ReferenceEquals(soFar, substitution))
                {
                    _substitutions.Add(substitution!);
                }
                continue;
            }

            if (Look() == 'C' || (Look() == 'D' && Look(1) != 'C'))
            {
                if (soFar is null)
                {
                    return null;
                }
                Node classPrefix = soFar;
                Node? ctorDtor = ParseCtorDtorName(ref classPrefix, state);
                soFar = classPrefix;
                if (!Append(ctorDtor))
                {
                    return null;
                }
                soFar = ParseAbiTags(soFar!);
                if (soFar is null)
                {
                    return null;
                }
                _substitutions.Add(soFar);
                continue;
            }

            if (!Append(ParseUnqualifiedName(state)))
            {
                return null;
            }
            _substitutions.Add(soFar!);
        }

        if (soFar is null || _substitutions.Count == 0)
        {
            return null;
        }
        // The whole nested name is not a candidate, only its prefixes.
        _substitutions.RemoveLast();
        return soFar;
    }

    /// <summary>&lt;abi-tags&gt; ::= (B &lt;source-name&gt;)*.</summary>
    private Node? ParseAbiTags(Node node)
    {
        while (ConsumeIf('B'))
        {
            ReadOnlyMemory<char> tag = ParseBareSourceName();
            if (tag.IsEmpty)
            {
                return null;
            }
            node = new AbiTagAttr(node, tag);
        }
        return node;
    }

    /// <summary>&lt;substitution&gt; ::= S_ | S &lt;seq-id&gt; _ | Sa | Sb | Ss | Si | So | Sd.</summary>
    private Node? ParseSubstitution()
    {
        if (!ConsumeIf('S'))
        {
            return null;
        }
        if (Look() is >= 'a' and <= 'z')
        {
            SpecialSubstitutionKind kind;
            switch (Look())
            {
                case 'a': kind = SpecialSubstitutionKind.Allocator; break;
                case 'b': kind = SpecialSubstitutionKind.BasicString; break;
                case 'd': kind = SpecialSubstitutionKind.IOStream; break;
                case 'i': kind = SpecialSubstitutionKind.IStream; break;
                case 'o': kind = SpecialSubstitutionKind.OStream; break;
                case 's': kind = SpecialSubstitutionKind.String; break;
                default: return null;
            }
            _pos++;
            Node abbreviation = StandardAbbreviations.Get(kind);
            // ABI 5.1.2: tags on an abbreviated name make the tagged name a candidate.
            Node? withTags = ParseAbiTags(abbreviation);
            if (withTags is null)
            {
                return null;
            }
            if (!ReferenceEquals(withTags, abbreviation))
            {
                _substitutions.Add(withTags);
            }
            return withTags;
        }

        if (ConsumeIf('_'))
        {
            return _substitutions.Get(0);
        }

        if (!ParseSeqId(out int index))
        {
            return null;
        }
        return ConsumeIf('_') ? _substitutions.Get(index + 1) : null;
    }

    /// <summary>&lt;seq-id&gt; ::= [0-9A-Z]+, base 36, capped.</summary>
    private bool ParseSeqId(out int value)
    {
        value = 0;
        if (!IsDigit(Look()) && Look() is not (>= 'A' and <= 'Z'))
        {
            return false;
        }
        while (true)
        {
            char c = Look();
            int digit;
            if (IsDigit(c))
            {
                digit = c - '0';
            }
            else if (c is >= 'A' and <= 'Z')
            {
                digit = c - 'A' + 10;
            }
            else
            {
                return true;
            }
            value = (int)Math.Min((long)value * 36 + digit, NumberCap);
            _pos++;
        }
    }
}

/// <summary>The six standard abbreviations as shared nodes (immutable, like the builtin types).</summary>
internal static class StandardAbbreviations
{
    private static readonly SpecialSubstitution[] s_nodes =
    [
        new(SpecialSubstitutionKind.Allocator, false),
        new(SpecialSubstitutionKind.BasicString, false),
        new(SpecialSubstitutionKind.String, false),
        new(SpecialSubstitutionKind.IStream, false),
        new(SpecialSubstitutionKind.OStream, false),
        new(SpecialSubstitutionKind.IOStream, false),
    ];

    public static SpecialSubstitution Get(SpecialSubstitutionKind kind) => s_nodes[(int)kind];
}
