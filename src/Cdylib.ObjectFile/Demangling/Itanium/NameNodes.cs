using System;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>A name or keyword printed as is: an identifier from the mangled name, a builtin type, an operator name.</summary>
internal sealed class NameType(ReadOnlyMemory<char> name) : Node
{
    public NameType(string name)
        : this(name.AsMemory())
    {
    }

    public ReadOnlyMemory<char> Name { get; private set; } = name;

    /// <summary>Makes a node of <see cref="NodePool"/>'s stand for another name.</summary>
    internal NameType Reuse(ReadOnlyMemory<char> name)
    {
        Name = name;
        return this;
    }

    protected override ReadOnlyMemory<char> ComputeBaseName(ItaniumOutput output) => Name;

    protected override void WriteLeft(ItaniumOutput output) => output.Append(Name.Span);
}

/// <summary><c>Qual::Name</c> inside an N…E nested name.</summary>
internal sealed class NestedName(Node qualifier, Node name) : Node
{
    private Node _qualifier = qualifier;
    private Node _name = name;

    /// <summary>Makes a node of <see cref="NodePool"/>'s stand for another pair.</summary>
    internal NestedName Reuse(Node qualifier, Node name)
    {
        (_qualifier, _name) = (qualifier, name);
        return this;
    }

    protected override ReadOnlyMemory<char> ComputeBaseName(ItaniumOutput output) => _name.BaseName(output);

    protected override void WriteLeft(ItaniumOutput output)
    {
        _qualifier.Print(output);
        output.Append("::");
        _name.Print(output);
    }
}

/// <summary>An entity local to a function: <c>f(int)::name</c>.</summary>
internal sealed class LocalName(Node encoding, Node entity) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        encoding.Print(output);
        output.Append("::");
        entity.Print(output);
    }
}

/// <summary><c>Qual::Name</c> in an unresolved name inside an expression.</summary>
internal sealed class QualifiedName(Node qualifier, Node name) : Node
{
    protected override ReadOnlyMemory<char> ComputeBaseName(ItaniumOutput output) => name.BaseName(output);

    protected override void WriteLeft(ItaniumOutput output)
    {
        qualifier.Print(output);
        output.Append("::");
        name.Print(output);
    }
}

/// <summary><c>::name</c> (gs prefix).</summary>
internal sealed class GlobalQualifiedName(Node child) : Node
{
    protected override ReadOnlyMemory<char> ComputeBaseName(ItaniumOutput output) => child.BaseName(output);

    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("::");
        child.Print(output);
    }
}

/// <summary><c>std::name</c> (St prefix).</summary>
internal sealed class StdQualifiedName(Node child) : Node
{
    protected override ReadOnlyMemory<char> ComputeBaseName(ItaniumOutput output) => child.BaseName(output);

    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("std::");
        child.Print(output);
    }
}

/// <summary><c>name&lt;args&gt;</c>.</summary>
internal sealed class NameWithTemplateArgs(Node name, Node templateArgs) : Node
{
    private Node _name = name;
    private Node _templateArgs = templateArgs;

    /// <summary>Makes a node of <see cref="NodePool"/>'s stand for another name.</summary>
    internal NameWithTemplateArgs Reuse(Node name, Node templateArgs)
    {
        (_name, _templateArgs) = (name, templateArgs);
        return this;
    }

    protected override ReadOnlyMemory<char> ComputeBaseName(ItaniumOutput output) => _name.BaseName(output);

    protected override void WriteLeft(ItaniumOutput output)
    {
        _name.Print(output);
        _templateArgs.Print(output);
    }
}

/// <summary>A constructor or destructor: the class's own base name, with <c>~</c> for a destructor.</summary>
internal sealed class CtorDtorName(Node className, bool isDestructor) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        if (isDestructor)
        {
            output.Append('~');
        }
        output.Append(className.BaseName(output).Span);
    }
}

/// <summary>A destructor named in an expression: <c>~T</c>.</summary>
internal sealed class DtorName(Node type) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append('~');
        type.PrintLeft(output);
    }
}

/// <summary>An unnamed class or enum: <c>'unnamed1'</c>.</summary>
internal sealed class UnnamedTypeName(ReadOnlyMemory<char> count) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("'unnamed");
        output.Append(count.Span);
        output.Append('\'');
    }
}

/// <summary>A lambda's closure type: <c>'lambda0'(int)</c>, with its explicit template parameters if any.</summary>
internal sealed class ClosureTypeName(Node[] templateParams, Node[] parameters, ReadOnlyMemory<char> count) : Node
{
    /// <summary>The template parameters and parameter list, as a lambda expression also prints them.</summary>
    public void PrintDeclarator(ItaniumOutput output)
    {
        if (templateParams.Length != 0)
        {
            output.Append('<');
            NodeList.PrintWithComma(templateParams, output);
            output.Append('>');
        }
        output.Append('(');
        NodeList.PrintWithComma(parameters, output);
        output.Append(')');
    }

    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("'lambda");
        output.Append(count.Span);
        output.Append('\'');
        PrintDeclarator(output);
    }
}

/// <summary>A structured binding declaration: <c>[a, b]</c>.</summary>
internal sealed class StructuredBindingName(Node[] bindings) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append('[');
        NodeList.PrintWithComma(bindings, output);
        output.Append(']');
    }
}

/// <summary>An ABI tag: <c>name[abi:cxx11]</c>.</summary>
/// <remarks>A constructor of a tagged class repeats the untagged name
/// (<c>failure[abi:cxx11]::failure()</c>), as c++filt and LLVM 15 print it; LLVM 14 gives the tag no
/// base name and prints <c>failure[abi:cxx11]::()</c>, a difference the agreement test lists.</remarks>
internal sealed class AbiTagAttr : Node
{
    private readonly Node _base;
    private readonly ReadOnlyMemory<char> _tag;

    public AbiTagAttr(Node baseName, ReadOnlyMemory<char> tag)
        : base(baseName.RightPartCache, baseName.ArrayCache, baseName.FunctionCache)
    {
        _base = baseName;
        _tag = tag;
    }

    protected override ReadOnlyMemory<char> ComputeBaseName(ItaniumOutput output) => _base.BaseName(output);

    protected override void WriteLeft(ItaniumOutput output)
    {
        _base.PrintLeft(output);
        output.Append("[abi:");
        output.Append(_tag.Span);
        output.Append(']');
    }
}

/// <summary>A conversion operator (<c>operator int</c>) or a vendor extended operator.</summary>
internal sealed class ConversionOperatorType(Node type) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("operator ");
        type.Print(output);
    }
}

/// <summary>A user-defined literal operator: <c>operator"" _km</c>.</summary>
internal sealed class LiteralOperator(Node name) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("operator\"\" ");
        name.Print(output);
    }
}

/// <summary>A special name: a fixed phrase before its subject (<c>vtable for X</c>, <c>guard variable for x</c>).</summary>
internal sealed class SpecialName(string phrase, Node child) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append(phrase);
        child.Print(output);
    }
}

/// <summary><c>construction vtable for A-in-B</c>.</summary>
internal sealed class CtorVtableSpecialName(Node first, Node second) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append("construction vtable for ");
        first.Print(output);
        output.Append("-in-");
        second.Print(output);
    }
}

/// <summary>A compiler's clone suffix after the name: <c>f() (.cold)</c>, <c>f() (.constprop.0)</c>.</summary>
internal sealed class DotSuffix(Node prefix, ReadOnlyMemory<char> suffix) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        prefix.Print(output);
        output.Append(" (");
        output.Append(suffix.Span);
        output.Append(')');
    }
}

/// <summary>Clang's <c>enable_if</c> attribute on a function: <c> [enable_if:cond]</c>.</summary>
internal sealed class EnableIfAttr(Node[] conditions) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append(" [enable_if:");
        NodeList.PrintWithComma(conditions, output);
        output.Append(']');
    }
}

/// <summary>The standard library's abbreviations (Sa, Sb, Ss, Si, So, Sd).</summary>
internal enum SpecialSubstitutionKind
{
    Allocator,
    BasicString,
    String,
    IStream,
    OStream,
    IOStream,
}

/// <summary>
/// An abbreviation as a name: <c>std::string</c>. Before a constructor or destructor it is expanded
/// (<see cref="Expanded"/>), since the constructor repeats the template's own name, basic_string.
/// </summary>
internal sealed class SpecialSubstitution(SpecialSubstitutionKind kind, bool expanded) : Node
{
    public SpecialSubstitutionKind Kind { get; } = kind;

    public bool Expanded { get; } = expanded;

    protected override ReadOnlyMemory<char> ComputeBaseName(ItaniumOutput output) => (Kind, Expanded) switch
    {
        (SpecialSubstitutionKind.Allocator, _) => "allocator".AsMemory(),
        (SpecialSubstitutionKind.BasicString, _) => "basic_string".AsMemory(),
        (SpecialSubstitutionKind.String, true) => "basic_string".AsMemory(),
        (SpecialSubstitutionKind.String, false) => "string".AsMemory(),
        (SpecialSubstitutionKind.IStream, true) => "basic_istream".AsMemory(),
        (SpecialSubstitutionKind.IStream, false) => "istream".AsMemory(),
        (SpecialSubstitutionKind.OStream, true) => "basic_ostream".AsMemory(),
        (SpecialSubstitutionKind.OStream, false) => "ostream".AsMemory(),
        (SpecialSubstitutionKind.IOStream, true) => "basic_iostream".AsMemory(),
        _ => "iostream".AsMemory(),
    };

    protected override void WriteLeft(ItaniumOutput output) => output.Append((Kind, Expanded) switch
    {
        (SpecialSubstitutionKind.Allocator, _) => "std::allocator",
        (SpecialSubstitutionKind.BasicString, _) => "std::basic_string",
        (SpecialSubstitutionKind.String, true) => "std::basic_string<char, std::char_traits<char>, std::allocator<char> >",
        (SpecialSubstitutionKind.String, false) => "std::string",
        (SpecialSubstitutionKind.IStream, true) => "std::basic_istream<char, std::char_traits<char> >",
        (SpecialSubstitutionKind.IStream, false) => "std::istream",
        (SpecialSubstitutionKind.OStream, true) => "std::basic_ostream<char, std::char_traits<char> >",
        (SpecialSubstitutionKind.OStream, false) => "std::ostream",
        (SpecialSubstitutionKind.IOStream, true) => "std::basic_iostream<char, std::char_traits<char> >",
        _ => "std::iostream",
    });
}
