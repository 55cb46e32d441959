namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>Encodings (a function's or a variable's whole name) and the special names: vtables, typeinfo, thunks, guard variables.</summary>
internal sealed partial class ItaniumParser
{
    /// <summary>&lt;encoding&gt; ::= &lt;name&gt; [&lt;return type&gt;] &lt;parameter types&gt; | &lt;name&gt; | &lt;special-name&gt;, with template parameters of its own.</summary>
    private Node? ParseEncoding()
    {
        Enter();
        var saved = _templateParams.EnterEncoding();
        Node? result = ParseEncodingCore();
        _templateParams.LeaveEncoding(saved);
        return Leave(result);
    }

    private Node? ParseEncodingCore()
    {
        if (Look() is 'G' or 'T')
        {
            return ParseSpecialName();
        }

        var state = _nodes.NameState(_forwardRefs.Count);
        Node? name = ParseName(state);
        if (name is null || !ResolveForwardTemplateRefs(state))
        {
            return null;
        }
        if (IsEndOfEncoding)
        {
            return name;
        }

        Node? attributes = null;
        if (ConsumeIf("Ua9enable_ifI"))
        {
            int mark = PendingMark;
            while (!ConsumeIf('E'))
            {
                Node? condition = ParseTemplateArg();
                if (condition is null)
                {
                    return null;
                }
                Push(condition);
            }
            attributes = new EnableIfAttr(PopSince(mark));
        }

        // Only a template function's mangling has its return type (and not a constructor's or conversion's).
        Node? returnType = null;
        if (!state.CtorDtorConversion && state.EndsWithTemplateArgs)
        {
            returnType = ParseType();
            if (returnType is null)
            {
                return null;
            }
        }

        if (ConsumeIf('v'))
        {
            return _nodes.FunctionEncoding(returnType, name, [], attributes, state.CVQualifiers, state.RefQualifier);
        }
        int parametersMark = PendingMark;
        do
        {
            Node? parameter = ParseType();
            if (parameter is null)
            {
                return null;
            }
            Push(parameter);
        }
        while (!IsEndOfEncoding);
        return _nodes.FunctionEncoding(returnType, name, PopSince(parametersMark), attributes, state.CVQualifiers, state.RefQualifier);
    }

    /// <summary>What may follow an encoding (none of it starts a type), so parameters end there.</summary>
    private bool IsEndOfEncoding => NumLeft == 0 || Look() is 'E' or '.' or '_';

    /// <summary>Points the forward references made in the name at the encoding's template arguments; false if one has none.</summary>
    private bool ResolveForwardTemplateRefs(NameState state)
    {
        for (int i = state.ForwardRefsBegin; i < _forwardRefs.Count; i++)
        {
            ForwardTemplateReference forward = _forwardRefs[i];
            System.Collections.Generic.List<Node>? arguments = _templateParams.Count == 0 ? null : _templateParams[0];
            if (arguments is null || forward.Index >= arguments.Count)
            {
                return false;
            }
            forward.Target = arguments[forward.Index];
        }
        _forwardRefs.RemoveRange(state.ForwardRefsBegin, _forwardRefs.Count - state.ForwardRefsBegin);
        return true;
    }

    /// <summary>&lt;call-offset&gt; ::= h &lt;offset&gt; _ | v &lt;offset&gt; _ &lt;virtual offset&gt; _, skipped: thunks do not print it.</summary>
    private bool SkipCallOffset()
    {
        if (ConsumeIf('h'))
        {
            return !ParseNumber(allowNegative: true).IsEmpty && ConsumeIf('_');
        }
        if (ConsumeIf('v'))
        {
            return !ParseNumber(allowNegative: true).IsEmpty && ConsumeIf('_')
                && !ParseNumber(allowNegative: true).IsEmpty && ConsumeIf('_');
        }
        return false;
    }

    /// <summary>&lt;special-name&gt;: TV TT TI TS TA Tc TC TW TH T&lt;call-offset&gt; GV GR.</summary>
    private Node? ParseSpecialName()
    {
        char kind = Look(1);
        if (Look() == 'G')
        {
            _pos += 2;
            switch (kind)
            {
                case 'V':
                    return Special("guard variable for ", ParseName());
                case 'R':
                {
                    // GR <name> [<seq-id>] _: a lifetime-extended temporary.
                    Node? name = ParseName();
                    if (name is null)
                    {
                        return null;
                    }
                    bool hasSeqId = ParseSeqId(out _);
                    if (!ConsumeIf('_') && hasSeqId)
                    {
                        return null;
                    }
                    return new SpecialName("reference temporary for ", name);
                }
                default:
                    return null;
            }
        }

        switch (kind)
        {
            case 'A':
                _pos += 2;
                return Special("template parameter object for ", ParseTemplateArg());
            case 'V':
                _pos += 2;
                return Special("vtable for ", ParseType());
            case 'T':
                _pos += 2;
                return Special("VTT for ", ParseType());
            case 'I':
                _pos += 2;
                return Special("typeinfo for ", ParseType());
            case 'S':
                _pos += 2;
                return Special("typeinfo name for ", ParseType());
            case 'c':
                _pos += 2;
                if (!SkipCallOffset() || !SkipCallOffset())
                {
                    return null;
                }
                return Special("covariant return thunk to ", ParseEncoding());
            case 'C':
            {
                // TC <derived type> <offset> _ <base type>: construction vtable for base-in-derived.
                _pos += 2;
                Node? derived = ParseType();
                if (derived is null || ParseNumber(allowNegative: true).IsEmpty || !ConsumeIf('_'))
                {
                    return null;
                }
                Node? baseType = ParseType();
                return baseType is null ? null : new CtorVtableSpecialName(baseType, derived);
            }
            case 'W':
                _pos += 2;
                return Special("thread-local wrapper routine for ", ParseName());
            case 'H':
                _pos += 2;
                return Special("thread-local initialization routine for ", ParseName());
            default:
            {
                _pos++;
                bool isVirtual = Look() == 'v';
                if (!SkipCallOffset())
                {
                    return null;
                }
                return Special(isVirtual ? "virtual thunk to " : "non-virtual thunk to ", ParseEncoding());
            }
        }
    }

    private static SpecialName? Special(string phrase, Node? subject) => subject is null ? null : new SpecialName(phrase, subject);
}
