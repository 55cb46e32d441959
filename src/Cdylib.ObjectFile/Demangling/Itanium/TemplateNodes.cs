using System;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>What a template parameter declared in a lambda's signature is.</summary>
internal enum TemplateParamKind
{
    Type,
    NonType,
    Template,
}

/// <summary>An invented name for a lambda's template parameter, which has no argument to stand for it: <c>$T</c>, <c>$N0</c>, <c>$TT1</c>.</summary>
internal sealed class SyntheticTemplateParamName(TemplateParamKind kind, uint index) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append(kind switch
        {
            TemplateParamKind.Type => "$T",
            TemplateParamKind.NonType => "$N",
            _ => "$TT",
        });
        if (index > 0)
        {
            output.Append(index - 1);
        }
    }
}

/// <summary><c>typename $T</c> in a lambda's template parameter list.</summary>
internal sealed class TypeTemplateParamDecl(Node name) : Node(Cache.Yes)
{
    protected override void WriteLeft(ItaniumOutput output) => output.Append("typename ");

    protected override void WriteRight(ItaniumOutput output) => name.Print(output);
}

/// <summary><c>int $N</c> in a lambda's template parameter list.</summary>
internal sealed class NonTypeTemplateParamDecl(Node name, Node type) : Node(Cache.Yes)
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        type.PrintLeft(output);
        if (!type.HasRightPart(output))
        {
            output.Append(' ');
        }
    }

    protected override void WriteRight(ItaniumOutput output)
    {
        name.Print(output);
        type.PrintRight(output);
    }
}

/// <summary><c>template&lt;typename&gt; typename $TT</c> in a lambda's template parameter list.</summary>
internal sealed class TemplateTemplateParamDecl(Node name, Node[] parameters) : Node(Cache.Yes)
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("template<");
        NodeList.PrintWithComma(parameters, output);
        output.Append("> typename ");
    }

    protected override void WriteRight(ItaniumOutput output) => name.Print(output);
}

/// <summary><c>typename... $T</c> in a lambda's template parameter list.</summary>
internal sealed class TemplateParamPackDecl(Node parameter) : Node(Cache.Yes)
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        parameter.PrintLeft(output);
        output.Append("...");
    }

    protected override void WriteRight(ItaniumOutput output) => parameter.PrintRight(output);
}

/// <summary>
/// A template argument pack as a template parameter refers to it. Printed inside a
/// <see cref="ParameterPackExpansion"/>, it stands for the element being expanded; the first pack
/// met sets how many elements the expansion has.
/// </summary>
internal sealed class ParameterPack : Node
{
    private readonly Node[] _elements;

    public ParameterPack(Node[] elements)
        : base(Cache.Unknown, Cache.Unknown, Cache.Unknown)
    {
        _elements = elements;
        if (Array.TrueForAll(elements, static e => e.ArrayCache == Cache.No))
        {
            ArrayCache = Cache.No;
        }
        if (Array.TrueForAll(elements, static e => e.FunctionCache == Cache.No))
        {
            FunctionCache = Cache.No;
        }
        if (Array.TrueForAll(elements, static e => e.RightPartCache == Cache.No))
        {
            RightPartCache = Cache.No;
        }
    }

    protected override bool ComputeHasRightPart(ItaniumOutput output) => Current(output)?.HasRightPart(output) ?? false;

    protected override bool ComputeHasArray(ItaniumOutput output) => Current(output)?.HasArray(output) ?? false;

    protected override bool ComputeHasFunction(ItaniumOutput output) => Current(output)?.HasFunction(output) ?? false;

    protected override Node ComputeSyntaxNode(ItaniumOutput output) => Current(output)?.SyntaxNode(output) ?? this;

    protected override void WriteLeft(ItaniumOutput output) => Current(output)?.PrintLeft(output);

    protected override void WriteRight(ItaniumOutput output) => Current(output)?.PrintRight(output);

    private Node? Current(ItaniumOutput output)
    {
        if (output.PackMax == ItaniumOutput.NoPack)
        {
            output.PackMax = (uint)_elements.Length;
            output.PackIndex = 0;
        }
        uint index = output.PackIndex;
        return index < _elements.Length ? _elements[index] : null;
    }
}

/// <summary>An argument pack written in place (<c>J…E</c>): its elements, comma-separated.</summary>
internal sealed class TemplateArgumentPack(Node[] elements) : Node
{
    public Node[] Elements { get; } = elements;

    protected override void WriteLeft(ItaniumOutput output) => NodeList.PrintWithComma(Elements, output);
}

/// <summary>
/// A pack expansion: the child printed once per element of the parameter pack found below it,
/// comma-separated; nothing for an empty pack; <c>child...</c> when no pack is below it.
/// </summary>
internal sealed class ParameterPackExpansion(Node child) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        uint savedIndex = output.PackIndex;
        uint savedMax = output.PackMax;
        output.PackIndex = ItaniumOutput.NoPack;
        output.PackMax = ItaniumOutput.NoPack;
        int start = output.Position;

        child.Print(output);
        if (output.PackMax == ItaniumOutput.NoPack)
        {
            output.Append("...");
        }
        else if (output.PackMax == 0)
        {
            output.Position = start;
        }
        else
        {
            for (uint i = 1, end = output.PackMax; i < end; ++i)
            {
                output.Append(", ");
                output.PackIndex = i;
                child.Print(output);
            }
        }

        output.PackIndex = savedIndex;
        output.PackMax = savedMax;
    }
}

/// <summary><c>&lt;a, b&gt;</c>, with a space before a closing bracket that follows another.</summary>
internal sealed class TemplateArgs(Node[] arguments) : Node
{
    private Node[] _arguments = arguments;

    /// <summary>Makes a node of <see cref="NodePool"/>'s stand for other arguments.</summary>
    internal TemplateArgs Reuse(Node[] arguments)
    {
        _arguments = arguments;
        return this;
    }

    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append('<');
        NodeList.PrintWithComma(_arguments, output);
        if (output.Last == '>')
        {
            output.Append(' ');
        }
        output.Append('>');
    }
}

/// <summary>
/// A template parameter used before its arguments are known (in a templated conversion operator's
/// type); resolved when the enclosing encoding's arguments have been read. A malformed name can make it
/// refer to itself, so it prints nothing when re-entered.
/// </summary>
internal sealed class ForwardTemplateReference(int index) : Node(Cache.Unknown, Cache.Unknown, Cache.Unknown)
{
    private bool _printing;

    public int Index { get; } = index;

    public Node? Target { get; set; }

    protected override bool ComputeHasRightPart(ItaniumOutput output) => Guarded(output, static (t, o) => t.HasRightPart(o));

    protected override bool ComputeHasArray(ItaniumOutput output) => Guarded(output, static (t, o) => t.HasArray(o));

    protected override bool ComputeHasFunction(ItaniumOutput output) => Guarded(output, static (t, o) => t.HasFunction(o));

    protected override Node ComputeSyntaxNode(ItaniumOutput output)
    {
        if (_printing || Target is null)
        {
            return this;
        }
        _printing = true;
        try
        {
            return Target.SyntaxNode(output);
        }
        finally
        {
            _printing = false;
        }
    }

    protected override void WriteLeft(ItaniumOutput output) => Guarded(output, static (t, o) =>
    {
        t.PrintLeft(o);
        return true;
    });

    protected override void WriteRight(ItaniumOutput output) => Guarded(output, static (t, o) =>
    {
        t.PrintRight(o);
        return true;
    });

    private bool Guarded(ItaniumOutput output, Func<Node, ItaniumOutput, bool> action)
    {
        if (_printing || Target is null)
        {
            return false;
        }
        _printing = true;
        try
        {
            return action(Target, output);
        }
        finally
        {
            _printing = false;
        }
    }
}
