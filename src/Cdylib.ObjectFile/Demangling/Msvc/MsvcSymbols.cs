namespace Cdylib.ObjectFile.Demangling.Msvc;

/// <summary>What a whole mangled name stands for; the plain form just writes its name (MD5 names).</summary>
internal class MsvcSymbol(MsvcQualifiedName? name) : MsvcNode
{
    public MsvcQualifiedName? Name { get; set; } = name;

    public override void Output(MsvcText text) =>
        text.Write(Name ?? throw new MsvcDemangleException("a symbol without a name"));
}

/// <summary>How a variable is stored: its access and static-ness are printed for class members.</summary>
internal enum MsvcStorageClass
{
    None,
    PrivateStatic,
    ProtectedStatic,
    PublicStatic,
    Global,
    FunctionLocalStatic,
}

/// <summary>A variable (or a type with a description, for RTTI type descriptors).</summary>
internal sealed class MsvcVariableSymbol(MsvcQualifiedName? name) : MsvcSymbol(name)
{
    public MsvcStorageClass StorageClass { get; set; }

    public MsvcTypeNode? Type { get; set; }

    public override void Output(MsvcText text)
    {
        string? access = StorageClass switch
        {
            MsvcStorageClass.PrivateStatic => "private: ",
            MsvcStorageClass.ProtectedStatic => "protected: ",
            MsvcStorageClass.PublicStatic => "public: ",
            _ => null,
        };
        if (access is not null)
        {
            text.Append(access).Append("static ");
        }
        if (Type is not null)
        {
            text.WritePre(Type);
        }
        text.SpaceIfNecessary();
        base.Output(text);
        if (Type is not null)
        {
            text.WritePost(Type);
        }
    }
}

/// <summary>A function: its signature written around its name.</summary>
internal sealed class MsvcFunctionSymbol(MsvcFunctionSignature signature) : MsvcSymbol(null)
{
    public MsvcFunctionSignature Signature => signature;

    public override void Output(MsvcText text)
    {
        text.WritePre(signature);
        text.SpaceIfNecessary();
        base.Output(text);
        text.WritePost(signature);
    }
}

/// <summary><c>const A::`vftable'{for `B'}</c> and the other tables.</summary>
internal sealed class MsvcSpecialTableSymbol(MsvcQualifiedName name, MsvcQualifiers quals, MsvcQualifiedName[] targets) : MsvcSymbol(name)
{
    public override void Output(MsvcText text)
    {
        MsvcTypeNode.OutputQualifiers(text, quals, false, true);
        base.Output(text);
        if (targets.Length > 0)
        {
            text.Append("{for `");
            MsvcNames.OutputList(text, targets, "'s `");
            text.Append("'}");
        }
    }
}

/// <summary>A string literal (<c>??_C@_…</c>): the text that could be recovered, with <c>...</c> when cut short.</summary>
internal sealed class MsvcStringLiteralSymbol(string prefix, string decoded, bool isTruncated) : MsvcSymbol(null)
{
    public override void Output(MsvcText text)
    {
        text.Append(prefix).Append(decoded).Append('"');
        if (isTruncated)
        {
            text.Append("...");
        }
    }
}
