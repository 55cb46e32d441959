using System;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>Whether a node has a property, when it can be known without printing (a pack element may decide it).</summary>
internal enum Cache : byte
{
    Yes,
    No,
    Unknown,
}

/// <summary>
/// One piece of a parsed name. C++ declarator syntax wraps a type around what it declares
/// (<c>int (*f)(char)</c>), so each node prints in two halves: the left part before the declared
/// name and the right part after it (array bounds, parameter lists). The three caches say whether a
/// node has a right part, is an array or a function; they steer where parentheses go.
/// </summary>
/// <remarks>Every recursion goes through the non-virtual wrappers here, which count it against the
/// output's bounds, so a hostile tree cannot overflow the stack or run away in time.</remarks>
internal abstract class Node
{
    protected Node(Cache rightPart = Cache.No, Cache array = Cache.No, Cache function = Cache.No)
    {
        RightPartCache = rightPart;
        ArrayCache = array;
        FunctionCache = function;
    }

    public Cache RightPartCache { get; protected set; }

    public Cache ArrayCache { get; protected set; }

    public Cache FunctionCache { get; protected set; }

    public bool HasRightPart(ItaniumOutput output) =>
        RightPartCache == Cache.Unknown ? Counted(output, static (n, o) => n.ComputeHasRightPart(o)) : RightPartCache == Cache.Yes;

    public bool HasArray(ItaniumOutput output) =>
        ArrayCache == Cache.Unknown ? Counted(output, static (n, o) => n.ComputeHasArray(o)) : ArrayCache == Cache.Yes;

    public bool HasFunction(ItaniumOutput output) =>
        FunctionCache == Cache.Unknown ? Counted(output, static (n, o) => n.ComputeHasFunction(o)) : FunctionCache == Cache.Yes;

    /// <summary>The node that stands for concrete syntax, looking through packs and forward references.</summary>
    public Node SyntaxNode(ItaniumOutput output)
    {
        output.Enter();
        Node result = ComputeSyntaxNode(output);
        output.Leave();
        return result;
    }

    /// <summary>The unqualified name a constructor or destructor repeats; empty when the node has none.</summary>
    public ReadOnlyMemory<char> BaseName(ItaniumOutput output)
    {
        output.Enter();
        ReadOnlyMemory<char> result = ComputeBaseName(output);
        output.Leave();
        return result;
    }

    public void Print(ItaniumOutput output)
    {
        PrintLeft(output);
        if (RightPartCache != Cache.No)
        {
            PrintRight(output);
        }
    }

    public void PrintLeft(ItaniumOutput output)
    {
        output.Enter();
        WriteLeft(output);
        output.Leave();
    }

    public void PrintRight(ItaniumOutput output)
    {
        output.Enter();
        WriteRight(output);
        output.Leave();
    }

    protected abstract void WriteLeft(ItaniumOutput output);

    protected virtual void WriteRight(ItaniumOutput output)
    {
    }

    protected virtual bool ComputeHasRightPart(ItaniumOutput output) => false;

    protected virtual bool ComputeHasArray(ItaniumOutput output) => false;

    protected virtual bool ComputeHasFunction(ItaniumOutput output) => false;

    protected virtual Node ComputeSyntaxNode(ItaniumOutput output) => this;

    protected virtual ReadOnlyMemory<char> ComputeBaseName(ItaniumOutput output) => ReadOnlyMemory<char>.Empty;

    private bool Counted(ItaniumOutput output, Func<Node, ItaniumOutput, bool> compute)
    {
        output.Enter();
        bool result = compute(this, output);
        output.Leave();
        return result;
    }
}

/// <summary>Printing a list of nodes, as every comma-separated list in a name is printed.</summary>
internal static class NodeList
{
    /// <summary>The nodes separated by ", ", leaving out the ones that print nothing (empty pack expansions).</summary>
    public static void PrintWithComma(Node[] nodes, ItaniumOutput output)
    {
        bool first = true;
        foreach (Node node in nodes)
        {
            int beforeComma = output.Position;
            if (!first)
            {
                output.Append(", ");
            }
            int afterComma = output.Position;
            node.Print(output);
            if (afterComma == output.Position)
            {
                output.Position = beforeComma;
                continue;
            }
            first = false;
        }
    }
}
