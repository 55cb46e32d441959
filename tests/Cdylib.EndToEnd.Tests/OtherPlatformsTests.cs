using System;
using System.IO;
using System.Linq;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.Archive;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// Windows and macOS targets from this Linux machine: `cdylib build -r` for another operating system
/// writes what needs no linker and says where the library is built; the macOS install name our build
/// gives the linker is what a library linked by ld64.lld then carries.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class OtherPlatformsTests
{
    private static string HelloWorld => Path.Combine(Repo.Examples, "hello_world");

    [Fact]
    public void Another_operating_system_gets_the_artifacts_that_need_no_linker_and_exit_code_4()
    {
        foreach (string rid in new[] { "osx-arm64", "win-x64", "win-x86" })
        {
            string target = Path.Combine(HelloWorld, "target", rid, "release");
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }
        }

        var result = Run.Cdylib("build", HelloWorld, "--release", "-r", "osx-arm64", "-r", "win-x64", "-r", "win-x86");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("the osx-arm64 library cannot be built on linux-x64", result.Error, StringComparison.Ordinal);
        Assert.Contains("Run `cdylib build -r osx-arm64` on macOS", result.Error, StringComparison.Ordinal);
        Assert.Contains("Run `cdylib build -r win-x64` on Windows", result.Error, StringComparison.Ordinal);
        foreach (string rid in new[] { "osx-arm64", "win-x64", "win-x86" })
        {
            string target = Path.Combine(HelloWorld, "target", rid, "release");
            string header = Path.Combine(target, "hello_world.h");
            Assert.True(File.Exists(header), $"no header in {target}:\n{result.Transcript}");
            Assert.True(File.Exists(Path.Combine(target, "hello_world.abi.json")));
            Assert.DoesNotContain(Directory.GetFiles(target), f => f.EndsWith(".so", StringComparison.Ordinal) || f.EndsWith(".dylib", StringComparison.Ordinal) || f.EndsWith(".dll", StringComparison.Ordinal));

            // The header is the one a build on that system writes: it compiles, and declares HelloWorld.
            Assert.Contains("HelloWorld(void)", File.ReadAllText(header), StringComparison.Ordinal);
            string probe = Path.Combine(Run.TemporaryDirectory("header-" + rid), "probe.c");
            File.WriteAllText(probe, "#include \"hello_world.h\"\nint main(void) { int (*f)(void) = HelloWorld; return f != HelloWorld; }\n");
            Run.Program(Toolchain.Find("gcc"), ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-fsyntax-only", "-I", target, probe]).Succeeded();
        }

        // Windows: the .def and the import library a C++ program links against, for the DLL the other system builds.
        foreach (var (rid, symbol, machine) in new[] { ("win-x64", "HelloWorld", "x86-64"), ("win-x86", "_HelloWorld@0", "x86") })
        {
            string target = Path.Combine(HelloWorld, "target", rid, "release");
            string def = File.ReadAllText(Path.Combine(target, "hello_world.def"));
            Assert.Contains("LIBRARY hello_world.dll", def, StringComparison.Ordinal);
            Assert.Contains(rid == "win-x86" ? "HelloWorld@0" : "HelloWorld", def, StringComparison.Ordinal);

            // The seed's "system" convention is stdcall on x86: the C++ consumer asks for _HelloWorld@0,
            // which the import library maps to the DLL's plain HelloWorld.
            var importLibrary = BinaryFile.Open(Path.Combine(target, "hello_world.dll.lib"));
            Assert.Equal(BinaryKind.ImportLibrary, importLibrary.Summary.Kind);
            Assert.Equal(machine, importLibrary.Summary.Machine);
            Assert.Equal(["hello_world.dll"], importLibrary.Dependencies.Select(d => d.Name));
            var entry = importLibrary.Summary.Archive!.Members.Select(m => m.ImportEntry).OfType<ImportLibraryEntry>().Single(e => e.SymbolName == symbol);
            Assert.Equal("HelloWorld", entry.ImportName);
            Assert.Contains(importLibrary.Exports, e => e.Name == "__imp_" + symbol);
        }

        // The dep-info file names the library the other system will build, by that system's name.
        Assert.StartsWith(Path.Combine(HelloWorld, "target", "win-x64", "release", "hello_world.dll "), File.ReadAllText(Path.Combine(HelloWorld, "target", "win-x64", "release", "hello_world.d")), StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(HelloWorld, "target", "osx-arm64", "release", "libhello_world.dylib "), File.ReadAllText(Path.Combine(HelloWorld, "target", "osx-arm64", "release", "hello_world.d")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_macOS_install_name_and_exported_symbols_list_land_in_the_linked_library()
    {
        string installName = Run.Program("dotnet", ["msbuild", Path.Combine(HelloWorld, "hello_world.csproj"), "-getProperty:CdylibInstallName", "-p:RuntimeIdentifier=osx-arm64"])
            .Succeeded().Output.Trim();
        Assert.Equal("@rpath/libhello_world.dylib", installName);

        // The exported-symbols list the build writes for macOS (cdylib build -r osx-arm64 on this machine).
        string artifacts = Path.Combine(HelloWorld, "target", "osx-arm64", "debug");
        Assert.Equal(4, Run.Cdylib("build", HelloWorld, "-r", "osx-arm64").ExitCode);
        string exportsList = Path.Combine(artifacts, "hello_world.exports");
        var model = Cdylib.Abi.Emitters.AbiJson.Read(File.ReadAllText(Path.Combine(artifacts, "hello_world.abi.json")));
        var expected = model.Functions.Select(f => "_" + f.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("_HelloWorld", expected);
        Assert.Contains("_hello_world_last_error_code", expected);

        // Link what the build would link for both Macs, with the flags our build gives the linker:
        // a stand-in for every function of the model, and one more function the list leaves out.
        string work = Run.TemporaryDirectory("install-name");
        string source = Path.Combine(work, "hello.c");
        File.WriteAllText(source, string.Concat(model.Functions.Select(f => $"void {f.Name}(void) {{}}\n")) + "int not_exported_helper(void) { return 1; }\n");
        foreach (string arch in new[] { "x86_64", "arm64" })
        {
            string obj = Path.Combine(work, $"hello-{arch}.o");
            string dylib = Path.Combine(work, $"libhello_world-{arch}.dylib");
            Run.Program(Toolchain.Find("clang"), [$"--target={arch}-apple-macos11", "-c", "-O1", "-o", obj, source]).Succeeded();
            Run.Program(Toolchain.Find("ld64.lld"), ["-arch", arch, "-platform_version", "macos", "11.0", "11.0", "-dylib", "-o", dylib, obj,
                "-install_name", installName, "-exported_symbols_list", exportsList]).Succeeded();

            var library = BinaryFile.Open(dylib);
            Assert.Equal(installName, library.Summary.OwnName);
            Assert.Equal(expected, library.Exports.Select(e => e.Name).Order(StringComparer.Ordinal));
            string llvm = Run.Program(Toolchain.Find("llvm-objdump"), ["--macho", "--dylib-id", dylib]).Succeeded().Output;
            Assert.Contains(installName, llvm, StringComparison.Ordinal);
            string trie = Run.Program(Toolchain.Find("llvm-objdump"), ["--macho", "--exports-trie", dylib]).Succeeded().Output;
            Assert.All(expected, name => Assert.Contains(name, trie, StringComparison.Ordinal));
            Assert.DoesNotContain("not_exported_helper", trie, StringComparison.Ordinal);
        }
    }
}
