using System;
using System.Linq;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Windows;

/// <summary>
/// How a 32-bit x86 C compiler (MSVC, clang-cl, mingw gcc) names a function it calls: <c>_name</c> for
/// cdecl, <c>_name@N</c> for stdcall, N being the bytes of arguments the callee pops. Native AOT exports
/// the plain name from the DLL, so the import library has to carry these decorated symbols and map
/// them back (see <see cref="WindowsExports"/>).
/// </summary>
public static class X86Decoration
{
    /// <summary>Whether the function is stdcall on x86: "system" (Winapi) and explicit stdcall.</summary>
    public static bool IsStdcall(AbiFunction function) =>
        function.CallingConvention is AbiCallingConvention.System or AbiCallingConvention.Stdcall;

    /// <summary>The symbol an x86 caller references: <c>_name@N</c> (stdcall) or <c>_name</c> (cdecl).</summary>
    public static string Symbol(AbiFunction function, AbiLibrary library) =>
        IsStdcall(function) ? $"_{function.Name}@{StackBytes(function, library)}" : "_" + function.Name;

    /// <summary>
    /// N of <c>@N</c>: every C parameter (as <see cref="CSignature.Parameters"/> expands them) rounded up
    /// to 4 bytes. A struct returned in memory adds a hidden result pointer the callee pops, but MSVC,
    /// clang and gcc all leave it out of N (only the declared parameters count), and so does this.
    /// </summary>
    public static int StackBytes(AbiFunction function, AbiLibrary library) =>
        // A span's length, out_result and out_len are a size_t or a pointer: 4 bytes.
        CSignature.Parameters(function).Sum(parameter => parameter.Role is CParameterRole.Value or CParameterRole.SpanPointer ? Slot(ArgumentSize(parameter.Type, library)) : 4);

    private static int Slot(int size) => (size + 3) / 4 * 4;

    /// <summary>The size of the value pushed for one parameter of this type on x86.</summary>
    private static int ArgumentSize(AbiType type, AbiLibrary library) => type switch
    {
        StructRef structure => StructSize(structure, library),
        { IsVoid: true } => throw new ArgumentException("a parameter cannot be void", nameof(type)),
        PrimitiveType or EnumRef => type.Size < 0 ? 4 : type.Size, // intptr_t, size_t: pointer-sized
        _ => 4, // pointers of every kind: strings, spans' data, references, handles, function pointers
    };

    private static int StructSize(StructRef type, AbiLibrary library)
    {
        AbiStruct structure = library.StructNamed(type.Name)
            ?? throw new ArgumentException($"struct {type.Name} is not in the library's model", nameof(type));
        return structure.Layout32.Size;
    }
}
