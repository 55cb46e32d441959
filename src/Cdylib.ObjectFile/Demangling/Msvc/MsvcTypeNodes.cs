using System;

namespace Cdylib.ObjectFile.Demangling.Msvc;

/// <summary>One piece of a demangled name; it writes itself the way llvm-undname prints it.</summary>
internal abstract class MsvcNode
{
    public abstract void Output(MsvcText text);
}

/// <summary>A type: written in two halves around what it declares (<c>int (*</c> name <c>)[4]</c>).</summary>
internal abstract class MsvcTypeNode : MsvcNode
{
    public MsvcQualifiers Quals { get; set; }

    public abstract void OutputPre(MsvcText text);

    public virtual void OutputPost(MsvcText text)
    {
    }

    public override void Output(MsvcText text)
    {
        text.WritePre(this);
        text.WritePost(this);
    }

    /// <summary>" const", " volatile", " __restrict" as present, each after a space when
    /// <paramref name="spaceBefore"/> (always between two), and a space after when <paramref name="spaceAfter"/>.</summary>
    public static void OutputQualifiers(MsvcText text, MsvcQualifiers quals, bool spaceBefore, bool spaceAfter)
    {
        int start = text.Length;
        spaceBefore = OutputQualifier(text, quals, MsvcQualifiers.Const, "const", spaceBefore);
        spaceBefore = OutputQualifier(text, quals, MsvcQualifiers.Volatile, "volatile", spaceBefore);
        OutputQualifier(text, quals, MsvcQualifiers.Restrict, "__restrict", spaceBefore);
        if (spaceAfter && text.Length > start)
        {
            text.Append(' ');
        }
    }

    private static bool OutputQualifier(MsvcText text, MsvcQualifiers quals, MsvcQualifiers one, string word, bool spaceBefore)
    {
        if ((quals & one) == 0)
        {
            return spaceBefore;
        }
        if (spaceBefore)
        {
            text.Append(' ');
        }
        text.Append(word);
        return true;
    }
}

/// <summary>int, wchar_t, std::nullptr_t …</summary>
internal sealed class MsvcPrimitiveType(string name) : MsvcTypeNode
{
    public override void OutputPre(MsvcText text)
    {
        text.Append(name);
        OutputQualifiers(text, Quals, true, false);
    }
}

/// <summary>class, struct, union or enum with its qualified name.</summary>
internal sealed class MsvcTagType(string tag, MsvcQualifiedName name) : MsvcTypeNode
{
    public override void OutputPre(MsvcText text)
    {
        text.Append(tag).Append(' ');
        text.Write(name);
        OutputQualifiers(text, Quals, true, false);
    }
}

/// <summary>A type written as a name (<c>?</c> in a type position).</summary>
internal sealed class MsvcCustomType(MsvcIdentifier identifier) : MsvcTypeNode
{
    public override void OutputPre(MsvcText text) => text.Write(identifier);
}

/// <summary>An array: element type, then the dimensions (a zero dimension is written as <c>[]</c>).</summary>
internal sealed class MsvcArrayType(ulong[] dimensions, MsvcTypeNode element) : MsvcTypeNode
{
    public override void OutputPre(MsvcText text)
    {
        text.WritePre(element);
        OutputQualifiers(text, Quals, true, false);
    }

    public override void OutputPost(MsvcText text)
    {
        text.Append('[');
        for (int i = 0; i < dimensions.Length; i++)
        {
            if (i > 0)
            {
                text.Append("][");
            }
            if (dimensions[i] != 0)
            {
                text.Append(dimensions[i]);
            }
        }
        text.Append(']');
        text.WritePost(element);
    }
}

/// <summary>Pointer, reference or rvalue reference, to a member when it has a class parent.</summary>
internal sealed class MsvcPointerType(string affinity, MsvcQualifiedName? classParent, MsvcTypeNode pointee) : MsvcTypeNode
{
    public MsvcTypeNode Pointee => pointee;

    public MsvcQualifiedName? ClassParent => classParent;

    public override void OutputPre(MsvcText text)
    {
        var function = pointee as MsvcFunctionSignature;
        if (function is not null)
        {
            // The calling convention goes inside the parentheses, below.
            function.OutputPreSignature(text);
        }
        else
        {
            text.WritePre(pointee);
        }

        text.SpaceIfNecessary();
        if ((Quals & MsvcQualifiers.Unaligned) != 0)
        {
            text.Append("__unaligned ");
        }
        if (pointee is MsvcArrayType)
        {
            text.Append('(');
        }
        else if (function is not null)
        {
            text.Append('(');
            MsvcFunctionSignature.OutputCallingConvention(text, function.CallingConvention);
            text.Append(' ');
        }
        if (classParent is not null)
        {
            text.Write(classParent);
            text.Append("::");
        }
        text.Append(affinity);
        OutputQualifiers(text, Quals, false, false);
    }

    public override void OutputPost(MsvcText text)
    {
        if (pointee is MsvcArrayType or MsvcFunctionSignature)
        {
            text.Append(')');
        }
        text.WritePost(pointee);
    }
}

/// <summary>A function type: class (access, static, virtual), return type, calling convention, parameters, qualifiers.</summary>
internal class MsvcFunctionSignature : MsvcTypeNode
{
    public MsvcFunctionClass FunctionClass { get; set; }

    public string? CallingConvention { get; set; }

    /// <summary>"&amp;" or "&amp;&amp;" after the parameters, or null.</summary>
    public string? RefQualifier { get; set; }

    public MsvcTypeNode? ReturnType { get; set; }

    /// <summary>The parameters; null for <c>(void)</c>.</summary>
    public MsvcNode[]? Parameters { get; set; }

    public bool IsVariadic { get; set; }

    public bool IsNoexcept { get; set; }

    public static void OutputCallingConvention(MsvcText text, string? convention)
    {
        text.SpaceIfNecessary();
        if (convention is not null)
        {
            text.Append(convention);
        }
    }

    public void OutputPreSignature(MsvcText text)
    {
        if ((FunctionClass & MsvcFunctionClass.Public) != 0)
        {
            text.Append("public: ");
        }
        if ((FunctionClass & MsvcFunctionClass.Protected) != 0)
        {
            text.Append("protected: ");
        }
        if ((FunctionClass & MsvcFunctionClass.Private) != 0)
        {
            text.Append("private: ");
        }
        if ((FunctionClass & MsvcFunctionClass.Global) == 0 && (FunctionClass & MsvcFunctionClass.Static) != 0)
        {
            text.Append("static ");
        }
        if ((FunctionClass & MsvcFunctionClass.Virtual) != 0)
        {
            text.Append("virtual ");
        }
        if ((FunctionClass & MsvcFunctionClass.ExternC) != 0)
        {
            text.Append("extern \"C\" ");
        }
        if (ReturnType is not null)
        {
            text.WritePre(ReturnType);
            text.Append(' ');
        }
    }

    public override void OutputPre(MsvcText text)
    {
        OutputPreSignature(text);
        OutputCallingConvention(text, CallingConvention);
    }

    public override void OutputPost(MsvcText text)
    {
        if ((FunctionClass & MsvcFunctionClass.NoParameterList) == 0)
        {
            text.Append('(');
            if (Parameters is not null)
            {
                MsvcNames.OutputList(text, Parameters, ", ");
            }
            else
            {
                text.Append("void");
            }
            if (IsVariadic)
            {
                if (text.Last != '(')
                {
                    text.Append(", ");
                }
                text.Append("...");
            }
            text.Append(')');
        }

        if ((Quals & MsvcQualifiers.Const) != 0)
        {
            text.Append(" const");
        }
        if ((Quals & MsvcQualifiers.Volatile) != 0)
        {
            text.Append(" volatile");
        }
        if ((Quals & MsvcQualifiers.Restrict) != 0)
        {
            text.Append(" __restrict");
        }
        if ((Quals & MsvcQualifiers.Unaligned) != 0)
        {
            text.Append(" __unaligned");
        }
        if (IsNoexcept)
        {
            text.Append(" noexcept");
        }
        if (RefQualifier is not null)
        {
            text.Append(' ').Append(RefQualifier);
        }
        if (ReturnType is not null)
        {
            text.WritePost(ReturnType);
        }
    }
}

/// <summary>A thunk that adjusts <c>this</c> before calling the function: <c>[thunk]:</c> … <c>`adjustor{8}'</c>.</summary>
internal sealed class MsvcThunkSignature : MsvcFunctionSignature
{
    // 32-bit fields, as llvm-undname keeps them (a vtordisp of PPPPPPPM@ prints as -4).
    public uint StaticOffset { get; set; }

    public int VBPtrOffset { get; set; }

    public int VBOffsetOffset { get; set; }

    public int VtordispOffset { get; set; }

    public override void OutputPre(MsvcText text)
    {
        text.Append("[thunk]: ");
        base.OutputPre(text);
    }

    public override void OutputPost(MsvcText text)
    {
        if ((FunctionClass & MsvcFunctionClass.StaticThisAdjust) != 0)
        {
            text.Append("`adjustor{").Append((ulong)StaticOffset).Append("}'");
        }
        else if ((FunctionClass & MsvcFunctionClass.VirtualThisAdjust) != 0)
        {
            if ((FunctionClass & MsvcFunctionClass.VirtualThisAdjustEx) != 0)
            {
                text.Append("`vtordispex{").Append((long)VBPtrOffset).Append(", ").Append((long)VBOffsetOffset).Append(", ")
                    .Append((long)VtordispOffset).Append(", ").Append((ulong)StaticOffset).Append("}'");
            }
            else
            {
                text.Append("`vtordisp{").Append((long)VtordispOffset).Append(", ").Append((ulong)StaticOffset).Append("}'");
            }
        }
        base.OutputPost(text);
    }
}
