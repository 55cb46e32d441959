using System;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>A list of nodes as one node (the operands of <c>sizeof...</c>).</summary>
internal sealed class NodeArrayNode(Node[] nodes) : Node
{
    protected override void WriteLeft(ItaniumOutput output) => NodeList.PrintWithComma(nodes, output);
}

/// <summary><c>(a) op (b)</c>; wrapped once more for <c>&gt;</c>, which would close a template argument list.</summary>
internal sealed class BinaryExpr(Node left, string op, Node right) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        bool isGreater = op == ">";
        if (isGreater)
        {
            output.Append('(');
        }
        output.Append('(');
        left.Print(output);
        output.Append(") ");
        output.Append(op);
        output.Append(" (");
        right.Print(output);
        output.Append(')');
        if (isGreater)
        {
            output.Append(')');
        }
    }
}

/// <summary><c>(a)[b]</c>.</summary>
internal sealed class ArraySubscriptExpr(Node array, Node index) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append('(');
        array.Print(output);
        output.Append(")[");
        index.Print(output);
        output.Append(']');
    }
}

/// <summary><c>(a)++</c>, <c>(a)--</c>.</summary>
internal sealed class PostfixExpr(Node child, string op) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append('(');
        child.Print(output);
        output.Append(')');
        output.Append(op);
    }
}

/// <summary><c>(c) ? (a) : (b)</c>.</summary>
internal sealed class ConditionalExpr(Node condition, Node then, Node otherwise) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append('(');
        condition.Print(output);
        output.Append(") ? (");
        then.Print(output);
        output.Append(") : (");
        otherwise.Print(output);
        output.Append(')');
    }
}

/// <summary><c>a.b</c>, <c>a-&gt;b</c>, <c>a.*b</c>.</summary>
internal sealed class MemberExpr(Node left, string kind, Node right) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        left.Print(output);
        output.Append(kind);
        right.Print(output);
    }
}

/// <summary>A subobject of a template parameter object: <c>expr.&lt;T at offset N&gt;</c>.</summary>
internal sealed class SubobjectExpr(Node type, Node subExpression, ReadOnlyMemory<char> offset) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        subExpression.Print(output);
        output.Append(".<");
        type.Print(output);
        output.Append(" at offset ");
        ReadOnlySpan<char> text = offset.Span;
        if (text.IsEmpty)
        {
            output.Append('0');
        }
        else if (text[0] == 'n')
        {
            output.Append('-');
            output.Append(text[1..]);
        }
        else
        {
            output.Append(text);
        }
        output.Append('>');
    }
}

/// <summary>An operand between fixed text: <c>sizeof (T)</c>, <c>decltype(e)</c>, <c>noexcept (e)</c>.</summary>
internal sealed class EnclosingExpr(string prefix, Node inner, string postfix) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append(prefix);
        inner.Print(output);
        output.Append(postfix);
    }
}

/// <summary><c>static_cast&lt;T&gt;(e)</c> and the other named casts.</summary>
internal sealed class CastExpr(string castKind, Node to, Node from) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append(castKind);
        output.Append('<');
        to.PrintLeft(output);
        output.Append(">(");
        from.PrintLeft(output);
        output.Append(')');
    }
}

/// <summary><c>sizeof...(T)</c>: the pack's elements, expanded.</summary>
internal sealed class SizeofParamPackExpr(Node pack) : Node
{
    private readonly ParameterPackExpansion _expansion = new(pack);

    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("sizeof...(");
        _expansion.PrintLeft(output);
        output.Append(')');
    }
}

/// <summary><c>f(a, b)</c>.</summary>
internal sealed class CallExpr(Node callee, Node[] arguments) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        callee.Print(output);
        output.Append('(');
        NodeList.PrintWithComma(arguments, output);
        output.Append(')');
    }
}

/// <summary><c>new (placement) T(init)</c>, <c>::operator new[] …</c>.</summary>
internal sealed class NewExpr(Node[] placement, Node type, Node[] initializers, bool isGlobal, bool isArray) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        if (isGlobal)
        {
            output.Append("::operator ");
        }
        output.Append("new");
        if (isArray)
        {
            output.Append("[]");
        }
        output.Append(' ');
        if (placement.Length != 0)
        {
            output.Append('(');
            NodeList.PrintWithComma(placement, output);
            output.Append(')');
        }
        type.Print(output);
        if (initializers.Length != 0)
        {
            output.Append('(');
            NodeList.PrintWithComma(initializers, output);
            output.Append(')');
        }
    }
}

/// <summary><c>delete e</c>, <c>::delete[] e</c>.</summary>
internal sealed class DeleteExpr(Node operand, bool isGlobal, bool isArray) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        if (isGlobal)
        {
            output.Append("::");
        }
        output.Append("delete");
        if (isArray)
        {
            output.Append("[] ");
        }
        operand.Print(output);
    }
}

/// <summary><c>op(e)</c> for a unary prefix operator.</summary>
internal sealed class PrefixExpr(string op, Node child) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append(op);
        output.Append('(');
        child.Print(output);
        output.Append(')');
    }
}

/// <summary>A function parameter in an expression: <c>fp</c>, <c>fp0</c>.</summary>
internal sealed class FunctionParam(ReadOnlyMemory<char> number) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("fp");
        output.Append(number.Span);
    }
}

/// <summary>A functional cast: <c>(T)(a, b)</c>.</summary>
internal sealed class ConversionExpr(Node type, Node[] expressions) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append('(');
        type.Print(output);
        output.Append(")(");
        NodeList.PrintWithComma(expressions, output);
        output.Append(')');
    }
}

/// <summary>A pointer-to-member conversion: <c>(T)(e)</c>.</summary>
internal sealed class PointerToMemberConversionExpr(Node type, Node subExpression) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append('(');
        type.Print(output);
        output.Append(")(");
        subExpression.Print(output);
        output.Append(')');
    }
}

/// <summary><c>T{a, b}</c> or <c>{a, b}</c>.</summary>
internal sealed class InitListExpr(Node? type, Node[] initializers) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        type?.Print(output);
        output.Append('{');
        NodeList.PrintWithComma(initializers, output);
        output.Append('}');
    }
}

/// <summary>A designated initializer: <c>.field = e</c>, <c>[i] = e</c>.</summary>
internal sealed class BracedExpr(Node element, Node initializer, bool isArray) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        if (isArray)
        {
            output.Append('[');
            element.Print(output);
            output.Append(']');
        }
        else
        {
            output.Append('.');
            element.Print(output);
        }
        if (initializer is not BracedExpr and not BracedRangeExpr)
        {
            output.Append(" = ");
        }
        initializer.Print(output);
    }
}

/// <summary>A range designator: <c>[a ... b] = e</c>.</summary>
internal sealed class BracedRangeExpr(Node first, Node last, Node initializer) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append('[');
        first.Print(output);
        output.Append(" ... ");
        last.Print(output);
        output.Append(']');
        if (initializer is not BracedExpr and not BracedRangeExpr)
        {
            output.Append(" = ");
        }
        initializer.Print(output);
    }
}

/// <summary>A fold expression: <c>(... op (pack))</c>, <c>((pack) op ... op init)</c>.</summary>
internal sealed class FoldExpr(bool isLeftFold, string op, Node pack, Node? init) : Node
{
    private readonly ParameterPackExpansion _expansion = new(pack);

    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append('(');
        if (isLeftFold)
        {
            if (init is not null)
            {
                init.Print(output);
                output.Append(' ');
                output.Append(op);
                output.Append(' ');
            }
            output.Append("... ");
            output.Append(op);
            output.Append(' ');
            PrintPack(output);
        }
        else
        {
            PrintPack(output);
            output.Append(' ');
            output.Append(op);
            output.Append(" ...");
            if (init is not null)
            {
                output.Append(' ');
                output.Append(op);
                output.Append(' ');
                init.Print(output);
            }
        }
        output.Append(')');
    }

    private void PrintPack(ItaniumOutput output)
    {
        output.Append('(');
        _expansion.Print(output);
        output.Append(')');
    }
}

/// <summary><c>throw e</c>.</summary>
internal sealed class ThrowExpr(Node operand) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("throw ");
        operand.Print(output);
    }
}

/// <summary>A string literal, whose contents the mangling leaves out: <c>"&lt;char const [4]&gt;"</c>.</summary>
internal sealed class StringLiteral(Node type) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("\"<");
        type.Print(output);
        output.Append(">\"");
    }
}

/// <summary>A lambda as a template argument: <c>[](int){...}</c>.</summary>
internal sealed class LambdaExpr(Node type) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("[]");
        if (type is ClosureTypeName closure)
        {
            closure.PrintDeclarator(output);
        }
        output.Append("{...}");
    }
}
