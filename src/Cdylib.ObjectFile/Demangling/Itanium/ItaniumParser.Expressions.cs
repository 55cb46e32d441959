using System;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>Expressions: in template arguments, decltype, array bounds and noexcept specifications.</summary>
internal sealed partial class ItaniumParser
{
    /// <summary>&lt;expression&gt;.</summary>
    private Node? ParseExpr()
    {
        Enter();
        return Leave(ParseExprCore());
    }

    private Node? ParseExprCore()
    {
        bool isGlobal = ConsumeIf("gs");
        if (NumLeft < 2)
        {
            return null;
        }
        char first = _text[_pos];
        char second = _text[_pos + 1];
        switch (first)
        {
            case 'L':
                return ParseExprPrimary();
            case 'T':
                return ParseTemplateParam();
            case 'f':
                // A function parameter (fp, fL<digit>) or a fold expression (fl, fr, fL, fR).
                return second == 'p' || (second == 'L' && IsDigit(Look(2))) ? ParseFunctionParam() : ParseFoldExpr();
            case 'u':
                return ParseVendorExpr();
            case >= '1' and <= '9':
                return ParseUnresolvedName();
        }

        switch ((first, second))
        {
            case ('a', 't'):
                _pos += 2;
                return Enclosed("alignof (", ParseType(), ")");
            case ('a', 'z'):
                _pos += 2;
                return Enclosed("alignof (", ParseExpr(), ")");
            case ('c', 'c'):
                return ParseCastExpr("const_cast");
            case ('c', 'l'):
            {
                _pos += 2;
                Node? callee = ParseExpr();
                if (callee is null)
                {
                    return null;
                }
                Node[]? arguments = ParseExprsUntilE();
                return arguments is null ? null : new CallExpr(callee, arguments);
            }
            case ('c', 'v'):
                return ParseConversionExpr();
            case ('d', 'a'):
            case ('d', 'l'):
            {
                _pos += 2;
                Node? operand = ParseExpr();
                return operand is null ? null : new DeleteExpr(operand, isGlobal, isArray: second == 'a');
            }
            case ('d', 'c'):
                return ParseCastExpr("dynamic_cast");
            case ('d', 'n'):
            case ('o', 'n'):
            case ('s', 'r'):
                return ParseUnresolvedName();
            case ('d', 's'):
                return ParseMemberExpr(".*");
            case ('d', 't'):
                return ParseMemberExpr(".");
            case ('p', 't'):
                return ParseMemberExpr("->");
            case ('i', 'x'):
            {
                _pos += 2;
                Node? array = ParseExpr();
                if (array is null)
                {
                    return null;
                }
                Node? index = ParseExpr();
                return index is null ? null : new ArraySubscriptExpr(array, index);
            }
            case ('i', 'l'):
            {
                _pos += 2;
                Node[]? initializers = ParseBracedExprsUntilE();
                return initializers is null ? null : new InitListExpr(null, initializers);
            }
            case ('t', 'l'):
            {
                _pos += 2;
                Node? type = ParseType();
                if (type is null)
                {
                    return null;
                }
                Node[]? initializers = ParseBracedExprsUntilE();
                return initializers is null ? null : new InitListExpr(type, initializers);
            }
            case ('m', 'c'):
                _pos += 2;
                return ParsePointerToMemberConversionExpr();
            case ('m', 'm'):
            case ('p', 'p'):
            {
                _pos += 2;
                string op = first == 'm' ? "--" : "++";
                if (ConsumeIf('_'))
                {
                    return ParsePrefixExpr(op);
                }
                Node? operand = ParseExpr();
                return operand is null ? null : new PostfixExpr(operand, op);
            }
            case ('n', 'a'):
            case ('n', 'w'):
                return ParseNewExpr();
            case ('n', 'x'):
                _pos += 2;
                return Enclosed("noexcept (", ParseExpr(), ")");
            case ('q', 'u'):
            {
                _pos += 2;
                Node? condition = ParseExpr();
                if (condition is null)
                {
                    return null;
                }
                Node? then = ParseExpr();
                if (then is null)
                {
                    return null;
                }
                Node? otherwise = ParseExpr();
                return otherwise is null ? null : new ConditionalExpr(condition, then, otherwise);
            }
            case ('r', 'c'):
                return ParseCastExpr("reinterpret_cast");
            case ('s', 'c'):
                return ParseCastExpr("static_cast");
            case ('s', 'o'):
                _pos += 2;
                return ParseSubobjectExpr();
            case ('s', 'p'):
            {
                _pos += 2;
                Node? child = ParseExpr();
                return child is null ? null : new ParameterPackExpansion(child);
            }
            case ('s', 't'):
                _pos += 2;
                return Enclosed("sizeof (", ParseType(), ")");
            case ('s', 'z'):
                _pos += 2;
                return Enclosed("sizeof (", ParseExpr(), ")");
            case ('s', 'Z'):
                _pos += 2;
                if (Look() == 'T')
                {
                    Node? pack = ParseTemplateParam();
                    return pack is null ? null : new SizeofParamPackExpr(pack);
                }
                if (Look() == 'f')
                {
                    return Enclosed("sizeof... (", ParseFunctionParam(), ")");
                }
                return null;
            case ('s', 'P'):
            {
                _pos += 2;
                int mark = PendingMark;
                while (!ConsumeIf('E'))
                {
                    Node? argument = ParseTemplateArg();
                    if (argument is null)
                    {
                        return null;
                    }
                    Push(argument);
                }
                return new EnclosingExpr("sizeof... (", new NodeArrayNode(PopSince(mark)), ")");
            }
            case ('t', 'e'):
                _pos += 2;
                return Enclosed("typeid (", ParseExpr(), ")");
            case ('t', 'i'):
                _pos += 2;
                return Enclosed("typeid (", ParseType(), ")");
            case ('t', 'r'):
                _pos += 2;
                return FixedNames.Throw;
            case ('t', 'w'):
            {
                _pos += 2;
                Node? operand = ParseExpr();
                return operand is null ? null : new ThrowExpr(operand);
            }
        }

        OperatorInfo? op2 = OperatorTable.Find(first, second);
        if (op2 is null)
        {
            return null;
        }
        if (op2.Is(OperatorRoles.Binary))
        {
            _pos += 2;
            return ParseBinaryExpr(op2.Symbol);
        }
        if (op2.Is(OperatorRoles.Prefix))
        {
            _pos += 2;
            return ParsePrefixExpr(op2.Symbol);
        }
        return null;
    }

    private static EnclosingExpr? Enclosed(string prefix, Node? inner, string postfix) =>
        inner is null ? null : new EnclosingExpr(prefix, inner, postfix);

    private Node? ParsePrefixExpr(string op)
    {
        Node? operand = ParseExpr();
        return operand is null ? null : new PrefixExpr(op, operand);
    }

    private Node? ParseBinaryExpr(string op)
    {
        Node? left = ParseExpr();
        if (left is null)
        {
            return null;
        }
        Node? right = ParseExpr();
        return right is null ? null : new BinaryExpr(left, op, right);
    }

    private Node? ParseMemberExpr(string kind)
    {
        _pos += 2;
        Node? left = ParseExpr();
        if (left is null)
        {
            return null;
        }
        Node? right = ParseExpr();
        return right is null ? null : new MemberExpr(left, kind, right);
    }

    private Node? ParseCastExpr(string castKind)
    {
        _pos += 2;
        Node? type = ParseType();
        if (type is null)
        {
            return null;
        }
        Node? operand = ParseExpr();
        return operand is null ? null : new CastExpr(castKind, type, operand);
    }

    /// <summary>Expressions up to an E, consumed.</summary>
    private Node[]? ParseExprsUntilE()
    {
        int mark = PendingMark;
        while (!ConsumeIf('E'))
        {
            Node? expression = ParseExpr();
            if (expression is null)
            {
                return null;
            }
            Push(expression);
        }
        return PopSince(mark);
    }

    private Node[]? ParseBracedExprsUntilE()
    {
        int mark = PendingMark;
        while (!ConsumeIf('E'))
        {
            Node? expression = ParseBracedExpr();
            if (expression is null)
            {
                return null;
            }
            Push(expression);
        }
        return PopSince(mark);
    }

    /// <summary>u &lt;source-name&gt; &lt;template-arg&gt;* E, a vendor extended expression; MSVC's legacy <c>__uuidof</c> takes t &lt;type&gt; or z &lt;expression&gt;.</summary>
    private Node? ParseVendorExpr()
    {
        _pos++;
        Node? name = ParseSourceName();
        if (name is null)
        {
            return null;
        }
        if (name is NameType named && named.Name.Span.SequenceEqual("__uuidof"))
        {
            if (NumLeft < 2)
            {
                return null;
            }
            if (ConsumeIf('t'))
            {
                Node? type = ParseType();
                return type is null ? null : new CallExpr(name, [type]);
            }
            if (ConsumeIf('z'))
            {
                Node? expression = ParseExpr();
                return expression is null ? null : new CallExpr(name, [expression]);
            }
        }
        int mark = PendingMark;
        while (!ConsumeIf('E'))
        {
            Node? argument = ParseTemplateArg();
            if (argument is null)
            {
                return null;
            }
            Push(argument);
        }
        return new CallExpr(name, PopSince(mark));
    }

    /// <summary>&lt;function-param&gt; ::= fpT | fp [&lt;CV-qualifiers&gt;] [n] _ | fL &lt;n&gt; p [&lt;CV-qualifiers&gt;] [n] _.</summary>
    private Node? ParseFunctionParam()
    {
        if (ConsumeIf("fpT"))
        {
            return FixedNames.This;
        }
        if (ConsumeIf("fp"))
        {
            ParseCVQualifiers();
            ReadOnlyMemory<char> number = ParseNumber();
            return ConsumeIf('_') ? new FunctionParam(number) : null;
        }
        if (ConsumeIf("fL"))
        {
            if (ParseNumber().IsEmpty || !ConsumeIf('p'))
            {
                return null;
            }
            ParseCVQualifiers();
            ReadOnlyMemory<char> number = ParseNumber();
            return ConsumeIf('_') ? new FunctionParam(number) : null;
        }
        return null;
    }

    /// <summary>[gs] nw|na &lt;expression&gt;* _ &lt;type&gt; (E | pi &lt;expression&gt;* E).</summary>
    private Node? ParseNewExpr()
    {
        // LLVM 14 looks for gs here although the caller has consumed it, so a global new prints without
        // "::operator"; kept, to print what llvm-cxxfilt prints.
        bool isGlobal = ConsumeIf("gs");
        bool isArray = Look(1) == 'a';
        if (!ConsumeIf("nw") && !ConsumeIf("na"))
        {
            return null;
        }
        int mark = PendingMark;
        while (!ConsumeIf('_'))
        {
            Node? expression = ParseExpr();
            if (expression is null)
            {
                return null;
            }
            Push(expression);
        }
        Node[] placement = PopSince(mark);
        Node? type = ParseType();
        if (type is null)
        {
            return null;
        }
        if (ConsumeIf("pi"))
        {
            Node[]? initializers = ParseExprsUntilE();
            return initializers is null ? null : new NewExpr(placement, type, initializers, isGlobal, isArray);
        }
        return ConsumeIf('E') ? new NewExpr(placement, type, [], isGlobal, isArray) : null;
    }

    /// <summary>cv &lt;type&gt; &lt;expression&gt; | cv &lt;type&gt; _ &lt;expression&gt;* E.</summary>
    private Node? ParseConversionExpr()
    {
        if (!ConsumeIf("cv"))
        {
            return null;
        }
        bool savedTryArgs = _tryToParseTemplateArgs;
        _tryToParseTemplateArgs = false;
        Node? type = ParseType();
        _tryToParseTemplateArgs = savedTryArgs;
        if (type is null)
        {
            return null;
        }
        if (ConsumeIf('_'))
        {
            Node[]? expressions = ParseExprsUntilE();
            return expressions is null ? null : new ConversionExpr(type, expressions);
        }
        Node? expression = ParseExpr();
        return expression is null ? null : new ConversionExpr(type, [expression]);
    }

    /// <summary>&lt;braced-expression&gt; ::= &lt;expression&gt; | di &lt;field&gt; &lt;braced&gt; | dx &lt;index&gt; &lt;braced&gt; | dX &lt;first&gt; &lt;last&gt; &lt;braced&gt;.</summary>
    private Node? ParseBracedExpr()
    {
        Enter();
        return Leave(ParseBracedExprCore());
    }

    private Node? ParseBracedExprCore()
    {
        if (Look() == 'd')
        {
            switch (Look(1))
            {
                case 'i':
                {
                    _pos += 2;
                    Node? field = ParseSourceName();
                    if (field is null)
                    {
                        return null;
                    }
                    Node? initializer = ParseBracedExpr();
                    return initializer is null ? null : new BracedExpr(field, initializer, isArray: false);
                }
                case 'x':
                {
                    _pos += 2;
                    Node? index = ParseExpr();
                    if (index is null)
                    {
                        return null;
                    }
                    Node? initializer = ParseBracedExpr();
                    return initializer is null ? null : new BracedExpr(index, initializer, isArray: true);
                }
                case 'X':
                {
                    _pos += 2;
                    Node? rangeFirst = ParseExpr();
                    if (rangeFirst is null)
                    {
                        return null;
                    }
                    Node? rangeLast = ParseExpr();
                    if (rangeLast is null)
                    {
                        return null;
                    }
                    Node? initializer = ParseBracedExpr();
                    return initializer is null ? null : new BracedRangeExpr(rangeFirst, rangeLast, initializer);
                }
            }
        }
        return ParseExpr();
    }

    /// <summary>fl|fr &lt;operator&gt; &lt;pack&gt;, fL|fR &lt;operator&gt; &lt;expression&gt; &lt;expression&gt;.</summary>
    private Node? ParseFoldExpr()
    {
        if (!ConsumeIf('f'))
        {
            return null;
        }
        char foldKind = Look();
        if (foldKind is not ('l' or 'L' or 'r' or 'R'))
        {
            return null;
        }
        bool isLeftFold = foldKind is 'l' or 'L';
        bool hasInitializer = foldKind is 'L' or 'R';
        _pos++;

        OperatorInfo? op = OperatorTable.Find(Look(), Look(1));
        if (op is null || !op.Is(OperatorRoles.Fold))
        {
            return null;
        }
        _pos += 2;

        Node? pack = ParseExpr();
        if (pack is null)
        {
            return null;
        }
        Node? init = null;
        if (hasInitializer)
        {
            init = ParseExpr();
            if (init is null)
            {
                return null;
            }
        }
        if (isLeftFold && init is not null)
        {
            (pack, init) = (init, pack);
        }
        return new FoldExpr(isLeftFold, op.Symbol, pack, init);
    }

    /// <summary>mc &lt;type&gt; &lt;expression&gt; [&lt;offset&gt;] E.</summary>
    private Node? ParsePointerToMemberConversionExpr()
    {
        Node? type = ParseType();
        if (type is null)
        {
            return null;
        }
        Node? expression = ParseExpr();
        if (expression is null)
        {
            return null;
        }
        ParseNumber(allowNegative: true);
        return ConsumeIf('E') ? new PointerToMemberConversionExpr(type, expression) : null;
    }

    /// <summary>so &lt;type&gt; &lt;expression&gt; [&lt;offset&gt;] (_ [&lt;number&gt;])* [p] E.</summary>
    private Node? ParseSubobjectExpr()
    {
        Node? type = ParseType();
        if (type is null)
        {
            return null;
        }
        Node? expression = ParseExpr();
        if (expression is null)
        {
            return null;
        }
        ReadOnlyMemory<char> offset = ParseNumber(allowNegative: true);
        // The union selectors and the one-past-the-end mark do not show in the output.
        while (ConsumeIf('_'))
        {
            ParseNumber();
        }
        ConsumeIf('p');
        return ConsumeIf('E') ? new SubobjectExpr(type, expression, offset) : null;
    }
}
