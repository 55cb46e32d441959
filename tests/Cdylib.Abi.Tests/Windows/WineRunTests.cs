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
/// compiler's, and loads only if our record maps it to the plain name the DLL exports. Everything is
/// built, linked and inspected on every machine; the x86 programs run where the kernel can execute
/// i386 programs and are reported as skipped, with that reason, where it cannot.
/// </summary>
public sealed class WineRunTests : IClassFixture<WineRunTests.Consumers>
{
    private readonly Consumers _consumers;

    public WineRunTests(Consumers consumers) => _consumers = consumers;

    /// <summary>Built, linked and inspected on every machine, whether or not it can run them.</summary>
    [Theory]
    [InlineData(WineMachine.X64)]
    [InlineData(WineMachine.X86)]
    public void Consumers_linked_against_our_import_library_import_the_plain_names(WineMachine machine)
    {
        Consumers.Built built = _consumers.For(machine);
        var declared = WindowsModels.Library.Functions.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var exported = BinaryFile.Open(Path.Combine(built.Directory, "winabi.dll")).Exports.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(declared, exported);
        foreach (var (program, _) in built.Programs)
        {
            // The program imports the plain names: the linker applied the records' name types.
            var imported = BinaryFile.Open(Path.Combine(built.Directory, program)).Imports
                .Where(i => string.Equals(i.Library, "winabi.dll", StringComparison.OrdinalIgnoreCase)).Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(declared, imported);
        }
    }

    [Theory]
    [WineMachineData(WineMachine.X64)]
    [WineMachineData(WineMachine.X86)]
    public void Consumers_linked_against_our_import_library_run_under_wine(WineMachine machine)
    {
        Consumers.Built built = _consumers.For(machine);
        foreach (var (program, expected) in built.Programs)
        {
            ProcessResult run = Wine.Run(machine, built.Directory, program);
            Assert.True(run.ExitCode == 0 && run.Output.Replace("\r\n", "\n") == expected,
                $"{program} ({machine}) under wine\n{run.Transcript}\n--- expected\n{expected}");
        }
    }

    /// <summary>The DLL and the three consumers of each machine, built once for both tests.</summary>
    public sealed class Consumers
    {
        private readonly Dictionary<WineMachine, Lazy<Built>> _built = Enum.GetValues<WineMachine>()
            .ToDictionary(machine => machine, machine => new Lazy<Built>(() => Build(machine)));

        public Built For(WineMachine machine) => _built[machine].Value;

        /// <summary>A folder with winabi.dll and the consumers, each with what it must print.</summary>
        public sealed record Built(string Directory, IReadOnlyList<(string Program, string Expected)> Programs);

        private static Built Build(WineMachine wineMachine)
        {
            WindowsMachine machine = wineMachine == WineMachine.X86 ? WindowsMachine.X86 : WindowsMachine.X64;
            string triple = machine == WindowsMachine.X86 ? "i686-w64-mingw32" : "x86_64-w64-mingw32";
            string gcc = WindowsTools.Find(triple + "-gcc");
            string directory = WindowsTools.WorkDirectory("wine-" + wineMachine.ToString().ToLowerInvariant());
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

            return new Built(directory,
            [
                ("consumer-ld.exe", WindowsModels.ExpectedOutput),
                ("consumer-lld.exe", WindowsModels.ExpectedOutput),
                ("consumer-msvc.exe", WindowsModels.ExpectedMsvcOutput),
            ]);
        }
    }
}
