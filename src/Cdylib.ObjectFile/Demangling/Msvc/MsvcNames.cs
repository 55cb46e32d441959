using System;

namespace Cdylib.ObjectFile.Demangling.Msvc;

/// <summary>Writes lists of nodes.</summary>
internal static class MsvcNames
{
    public static void OutputList(MsvcText text, MsvcNode[] nodes, string separator)
    {
        for (int i = 0; i < nodes.Length; i++)
        {
            if (i > 0)
            {
                text.Append(separator);
            }
            text.Write(nodes[i]);
        }
    }
}

/// <summary>One component of a qualified name, with its template arguments if any.</summary>
internal abstract class MsvcIdentifier : MsvcNode
{
    public MsvcNode[]? TemplateParameters { get; set; }

    protected void OutputTemplateParameters(MsvcText text)
    {
        if (TemplateParameters is null)
        {
            return;
        }
        text.Append('<');
        MsvcNames.OutputList(text, TemplateParameters, ", ");
        text.Append('>');
    }
}

/// <summary>A plain name (or a fixed or already rendered text standing for one).</summary>
internal sealed class MsvcNamedIdentifier(ReadOnlyMemory<char> name) : MsvcIdentifier
{
    public ReadOnlyMemory<char> Name => name;

    public override void Output(MsvcText text)
    {
        text.Append(name.Span);
        OutputTemplateParameters(text);
    }
}

/// <summary>An operator or a compiler-made function (<c>operator+</c>, <c>`vector deleting dtor'</c>); empty for a code that has no text.</summary>
internal sealed class MsvcOperatorIdentifier(string? name) : MsvcIdentifier
{
    public override void Output(MsvcText text)
    {
        if (name is not null)
        {
            text.Append(name);
        }
        OutputTemplateParameters(text);
    }
}

/// <summary><c>operator ""_name</c>.</summary>
internal sealed class MsvcLiteralOperatorIdentifier(ReadOnlyMemory<char> name) : MsvcIdentifier
{
    public override void Output(MsvcText text)
    {
        text.Append("operator \"\"").Append(name.Span);
        OutputTemplateParameters(text);
    }
}

/// <summary>A constructor or destructor: the class's own component, repeated.</summary>
internal sealed class MsvcStructorIdentifier(bool isDestructor) : MsvcIdentifier
{
    public MsvcIdentifier? Class { get; set; }

    public override void Output(MsvcText text)
    {
        if (isDestructor)
        {
            text.Append('~');
        }
        text.Write(Class ?? throw new MsvcDemangleException("a constructor outside a class"));
        OutputTemplateParameters(text);
    }
}

/// <summary><c>operator T</c>: the target type is the function's return type.</summary>
internal sealed class MsvcConversionOperatorIdentifier : MsvcIdentifier
{
    public MsvcTypeNode? TargetType { get; set; }

    public override void Output(MsvcText text)
    {
        text.Append("operator");
        OutputTemplateParameters(text);
        text.Append(' ');
        text.Write(TargetType ?? throw new MsvcDemangleException("a conversion operator without a type"));
    }
}

/// <summary><c>`local static guard'{2}</c>.</summary>
internal sealed class MsvcLocalStaticGuardIdentifier(bool isThread) : MsvcIdentifier
{
    // A 32-bit field, as llvm-undname keeps it.
    public uint ScopeIndex { get; set; }

    public override void Output(MsvcText text)
    {
        text.Append(isThread ? "`local static thread guard'" : "`local static guard'");
        if (ScopeIndex > 0)
        {
            text.Append('{').Append((ulong)ScopeIndex).Append('}');
        }
    }
}

/// <summary><c>`dynamic initializer for 'x''</c> and <c>`dynamic atexit destructor for 'x''</c>.</summary>
internal sealed class MsvcDynamicStructorIdentifier(bool isDestructor) : MsvcIdentifier
{
    public MsvcVariableSymbol? Variable { get; set; }

    public MsvcQualifiedName? Name { get; set; }

    public override void Output(MsvcText text)
    {
        text.Append(isDestructor ? "`dynamic atexit destructor for " : "`dynamic initializer for ");
        if (Variable is not null)
        {
            text.Append('`');
            text.Write(Variable);
        }
        else
        {
            text.Append('\'');
            text.Write(Name ?? throw new MsvcDemangleException("a dynamic initializer for nothing"));
        }
        text.Append("''");
    }
}

/// <summary><c>`vcall'{8, {flat}}</c>.</summary>
internal sealed class MsvcVcallThunkIdentifier : MsvcIdentifier
{
    public ulong OffsetInVTable { get; set; }

    public override void Output(MsvcText text) =>
        text.Append("`vcall'{").Append(OffsetInVTable).Append(", {flat}}");
}

/// <summary><c>`RTTI Base Class Descriptor at (0, -1, 0, 64)'</c>; 32-bit fields, as llvm-undname keeps them.</summary>
internal sealed class MsvcRttiBaseClassDescriptor(uint nvOffset, int vbPtrOffset, uint vbTableOffset, uint flags) : MsvcIdentifier
{
    public override void Output(MsvcText text) =>
        text.Append("`RTTI Base Class Descriptor at (").Append((ulong)nvOffset).Append(", ").Append((long)vbPtrOffset).Append(", ")
            .Append((ulong)vbTableOffset).Append(", ").Append((ulong)flags).Append(")'");
}

/// <summary>Components joined by <c>::</c>, outermost first.</summary>
internal sealed class MsvcQualifiedName(MsvcIdentifier[] components) : MsvcNode
{
    public MsvcIdentifier[] Components => components;

    public MsvcIdentifier Unqualified => components[^1];

    public override void Output(MsvcText text)
    {
        for (int i = 0; i < components.Length; i++)
        {
            if (i > 0)
            {
                text.Append("::");
            }
            text.Write(components[i]);
        }
    }
}

/// <summary>An integer template argument or array dimension.</summary>
internal sealed class MsvcIntegerLiteral(ulong value, bool isNegative) : MsvcNode
{
    public override void Output(MsvcText text)
    {
        if (isNegative)
        {
            text.Append('-');
        }
        text.Append(value);
    }
}

/// <summary>A template argument that names a symbol (<c>&amp;f</c>) or a member pointer constant (<c>{f, 8}</c>).</summary>
internal sealed class MsvcTemplateSymbolReference(MsvcSymbol? symbol, long[] offsets, bool isPointer) : MsvcNode
{
    public override void Output(MsvcText text)
    {
        if (offsets.Length > 0)
        {
            text.Append('{');
        }
        else if (isPointer)
        {
            text.Append('&');
        }
        if (symbol is not null)
        {
            text.Write(symbol);
            if (offsets.Length > 0)
            {
                text.Append(", ");
            }
        }
        for (int i = 0; i < offsets.Length; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }
            text.Append(offsets[i]);
        }
        if (offsets.Length > 0)
        {
            text.Append('}');
        }
    }
}
