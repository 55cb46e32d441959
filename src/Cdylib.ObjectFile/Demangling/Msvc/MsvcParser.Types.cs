namespace Cdylib.ObjectFile.Demangling.Msvc;

/// <summary>Types: primitives, tags, pointers and references (to members too), arrays, functions.</summary>
internal sealed partial class MsvcParser
{
    /// <summary>Whether a type starts with its own cv-qualifiers: never, always, or only after a <c>?</c> (return types).</summary>
    private enum QualifierMode
    {
        Drop,
        Mangle,
        Result,
    }

    private MsvcTypeNode Type(QualifierMode mode)
    {
        using var nesting = Nest();
        MsvcQualifiers quals = MsvcQualifiers.None;
        if (mode == QualifierMode.Mangle || (mode == QualifierMode.Result && Consume('?')))
        {
            quals = Qualifiers().Quals;
        }

        MsvcTypeNode type;
        switch (Front)
        {
            case 'T' or 'U' or 'V' or 'W':
                type = ClassType();
                break;
            case 'A' or 'P' or 'Q' or 'R' or 'S':
                type = IsMemberPointer() ? MemberPointerType() : PointerType();
                break;
            case 'Y':
                type = ArrayType();
                break;
            case '?':
                type = CustomType();
                break;
            default:
                if (StartsWith("$$Q"))
                {
                    type = PointerType();
                }
                else if (Consume("$$A8@@"))
                {
                    type = FunctionType(hasThisQuals: true);
                }
                else if (Consume("$$A6"))
                {
                    type = FunctionType(hasThisQuals: false);
                }
                else
                {
                    type = PrimitiveType();
                }
                break;
        }
        type.Quals |= quals;
        return type;
    }

    /// <summary>A, B, C, D (non-member) or Q, R, S, T (member) qualifiers.</summary>
    private (MsvcQualifiers Quals, bool IsMember) Qualifiers() => Next() switch
    {
        'Q' => (MsvcQualifiers.None, true),
        'R' => (MsvcQualifiers.Const, true),
        'S' => (MsvcQualifiers.Volatile, true),
        'T' => (MsvcQualifiers.Const | MsvcQualifiers.Volatile, true),
        'A' => (MsvcQualifiers.None, false),
        'B' => (MsvcQualifiers.Const, false),
        'C' => (MsvcQualifiers.Volatile, false),
        'D' => (MsvcQualifiers.Const | MsvcQualifiers.Volatile, false),
        _ => throw Invalid(),
    };

    /// <summary>E (__ptr64, not printed), I (__restrict), F (__unaligned).</summary>
    private MsvcQualifiers PointerExtQualifiers()
    {
        MsvcQualifiers quals = MsvcQualifiers.None;
        if (Consume('E'))
        {
            quals |= MsvcQualifiers.Pointer64;
        }
        if (Consume('I'))
        {
            quals |= MsvcQualifiers.Restrict;
        }
        if (Consume('F'))
        {
            quals |= MsvcQualifiers.Unaligned;
        }
        return quals;
    }

    /// <summary>Looks past a pointer's letter (not consuming) to tell a pointer to member from a plain one.</summary>
    private bool IsMemberPointer()
    {
        if (Front == 'A')
        {
            return false; // a reference, never to a member
        }
        int at = pos + 1;
        if (at < name.Length && char.IsAsciiDigit(name[at]))
        {
            return name[at] switch
            {
                '6' => false,
                '8' => true,
                _ => throw Invalid(),
            };
        }
        foreach (char ext in "EIF")
        {
            if (at < name.Length && name[at] == ext)
            {
                at++;
            }
        }
        if (at >= name.Length)
        {
            throw Invalid();
        }
        return name[at] switch
        {
            'A' or 'B' or 'C' or 'D' => false,
            'Q' or 'R' or 'S' or 'T' => true,
            _ => throw Invalid(),
        };
    }

    /// <summary>The pointer's own cv and its kind: A &amp;, P *, Q * const, R * volatile, S * const volatile, $$Q &amp;&amp;.</summary>
    private (MsvcQualifiers Quals, string Affinity) PointerCVQualifiers()
    {
        if (Consume("$$Q"))
        {
            return (MsvcQualifiers.None, "&&");
        }
        return Next() switch
        {
            'A' => (MsvcQualifiers.None, "&"),
            'P' => (MsvcQualifiers.None, "*"),
            'Q' => (MsvcQualifiers.Const, "*"),
            'R' => (MsvcQualifiers.Volatile, "*"),
            _ => (MsvcQualifiers.Const | MsvcQualifiers.Volatile, "*"),
        };
    }

    private MsvcPointerType PointerType()
    {
        var (quals, affinity) = PointerCVQualifiers();
        if (Consume('6'))
        {
            return new MsvcPointerType(affinity, null, FunctionType(hasThisQuals: false)) { Quals = quals };
        }
        quals |= PointerExtQualifiers();
        return new MsvcPointerType(affinity, null, Type(QualifierMode.Mangle)) { Quals = quals };
    }

    private MsvcPointerType MemberPointerType()
    {
        var (quals, affinity) = PointerCVQualifiers();
        quals |= PointerExtQualifiers();
        if (Consume('8'))
        {
            MsvcQualifiedName parent = FullyQualifiedTypeName();
            return new MsvcPointerType(affinity, parent, FunctionType(hasThisQuals: true)) { Quals = quals };
        }
        var (pointeeQuals, _) = Qualifiers();
        MsvcQualifiedName classParent = FullyQualifiedTypeName();
        MsvcTypeNode pointee = Type(QualifierMode.Drop);
        pointee.Quals = pointeeQuals;
        return new MsvcPointerType(affinity, classParent, pointee) { Quals = quals };
    }

    private MsvcTagType ClassType()
    {
        string tag = Next() switch
        {
            'T' => "union",
            'U' => "struct",
            'V' => "class",
            _ => Consume('4') ? "enum" : throw Invalid(),
        };
        return new MsvcTagType(tag, FullyQualifiedTypeName());
    }

    private MsvcArrayType ArrayType()
    {
        pos++;
        var (rank, negative) = Number();
        if (negative || rank == 0 || rank > (ulong)Remaining)
        {
            throw Invalid();
        }
        ulong[] dimensions = new ulong[rank];
        for (int i = 0; i < dimensions.Length; i++)
        {
            var (dimension, isNegative) = Number();
            dimensions[i] = isNegative ? throw Invalid() : dimension;
        }
        MsvcQualifiers quals = MsvcQualifiers.None;
        if (Consume("$$C"))
        {
            var (arrayQuals, isMember) = Qualifiers();
            quals = isMember ? throw Invalid() : arrayQuals;
        }
        return new MsvcArrayType(dimensions, Type(QualifierMode.Drop)) { Quals = quals };
    }

    private MsvcCustomType CustomType()
    {
        pos++;
        MsvcIdentifier identifier = UnqualifiedTypeName(memorize: true);
        Expect('@');
        return new MsvcCustomType(identifier);
    }

    private MsvcPrimitiveType PrimitiveType()
    {
        if (Consume("$$T"))
        {
            return new MsvcPrimitiveType("std::nullptr_t");
        }
        char code = Next();
        string? primitive = code == '_' ? MsvcTables.ExtendedPrimitive(Next()) : MsvcTables.Primitive(code);
        return new MsvcPrimitiveType(primitive ?? throw Invalid());
    }

    private string? CallingConvention() => MsvcTables.CallingConvention(Next());

    /// <summary>[this-qualifiers] calling convention, return type (@ for none), parameters, throw specification.</summary>
    private MsvcFunctionSignature FunctionType(bool hasThisQuals) => FunctionType(hasThisQuals, new MsvcFunctionSignature());

    private MsvcFunctionSignature FunctionType(bool hasThisQuals, MsvcFunctionSignature signature)
    {
        using var nesting = Nest();
        if (hasThisQuals)
        {
            MsvcQualifiers quals = PointerExtQualifiers();
            signature.RefQualifier = Consume('G') ? "&" : Consume('H') ? "&&" : null;
            signature.Quals = quals | Qualifiers().Quals;
        }
        signature.CallingConvention = CallingConvention();
        if (!Consume('@'))
        {
            signature.ReturnType = Type(QualifierMode.Result);
        }
        signature.Parameters = FunctionParameterList(out bool isVariadic);
        signature.IsVariadic = isVariadic;
        signature.IsNoexcept = Consume("_E") || (Consume('Z') ? false : throw Invalid());
        return signature;
    }

    /// <summary>X for (void), else types (or back-references 0-9 to earlier multi-letter ones) ended by @, or by Z for "...".</summary>
    private MsvcNode[]? FunctionParameterList(out bool isVariadic)
    {
        isVariadic = false;
        if (Consume('X'))
        {
            return null;
        }
        int start = scratch.Count;
        while (!StartsWith('@') && !StartsWith('Z'))
        {
            if (StartsWithDigit())
            {
                int index = name[pos] - '0';
                if (index >= backrefs.ParameterCount)
                {
                    throw Invalid();
                }
                pos++;
                scratch.Add(backrefs.Parameters[index]);
                continue;
            }
            int before = pos;
            MsvcTypeNode type = Type(QualifierMode.Drop);
            scratch.Add(type);
            if (backrefs.ParameterCount < BackReferences.Max && pos - before > 1)
            {
                backrefs.Parameters[backrefs.ParameterCount++] = type;
            }
        }
        MsvcNode[] parameters = PopScratch<MsvcNode>(start);
        isVariadic = Next() == 'Z';
        return parameters;
    }

    /// <summary>A function's class, any this-adjustment, and its signature.</summary>
    private MsvcFunctionSymbol FunctionEncoding()
    {
        MsvcFunctionClass extra = Consume("$$J0") ? MsvcFunctionClass.ExternC : MsvcFunctionClass.None;
        MsvcFunctionClass functionClass = FunctionClass() | extra;

        MsvcFunctionSignature signature;
        if ((functionClass & (MsvcFunctionClass.StaticThisAdjust | MsvcFunctionClass.VirtualThisAdjust)) != 0)
        {
            var thunk = new MsvcThunkSignature();
            if ((functionClass & MsvcFunctionClass.StaticThisAdjust) != 0)
            {
                thunk.StaticOffset = (uint)Signed();
            }
            else
            {
                if ((functionClass & MsvcFunctionClass.VirtualThisAdjustEx) != 0)
                {
                    thunk.VBPtrOffset = (int)Signed();
                    thunk.VBOffsetOffset = (int)Signed();
                }
                thunk.VtordispOffset = (int)Signed();
                thunk.StaticOffset = (uint)Signed();
            }
            signature = thunk;
        }
        else
        {
            signature = new MsvcFunctionSignature();
        }

        // An extern "C" function's local symbols carry no signature (class 9).
        if ((functionClass & MsvcFunctionClass.NoParameterList) == 0)
        {
            FunctionType((functionClass & (MsvcFunctionClass.Global | MsvcFunctionClass.Static)) == 0, signature);
        }
        signature.FunctionClass = functionClass;
        return new MsvcFunctionSymbol(signature);
    }

    /// <summary>A function class letter, or $ [R] 0-5 for virtual-this-adjusting (vtordisp) thunks.</summary>
    private MsvcFunctionClass FunctionClass()
    {
        char code = Next();
        if (code != '$')
        {
            return MsvcTables.FunctionClass(code) ?? throw Invalid();
        }
        MsvcFunctionClass flags = MsvcFunctionClass.VirtualThisAdjust;
        if (Consume('R'))
        {
            flags |= MsvcFunctionClass.VirtualThisAdjustEx;
        }
        char access = Next();
        MsvcFunctionClass far = (access - '0') % 2 == 1 ? MsvcFunctionClass.Far : MsvcFunctionClass.None;
        return access switch
        {
            '0' or '1' => MsvcFunctionClass.Private | MsvcFunctionClass.Virtual | flags | far,
            '2' or '3' => MsvcFunctionClass.Protected | MsvcFunctionClass.Virtual | flags | far,
            '4' or '5' => MsvcFunctionClass.Public | MsvcFunctionClass.Virtual | flags | far,
            _ => throw Invalid(),
        };
    }
}
