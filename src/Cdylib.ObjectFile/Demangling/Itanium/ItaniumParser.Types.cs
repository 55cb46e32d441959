using System;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>Types: builtin, qualified, function, array, vector, pointer-to-member, class and enum types, decltype.</summary>
internal sealed partial class ItaniumParser
{
    /// <summary>&lt;type&gt;; every type that is not builtin and not itself a substitution becomes a substitution candidate.</summary>
    private Node? ParseType()
    {
        Enter();
        return Leave(ParseTypeCore());
    }

    private Node? ParseTypeCore()
    {
        Node? result;
        char first = Look();
        switch (first)
        {
            case 'r':
            case 'V':
            case 'K':
            {
                int afterQualifiers = 0;
                if (Look(afterQualifiers) == 'r')
                {
                    afterQualifiers++;
                }
                if (Look(afterQualifiers) == 'V')
                {
                    afterQualifiers++;
                }
                if (Look(afterQualifiers) == 'K')
                {
                    afterQualifiers++;
                }
                char next = Look(afterQualifiers);
                result = next == 'F' || (next == 'D' && Look(afterQualifiers + 1) is 'o' or 'O' or 'w' or 'x')
                    ? ParseFunctionType()
                    : ParseQualifiedType();
                break;
            }
            case 'U':
                result = ParseQualifiedType();
                break;
            case 'u':
            {
                // A vendor extended type is, unlike the other builtin types, a substitution candidate (ABI 5.9.1).
                _pos++;
                ReadOnlyMemory<char> name = ParseBareSourceName();
                if (name.IsEmpty)
                {
                    return null;
                }
                result = _nodes.Name(name);
                break;
            }
            case 'D':
            {
                NameType? builtin = BuiltinTypes.AfterD(Look(1));
                if (builtin is not null)
                {
                    _pos += 2;
                    return builtin;
                }
                if (Look(1) == 'F')
                {
                    // DF <number> _: ISO/IEC TS 18661 binary floating point, builtin like the others.
                    _pos += 2;
                    var bits = new NameType(ParseNumber());
                    return ConsumeIf('_') ? new BinaryFPType(bits) : null;
                }
                result = ParseTypeAfterD();
                break;
            }
            case 'F':
                result = ParseFunctionType();
                break;
            case 'A':
                result = ParseArrayType();
                break;
            case 'M':
                result = ParsePointerToMemberType();
                break;
            case 'T':
            {
                if (Look(1) is 's' or 'u' or 'e')
                {
                    result = ParseClassEnumType();
                    break;
                }
                result = ParseTemplateParam();
                if (result is null)
                {
                    return null;
                }
                // <template-template-param> <template-args>, where arguments may follow here.
                if (_tryToParseTemplateArgs && Look() == 'I')
                {
                    Node? args = ParseTemplateArgs();
                    if (args is null)
                    {
                        return null;
                    }
                    result = _nodes.NameWithTemplateArgs(result, args);
                }
                break;
            }
            case 'P':
            {
                _pos++;
                Node? pointee = ParseType();
                if (pointee is null)
                {
                    return null;
                }
                result = _nodes.PointerType(pointee);
                break;
            }
            case 'R':
            case 'O':
            {
                _pos++;
                Node? referee = ParseType();
                if (referee is null)
                {
                    return null;
                }
                result = _nodes.ReferenceType(referee, isRValue: first == 'O');
                break;
            }
            case 'C':
            case 'G':
            {
                _pos++;
                Node? element = ParseType();
                if (element is null)
                {
                    return null;
                }
                result = new PostfixQualifiedType(element, first == 'C' ? " complex" : " imaginary");
                break;
            }
            case 'S' when Look(1) != 't':
            {
                result = ParseSubstitution();
                if (result is null)
                {
                    return null;
                }
                if (_tryToParseTemplateArgs && Look() == 'I')
                {
                    Node? args = ParseTemplateArgs();
                    if (args is null)
                    {
                        return null;
                    }
                    result = _nodes.NameWithTemplateArgs(result, args);
                    break;
                }
                // A substitution on its own is not entered into the table again.
                return result;
            }
            default:
            {
                NameType? builtin = BuiltinTypes.OneLetter(first);
                if (builtin is not null)
                {
                    _pos++;
                    return builtin;
                }
                result = ParseClassEnumType();
                break;
            }
        }

        if (result is not null)
        {
            _substitutions.Add(result);
        }
        return result;
    }

    /// <summary>The other types that start with D: decltype, vectors, pack expansions, exception-specified function types.</summary>
    private Node? ParseTypeAfterD()
    {
        switch (Look(1))
        {
            case 't':
            case 'T':
                return ParseDecltype();
            case 'v':
                return ParseVectorType();
            case 'p':
            {
                _pos += 2;
                Node? child = ParseType();
                return child is null ? null : new ParameterPackExpansion(child);
            }
            case 'o':
            case 'O':
            case 'w':
            case 'x':
                return ParseFunctionType();
            default:
                return null;
        }
    }

    /// <summary>&lt;function-type&gt; ::= [&lt;CV-qualifiers&gt;] [&lt;exception-spec&gt;] [Dx] F [Y] &lt;return type&gt; &lt;parameter types&gt; [&lt;ref-qualifier&gt;] E.</summary>
    private Node? ParseFunctionType()
    {
        Qualifiers qualifiers = ParseCVQualifiers();
        Node? exceptionSpec = null;
        if (ConsumeIf("Do"))
        {
            exceptionSpec = FixedNames.Noexcept;
        }
        else if (ConsumeIf("DO"))
        {
            Node? expression = ParseExpr();
            if (expression is null || !ConsumeIf('E'))
            {
                return null;
            }
            exceptionSpec = new NoexceptSpec(expression);
        }
        else if (ConsumeIf("Dw"))
        {
            int mark = PendingMark;
            while (!ConsumeIf('E'))
            {
                Node? type = ParseType();
                if (type is null)
                {
                    return null;
                }
                Push(type);
            }
            exceptionSpec = new DynamicExceptionSpec(PopSince(mark));
        }

        ConsumeIf("Dx"); // transaction_safe
        if (!ConsumeIf('F'))
        {
            return null;
        }
        ConsumeIf('Y'); // extern "C"
        Node? returnType = ParseType();
        if (returnType is null)
        {
            return null;
        }

        RefQualifier refQualifier = RefQualifier.None;
        int parametersMark = PendingMark;
        while (true)
        {
            if (ConsumeIf('E'))
            {
                break;
            }
            if (ConsumeIf('v'))
            {
                continue;
            }
            if (ConsumeIf("RE"))
            {
                refQualifier = RefQualifier.LValue;
                break;
            }
            if (ConsumeIf("OE"))
            {
                refQualifier = RefQualifier.RValue;
                break;
            }
            Node? parameter = ParseType();
            if (parameter is null)
            {
                return null;
            }
            Push(parameter);
        }
        return new FunctionType(returnType, PopSince(parametersMark), qualifiers, refQualifier, exceptionSpec);
    }

    /// <summary>&lt;vector-type&gt; ::= Dv &lt;number&gt; _ (&lt;type&gt; | p) | Dv [&lt;expression&gt;] _ &lt;type&gt;.</summary>
    private Node? ParseVectorType()
    {
        if (!ConsumeIf("Dv"))
        {
            return null;
        }
        if (Look() is >= '1' and <= '9')
        {
            var dimension = new NameType(ParseNumber());
            if (!ConsumeIf('_'))
            {
                return null;
            }
            if (ConsumeIf('p'))
            {
                return new PixelVectorType(dimension);
            }
            Node? element = ParseType();
            return element is null ? null : new VectorType(element, dimension);
        }
        Node? dimensionExpression = null;
        if (!ConsumeIf('_'))
        {
            dimensionExpression = ParseExpr();
            if (dimensionExpression is null || !ConsumeIf('_'))
            {
                return null;
            }
        }
        Node? elementType = ParseType();
        return elementType is null ? null : new VectorType(elementType, dimensionExpression);
    }

    /// <summary>&lt;decltype&gt; ::= Dt &lt;expression&gt; E | DT &lt;expression&gt; E.</summary>
    private Node? ParseDecltype()
    {
        if (!ConsumeIf('D') || !(ConsumeIf('t') || ConsumeIf('T')))
        {
            return null;
        }
        Node? expression = ParseExpr();
        if (expression is null || !ConsumeIf('E'))
        {
            return null;
        }
        return new EnclosingExpr("decltype(", expression, ")");
    }

    /// <summary>&lt;array-type&gt; ::= A [&lt;number&gt; | &lt;expression&gt;] _ &lt;element type&gt;.</summary>
    private Node? ParseArrayType()
    {
        if (!ConsumeIf('A'))
        {
            return null;
        }
        Node? dimension = null;
        if (IsDigit(Look()))
        {
            dimension = new NameType(ParseNumber());
            if (!ConsumeIf('_'))
            {
                return null;
            }
        }
        else if (!ConsumeIf('_'))
        {
            dimension = ParseExpr();
            if (dimension is null || !ConsumeIf('_'))
            {
                return null;
            }
        }
        Node? element = ParseType();
        return element is null ? null : new ArrayType(element, dimension);
    }

    /// <summary>&lt;pointer-to-member-type&gt; ::= M &lt;class type&gt; &lt;member type&gt;.</summary>
    private Node? ParsePointerToMemberType()
    {
        if (!ConsumeIf('M'))
        {
            return null;
        }
        Node? classType = ParseType();
        if (classType is null)
        {
            return null;
        }
        Node? memberType = ParseType();
        return memberType is null ? null : new PointerToMemberType(classType, memberType);
    }

    /// <summary>&lt;class-enum-type&gt; ::= [Ts | Tu | Te] &lt;name&gt;.</summary>
    private Node? ParseClassEnumType()
    {
        string? keyword = ConsumeIf("Ts") ? "struct" : ConsumeIf("Tu") ? "union" : ConsumeIf("Te") ? "enum" : null;
        Node? name = ParseName();
        if (name is null)
        {
            return null;
        }
        return keyword is null ? name : new ElaboratedTypeSpefType(keyword, name);
    }

    /// <summary>&lt;qualified-type&gt; ::= (U &lt;source-name&gt; [&lt;template-args&gt;])* &lt;CV-qualifiers&gt; &lt;type&gt;, with Objective-C's <c>objcproto</c> qualifier.</summary>
    private Node? ParseQualifiedType()
    {
        Enter();
        return Leave(ParseQualifiedTypeCore());
    }

    private Node? ParseQualifiedTypeCore()
    {
        if (ConsumeIf('U'))
        {
            ReadOnlyMemory<char> qualifier = ParseBareSourceName();
            if (qualifier.IsEmpty)
            {
                return null;
            }

            if (qualifier.Span.StartsWith("objcproto", StringComparison.Ordinal))
            {
                // The protocol is itself a <source-name> inside the qualifier's text.
                int savedPos = _pos;
                int savedEnd = _end;
                _pos = savedPos - qualifier.Length + "objcproto".Length;
                _end = savedPos;
                ReadOnlyMemory<char> protocol = ParseBareSourceName();
                _pos = savedPos;
                _end = savedEnd;
                if (protocol.IsEmpty)
                {
                    return null;
                }
                Node? child = ParseQualifiedType();
                return child is null ? null : new ObjCProtoName(child, protocol);
            }

            Node? templateArgs = null;
            if (Look() == 'I')
            {
                templateArgs = ParseTemplateArgs();
                if (templateArgs is null)
                {
                    return null;
                }
            }
            Node? qualified = ParseQualifiedType();
            return qualified is null ? null : new VendorExtQualType(qualified, qualifier, templateArgs);
        }

        Qualifiers qualifiers = ParseCVQualifiers();
        Node? type = ParseType();
        if (type is null)
        {
            return null;
        }
        return qualifiers != Qualifiers.None ? new QualType(type, qualifiers) : type;
    }
}
