using System.Collections.Generic;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>Template arguments and the template parameters that refer back to them.</summary>
internal sealed partial class ItaniumParser
{
    /// <summary>
    /// &lt;template-args&gt; ::= I &lt;template-arg&gt;* E. When they belong to the name of an encoding
    /// (<paramref name="recordForEncoding"/>), they become what the encoding's <c>T_</c> refer to, a
    /// pack (<c>J…E</c>) as a <see cref="ParameterPack"/>.
    /// </summary>
    private Node? ParseTemplateArgs(bool recordForEncoding = false)
    {
        if (!ConsumeIf('I'))
        {
            return null;
        }
        List<Node> outer = _templateParams.Outer;
        if (recordForEncoding)
        {
            // Template parameters refer to the innermost arguments only.
            _templateParams.Clear();
            _templateParams.Push(outer);
            outer.Clear();
        }

        // A conversion operator's type takes no template arguments after a template parameter or a
        // substitution (they belong to the operator); inside an argument list that rule does not apply.
        // LLVM 14 keeps it on there and so cannot read `operator std::vector<T, std::allocator<T> >`.
        bool savedTryArgs = _tryToParseTemplateArgs;
        _tryToParseTemplateArgs = true;
        Node? result = ParseTemplateArgList(recordForEncoding, outer);
        _tryToParseTemplateArgs = savedTryArgs;
        return result;
    }

    private Node? ParseTemplateArgList(bool recordForEncoding, List<Node> outer)
    {
        int mark = PendingMark;
        while (!ConsumeIf('E'))
        {
            Node? argument;
            if (recordForEncoding)
            {
                int saved = _templateParams.HideAll();
                argument = ParseTemplateArg();
                _templateParams.Restore(saved);
            }
            else
            {
                argument = ParseTemplateArg();
            }
            if (argument is null)
            {
                return null;
            }
            Push(argument);
            if (recordForEncoding)
            {
                outer.Add(argument is TemplateArgumentPack pack ? new ParameterPack(pack.Elements) : argument);
            }
        }
        return _nodes.TemplateArgs(PopSince(mark));
    }

    /// <summary>&lt;template-arg&gt; ::= &lt;type&gt; | X &lt;expression&gt; E | &lt;expr-primary&gt; | J &lt;template-arg&gt;* E | LZ &lt;encoding&gt; E.</summary>
    private Node? ParseTemplateArg()
    {
        Enter();
        return Leave(ParseTemplateArgCore());
    }

    private Node? ParseTemplateArgCore()
    {
        switch (Look())
        {
            case 'X':
            {
                _pos++;
                Node? expression = ParseExpr();
                return expression is not null && ConsumeIf('E') ? expression : null;
            }
            case 'J':
            {
                _pos++;
                int mark = PendingMark;
                while (!ConsumeIf('E'))
                {
                    Node? element = ParseTemplateArg();
                    if (element is null)
                    {
                        return null;
                    }
                    Push(element);
                }
                return new TemplateArgumentPack(PopSince(mark));
            }
            case 'L':
            {
                if (Look(1) == 'Z')
                {
                    _pos += 2;
                    Node? encoding = ParseEncoding();
                    return encoding is not null && ConsumeIf('E') ? encoding : null;
                }
                return ParseExprPrimary();
            }
            default:
                return ParseType();
        }
    }

    /// <summary>
    /// &lt;template-param&gt; ::= T_ | T &lt;n&gt; _ | TL &lt;level&gt; __ | TL &lt;level&gt; _ &lt;n&gt; _: the argument it
    /// stands for; a forward reference inside a conversion operator's type; <c>auto</c> for a generic
    /// lambda's invented parameter.
    /// </summary>
    private Node? ParseTemplateParam()
    {
        if (!ConsumeIf('T'))
        {
            return null;
        }
        int level = 0;
        if (ConsumeIf('L'))
        {
            if (!ParsePositiveInteger(out level))
            {
                return null;
            }
            level++;
            if (!ConsumeIf('_'))
            {
                return null;
            }
        }
        int index = 0;
        if (!ConsumeIf('_'))
        {
            if (!ParsePositiveInteger(out index))
            {
                return null;
            }
            index++;
            if (!ConsumeIf('_'))
            {
                return null;
            }
        }

        if (_permitForwardTemplateReferences && level == 0)
        {
            var forward = new ForwardTemplateReference(index);
            _forwardRefs.Add(forward);
            return forward;
        }

        List<Node>? parameters = level < _templateParams.Count ? _templateParams[level] : null;
        if (parameters is null || index >= parameters.Count)
        {
            // ABI 5.1.8: in a generic lambda, an 'auto' parameter is mangled as its invented template parameter.
            if (_parsingLambdaParamsAtLevel == level && level <= _templateParams.Count)
            {
                if (level == _templateParams.Count)
                {
                    _templateParams.Push(null);
                }
                return FixedNames.Auto;
            }
            return null;
        }
        return parameters[index];
    }

    /// <summary>&lt;template-param-decl&gt; ::= Ty | Tn &lt;type&gt; | Tt &lt;template-param-decl&gt;* E | Tp &lt;template-param-decl&gt;, in a lambda's signature.</summary>
    private Node? ParseTemplateParamDecl()
    {
        Enter();
        return Leave(ParseTemplateParamDeclCore());
    }

    private Node? ParseTemplateParamDeclCore()
    {
        if (ConsumeIf("Ty"))
        {
            Node? name = InventTemplateParamName(TemplateParamKind.Type);
            return name is null ? null : new TypeTemplateParamDecl(name);
        }
        if (ConsumeIf("Tn"))
        {
            Node? name = InventTemplateParamName(TemplateParamKind.NonType);
            if (name is null)
            {
                return null;
            }
            Node? type = ParseType();
            return type is null ? null : new NonTypeTemplateParamDecl(name, type);
        }
        if (ConsumeIf("Tt"))
        {
            Node? name = InventTemplateParamName(TemplateParamKind.Template);
            if (name is null)
            {
                return null;
            }
            int mark = PendingMark;
            int levelsBefore = _templateParams.Count;
            _templateParams.Push([]);
            Node? result = null;
            while (true)
            {
                if (ConsumeIf('E'))
                {
                    result = new TemplateTemplateParamDecl(name, PopSince(mark));
                    break;
                }
                Node? parameter = ParseTemplateParamDecl();
                if (parameter is null)
                {
                    break;
                }
                Push(parameter);
            }
            _templateParams.Truncate(levelsBefore);
            return result;
        }
        if (ConsumeIf("Tp"))
        {
            Node? parameter = ParseTemplateParamDecl();
            return parameter is null ? null : new TemplateParamPackDecl(parameter);
        }
        return null;
    }

    /// <summary>A name for a lambda's template parameter, entered into the innermost parameter list.</summary>
    private SyntheticTemplateParamName? InventTemplateParamName(TemplateParamKind kind)
    {
        List<Node>? innermost = _templateParams.Last;
        if (innermost is null)
        {
            return null;
        }
        var name = new SyntheticTemplateParamName(kind, _syntheticParamCounts[(int)kind]++);
        innermost.Add(name);
        return name;
    }
}
