using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.ObjectFile;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>Builds examples/checksum once: its C library minicrc compiled from source by <c>CdylibCSource</c>.</summary>
public sealed class ChecksumFixture() : ExampleFixture("checksum", "checksum");

/// <summary>
/// The checksum example's C# code in a project of its own that links minicrc as a prebuilt static archive
/// (Native AOT's own <c>NativeLibrary</c> and <c>DirectPInvoke</c> items, no Cdylib item), built once. The
/// archive is compiled here from the example's sources as another version of the same C code — version 2.0,
/// CRC-32C's polynomial — and, as a third party's archive would be, without <c>-fvisibility=hidden</c>.
/// </summary>
public sealed class MiniCrcArchiveFixture
{
    public MiniCrcArchiveFixture()
    {
        string project = ExampleCopy.Of("checksum", "checksum-archive");
        string sources = Path.Combine(Repo.Examples, "checksum", "minicrc");
        var objects = new List<string>();
        foreach (string source in new[] { "crc32.c", "fnv1a.c" })
        {
            string output = Path.Combine(project, Path.ChangeExtension(source, ".o"));
            Run.Program(Toolchain.Find("gcc"), ["-std=c99", "-Wall", "-Wextra", "-Werror", "-c", "-fPIC", "-O2",
                "-DMINICRC_MAJOR=2", "-DMINICRC_MINOR=0", "-DMINICRC_POLYNOMIAL=0x82F63B78u",
                "-I", Path.Combine(sources, "include"), Path.Combine(sources, "src", source), "-o", output]).Succeeded();
            objects.Add(output);
        }
        Archive = Path.Combine(project, "libminicrc.a");
        Run.Program("ar", objects.Prepend(Archive).Prepend("rcs")).Succeeded();
        File.WriteAllText(Path.Combine(project, "checksum.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PublishAot>true</PublishAot>
                <Nullable>enable</Nullable>
                <CdylibName>crc32c</CdylibName>
              </PropertyGroup>
              <ItemGroup>
                <NativeLibrary Include="libminicrc.a" />
                <DirectPInvoke Include="minicrc" />
              </ItemGroup>
            </Project>
            """);
        Library = BuiltLibrary.Build(project, "crc32c");
    }

    internal BuiltLibrary Library { get; }

    internal string Archive { get; }
}

/// <summary>
/// C code inside a Cdylib library (docs/c-sources.md): compiled from source by <c>CdylibCSource</c>
/// (examples/checksum) or linked as a prebuilt archive; called directly, none of its symbols exported,
/// no dependency on it, two versions side by side in one process, compiled again only when it changed,
/// and a compile error or a missing compiler reported as a CDY diagnostic.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class CSourceTests : IClassFixture<ChecksumFixture>, IClassFixture<MiniCrcArchiveFixture>
{
    /// <summary>minicrc's functions: defined in both libraries, exported by neither.</summary>
    private static readonly string[] MiniCrcSymbols = ["minicrc_crc32", "minicrc_fnv1a32", "minicrc_version"];

    private readonly BuiltLibrary _checksum;
    private readonly MiniCrcArchiveFixture _archive;

    public CSourceTests(ChecksumFixture checksum, MiniCrcArchiveFixture archive)
    {
        _checksum = checksum.Library;
        _archive = archive;
    }

    [Fact]
    public void The_C_consumer_of_the_checksum_example_checks_every_export()
    {
        string program = Run.Consumer("gcc", "c99", Path.Combine(_checksum.ProjectDirectory, "checksum.c"), _checksum.Directory, "checksum", Path.Combine(_checksum.Directory, "checksum-c"));
        ProcessResult run = Run.Program(program, []);
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("checksum: all checks passed\n", run.Output);
    }

    [Fact]
    public void The_library_compiled_from_C_sources_exports_its_CExport_functions_and_helpers_only()
    {
        AssertExportsAreTheAbiOnly(_checksum);
    }

    [Fact]
    public void The_library_linked_with_a_static_archive_exports_its_CExport_functions_and_helpers_only()
    {
        // The archive itself exports minicrc's functions (default visibility): the library's link hides them.
        string archiveSymbols = Run.Program("nm", ["--defined-only", "--extern-only", _archive.Archive]).Succeeded().Output;
        foreach (string symbol in MiniCrcSymbols)
        {
            Assert.Contains(" T " + symbol + "\n", archiveSymbols);
        }
        AssertExportsAreTheAbiOnly(_archive.Library);
    }

    [Fact]
    public void Cdylib_deps_and_imports_name_nothing_of_the_C_code_it_is_inside_the_library()
    {
        foreach (BuiltLibrary library in new[] { _checksum, _archive.Library })
        {
            string deps = Run.Cdylib("deps", library.LibraryPath).Succeeded().Output;
            Assert.Contains("libc.so.6", deps);
            Assert.DoesNotContain("minicrc", deps);
            var needed = BinaryFile.Open(library.LibraryPath).Dependencies.Select(dependency => dependency.Name).ToList();
            Assert.DoesNotContain(needed, name => name.Contains("minicrc", StringComparison.Ordinal));

            // Called directly (DirectPInvoke): no undefined minicrc symbol is left for a loader to find.
            string imports = Run.Cdylib("imports", library.LibraryPath).Succeeded().Output;
            Assert.DoesNotContain("minicrc", imports);
        }
    }

    [Fact]
    public void Two_libraries_with_different_versions_of_the_same_C_code_each_call_their_own_in_one_process()
    {
        // libchecksum (minicrc 1.2, CRC-32) linked by the program; libcrc32c (minicrc 2.0, CRC-32C) loaded
        // RTLD_GLOBAL after it. Were minicrc's symbols exported, libcrc32c's calls would bind to
        // libchecksum's copy (the first in the global scope) and give CRC-32's value.
        string folder = Run.TemporaryDirectory("c-side-by-side");
        string source = Path.Combine(folder, "side_by_side.c");
        File.WriteAllText(source, $$"""
            #include <dlfcn.h>
            #include <stdint.h>
            #include <stdio.h>
            #include <string.h>
            #include "checksum.h"

            typedef uint32_t (*crc32_fn)(const uint8_t*, size_t);
            typedef char* (*engine_fn)(void);
            typedef void (*free_fn)(char*);

            /* dlsym's object pointer copied into a function pointer, as ISO C allows. */
            #define SYMBOL(library, name, function) do { void* found = dlsym(library, name); \
                if (found == NULL) { fprintf(stderr, "%s\n", dlerror()); return 2; } \
                memcpy(&function, &found, sizeof function); } while (0)

            int main(void) {
                const uint8_t* check = (const uint8_t*)"123456789";
                void* other = dlopen("{{_archive.Library.LibraryPath}}", RTLD_NOW | RTLD_GLOBAL);
                if (other == NULL) { fprintf(stderr, "%s\n", dlerror()); return 2; }
                crc32_fn other_crc32;
                engine_fn other_engine;
                free_fn other_free;
                SYMBOL(other, "checksum_crc32", other_crc32);
                SYMBOL(other, "checksum_engine", other_engine);
                SYMBOL(other, "crc32c_free_string", other_free);

                char* engine = checksum_engine();
                char* engine_other = other_engine();
                printf("%s %08x\n", engine, checksum_crc32(check, 9));
                printf("%s %08x\n", engine_other, other_crc32(check, 9));
                printf("%s %08x\n", engine, checksum_crc32(check, 9));
                checksum_free_string(engine);
                other_free(engine_other);
                return 0;
            }
            """);
        string program = Run.Consumer("gcc", "c99", source, _checksum.Directory, "checksum", Path.Combine(folder, "side_by_side"));
        ProcessResult run = Run.Program(program, []);
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("minicrc 1.2 cbf43926\nminicrc 2.0 e3069283\nminicrc 1.2 cbf43926\n", run.Output);
    }

    [Fact]
    public void An_unchanged_C_file_is_not_compiled_again_and_a_changed_file_or_header_is()
    {
        string objects = Path.Combine(_checksum.ProjectDirectory, "obj", "Debug", "net10.0", "linux-x64", "cdylib-c", "minicrc", "minicrc", "src");
        string crc32 = Path.Combine(objects, "crc32.c.o");
        string fnv1a = Path.Combine(objects, "fnv1a.c.o");
        DateTime crc32Built = File.GetLastWriteTimeUtc(crc32);
        DateTime fnv1aBuilt = File.GetLastWriteTimeUtc(fnv1a);

        // Nothing changed: nothing compiled.
        BuiltLibrary again = BuiltLibrary.Build(_checksum.ProjectDirectory, "checksum");
        Assert.DoesNotContain("cc minicrc/src/", again.BuildOutput);
        Assert.Equal(crc32Built, File.GetLastWriteTimeUtc(crc32));
        Assert.Equal(fnv1aBuilt, File.GetLastWriteTimeUtc(fnv1a));

        // One source touched: that file only.
        File.SetLastWriteTimeUtc(Path.Combine(_checksum.ProjectDirectory, "minicrc", "src", "fnv1a.c"), DateTime.UtcNow);
        again = BuiltLibrary.Build(_checksum.ProjectDirectory, "checksum");
        Assert.Contains("cc minicrc/src/fnv1a.c", again.BuildOutput);
        Assert.DoesNotContain("cc minicrc/src/crc32.c", again.BuildOutput);
        Assert.Equal(crc32Built, File.GetLastWriteTimeUtc(crc32));
        Assert.True(File.GetLastWriteTimeUtc(fnv1a) > fnv1aBuilt, "fnv1a.c was touched but its object was not compiled again");

        // The header both include touched (the compiler's dependency list): both.
        crc32Built = File.GetLastWriteTimeUtc(crc32);
        fnv1aBuilt = File.GetLastWriteTimeUtc(fnv1a);
        File.SetLastWriteTimeUtc(Path.Combine(_checksum.ProjectDirectory, "minicrc", "include", "minicrc.h"), DateTime.UtcNow);
        again = BuiltLibrary.Build(_checksum.ProjectDirectory, "checksum");
        Assert.True(File.GetLastWriteTimeUtc(crc32) > crc32Built && File.GetLastWriteTimeUtc(fnv1a) > fnv1aBuilt, "minicrc.h was touched but the files including it were not compiled again:\n" + again.BuildOutput);

        // And the library still works.
        The_C_consumer_of_the_checksum_example_checks_every_export();
    }

    [Fact]
    public void A_C_compile_error_is_CDY1008_after_the_compilers_own_message_and_a_missing_compiler_is_CDY1007()
    {
        string project = CopyWithCSources("checksum-broken");
        string source = Path.Combine(project, "minicrc", "src", "fnv1a.c");
        File.WriteAllText(source, File.ReadAllText(source).Replace("return hash;", "return hash", StringComparison.Ordinal));

        ProcessResult build = Run.Cdylib("build", project);
        Assert.NotEqual(0, build.ExitCode);
        // gcc's own message, as an MSBuild error at its line and column: "expected ';' before '}' token".
        Assert.Matches(@"minicrc/src/fnv1a\.c\(8,16\): error [^:]*: expected .;. before .}. token", build.Output);
        Assert.Contains("error CDY1008: checksum: the C compiler failed on minicrc/src/fnv1a.c (exit code 1); its messages are above.", build.Output);
        Assert.DoesNotContain("Generating native code", build.Output);   // stopped before Native AOT compiled the C#
        Assert.DoesNotContain("   at ", build.Output);

        build = Run.Cdylib("build", project, "-p:CdylibCCompiler=no-such-cc");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error CDY1007: checksum: the C compiler 'no-such-cc' that compiles the CdylibCSource files was not found.", build.Output);
    }

    [Fact]
    public void The_C_sources_are_compiled_for_linux_arm64_too_and_the_consumer_passes_under_qemu()
    {
        BuiltLibrary library = BuiltLibrary.Build(_checksum.ProjectDirectory, "checksum", runtime: "linux-arm64");
        Assert.Equal("aarch64", BinaryFile.Open(library.LibraryPath).Summary.Machine);
        string archive = Path.Combine(library.ProjectDirectory, "obj", "Debug", "net10.0", "linux-arm64", "cdylib-c", "libminicrc.a");
        Assert.Contains("aarch64", Run.Program("readelf", ["-h", archive]).Succeeded().Output.Replace("AArch64", "aarch64", StringComparison.Ordinal));
        // lld also exports the runtime's section bounds (__start___modules, …) from every arm64 library,
        // with or without C code: apart from those, the table is the same as on x64.
        string[] declared = library.Abi.Functions.Select(function => function.Name).Append("DotNetRuntimeDebugHeader").Order(StringComparer.Ordinal).ToArray();
        IReadOnlyList<string> exported = library.ExportedNames();
        Assert.Equal(declared, exported.Where(name => !name.StartsWith("__start___", StringComparison.Ordinal) && !name.StartsWith("__stop___", StringComparison.Ordinal)));
        Assert.Equal(exported, library.ExportedNamesByNm());
        Assert.Empty(exported.Intersect(MiniCrcSymbols));

        string consumer = Run.Consumer("aarch64-linux-gnu-gcc", "c99", Path.Combine(library.ProjectDirectory, "checksum.c"), library.Directory, library.Name, Path.Combine(library.Directory, "checksum-arm64"));
        ProcessResult run = Arm64Tests.Emulated(consumer, library, new Dictionary<string, string> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" });
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("checksum: all checks passed\n", run.Output);
    }

    /// <summary>The export table, by our reader and by nm, is the ABI file's functions and the runtime's debug header, and names nothing of minicrc.</summary>
    private static void AssertExportsAreTheAbiOnly(BuiltLibrary library)
    {
        string[] declared = library.Abi.Functions.Select(function => function.Name).Append("DotNetRuntimeDebugHeader").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(declared, library.ExportedNames());
        Assert.Equal(declared, library.ExportedNamesByNm());
        Assert.Contains("checksum_crc32", declared);
        Assert.Empty(declared.Intersect(MiniCrcSymbols));
    }

    /// <summary>The checksum example (C# files, project and the minicrc folder) in a workspace of its own.</summary>
    private static string CopyWithCSources(string name)
    {
        string project = ExampleCopy.Of("checksum", name);
        string from = Path.Combine(Repo.Examples, "checksum", "minicrc");
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(project, "minicrc", Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return project;
    }
}
