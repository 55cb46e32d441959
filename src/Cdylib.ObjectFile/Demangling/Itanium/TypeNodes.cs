using System;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>CV-qualifiers (<c>r V K</c> in the mangling).</summary>
[Flags]
internal enum Qualifiers : byte
{
    None = 0,
    Const = 1,
    Volatile = 2,
    Restrict = 4,
}

/// <summary>A member function's ref-qualifier.</summary>
internal enum RefQualifier : byte
{
    None,
    LValue,
    RValue,
}

/// <summary>Printing of qualifiers, shared by qualified types, function types and encodings.</summary>
internal static class QualifierText
{
    public static void Append(ItaniumOutput output, Qualifiers qualifiers)
    {
        if ((qualifiers & Qualifiers.Const) != 0)
        {
            output.Append(" const");
        }
        if ((qualifiers & Qualifiers.Volatile) != 0)
        {
            output.Append(" volatile");
        }
        if ((qualifiers & Qualifiers.Restrict) != 0)
        {
            output.Append(" restrict");
        }
    }

    public static void Append(ItaniumOutput output, RefQualifier refQualifier)
    {
        if (refQualifier == RefQualifier.LValue)
        {
            output.Append(" &");
        }
        else if (refQualifier == RefQualifier.RValue)
        {
            output.Append(" &&");
        }
    }
}

/// <summary>A cv-qualified type: <c>int const</c>.</summary>
internal sealed class QualType : Node
{
    private readonly Node _child;
    private readonly Qualifiers _qualifiers;

    public QualType(Node child, Qualifiers qualifiers)
        : base(child.RightPartCache, child.ArrayCache, child.FunctionCache)
    {
        _child = child;
        _qualifiers = qualifiers;
    }

    protected override bool ComputeHasRightPart(ItaniumOutput output) => _child.HasRightPart(output);

    protected override bool ComputeHasArray(ItaniumOutput output) => _child.HasArray(output);

    protected override bool ComputeHasFunction(ItaniumOutput output) => _child.HasFunction(output);

    protected override void WriteLeft(ItaniumOutput output)
    {
        _child.PrintLeft(output);
        QualifierText.Append(output, _qualifiers);
    }

    protected override void WriteRight(ItaniumOutput output) => _child.PrintRight(output);
}

/// <summary>A vendor extended qualifier: <c>int __attribute</c>, with its template arguments if any.</summary>
internal sealed class VendorExtQualType(Node type, ReadOnlyMemory<char> extension, Node? templateArgs) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        type.Print(output);
        output.Append(' ');
        output.Append(extension.Span);
        templateArgs?.Print(output);
    }
}

/// <summary>A type with a word after it: <c>double complex</c>, <c>float imaginary</c>.</summary>
internal sealed class PostfixQualifiedType(Node type, string postfix) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        type.PrintLeft(output);
        output.Append(postfix);
    }
}

/// <summary>An elaborated type specifier: <c>struct T</c>, <c>union T</c>, <c>enum T</c>.</summary>
internal sealed class ElaboratedTypeSpefType(string keyword, Node child) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append(keyword);
        output.Append(' ');
        child.Print(output);
    }
}

/// <summary>An Objective-C protocol-qualified type: <c>T&lt;Protocol&gt;</c>.</summary>
internal sealed class ObjCProtoName(Node type, ReadOnlyMemory<char> protocol) : Node
{
    public ReadOnlyMemory<char> Protocol { get; } = protocol;

    /// <summary>True for <c>objc_object&lt;P&gt;</c>, which a pointer prints as <c>id&lt;P&gt;</c>.</summary>
    public bool IsObjCObject => type is NameType name && name.Name.Span.SequenceEqual("objc_object");

    protected override void WriteLeft(ItaniumOutput output)
    {
        type.Print(output);
        output.Append('<');
        output.Append(Protocol.Span);
        output.Append('>');
    }
}

/// <summary>A pointer: <c>int*</c>, <c>void (*)(int)</c>, <c>int (*) [4]</c>.</summary>
internal sealed class PointerType : Node
{
    private Node _pointee;

    public PointerType(Node pointee)
        : base(pointee.RightPartCache)
    {
        _pointee = pointee;
    }

    /// <summary>Makes a node of <see cref="NodePool"/>'s stand for another pointer.</summary>
    internal PointerType Reuse(Node pointee)
    {
        _pointee = pointee;
        RightPartCache = pointee.RightPartCache;
        return this;
    }

    private bool IsObjCId => _pointee is ObjCProtoName proto && proto.IsObjCObject;

    protected override bool ComputeHasRightPart(ItaniumOutput output) => _pointee.HasRightPart(output);

    protected override void WriteLeft(ItaniumOutput output)
    {
        if (IsObjCId)
        {
            output.Append("id<");
            output.Append(((ObjCProtoName)_pointee).Protocol.Span);
            output.Append('>');
            return;
        }
        _pointee.PrintLeft(output);
        if (_pointee.HasArray(output))
        {
            output.Append(' ');
        }
        if (_pointee.HasArray(output) || _pointee.HasFunction(output))
        {
            output.Append('(');
        }
        output.Append('*');
    }

    protected override void WriteRight(ItaniumOutput output)
    {
        if (IsObjCId)
        {
            return;
        }
        if (_pointee.HasArray(output) || _pointee.HasFunction(output))
        {
            output.Append(')');
        }
        _pointee.PrintRight(output);
    }
}

/// <summary>
/// An lvalue or rvalue reference. References to references collapse as C++ says (&amp;&amp; to
/// &amp;&amp; stays &amp;&amp;, anything else is &amp;); a cycle that a malformed name builds from a
/// forward reference and a substitution prints nothing instead of looping.
/// </summary>
internal sealed class ReferenceType : Node
{
    private Node _pointee;
    private bool _isRValue;
    private bool _printing;

    public ReferenceType(Node pointee, bool isRValue)
        : base(pointee.RightPartCache)
    {
        _pointee = pointee;
        _isRValue = isRValue;
    }

    /// <summary>Makes a node of <see cref="NodePool"/>'s stand for another reference.</summary>
    internal ReferenceType Reuse(Node pointee, bool isRValue)
    {
        (_pointee, _isRValue, _printing) = (pointee, isRValue, false);
        RightPartCache = pointee.RightPartCache;
        return this;
    }

    protected override bool ComputeHasRightPart(ItaniumOutput output) => _pointee.HasRightPart(output);

    protected override void WriteLeft(ItaniumOutput output)
    {
        if (_printing)
        {
            return;
        }
        _printing = true;
        try
        {
            (bool isRValue, Node? target) = Collapse(output);
            if (target is null)
            {
                return;
            }
            target.PrintLeft(output);
            if (target.HasArray(output))
            {
                output.Append(' ');
            }
            if (target.HasArray(output) || target.HasFunction(output))
            {
                output.Append('(');
            }
            output.Append(isRValue ? "&&" : "&");
        }
        finally
        {
            _printing = false;
        }
    }

    protected override void WriteRight(ItaniumOutput output)
    {
        if (_printing)
        {
            return;
        }
        _printing = true;
        try
        {
            (_, Node? target) = Collapse(output);
            if (target is null)
            {
                return;
            }
            if (target.HasArray(output) || target.HasFunction(output))
            {
                output.Append(')');
            }
            target.PrintRight(output);
        }
        finally
        {
            _printing = false;
        }
    }

    /// <summary>The collapsed reference kind and the type finally referred to; null target on a cycle.</summary>
    private (bool IsRValue, Node? Target) Collapse(ItaniumOutput output)
    {
        bool isRValue = _isRValue;
        Node target = _pointee;
        // Floyd's cycle detection over the chain of references: the slow pointer is the middle of the list.
        System.Collections.Generic.List<Node>? chain = null;
        while (true)
        {
            Node syntax = target.SyntaxNode(output);
            if (syntax is not ReferenceType reference)
            {
                break;
            }
            target = reference._pointee;
            isRValue &= reference._isRValue;
            chain ??= [];
            chain.Add(target);
            if (chain.Count > 1 && ReferenceEquals(target, chain[(chain.Count - 1) / 2]))
            {
                return (isRValue, null);
            }
        }
        return (isRValue, target);
    }
}

/// <summary>A pointer to member: <c>int A::*</c>, <c>void (A::*)(int)</c>.</summary>
internal sealed class PointerToMemberType : Node
{
    private readonly Node _classType;
    private readonly Node _memberType;

    public PointerToMemberType(Node classType, Node memberType)
        : base(memberType.RightPartCache)
    {
        _classType = classType;
        _memberType = memberType;
    }

    protected override bool ComputeHasRightPart(ItaniumOutput output) => _memberType.HasRightPart(output);

    protected override void WriteLeft(ItaniumOutput output)
    {
        _memberType.PrintLeft(output);
        output.Append(_memberType.HasArray(output) || _memberType.HasFunction(output) ? '(' : ' ');
        _classType.Print(output);
        output.Append("::*");
    }

    protected override void WriteRight(ItaniumOutput output)
    {
        if (_memberType.HasArray(output) || _memberType.HasFunction(output))
        {
            output.Append(')');
        }
        _memberType.PrintRight(output);
    }
}

/// <summary>An array: <c>int [4]</c>, the bound after the declarator.</summary>
internal sealed class ArrayType(Node elementType, Node? dimension) : Node(Cache.Yes, Cache.Yes)
{
    protected override bool ComputeHasRightPart(ItaniumOutput output) => true;

    protected override bool ComputeHasArray(ItaniumOutput output) => true;

    protected override void WriteLeft(ItaniumOutput output) => elementType.PrintLeft(output);

    protected override void WriteRight(ItaniumOutput output)
    {
        if (output.Last != ']')
        {
            output.Append(' ');
        }
        output.Append('[');
        dimension?.Print(output);
        output.Append(']');
        elementType.PrintRight(output);
    }
}

/// <summary>A function type: the return type's left part, then the declarator, then the parameters.</summary>
internal sealed class FunctionType(Node returnType, Node[] parameters, Qualifiers qualifiers, RefQualifier refQualifier, Node? exceptionSpec)
    : Node(Cache.Yes, Cache.No, Cache.Yes)
{
    protected override bool ComputeHasRightPart(ItaniumOutput output) => true;

    protected override bool ComputeHasFunction(ItaniumOutput output) => true;

    protected override void WriteLeft(ItaniumOutput output)
    {
        returnType.PrintLeft(output);
        output.Append(' ');
    }

    protected override void WriteRight(ItaniumOutput output)
    {
        output.Append('(');
        NodeList.PrintWithComma(parameters, output);
        output.Append(')');
        returnType.PrintRight(output);
        QualifierText.Append(output, qualifiers);
        QualifierText.Append(output, refQualifier);
        if (exceptionSpec is not null)
        {
            output.Append(' ');
            exceptionSpec.Print(output);
        }
    }
}

/// <summary>A computed exception specification: <c>noexcept(expr)</c>.</summary>
internal sealed class NoexceptSpec(Node expression) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("noexcept(");
        expression.Print(output);
        output.Append(')');
    }
}

/// <summary>A dynamic exception specification: <c>throw(A, B)</c>.</summary>
internal sealed class DynamicExceptionSpec(Node[] types) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("throw(");
        NodeList.PrintWithComma(types, output);
        output.Append(')');
    }
}

/// <summary>A function's encoding: return type (templates only), name, parameters, qualifiers, attributes.</summary>
internal sealed class FunctionEncoding(Node? returnType, Node name, Node[] parameters, Node? attributes, Qualifiers qualifiers, RefQualifier refQualifier)
    : Node(Cache.Yes, Cache.No, Cache.Yes)
{
    private Node? _returnType = returnType;
    private Node _name = name;
    private Node[] _parameters = parameters;
    private Node? _attributes = attributes;
    private Qualifiers _qualifiers = qualifiers;
    private RefQualifier _refQualifier = refQualifier;

    /// <summary>Makes a node of <see cref="NodePool"/>'s stand for another function.</summary>
    internal FunctionEncoding Reuse(Node? returnType, Node name, Node[] parameters, Node? attributes, Qualifiers qualifiers, RefQualifier refQualifier)
    {
        (_returnType, _name, _parameters, _attributes, _qualifiers, _refQualifier) = (returnType, name, parameters, attributes, qualifiers, refQualifier);
        return this;
    }

    protected override bool ComputeHasRightPart(ItaniumOutput output) => true;

    protected override bool ComputeHasFunction(ItaniumOutput output) => true;

    protected override void WriteLeft(ItaniumOutput output)
    {
        if (_returnType is not null)
        {
            _returnType.PrintLeft(output);
            if (!_returnType.HasRightPart(output))
            {
                output.Append(' ');
            }
        }
        _name.Print(output);
    }

    protected override void WriteRight(ItaniumOutput output)
    {
        output.Append('(');
        NodeList.PrintWithComma(_parameters, output);
        output.Append(')');
        _returnType?.PrintRight(output);
        QualifierText.Append(output, _qualifiers);
        QualifierText.Append(output, _refQualifier);
        _attributes?.Print(output);
    }
}

/// <summary>A vector type (GCC/Clang extension): <c>float vector[4]</c>.</summary>
internal sealed class VectorType(Node elementType, Node? dimension) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        elementType.Print(output);
        output.Append(" vector[");
        dimension?.Print(output);
        output.Append(']');
    }
}

/// <summary>An AltiVec pixel vector: <c>pixel vector[8]</c>.</summary>
internal sealed class PixelVectorType(Node dimension) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("pixel vector[");
        dimension.Print(output);
        output.Append(']');
    }
}

/// <summary>An ISO/IEC TS 18661 binary floating type: <c>_Float16</c>.</summary>
internal sealed class BinaryFPType(Node dimension) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("_Float");
        dimension.Print(output);
    }
}
