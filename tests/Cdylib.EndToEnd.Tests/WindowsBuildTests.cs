using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Abi.Emitters;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.ObjectFile;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// A Windows (win-x64) build of the seed's library, made on this Linux machine as far as it can be:
/// <list type="number">
/// <item><c>cdylib build examples/hello_world -r win-x64 --release</c> writes the header, <c>hello_world.def</c>
/// and our import library <c>hello_world.dll.lib</c>, then exits with 4 (Native AOT does not link Windows here).</item>
/// <item><c>dotnet publish -r win-x64 -p:DisableUnsupportedError=true</c> on the same project, in place: Native
/// AOT's compiler (ILC, from the runtime.win-x64 ILCompiler pack) writes the Windows object file
/// <c>hello_world.obj</c> and MSVC's <c>link.rsp</c> into <c>obj/Release/net10.0/win-x64/native/</c> (a RID-specific,
/// git-ignored folder, the one a Windows publish uses; <c>cdylib build</c> publishes in place the same way),
/// then fails at MSVC's <c>link</c>, which Linux does not have (expected).</item>
/// <item>The test-only harness <c>WindowsHarness/link.sh</c> links that object into <c>hello_world.dll</c> with
/// lld-link 19, mingw-w64's import libraries and a small stand-in for the MSVC C runtime.</item>
/// </list>
/// The DLL's export table is then read by our inspector and by <c>llvm-readobj</c>, and the seed's C++
/// consumer (mingw-w64 g++), a C consumer of the helpers (mingw-w64 gcc) and an MSVC-ABI consumer (clang for
/// <c>x86_64-pc-windows-msvc</c>, linked by lld-link) are linked against OUR <c>hello_world.dll.lib</c> and run under
/// wine beside the DLL. What this does not prove: a DLL linked by MSVC's <c>link.exe</c> against MSVC's own C
/// runtime (the harness replaces it; its security cookie is a constant and <c>atexit</c> does nothing), nor
/// a win-x86 or win-arm64 build: not tried, as the harness (stubs, ucrt import library, machine) is x64-only
/// and the recipe it comes from found the win-x86 Native AOT runtime packs missing from its package source.
/// The win-x64 packs (runtime.win-x64.Microsoft.DotNet.ILCompiler, Microsoft.NETCore.App.Runtime.win-x64) are
/// restored from the package source (nuget.org) by the first publish.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class WindowsBuildTests : IClassFixture<WindowsBuildTests.Win64Build>, IClassFixture<HelloWorldFixture>
{
    private readonly Win64Build _build;
    private readonly BuiltLibrary _linux;

    public WindowsBuildTests(Win64Build build, HelloWorldFixture linux)
    {
        _build = build;
        _linux = linux.Library;
    }

    /// <summary>
    /// What the release workflow's last job does with a Windows runner's artifact: <c>cdylib package --from</c>
    /// with one folder per RID, here the win-x64 build of this harness beside the linux-x64 build of this machine.
    /// </summary>
    [Fact]
    public void Cdylib_package_from_merges_the_windows_build_with_the_linux_one()
    {
        string builds = Run.TemporaryDirectory("windows-package");
        string windows = Path.Combine(builds, "win-x64");
        string linux = Path.Combine(builds, "linux-x64");
        Directory.CreateDirectory(windows);
        Directory.CreateDirectory(linux);
        foreach (string file in new[] { _build.Dll, _build.Def, _build.ImportLibrary, Path.Combine(_build.Work, "hello_world.h"), Path.Combine(_build.Work, "hello_world.abi.json") })
        {
            File.Copy(file, Path.Combine(windows, Path.GetFileName(file)));
        }
        foreach (string file in Directory.GetFiles(_linux.Directory))
        {
            File.Copy(file, Path.Combine(linux, Path.GetFileName(file)));
        }

        string output = Run.TemporaryDirectory("windows-package-out");
        foreach (string format in new[] { "nuget", "wheel", "npm", "prefix" })
        {
            Run.Cdylib("package", "--from", builds, "--format", format, "-o", output).Succeeded();
        }
        using (var nupkg = System.IO.Compression.ZipFile.OpenRead(Path.Combine(output, "hello_world.1.0.0.nupkg")))
        {
            string[] entries = nupkg.Entries.Select(entry => entry.FullName).ToArray();
            Assert.Contains("runtimes/win-x64/native/hello_world.dll", entries);
            Assert.Contains("runtimes/linux-x64/native/libhello_world.so", entries);
        }
        string[] files = Directory.GetFiles(output).Select(Path.GetFileName).OfType<string>().ToArray();
        Assert.Contains("hello_world-1.0.0-py3-none-win_amd64.whl", files);
        Assert.Contains(files, file => file.StartsWith("hello_world-1.0.0-py3-none-manylinux_2_", StringComparison.Ordinal));
        Assert.Contains(files, file => file.StartsWith("hello_world-win32-x64-msvc", StringComparison.Ordinal) && file.EndsWith(".tgz", StringComparison.Ordinal));
        string prefix = Run.Program("tar", ["-tzf", Path.Combine(output, "hello_world-1.0.0-win-x64.tar.gz")]).Succeeded().Output;
        Assert.Contains("bin/hello_world.dll", prefix);
        Assert.Contains("lib/hello_world.dll.lib", prefix);
    }

    [Fact]
    public void The_export_table_is_the_declared_function_the_helpers_and_the_debug_header()
    {
        var dll = BinaryFile.Open(_build.Dll);
        Assert.Equal(BinaryFormat.Pe, dll.Summary.Format);
        Assert.Equal("x86-64", dll.Summary.Machine);
        Assert.Equal("hello_world.dll", dll.Summary.OwnName);
        // lld-link 19 numbers exports from 1 as MSVC does (lld-link 14 writes an empty ordinal 0).
        Assert.Equal(1u, dll.Summary.Pe!.ExportDirectory!.OrdinalBase);

        // Exactly what the ABI model (and so our .def and import library) declares, plus Native AOT's data symbol for debuggers.
        var declared = _build.Abi.Functions.Select(f => f.Name).ToList();
        Assert.Contains("HelloWorld", declared);
        Assert.Contains("hello_world_last_error_code", declared);
        var expected = declared.Append("DotNetRuntimeDebugHeader").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, dll.Exports.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.All(dll.Exports, e => Assert.Equal(e.Name == "DotNetRuntimeDebugHeader" ? SymbolKind.Data : SymbolKind.Function, e.Kind));
        Assert.Equal(declared.Order(StringComparer.Ordinal), DefExports(_build.Def).Order(StringComparer.Ordinal));

        // LLVM's reader sees the same names under the same ordinals.
        string llvm = Run.Program(Toolchain.Find("llvm-readobj"), ["--coff-exports", _build.Dll]).Succeeded().Output;
        Assert.Equal(
            dll.Exports.Select(e => $"{e.Ordinal} {e.Name}").Order(StringComparer.Ordinal),
            ReadobjExports(llvm).Order(StringComparer.Ordinal));

        // The library of our import library's records is the DLL's own name.
        Assert.Equal(["hello_world.dll"], BinaryFile.Open(_build.ImportLibrary).Exports.Select(r => r.Library).OfType<string>().Distinct());
    }

    [Fact]
    public void The_seed_cpp_consumer_linked_against_our_import_library_prints_123_under_wine()
    {
        string exe = Path.Combine(_build.Work, "hello_world.exe");
        Run.Program(Toolchain.Find("x86_64-w64-mingw32-g++"), [
            "-std=c++17", "-Wall", "-Wextra", "-Werror", "-O1", "-static",
            "-I", _build.Work, Path.Combine(Repo.Examples, "hello_world", "hello_world.cpp"), _build.ImportLibrary, "-o", exe,
        ]).Succeeded();

        // It imports HelloWorld by its plain name from hello_world.dll, through our import library.
        Assert.Equal(["HelloWorld"], ImportsFromHelloWorld(exe));

        Assert.Equal("123\n", _build.WineOutput("hello_world.exe"));
    }

    [Fact]
    public void A_c_consumer_calls_the_generated_helpers_under_wine()
    {
        string source = Path.Combine(_build.Work, "helpers.c");
        File.WriteAllText(source, """
            #include <stdio.h>
            #include "hello_world.h"

            int main(void) {
                int abi = hello_world_abi_version() == HELLO_WORLD_ABI_VERSION;
                int hash = hello_world_api_hash() == HELLO_WORLD_API_HASH;
                printf("%d %d %d %d\n", (int)HelloWorld(), abi, hash, (int)hello_world_last_error_code());
                return 0;
            }
            """);
        string exe = Path.Combine(_build.Work, "helpers.exe");
        Run.Program(Toolchain.Find("x86_64-w64-mingw32-gcc"), [
            "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O1", "-I", _build.Work, source, _build.ImportLibrary, "-o", exe,
        ]).Succeeded();
        Assert.Equal(
            ["HelloWorld", "hello_world_abi_version", "hello_world_api_hash", "hello_world_last_error_code"],
            ImportsFromHelloWorld(exe));

        Assert.Equal("123 1 1 0\n", _build.WineOutput("helpers.exe"));
    }

    [Fact]
    public void An_msvc_abi_consumer_linked_by_lld_link_against_our_import_library_runs_under_wine()
    {
        // As MSVC builds it: the MSVC target, lld-link, no C runtime; the exit code carries HelloWorld().
        string source = Path.Combine(_build.Work, "msvc.c");
        File.WriteAllText(source, """
            #include "hello_world.h"
            __declspec(dllimport) void __stdcall ExitProcess(unsigned int code);

            void start(void) {
                int ok = hello_world_abi_version() == HELLO_WORLD_ABI_VERSION && hello_world_api_hash() == HELLO_WORLD_API_HASH;
                ExitProcess(ok ? (unsigned int)HelloWorld() : 1u);
            }
            """);
        string obj = Path.Combine(_build.Work, "msvc.obj");
        Run.Program(Toolchain.Find("clang"), ["--target=x86_64-pc-windows-msvc", "-ffreestanding", "-O1", "-Wall", "-Wextra", "-Werror", "-I", _build.Work, "-c", "-o", obj, source]).Succeeded();
        Run.Program(_build.LldLink, [
            "/nologo", "/entry:start", "/subsystem:console", "/nodefaultlib", "/out:" + Path.Combine(_build.Work, "msvc.exe"),
            obj, _build.ImportLibrary, Path.Combine(_build.Work, "harness", "lib", "kernel32.lib"),
        ]).Succeeded();
        Assert.Equal(["HelloWorld", "hello_world_abi_version", "hello_world_api_hash"], ImportsFromHelloWorld(Path.Combine(_build.Work, "msvc.exe")));

        ProcessResult run = _build.Wine("msvc.exe");
        Assert.True(run.ExitCode == 123, run.Transcript);
    }

    [Fact]
    public void FreeLibrary_leaves_the_library_loaded_and_working_round_after_round_under_wine()
    {
        // The host of HostTests, for Windows: the Native AOT runtime keeps its DLL loaded (a plain DLL,
        // built the same way from the same host, is unloaded at the first FreeLibrary), so nothing of ours is needed.
        string exe = Path.Combine(_build.Work, "unload.exe");
        Run.Program(Toolchain.Find("x86_64-w64-mingw32-gcc"), [
            "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O1", Path.Combine(Repo.Root, "tests", "Cdylib.EndToEnd.Tests", "Hosts", "unload.c"), "-o", exe,
        ]).Succeeded();
        ProcessResult run = _build.Wine("unload.exe", "hello_world.dll", "HelloWorld", "123", "20", "20");
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("20 rounds of load, call, unload: the library stayed loaded at one address", run.Output.Trim());
    }

    private static List<string> ImportsFromHelloWorld(string exe) =>
        BinaryFile.Open(exe).Imports
            .Where(i => string.Equals(i.Library, "hello_world.dll", StringComparison.OrdinalIgnoreCase))
            .Select(i => i.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>The names under EXPORTS in a .def file (comments and the LIBRARY line left out).</summary>
    private static IEnumerable<string> DefExports(string def) =>
        File.ReadAllLines(def)
            .Select(line => line.Split(';')[0].Trim())
            .SkipWhile(line => line != "EXPORTS").Skip(1)
            .Where(line => line.Length > 0);

    /// <summary>"ordinal name" for each export in <c>llvm-readobj --coff-exports</c> output.</summary>
    private static IEnumerable<string> ReadobjExports(string output)
    {
        string? ordinal = null;
        foreach (string line in output.Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith("Ordinal: ", StringComparison.Ordinal))
            {
                ordinal = line["Ordinal: ".Length..];
            }
            else if (line.StartsWith("Name: ", StringComparison.Ordinal) && ordinal is not null)
            {
                yield return $"{ordinal} {line["Name: ".Length..]}";
                ordinal = null;
            }
        }
    }

    /// <summary>Builds examples/hello_world for win-x64 once: our artifacts, ILC's object, the harness's DLL.</summary>
    public sealed class Win64Build
    {
        public Win64Build()
        {
            string project = Path.Combine(Repo.Examples, "hello_world");
            Work = Run.TemporaryDirectory("windows-build");
            LldLink = Toolchain.Find("lld-link-19");

            // 1. Our build: everything that needs no Windows linker, and exit code 4.
            string target = Path.Combine(project, "target", "win-x64", "release");
            ProcessResult artifacts = Run.Cdylib("build", project, "--release", "-r", "win-x64");
            Assert.True(artifacts.ExitCode == 4, artifacts.Transcript);
            foreach (string file in new[] { "hello_world.h", "hello_world.def", "hello_world.dll.lib", "hello_world.abi.json" })
            {
                File.Copy(Path.Combine(target, file), Path.Combine(Work, file));
            }
            Abi = AbiJson.Read(File.ReadAllText(Path.Combine(Work, "hello_world.abi.json")));

            // 2. Native AOT's compiler writes the Windows object and MSVC's response file; MSVC's link is not here.
            // (ILC skips an up-to-date object: the folder goes first, so what is linked below is this run's.)
            string native = Path.Combine(project, "obj", "Release", "net10.0", "win-x64", "native");
            if (Directory.Exists(native))
            {
                Directory.Delete(native, recursive: true);
            }
            ProcessResult publish = Run.Program("dotnet", [
                "publish", Path.Combine(project, "hello_world.csproj"), "--configuration", "Release", "--runtime", "win-x64", "--nologo",
                "-p:DisableUnsupportedError=true", "-p:PublishDir=" + Path.Combine(Work, "publish") + Path.DirectorySeparatorChar,
            ]);
            string obj = Path.Combine(native, "hello_world.obj");
            string rsp = Path.Combine(native, "link.rsp");
            Assert.True(publish.ExitCode != 0 && publish.Output.Contains("link.rsp", StringComparison.Ordinal), "expected the publish to fail at MSVC's link:\n" + publish.Transcript);
            Assert.True(File.Exists(obj), "ILC wrote no hello_world.obj:\n" + publish.Transcript);
            Assert.True(File.Exists(rsp), "ILC wrote no link.rsp:\n" + publish.Transcript);

            // 3. The test-only harness links it with lld-link.
            Dll = Path.Combine(Work, "hello_world.dll");
            Run.Program("bash", [Path.Combine(Repo.Root, "tests", "Cdylib.EndToEnd.Tests", "WindowsHarness", "link.sh"), project, rsp, Path.Combine(Work, "harness"), Dll],
                new Dictionary<string, string> { ["LLD_LINK"] = LldLink, ["CLANG"] = Toolchain.Find("clang"), ["CLANGXX"] = Toolchain.Find("clang++") }).Succeeded();
        }

        /// <summary>This build's folder: our header, .def, import library and ABI file, the harness's DLL, the consumers.</summary>
        public string Work { get; }

        public string LldLink { get; }

        public string Dll { get; }

        public string Def => Path.Combine(Work, "hello_world.def");

        public string ImportLibrary => Path.Combine(Work, "hello_world.dll.lib");

        internal Cdylib.Abi.Model.AbiLibrary Abi { get; }

        /// <summary>What a program of <see cref="Work"/> prints under wine (line ends as on Linux), which must exit with 0.</summary>
        internal string WineOutput(string program) => Cdylib.Tests.Shared.Wine.Output(WineMachine.X64, Work, program);

        /// <summary>Runs an x64 program of <see cref="Work"/> under wine's 64-bit loader.</summary>
        internal ProcessResult Wine(string program, params string[] arguments) => Cdylib.Tests.Shared.Wine.Run(WineMachine.X64, Work, program, arguments);
    }
}
