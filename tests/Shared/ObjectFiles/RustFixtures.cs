using System;
using System.Collections.Generic;
using System.IO;
using Cdylib.Tests.Shared;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>
/// The Rust library of fixtures/rust (generics, trait impls, closures, const generics, dyn traits,
/// identifiers that are not ASCII) built by cargo, offline and without crates, once per test run:
/// with the legacy mangling (stable Rust's default for a crate's own code) and with v0
/// (-C symbol-mangling-version=v0, stable since Rust 1.59), each as a cdylib and a staticlib.
/// The standard library's own names are v0 in both (rustup's std is built so). -C prefer-dynamic
/// makes the cdylib import its standard library names from libstd-*.so rather than copy them, so the
/// dynamic table holds mangled names too.
/// </summary>
public sealed class RustFixtures
{
    private static readonly Lazy<RustFixtures> Instance = new(() => new RustFixtures());

    public static RustFixtures Shared => Instance.Value;

    private RustFixtures()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("cdylib-rust-fixtures-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteDirectory();

        // cargo writes Cargo.lock beside the manifest: build from a copy, never from the test's output folder.
        string sources = Path.Combine(AppContext.BaseDirectory, "fixtures", "rust");
        string crate = Path.Combine(Directory, "crate");
        System.IO.Directory.CreateDirectory(Path.Combine(crate, "src"));
        File.Copy(Path.Combine(sources, "Cargo.toml"), Path.Combine(crate, "Cargo.toml"));
        File.Copy(Path.Combine(sources, "src", "lib.rs"), Path.Combine(crate, "src", "lib.rs"));

        Legacy = Build(crate, "legacy", "-C prefer-dynamic");
        V0 = Build(crate, "v0", "-C prefer-dynamic -C symbol-mangling-version=v0");
    }

    public string Directory { get; }

    /// <summary>The crate's own names in the legacy scheme (_ZN…17h&lt;hash&gt;E).</summary>
    public RustLibrary Legacy { get; }

    /// <summary>Every name in the v0 scheme (_R…).</summary>
    public RustLibrary V0 { get; }

    /// <summary>The four libraries, for theories.</summary>
    public IEnumerable<string> All => [Legacy.Cdylib, Legacy.StaticLibrary, V0.Cdylib, V0.StaticLibrary];

    private RustLibrary Build(string crate, string name, string rustFlags)
    {
        string target = Path.Combine(Directory, name);
        var result = ProcessRunner.Run("cargo", ["build", "--offline", "--quiet", "--manifest-path", Path.Combine(crate, "Cargo.toml")],
            environment: new Dictionary<string, string> { ["CARGO_TARGET_DIR"] = target, ["RUSTFLAGS"] = rustFlags });
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("cargo could not build the Rust fixture:\n" + result.Transcript);
        }

        string output = Path.Combine(target, "debug");
        return new RustLibrary(Path.Combine(output, "libmangled.so"), Path.Combine(output, "libmangled.a"));
    }

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

/// <summary>One build of the Rust fixture: the cdylib and the staticlib.</summary>
public sealed record RustLibrary(string Cdylib, string StaticLibrary);
