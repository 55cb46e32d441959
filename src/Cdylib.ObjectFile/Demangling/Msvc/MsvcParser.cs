using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Cdylib.ObjectFile.Demangling.Msvc;

/// <summary>
/// Reads one Microsoft-mangled name into nodes, following the scheme as llvm-undname reads it (so its
/// output is the reference, quirks included). The parser walks the name once, left to right; every
/// failure throws <see cref="MsvcDemangleException"/>, and recursion is bounded by
/// <see cref="DemangleLimits.MaxDepth"/>. The parts: this file (the cursor, numbers, the entry point
/// and the special names), Names (qualified names, back-references, templates), Types, Literals.
/// </summary>
internal sealed partial class MsvcParser
{
    private readonly MsvcText text = new();

    // Scratch stack the list-building parts push onto and copy out of, so building a list allocates only its array.
    private readonly List<MsvcNode> scratch = [];

    // The back-reference tables of the template instantiations being read, one per nesting level, reused
    // from name to name (a table's nodes stay valid in the tree after its level is left).
    private readonly List<BackReferences> levels = [];

    private string name = "";
    private int pos;
    private int depth;
    private int level;
    private BackReferences backrefs = new();

    /// <summary>Demangles <paramref name="mangled"/>: parses it, then prints it; throws
    /// <see cref="MsvcDemangleException"/> when it cannot.</summary>
    public string Demangle(string mangled)
    {
        name = mangled;
        pos = 0;
        depth = 0;
        level = 0;
        scratch.Clear();
        backrefs = Level(0);
        text.Reset();
        MsvcSymbol symbol = Parse();
        text.Clear();
        text.Write(symbol);
        return text.Take();
    }

    /// <summary>The emptied back-reference table of a template nesting level.</summary>
    private BackReferences Level(int index)
    {
        if (index == levels.Count)
        {
            levels.Add(new BackReferences());
        }
        BackReferences table = levels[index];
        table.NameCount = 0;
        table.ParameterCount = 0;
        return table;
    }

    /// <summary>The names and the function parameter types a back-reference digit may stand for (ten each).</summary>
    private sealed class BackReferences
    {
        public const int Max = 10;
        public readonly MsvcNamedIdentifier[] Names = new MsvcNamedIdentifier[Max];
        public readonly MsvcTypeNode[] Parameters = new MsvcTypeNode[Max];
        public int NameCount;
        public int ParameterCount;
    }

    /// <summary>The nesting guard: counts one level for as long as it lives.</summary>
    private readonly ref struct Nesting
    {
        private readonly MsvcParser parser;

        public Nesting(MsvcParser parser)
        {
            this.parser = parser;
            RuntimeHelpers.EnsureSufficientExecutionStack();
            if (++parser.depth > DemangleLimits.MaxDepth)
            {
                throw new MsvcDemangleException("the name nests too deeply");
            }
        }

        public void Dispose() => parser.depth--;
    }

    private Nesting Nest() => new(this);

    private static MsvcDemangleException Invalid() => new("not a valid Microsoft mangled name");

    // ----- the cursor -----

    private bool Empty => pos >= name.Length;

    private int Remaining => name.Length - pos;

    private char Front => pos < name.Length ? name[pos] : throw Invalid();

    private char Next() => pos < name.Length ? name[pos++] : throw Invalid();

    private bool StartsWith(char c) => pos < name.Length && name[pos] == c;

    private bool StartsWith(string prefix) => name.AsSpan(pos).StartsWith(prefix, StringComparison.Ordinal);

    private bool StartsWithDigit() => pos < name.Length && char.IsAsciiDigit(name[pos]);

    private bool Consume(char c)
    {
        if (!StartsWith(c))
        {
            return false;
        }
        pos++;
        return true;
    }

    private bool Consume(string prefix)
    {
        if (!StartsWith(prefix))
        {
            return false;
        }
        pos += prefix.Length;
        return true;
    }

    private void Expect(char c)
    {
        if (!Consume(c))
        {
            throw Invalid();
        }
    }

    private T[] PopScratch<T>(int start)
        where T : MsvcNode
    {
        var items = new T[scratch.Count - start];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = (T)scratch[start + i];
        }
        scratch.RemoveRange(start, items.Length);
        return items;
    }

    // ----- numbers -----

    /// <summary>[?] then a digit 0-9 (meaning 1-10) or hex digits A-P ended by @.</summary>
    private (ulong Value, bool IsNegative) Number()
    {
        bool negative = Consume('?');
        if (StartsWithDigit())
        {
            return ((ulong)(name[pos++] - '0' + 1), negative);
        }

        ulong value = 0;
        for (int i = pos; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '@')
            {
                pos = i + 1;
                return (value, negative);
            }
            if (c is < 'A' or > 'P')
            {
                break;
            }
            value = (value << 4) + (ulong)(c - 'A');
        }
        throw Invalid();
    }

    private ulong Unsigned()
    {
        var (value, negative) = Number();
        return negative ? throw Invalid() : value;
    }

    private long Signed()
    {
        var (value, negative) = Number();
        if (value > long.MaxValue)
        {
            throw Invalid();
        }
        return negative ? -(long)value : (long)value;
    }

    // ----- the entry point -----

    /// <summary>A whole symbol: <c>?</c> name and encoding, an MD5 name, or a <c>.</c> type descriptor name.</summary>
    private MsvcSymbol Parse()
    {
        using var nesting = Nest();
        if (StartsWith('.'))
        {
            return TypeinfoName();
        }
        if (StartsWith("??@"))
        {
            return Md5Name();
        }
        Expect('?');
        return SpecialIntrinsic() ?? Declarator();
    }

    private MsvcSymbol TypeinfoName()
    {
        pos++;
        MsvcTypeNode type = Type(QualifierMode.Result);
        if (!Empty)
        {
            throw Invalid();
        }
        return Described(type, "`RTTI Type Descriptor Name'");
    }

    private static MsvcVariableSymbol Described(MsvcTypeNode type, string description) =>
        new(Synthesized(description)) { Type = type };

    private static MsvcQualifiedName Synthesized(string text) => Synthesized(new MsvcNamedIdentifier(text.AsMemory()));

    private static MsvcQualifiedName Synthesized(MsvcIdentifier identifier) => new([identifier]);

    /// <summary><c>??@</c> 32 hex digits <c>@</c>: a name too long to mangle, printed as it is.</summary>
    private MsvcSymbol Md5Name()
    {
        int start = pos;
        int end = name.IndexOf('@', pos + 3);
        if (end < 0)
        {
            throw Invalid();
        }
        pos = end + 1;
        Consume("??_R4@");
        return new MsvcSymbol(Synthesized(name.Substring(start, pos - start)));
    }

    /// <summary>A name, then what it is: a variable's type or a function's signature.</summary>
    private MsvcSymbol Declarator()
    {
        MsvcQualifiedName qualified = FullyQualifiedSymbolName();
        MsvcSymbol symbol = EncodedSymbol(qualified);
        symbol.Name = qualified;
        if (qualified.Unqualified is MsvcConversionOperatorIdentifier { TargetType: null })
        {
            throw Invalid();
        }
        return symbol;
    }

    private MsvcSymbol EncodedSymbol(MsvcQualifiedName qualified)
    {
        if (Front is >= '0' and <= '4')
        {
            var storage = (MsvcStorageClass)(Next() - '0' + (int)MsvcStorageClass.PrivateStatic);
            return VariableEncoding(storage);
        }
        MsvcFunctionSymbol function = FunctionEncoding();
        if (qualified.Unqualified is MsvcConversionOperatorIdentifier conversion)
        {
            conversion.TargetType = function.Signature.ReturnType;
        }
        return function;
    }

    private MsvcVariableSymbol VariableEncoding(MsvcStorageClass storage)
    {
        MsvcTypeNode type = Type(QualifierMode.Drop);
        if (type is MsvcPointerType pointer)
        {
            pointer.Quals |= PointerExtQualifiers();
            var (pointeeQuals, _) = Qualifiers();
            if (pointer.ClassParent is not null)
            {
                FullyQualifiedTypeName();
            }
            pointer.Pointee.Quals |= pointeeQuals;
        }
        else
        {
            type.Quals = Qualifiers().Quals;
        }
        return new MsvcVariableSymbol(null) { StorageClass = storage, Type = type };
    }

    // ----- special names: ??_7 vftable, ??_R RTTI, ??_C string literals, guards, initializers -----

    private MsvcSymbol? SpecialIntrinsic()
    {
        if (!StartsWith("?_"))
        {
            return null;
        }
        if (Consume("?_7"))
        {
            return SpecialTable("`vftable'");
        }
        if (Consume("?_8"))
        {
            return SpecialTable("`vbtable'");
        }
        if (Consume("?_9"))
        {
            return VcallThunk();
        }
        if (Consume("?_A") || Consume("?_P"))
        {
            // typeof and udt-returning names: llvm-undname reads neither.
            throw Invalid();
        }
        if (Consume("?_B"))
        {
            return LocalStaticGuard(isThread: false);
        }
        if (Consume("?_C"))
        {
            return StringLiteral();
        }
        if (Consume("?_R0"))
        {
            MsvcTypeNode type = Type(QualifierMode.Result);
            if (!Consume("@8") || !Empty)
            {
                throw Invalid();
            }
            return Described(type, "`RTTI Type Descriptor'");
        }
        if (Consume("?_R1"))
        {
            return RttiBaseClassDescriptor();
        }
        if (Consume("?_R2"))
        {
            return UntypedVariable("`RTTI Base Class Array'");
        }
        if (Consume("?_R3"))
        {
            return UntypedVariable("`RTTI Class Hierarchy Descriptor'");
        }
        if (Consume("?_R4"))
        {
            return SpecialTable("`RTTI Complete Object Locator'");
        }
        if (Consume("?_S"))
        {
            return SpecialTable("`local vftable'");
        }
        if (Consume("?__E"))
        {
            return InitFiniStub(isDestructor: false);
        }
        if (Consume("?__F"))
        {
            return InitFiniStub(isDestructor: true);
        }
        if (Consume("?__J"))
        {
            return LocalStaticGuard(isThread: true);
        }
        return null;
    }

    private MsvcSymbol SpecialTable(string tableName)
    {
        MsvcQualifiedName qualified = NameScopeChain(new MsvcNamedIdentifier(tableName.AsMemory()));
        char kind = Next();
        if (kind is not ('6' or '7'))
        {
            throw Invalid();
        }
        var (quals, _) = Qualifiers();
        int start = scratch.Count;
        while (!Consume('@'))
        {
            scratch.Add(FullyQualifiedTypeName());
        }
        return new MsvcSpecialTableSymbol(qualified, quals, PopScratch<MsvcQualifiedName>(start));
    }

    private MsvcFunctionSymbol VcallThunk()
    {
        var identifier = new MsvcVcallThunkIdentifier();
        var signature = new MsvcThunkSignature { FunctionClass = MsvcFunctionClass.NoParameterList };
        var symbol = new MsvcFunctionSymbol(signature) { Name = NameScopeChain(identifier) };
        if (!Consume("$B"))
        {
            throw Invalid();
        }
        identifier.OffsetInVTable = Unsigned();
        Expect('A');
        signature.CallingConvention = CallingConvention();
        return symbol;
    }

    private MsvcSymbol LocalStaticGuard(bool isThread)
    {
        var identifier = new MsvcLocalStaticGuardIdentifier(isThread);
        MsvcQualifiedName qualified = NameScopeChain(identifier);
        if (!Consume("4IA") && !Consume('5'))
        {
            throw Invalid();
        }
        if (!Empty)
        {
            identifier.ScopeIndex = (uint)Unsigned();
        }
        return new MsvcSymbol(qualified);
    }

    private MsvcSymbol UntypedVariable(string variableName)
    {
        MsvcQualifiedName qualified = NameScopeChain(new MsvcNamedIdentifier(variableName.AsMemory()));
        Expect('8');
        return new MsvcVariableSymbol(qualified);
    }

    private MsvcSymbol RttiBaseClassDescriptor()
    {
        uint nvOffset = (uint)Unsigned();
        int vbPtrOffset = (int)Signed();
        uint vbTableOffset = (uint)Unsigned();
        uint flags = (uint)Unsigned();
        var symbol = new MsvcVariableSymbol(NameScopeChain(new MsvcRttiBaseClassDescriptor(nvOffset, vbPtrOffset, vbTableOffset, flags)));
        Consume('8');
        return symbol;
    }

    /// <summary><c>??__E</c> / <c>??__F</c>: the dynamic initializer or atexit destructor of a variable (or a function's).</summary>
    private MsvcFunctionSymbol InitFiniStub(bool isDestructor)
    {
        var identifier = new MsvcDynamicStructorIdentifier(isDestructor);
        bool isKnownStaticDataMember = Consume('?');
        MsvcSymbol symbol = Declarator();
        if (symbol is MsvcVariableSymbol variable)
        {
            identifier.Variable = variable;

            // Older clang wrote no leading ? and one trailing @; the right form has the ? and two @.
            Expect('@');
            if (isKnownStaticDataMember)
            {
                Expect('@');
            }
            MsvcFunctionSymbol function = FunctionEncoding();
            function.Name = Synthesized(identifier);
            return function;
        }
        if (isKnownStaticDataMember)
        {
            throw Invalid();
        }
        var stub = (MsvcFunctionSymbol)symbol;
        identifier.Name = stub.Name;
        stub.Name = Synthesized(identifier);
        return stub;
    }
}
