using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The golden headers compile as C99/C11 and C++11/C++17 with gcc and clang at
/// <c>-Wall -Wextra -Werror -pedantic</c>, survive being included twice, declare the prototypes a C
/// user expects (checked by assigning each function to a typed function pointer), and keep their
/// calling conventions on Windows targets (clang cross-checks them with <c>-fsyntax-only</c>).
/// </summary>
public sealed class HeaderCompileTests
{
    /// <summary>(compiler, language standard) pairs every header must compile with.</summary>
    public static IEnumerable<object[]> Configurations { get; } = new[]
    {
        new object[] { CCompiler.Gcc, "c99" },
        new object[] { CCompiler.Gcc, "c11" },
        new object[] { CCompiler.Clang, "c99" },
        new object[] { CCompiler.Clang, "c11" },
        new object[] { CCompiler.Gxx, "c++11" },
        new object[] { CCompiler.Gxx, "c++17" },
        new object[] { CCompiler.Clangxx, "c++11" },
        new object[] { CCompiler.Clangxx, "c++17" },
    };

    public static IEnumerable<object[]> CasesAndConfigurations =>
        GoldenCase.All.SelectMany(golden => Configurations.Select(configuration => new object[] { golden.Name, configuration[0], configuration[1] }));

    /// <summary>
    /// The prototypes a C user would write by hand for some functions of each golden header, as
    /// (return type, calling-convention macro suffix, function, parameter types).
    /// </summary>
    private static readonly Dictionary<string, (string Returns, string Convention, string Function, string Parameters)[]> Prototypes = new()
    {
        ["HelloWorld"] = new[]
        {
            ("int32_t", "SYSTEM", "HelloWorld", "void"),
            ("int32_t", "C", "hello_world_last_error_code", "void"),
            ("const char*", "C", "hello_world_last_error_message", "void"),
            ("void", "C", "hello_world_clear_last_error", "void"),
        },
        ["Primitives"] = new[]
        {
            ("int8_t", "C", "NegateI8", "int8_t"),
            ("uint8_t", "C", "AddU8", "uint8_t, uint8_t"),
            ("int16_t", "C", "AddI16", "int16_t, int16_t"),
            ("uint16_t", "C", "AddU16", "uint16_t, uint16_t"),
            ("int32_t", "C", "AddI32", "int32_t, int32_t"),
            ("uint32_t", "C", "AddU32", "uint32_t, uint32_t"),
            ("int64_t", "C", "AddI64", "int64_t, int64_t"),
            ("uint64_t", "C", "AddU64", "uint64_t, uint64_t"),
            ("int32_t", "C", "AddInt32", "int32_t, int64_t"),
            ("intptr_t", "C", "AddNint", "intptr_t, intptr_t"),
            ("uintptr_t", "C", "AddNuint", "uintptr_t, intptr_t"),
            ("float", "C", "ScaleF32", "float, float"),
            ("double", "C", "ScaleF64", "double, double"),
            ("bool", "C", "Not", "bool"),
            ("bool", "C", "IsPositive", "double"),
            ("void", "C", "Accept", "bool, int8_t, uint16_t, uint32_t, uint64_t"),
            ("void", "C", "Reset", "void"),
            ("void", "C", "Fill", "uint8_t*, uintptr_t, uint8_t"),
            ("void*", "C", "Identity", "void*"),
            ("int32_t", "C", "Sum", "int32_t**, uintptr_t, uintptr_t"),
            ("double*", "C", "Largest", "double*, float*, bool*, intptr_t*, void**"),
            ("uint32_t", "STDCALL", "prim_version", "void"),
            ("int32_t", "SYSTEM", "SystemConvention", "int32_t"),
            ("int32_t", "C", "ExplicitCdecl", "int32_t"),
        },
        ["Names"] = new[]
        {
            ("int32_t", "C", "Nested", "int32_t, int32_t"),
            ("int32_t", "C", "checked", "int32_t, int32_t, int32_t"),
            ("int32_t", "C", "Template", "int32_t, int32_t, int32_t, int32_t, int32_t"),
            ("int64_t", "C", "renamed_export", "int64_t"),
            ("int32_t", "C", "my_lib_last_error_code", "void"),
        },
        ["Docs"] = new[]
        {
            ("int32_t", "C", "Add", "int32_t, int32_t"),
            ("int32_t", "C", "KeywordParameter", "int32_t"),
            ("bool", "C", "IsIdentifier", "uint8_t*, uintptr_t"),
        },
        ["Boundary"] = new[]
        {
            ("char*", "C", "bnd_greet", "const char*"),
            ("char*", "C", "bnd_maybe", "const char*"),
            ("uint32_t", "C", "bnd_checksum", "const uint8_t*, size_t, int32_t*, size_t"),
            ("int32_t*", "C", "bnd_squares", "int32_t, size_t*"),
            ("bool", "C", "bnd_split", "const char*, char**, bool*, const int64_t*, bnd_Color*"),
            ("int32_t", "C", "bnd_parse", "const char*, int32_t*"),
            ("int32_t", "C", "bnd_reset", "void"),
            ("bnd_Outcome", "C", "bnd_optional", "const int64_t*, bnd_Outcome"),
            ("int64_t", "C", "bnd_for_each", "int32_t (*)(int32_t, void*), void*"),
            ("void", "C", "bnd_names", "int32_t, const uint8_t*, size_t, int32_t"),
            ("void", "C", "bnd_free_string", "char*"),
            ("void", "C", "bnd_free_buffer", "void*"),
            ("int64_t", "C", "bnd_live_allocations", "void"),
            ("uint32_t", "C", "bnd_abi_version", "void"),
            ("uint64_t", "C", "bnd_api_hash", "void"),
            ("bnd_Shape", "C", "bnd_shapes", "bnd_Shape, bnd_Point*, const bnd_Packed*, size_t"),
            ("bnd_Point*", "C", "bnd_points", "size_t*"),
            ("bnd_Counter*", "C", "bnd_counter_new", "int64_t"),
            ("int64_t", "C", "bnd_counter_add", "bnd_Counter*, int64_t"),
            ("bnd_Counter*", "C", "bnd_counter_merge", "bnd_Counter*, bnd_Counter*"),
            ("void", "C", "bnd_counter_free", "bnd_Counter*"),
            ("int64_t", "C", "bnd_live_handles", "void"),
        },
        ["Layout"] = new[]
        {
            ("int32_t", "C", "lay_rec_n", "lay_Rec"),
            ("lay_Rec", "C", "lay_make_rec", "int32_t"),
            ("lay_Guid", "C", "lay_guid", "const char*"),
            ("uint32_t", "C", "lay_guid_a", "lay_Guid"),
            ("void", "C", "lay_int128_max", "cdylib_int128_t*"),
            ("void", "C", "lay_int128_add", "const cdylib_int128_t*, const cdylib_int128_t*, cdylib_int128_t*"),
            ("uint64_t", "C", "lay_uint128_sum", "const cdylib_uint128_t*, size_t, cdylib_uint128_t*"),
            ("uint8_t", "C", "lay_wide_tag", "const lay_Wide*"),
            ("uint16_t", "C", "lay_half_bits", "float"),
            ("float", "C", "lay_half_to_float", "uint16_t"),
            ("cdylib_nfloat_t", "C", "lay_nfloat", "cdylib_nfloat_t"),
            ("lay_Mixed", "C", "lay_mixed", "uint16_t, cdylib_nfloat_t, intptr_t"),
            ("bool", "C", "lay_optional", "const cdylib_int128_t*"),
        },
    };

    [Theory]
    [MemberData(nameof(CasesAndConfigurations))]
    public void Golden_header_compiles_twice_with_the_expected_prototypes(string name, string compiler, string standard)
    {
        GoldenCase golden = GoldenCase.Get(name);
        using var directory = new TempDirectory();
        directory.Write(golden.HeaderFile, Golden.Read(name, golden.HeaderFile));
        var unit = new StringBuilder();
        unit.Append($"#include \"{golden.HeaderFile}\"\n");
        unit.Append($"#include \"{golden.HeaderFile}\" /* the include guard makes a second inclusion harmless */\n\n");
        AppendPrototypeChecks(unit, golden);
        AssertCompiles(compiler, standard, directory, unit.ToString());
    }

    // Two Cdylib libraries in one program: their headers' macros and helpers must not collide.
    [Theory]
    [MemberData(nameof(Configurations))]
    public void All_golden_headers_compile_together(string compiler, string standard)
    {
        using var directory = new TempDirectory();
        var unit = new StringBuilder();
        foreach (GoldenCase golden in GoldenCase.All)
        {
            directory.Write(golden.HeaderFile, Golden.Read(golden.Name, golden.HeaderFile));
            unit.Append($"#include \"{golden.HeaderFile}\"\n");
        }
        unit.Append('\n');
        foreach (GoldenCase golden in GoldenCase.All)
        {
            AppendPrototypeChecks(unit, golden);
        }
        AssertCompiles(compiler, standard, directory, unit.ToString());
    }

    // The prototype check is only worth something if a wrong prototype fails to compile.
    [Theory]
    [MemberData(nameof(Configurations))]
    public void A_wrong_prototype_is_rejected(string compiler, string standard)
    {
        using var directory = new TempDirectory();
        directory.Write("hello_world.h", Golden.Read("HelloWorld", "hello_world.h"));
        string unit = "#include \"hello_world.h\"\nint64_t (HELLO_WORLD_CALL_SYSTEM *p_HelloWorld)(void) = &HelloWorld;\n";
        (int exitCode, string output) = CompileUnit(compiler, standard, directory, unit);
        Assert.True(exitCode != 0, "a function pointer of the wrong type was accepted:\n" + output);
    }

    /// <summary>Windows targets, where the calling-convention and dllimport macros are not empty.</summary>
    public static IEnumerable<object[]> WindowsTargets =>
        from golden in GoldenCase.All
        from target in new[] { "i686-pc-windows-msvc", "x86_64-pc-windows-msvc", "i686-w64-mingw32" }
        from language in new[] { "c11", "c++17" }
        select new object[] { golden.Name, target, language };

    [Theory]
    [MemberData(nameof(WindowsTargets))]
    public void Golden_header_keeps_its_calling_conventions_on_windows(string name, string target, string standard)
    {
        GoldenCase golden = GoldenCase.Get(name);
        using var directory = new TempDirectory();
        directory.Write(golden.HeaderFile, Golden.Read(name, golden.HeaderFile));
        var unit = new StringBuilder($"#include \"{golden.HeaderFile}\"\n#include \"{golden.HeaderFile}\"\n\n");
        AppendPrototypeChecks(unit, golden);
        string compiler = standard.StartsWith("c++") ? CCompiler.Clangxx : CCompiler.Clang;
        (int exitCode, string output) = CompileUnit(compiler, standard, directory, unit.ToString(),
            "-target", target, "-ffreestanding", "-fsyntax-only");
        Assert.True(exitCode == 0, output + "\n" + unit);
    }

    // On 32-bit x86 Windows "system" is __stdcall: a __cdecl pointer to HelloWorld must not compile.
    [Fact]
    public void System_convention_is_stdcall_on_32_bit_windows()
    {
        using var directory = new TempDirectory();
        directory.Write("hello_world.h", Golden.Read("HelloWorld", "hello_world.h"));
        string unit = "#include \"hello_world.h\"\nint32_t (HELLO_WORLD_CALL_C *p_HelloWorld)(void) = &HelloWorld;\n";
        (int exitCode, string output) = CompileUnit(CCompiler.Clang, "c11", directory, unit, "-target", "i686-pc-windows-msvc", "-ffreestanding", "-fsyntax-only");
        Assert.True(exitCode != 0, "a __cdecl pointer to a __stdcall function was accepted:\n" + output);
        (exitCode, output) = CompileUnit(CCompiler.Clang, "c11", directory, unit, "-target", "x86_64-pc-windows-msvc", "-ffreestanding", "-fsyntax-only");
        Assert.True(exitCode == 0, "on x64 every convention is the same one:\n" + output);
    }

    private static void AppendPrototypeChecks(StringBuilder unit, GoldenCase golden)
    {
        string macro = golden.LibraryName.Replace('-', '_').ToUpperInvariant();
        foreach (var (returns, convention, function, parameters) in Prototypes[golden.Name])
        {
            unit.Append($"{returns} ({macro}_CALL_{convention} *p_{function})({parameters}) = &{function};\n");
        }
    }

    private static void AssertCompiles(string compiler, string standard, TempDirectory directory, string unit)
    {
        (int exitCode, string output) = CompileUnit(compiler, standard, directory, unit);
        Assert.True(exitCode == 0, $"{compiler} -std={standard} rejected the header:\n{output}\n--- translation unit:\n{unit}");
    }

    private static (int ExitCode, string Output) CompileUnit(string compiler, string standard, TempDirectory directory, string unit, params string[] extraFlags)
    {
        bool cxx = CCompiler.IsCxx(compiler) || standard.StartsWith("c++");
        string source = directory.Write(cxx ? "unit.cpp" : "unit.c", unit);
        var flags = new List<string> { $"-std={standard}", "-Wall", "-Wextra", "-Werror", "-pedantic", "-Wundef" };
        if (!cxx)
        {
            flags.Add("-Wstrict-prototypes");
        }
        flags.AddRange(extraFlags);
        if (!extraFlags.Contains("-fsyntax-only"))
        {
            flags.AddRange(new[] { "-c", "-o", System.IO.Path.Combine(directory.Path, "unit.o") });
        }
        return CCompiler.Compile(compiler, directory.Path, source, flags);
    }
}
