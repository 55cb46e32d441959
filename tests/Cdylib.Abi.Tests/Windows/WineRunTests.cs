using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Emitters.Windows;
using Cdylib.ObjectFile;
using Cdylib.Tests.Shared;

namespace Cdylib.Abi.Tests.Windows;

/// <summary>
/// A C consumer linked against OUR import library runs under wine against a DLL that exports the same
/// functions undecorated, as Native AOT does: the DLL built by mingw-w64 gcc from our header
/// (<c>--kill-at</c> on x86 strips the stdcall decoration from the export table), the consumer compiled
/// by mingw-w64 gcc and linked twice, by GNU ld and by lld (its MinGW driver over the lld-link core),
/// and an MSVC-ABI consumer (clang for *-pc-windows-msvc, no C runtime) linked by lld-link itself.
/// On x86 every stdcall call goes through <c>__imp__name@N</c>, which only resolves if our N is the
/// compiler's, and loads only if our record maps it to the plain name the DLL exports.
/// </summary>
public sealed class WineRunTests
{
    [Theory]
    [InlineData("x64")]
    [InlineData("x86")]
    public void A_consumer_linked_against_our_import_library_runs(string machineName)
    {
        WindowsMachine machine = ImportLibraryTests.Machine(machineName);
        string triple = machine == WindowsMachine.X86 ? "i686-w64-mingw32" : "x86_64-w64-mingw32";
        string gcc = WindowsTools.Find(triple + "-gcc");
        string directory = WindowsTools.WorkDirectory("wine-" + machineName);
        var library = WindowsModels.Library;
        File.WriteAllText(Path.Combine(directory, "winabi.h"), CHeader.Emit(library));
        File.WriteAllText(Path.Combine(directory, "winabi_dll.c"), WindowsModels.DllSource());
        File.WriteAllText(Path.Combine(directory, "consumer.c"), WindowsModels.ConsumerSource);
        File.WriteAllText(Path.Combine(directory, "winabi.def"), ModuleDefinition.Emit(library, machine));
        string importLibrary = ImportLibraryViews.Write(directory, ImportLibrary.FileName(library), ImportLibrary.Write(library, machine));

        // The DLL: the functions exported under their plain names, as Native AOT exports them.
        var dllFlags = new List<string> { "-shared", "-O1", "-static-libgcc", "-o", "winabi.dll", "winabi_dll.c" };
        if (machine == WindowsMachine.X86)
        {
            dllFlags.Add("-Wl,--kill-at");
        }
        WindowsTools.Run(gcc, dllFlags, directory);
        var exported = BinaryFile.Open(Path.Combine(directory, "winabi.dll")).Exports.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(library.Functions.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal), exported);

        // The consumer, linked against our import library by GNU ld and by lld.
        WindowsTools.Run(gcc, new[] { "-c", "-O1", "-o", "consumer.o", "consumer.c" }, directory);
        WindowsTools.Run(gcc, new[] { "-static-libgcc", "-o", "consumer-ld.exe", "consumer.o", importLibrary }, directory);
        string libgcc = Path.GetDirectoryName(WindowsTools.Run(gcc, "-print-libgcc-file-name").Trim())!;
        WindowsTools.Run(WindowsTools.Find("clang"), new[]
        {
            "--target=" + triple, "-fuse-ld=lld", "--ld-path=" + WindowsTools.Newest("ld.lld"), "-L" + libgcc,
            "-o", "consumer-lld.exe", "consumer.o", importLibrary,
        }, directory);

        // The consumer as MSVC builds it: clang for the MSVC ABI, lld-link, our import libraries of
        // winabi.dll and (for the three calls it makes) kernel32.dll, no C runtime.
        string msvcTriple = machine == WindowsMachine.X86 ? "i686-pc-windows-msvc" : "x86_64-pc-windows-msvc";
        File.WriteAllText(Path.Combine(directory, "consumer_msvc.c"), WindowsModels.MsvcConsumerSource);
        ImportLibraryViews.Write(directory, "kernel32.lib", ImportLibrary.Write(WindowsModels.Kernel32, machine));
        WindowsTools.Run(WindowsTools.Find("clang"), new[] { "--target=" + msvcTriple, "-ffreestanding", "-O1", "-c", "-o", "consumer_msvc.obj", "consumer_msvc.c" }, directory);
        WindowsTools.Run(WindowsTools.Newest("lld-link"), new[]
        {
            "/nologo", "/entry:start", "/subsystem:console", "/nodefaultlib", "/out:consumer-msvc.exe", "consumer_msvc.obj", importLibrary, "kernel32.lib",
        }, directory);

        var programs = new[]
        {
            ("consumer-ld.exe", WindowsModels.ExpectedOutput),
            ("consumer-lld.exe", WindowsModels.ExpectedOutput),
            ("consumer-msvc.exe", WindowsModels.ExpectedMsvcOutput),
        };
        foreach (var (program, expected) in programs)
        {
            // The program imports the plain names: the linker applied the records' name types.
            var imported = BinaryFile.Open(Path.Combine(directory, program)).Imports
                .Where(i => string.Equals(i.Library, "winabi.dll", StringComparison.OrdinalIgnoreCase)).Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(library.Functions.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal), imported);

            ProcessResult run = Wine.Run(directory, program);
            Assert.True(run.ExitCode == 0 && run.Output.Replace("\r\n", "\n") == expected,
                $"{program} ({machineName}) under wine{Wine.Hint(machine)}\n{run.Transcript}\n--- expected\n{expected}");
        }
    }
}

/// <summary>Runs Windows programs under wine with one prefix kept beside the test output (the first start creates it, ~10 s).</summary>
internal static class Wine
{
    private static readonly object Gate = new();

    public static ProcessResult Run(string directory, string program)
    {
        string wine = WindowsTools.Find("wine");
        var environment = new Dictionary<string, string>
        {
            ["WINEPREFIX"] = Path.Combine(AppContext.BaseDirectory, "wine-prefix"),
            ["WINEDEBUG"] = "-all",
            // No Mono or Gecko installer dialogs while the prefix is created.
            ["WINEDLLOVERRIDES"] = "mscoree,mshtml=",
        };
        lock (Gate)
        {
            return ProcessRunner.Run(wine, new[] { program }, directory, environment, timeoutSeconds: 300);
        }
    }

    public static string Hint(WindowsMachine machine) => machine == WindowsMachine.X86
        ? " (32-bit programs need wine32:i386 beside wine64; .ci/run installs both)"
        : " (.ci/run installs wine)";
}
