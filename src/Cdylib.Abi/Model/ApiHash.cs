using System.Globalization;
using System.Text;

namespace Cdylib.Abi.Model;

/// <summary>
/// The API hash: 64-bit FNV-1a over a canonical text of every declaration — names, calling
/// conventions, C types, enum values — and nothing else (docs and parameter names can change
/// without changing the ABI). The header, the ABI file and <c>PREFIX_api_hash()</c> carry it, so a
/// consumer can check at load time that it was compiled against the library it loaded.
/// </summary>
public static class ApiHash
{
    public static ulong Compute(AbiLibrary library)
    {
        var text = new StringBuilder();
        text.Append("abi ").Append(library.AbiVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (AbiEnum enumeration in library.Enums)
        {
            text.Append("enum ").Append(enumeration.Name).Append(' ').Append(CSpelling.Of(enumeration.Underlying));
            foreach (AbiEnumMember member in enumeration.Members)
            {
                text.Append(' ').Append(member.CName).Append('=').Append(CSpelling.Literal(member.Value, enumeration.Underlying));
            }
            text.Append('\n');
        }
        foreach (AbiHandle handle in library.Handles)
        {
            text.Append("handle ").Append(handle.Name).Append(' ').Append(handle.FreeFunction).Append('\n');
        }
        foreach (AbiStruct structure in library.Structs)
        {
            text.Append("struct ").Append(structure.Name).Append(" pack ").Append(structure.Pack).Append(' ').Append(structure.Layout64).Append(' ').Append(structure.Layout32);
            foreach (AbiField field in structure.Fields)
            {
                text.Append(' ').Append(CSpelling.Of(field.Type)).Append(' ').Append(field.Name).Append('@').Append(field.Offset64).Append('/').Append(field.Offset32);
            }
            text.Append('\n');
        }
        foreach (AbiFunction function in library.Functions)
        {
            text.Append(CSpelling.Of(CSignature.ReturnType(function))).Append(' ').Append(function.CallingConvention).Append(' ').Append(function.Name).Append('(');
            foreach (CParameter parameter in CSignature.Parameters(function))
            {
                text.Append(parameter.C).Append(',');
            }
            text.Append(")\n");
        }
        return Fnv1a(text.ToString());
    }

    private static ulong Fnv1a(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }
        return hash;
    }
}
