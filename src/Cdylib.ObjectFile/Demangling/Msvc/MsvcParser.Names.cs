using System;

namespace Cdylib.ObjectFile.Demangling.Msvc;

/// <summary>Qualified names (<c>A@B@@</c> is B::A), their back-references and template instantiations.</summary>
internal sealed partial class MsvcParser
{
    /// <summary>Which names a template instantiation's name remembers for back-references.</summary>
    [Flags]
    private enum Remember
    {
        None = 0,
        Template = 1,
        Simple = 2,
    }

    /// <summary>A symbol's name: its last component may be an operator, a constructor or a function template.</summary>
    private MsvcQualifiedName FullyQualifiedSymbolName()
    {
        MsvcIdentifier identifier = UnqualifiedSymbolName(Remember.Simple);
        MsvcQualifiedName qualified = NameScopeChain(identifier);
        if (identifier is MsvcStructorIdentifier structor)
        {
            if (qualified.Components.Length < 2)
            {
                throw Invalid();
            }
            structor.Class = qualified.Components[^2];
        }
        return qualified;
    }

    /// <summary>A type's name (A@B@@).</summary>
    private MsvcQualifiedName FullyQualifiedTypeName() => NameScopeChain(UnqualifiedTypeName(memorize: true));

    private MsvcIdentifier UnqualifiedTypeName(bool memorize)
    {
        if (StartsWithDigit())
        {
            return BackReferencedName();
        }
        if (StartsWith("?$"))
        {
            return TemplateInstantiationName(Remember.Template);
        }
        return SimpleName(memorize);
    }

    private MsvcIdentifier UnqualifiedSymbolName(Remember remember)
    {
        if (StartsWithDigit())
        {
            return BackReferencedName();
        }
        if (StartsWith("?$"))
        {
            return TemplateInstantiationName(remember);
        }
        if (StartsWith('?'))
        {
            return FunctionIdentifierCode();
        }
        return SimpleName((remember & Remember.Simple) != 0);
    }

    /// <summary>The enclosing scopes after a name, innermost first, up to the closing @.</summary>
    private MsvcQualifiedName NameScopeChain(MsvcIdentifier unqualified)
    {
        int start = scratch.Count;
        scratch.Add(unqualified);
        while (!Consume('@'))
        {
            if (Empty)
            {
                throw Invalid();
            }
            scratch.Add(NameScopePiece());
        }
        MsvcIdentifier[] components = PopScratch<MsvcIdentifier>(start);
        Array.Reverse(components);
        return new MsvcQualifiedName(components);
    }

    private MsvcIdentifier NameScopePiece()
    {
        if (StartsWithDigit())
        {
            return BackReferencedName();
        }
        if (StartsWith("?$"))
        {
            return TemplateInstantiationName(Remember.Template);
        }
        if (StartsWith("?A"))
        {
            return AnonymousNamespaceName();
        }
        if (StartsWithLocalScopePattern())
        {
            return LocallyScopedNamePiece();
        }
        return SimpleName(memorize: true);
    }

    private MsvcNamedIdentifier BackReferencedName()
    {
        int index = name[pos] - '0';
        if (index >= backrefs.NameCount)
        {
            throw Invalid();
        }
        pos++;
        return backrefs.Names[index];
    }

    /// <summary>The text up to the next @ (at least one character).</summary>
    private ReadOnlyMemory<char> SimpleString(bool memorize)
    {
        int end = name.IndexOf('@', pos);
        if (end <= pos)
        {
            throw Invalid();
        }
        ReadOnlyMemory<char> simple = name.AsMemory(pos, end - pos);
        pos = end + 1;
        if (memorize)
        {
            Memorize(simple);
        }
        return simple;
    }

    private MsvcNamedIdentifier SimpleName(bool memorize) => new(SimpleString(memorize));

    /// <summary>Remembers a name for the back-references 0-9 (the first ten distinct names only).</summary>
    private void Memorize(ReadOnlyMemory<char> text)
    {
        if (backrefs.NameCount >= BackReferences.Max)
        {
            return;
        }
        for (int i = 0; i < backrefs.NameCount; i++)
        {
            if (text.Span.SequenceEqual(backrefs.Names[i].Name.Span))
            {
                return;
            }
        }
        backrefs.Names[backrefs.NameCount++] = new MsvcNamedIdentifier(text);
    }

    /// <summary>A template instantiation is remembered as the text it prints.</summary>
    private void Memorize(MsvcIdentifier identifier) => Memorize(Render(identifier).AsMemory());

    private string Render(MsvcNode node)
    {
        text.Clear();
        text.Write(node);
        return text.Take();
    }

    /// <summary><c>?$</c> name, then the arguments up to @; read with back-references of its own.</summary>
    private MsvcIdentifier TemplateInstantiationName(Remember remember)
    {
        using var nesting = Nest();
        pos += 2;
        BackReferences outer = backrefs;
        backrefs = Level(++level);
        MsvcIdentifier identifier = UnqualifiedSymbolName(Remember.Simple);
        identifier.TemplateParameters = TemplateParameterList();
        level--;
        backrefs = outer;

        if ((remember & Remember.Template) != 0)
        {
            // Only types and scopes remember a template name, and a constructor or conversion can be neither.
            if (identifier is MsvcConversionOperatorIdentifier or MsvcStructorIdentifier)
            {
                throw Invalid();
            }
            Memorize(identifier);
        }
        return identifier;
    }

    /// <summary><c>?A0x1234abcd@</c>: an anonymous namespace (its key is remembered, not printed).</summary>
    private MsvcNamedIdentifier AnonymousNamespaceName()
    {
        pos += 2;
        int end = name.IndexOf('@', pos);
        if (end < 0)
        {
            throw Invalid();
        }
        Memorize(name.AsMemory(pos, end - pos));
        pos = end + 1;
        return new MsvcNamedIdentifier("`anonymous namespace'".AsMemory());
    }

    /// <summary>?N? or ?&lt;A-P number&gt;@? where a scope is a function: <c>`f'::`2'</c>.</summary>
    private bool StartsWithLocalScopePattern()
    {
        if (!StartsWith('?'))
        {
            return false;
        }
        int end = name.IndexOf('?', pos + 1);
        if (end < 0)
        {
            return false;
        }
        ReadOnlySpan<char> candidate = name.AsSpan(pos + 1, end - pos - 1);
        if (candidate.IsEmpty)
        {
            return false;
        }
        if (candidate.Length == 1)
        {
            return candidate[0] == '@' || char.IsAsciiDigit(candidate[0]);
        }
        if (candidate[^1] != '@' || candidate[0] is < 'B' or > 'P')
        {
            return false;
        }
        foreach (char c in candidate[1..^1])
        {
            if (c is < 'A' or > 'P')
            {
                return false;
            }
        }
        return true;
    }

    private MsvcNamedIdentifier LocallyScopedNamePiece()
    {
        pos++;
        var (number, _) = Number();
        Consume('?');
        MsvcSymbol scope = Parse();
        text.Clear();
        text.Append('`');
        text.Write(scope);
        text.Append("'::`").Append(number).Append('\'');
        return new MsvcNamedIdentifier(text.Take().AsMemory());
    }

    /// <summary>After <c>?</c>: an operator, a constructor (0) or destructor (1), a conversion (B), a literal operator (__K).</summary>
    private MsvcIdentifier FunctionIdentifierCode()
    {
        pos++;
        if (Empty)
        {
            throw Invalid();
        }
        if (Consume("__"))
        {
            char code = Next();
            return code == 'K'
                ? new MsvcLiteralOperatorIdentifier(SimpleString(memorize: false))
                : new MsvcOperatorIdentifier(MsvcTables.Operator(code, 2));
        }
        if (Consume('_'))
        {
            return new MsvcOperatorIdentifier(MsvcTables.Operator(Next(), 1));
        }
        char basic = Next();
        return basic switch
        {
            '0' or '1' => new MsvcStructorIdentifier(isDestructor: basic == '1'),
            'B' => new MsvcConversionOperatorIdentifier(),
            _ => new MsvcOperatorIdentifier(MsvcTables.Operator(basic, 0)),
        };
    }

    /// <summary>Template arguments up to @: types, integers ($0), symbols ($1, $E), member pointers ($F-$J), packs.</summary>
    private MsvcNode[] TemplateParameterList()
    {
        int start = scratch.Count;
        while (!StartsWith('@'))
        {
            if (Consume("$S") || Consume("$$V") || Consume("$$$V") || Consume("$$Z"))
            {
                continue; // a parameter pack separator
            }
            scratch.Add(TemplateParameter());
        }
        pos++;
        return PopScratch<MsvcNode>(start);
    }

    private MsvcNode TemplateParameter()
    {
        if (Consume("$$Y"))
        {
            return FullyQualifiedTypeName(); // an alias template
        }
        if (Consume("$$B"))
        {
            return Type(QualifierMode.Drop); // an array
        }
        if (Consume("$$C"))
        {
            return Type(QualifierMode.Mangle); // a qualified type
        }
        if (StartsWith("$1") || StartsWith("$H") || StartsWith("$I") || StartsWith("$J"))
        {
            return MemberFunctionPointerArgument();
        }
        if (StartsWith("$E?"))
        {
            pos += 2;
            return new MsvcTemplateSymbolReference(Parse(), [], isPointer: false);
        }
        if (StartsWith("$F") || StartsWith("$G"))
        {
            pos++;
            long[] offsets = new long[Next() == 'G' ? 3 : 2];
            for (int i = 0; i < offsets.Length; i++)
            {
                offsets[i] = Signed();
            }
            return new MsvcTemplateSymbolReference(null, offsets, isPointer: false);
        }
        if (Consume("$0"))
        {
            var (value, negative) = Number();
            return new MsvcIntegerLiteral(value, negative);
        }
        return Type(QualifierMode.Drop);
    }

    /// <summary>$1 symbol (single inheritance), $H/$I/$J symbol and one, two or three offsets.</summary>
    private MsvcTemplateSymbolReference MemberFunctionPointerArgument()
    {
        pos++;
        char inheritance = Next();
        MsvcSymbol? symbol = null;
        if (StartsWith('?'))
        {
            symbol = Parse();
            Memorize(symbol.Name?.Unqualified ?? throw Invalid());
        }
        long[] offsets = new long[inheritance switch { 'J' => 3, 'I' => 2, 'H' => 1, _ => 0 }];
        for (int i = 0; i < offsets.Length; i++)
        {
            offsets[i] = Signed();
        }
        return new MsvcTemplateSymbolReference(symbol, offsets, isPointer: true);
    }
}
