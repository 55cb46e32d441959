namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>Unresolved names: the dependent names an expression refers to (<c>T::x</c>, <c>A&lt;N&gt;::f</c>, <c>~T</c>).</summary>
internal sealed partial class ItaniumParser
{
    /// <summary>&lt;simple-id&gt; ::= &lt;source-name&gt; [&lt;template-args&gt;].</summary>
    private Node? ParseSimpleId()
    {
        Node? name = ParseSourceName();
        if (name is null)
        {
            return null;
        }
        if (Look() != 'I')
        {
            return name;
        }
        Node? args = ParseTemplateArgs();
        return args is null ? null : _nodes.NameWithTemplateArgs(name, args);
    }

    /// <summary>&lt;destructor-name&gt; ::= &lt;unresolved-type&gt; | &lt;simple-id&gt;.</summary>
    private Node? ParseDestructorName()
    {
        Node? type = IsDigit(Look()) ? ParseSimpleId() : ParseUnresolvedType();
        return type is null ? null : new DtorName(type);
    }

    /// <summary>&lt;unresolved-type&gt; ::= &lt;template-param&gt; | &lt;decltype&gt; | &lt;substitution&gt;.</summary>
    private Node? ParseUnresolvedType()
    {
        if (Look() == 'T' || Look() == 'D')
        {
            Node? type = Look() == 'T' ? ParseTemplateParam() : ParseDecltype();
            if (type is not null)
            {
                _substitutions.Add(type);
            }
            return type;
        }
        return ParseSubstitution();
    }

    /// <summary>&lt;base-unresolved-name&gt; ::= &lt;simple-id&gt; | [on] &lt;operator-name&gt; [&lt;template-args&gt;] | dn &lt;destructor-name&gt;.</summary>
    private Node? ParseBaseUnresolvedName()
    {
        if (IsDigit(Look()))
        {
            return ParseSimpleId();
        }
        if (ConsumeIf("dn"))
        {
            return ParseDestructorName();
        }
        ConsumeIf("on");
        Node? op = ParseOperatorName(null);
        if (op is null)
        {
            return null;
        }
        if (Look() != 'I')
        {
            return op;
        }
        Node? args = ParseTemplateArgs();
        return args is null ? null : _nodes.NameWithTemplateArgs(op, args);
    }

    /// <summary>&lt;unresolved-name&gt;: [gs] &lt;base&gt;, [gs] sr &lt;qualifier&gt;+ E &lt;base&gt;, sr &lt;unresolved-type&gt; [&lt;template-args&gt;] &lt;base&gt;, srN … E &lt;base&gt;.</summary>
    private Node? ParseUnresolvedName()
    {
        Node? soFar;
        if (ConsumeIf("srN"))
        {
            soFar = ParseUnresolvedType();
            if (soFar is null)
            {
                return null;
            }
            if (Look() == 'I')
            {
                Node? args = ParseTemplateArgs();
                if (args is null)
                {
                    return null;
                }
                soFar = _nodes.NameWithTemplateArgs(soFar, args);
            }
            while (!ConsumeIf('E'))
            {
                Node? qualifier = ParseSimpleId();
                if (qualifier is null)
                {
                    return null;
                }
                soFar = new QualifiedName(soFar, qualifier);
            }
            Node? baseName = ParseBaseUnresolvedName();
            return baseName is null ? null : new QualifiedName(soFar, baseName);
        }

        bool isGlobal = ConsumeIf("gs");
        if (!ConsumeIf("sr"))
        {
            soFar = ParseBaseUnresolvedName();
            if (soFar is null)
            {
                return null;
            }
            return isGlobal ? new GlobalQualifiedName(soFar) : soFar;
        }

        if (IsDigit(Look()))
        {
            soFar = null;
            do
            {
                Node? qualifier = ParseSimpleId();
                if (qualifier is null)
                {
                    return null;
                }
                soFar = soFar is not null ? new QualifiedName(soFar, qualifier) : isGlobal ? new GlobalQualifiedName(qualifier) : qualifier;
            }
            while (!ConsumeIf('E'));
        }
        else
        {
            soFar = ParseUnresolvedType();
            if (soFar is null)
            {
                return null;
            }
            if (Look() == 'I')
            {
                Node? args = ParseTemplateArgs();
                if (args is null)
                {
                    return null;
                }
                soFar = _nodes.NameWithTemplateArgs(soFar, args);
            }
        }

        Node? unresolvedBase = ParseBaseUnresolvedName();
        return unresolvedBase is null ? null : new QualifiedName(soFar, unresolvedBase);
    }
}
