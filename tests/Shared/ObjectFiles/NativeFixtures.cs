using System;
using System.IO;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>
/// The binaries the tests read, built once per test run by gcc from the C sources in Fixtures/ into a
/// temporary directory: real linker output, so the reader is tested on what users will feed it.
/// One shared instance (not an xunit collection fixture) so that test classes still run in parallel.
/// </summary>
public sealed class NativeFixtures
{
    private static readonly Lazy<NativeFixtures> Instance = new(() => new NativeFixtures());

    public static NativeFixtures Shared => Instance.Value;

    private NativeFixtures()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteDirectory();
        Directory = System.IO.Directory.CreateTempSubdirectory("cdylib-objectfile-tests-").FullName;
        string sources = Path.Combine(AppContext.BaseDirectory, "fixtures", "elf");

        // libdemo.so.1: version script (V1, V2 ⊃ V1), .symver old/new versions, SONAME, RUNPATH, GNU hash.
        Library = Path.Combine(Directory, "libdemo.so");
        Tool.Run("gcc", "-shared", "-fPIC", "-O1", "-o", Library, Path.Combine(sources, "demo.c"),
            "-Wl,--version-script=" + Path.Combine(sources, "demo.map"), "-Wl,-soname,libdemo.so.1",
            "-Wl,--enable-new-dtags,-rpath,$ORIGIN/lib:/opt/demo/lib", "-Wl,--hash-style=gnu", "-lm");

        // The same library with only the SysV hash table (DT_HASH), for the section-less fallback.
        LibrarySysvHash = Path.Combine(Directory, "libdemo-sysv.so");
        Tool.Run("gcc", "-shared", "-fPIC", "-O1", "-o", LibrarySysvHash, Path.Combine(sources, "demo.c"),
            "-Wl,--version-script=" + Path.Combine(sources, "demo.map"), "-Wl,-soname,libdemo.so.1",
            "-Wl,--hash-style=sysv", "-lm");

        // demo_app: a PIE executable importing versioned symbols from libdemo and libc, with a DT_RPATH.
        Executable = Path.Combine(Directory, "demo_app");
        Tool.Run("gcc", "-O1", "-o", Executable, Path.Combine(sources, "app.c"), "-L" + Directory, "-ldemo",
            "-Wl,--disable-new-dtags,-rpath,/opt/demo/lib");

        // libmini32.so: ELF32 (i386), freestanding so that no 32-bit libc is needed.
        Library32 = Path.Combine(Directory, "libmini32.so");
        Tool.Run("gcc", "-m32", "-shared", "-fPIC", "-nostdlib", "-o", Library32, Path.Combine(sources, "mini32.c"),
            "-Wl,--version-script=" + Path.Combine(sources, "mini32.map"), "-Wl,-soname,libmini32.so");

        // demo.o: a relocatable object (no dynamic symbols; .symtab globals).
        Object = Path.Combine(Directory, "demo.o");
        Tool.Run("gcc", "-c", "-fPIC", "-O1", "-o", Object, Path.Combine(sources, "demo.c"));
    }

    public string Directory { get; }

    public string Library { get; }

    public string LibrarySysvHash { get; }

    public string Executable { get; }

    public string Library32 { get; }

    public string Object { get; }

    /// <summary>A path in the fixture directory for a test's derived file.</summary>
    public string PathFor(string fileName) => Path.Combine(Directory, fileName);

    private void DeleteDirectory()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
