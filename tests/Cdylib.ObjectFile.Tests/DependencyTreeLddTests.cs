using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Loading;
using Cdylib.ObjectFile.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// deps --tree's ELF search checked against ldd (glibc's ld.so itself) on the programs and libraries of
/// this machine: for every file, the set of libraries found and the set of names not found agree. ldd's
/// linux-vdso line (no file) and its line for the program interpreter (loaded by the kernel, not
/// searched) are left out; so is the tree's interpreter.
/// </summary>
public sealed class DependencyTreeLddTests(ITestOutputHelper output)
{
    /// <summary>Files sampled from each folder: every n-th in name order, so the sample is the same on every run.</summary>
    private const int PerFolder = 150;

    [Fact]
    public void The_libraries_found_agree_with_ldd_on_this_machines_programs_and_libraries()
    {
        var files = Sample("/usr/bin").Concat(Sample("/usr/lib/x86_64-linux-gnu")).ToList();
        Assert.True(files.Count > 100, $"expected ELF programs and libraries on this machine, found {files.Count}");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ldd = LddTrace.Run(files);
        var lddTime = clock.Elapsed;
        using var cache = new LibraryCache();
        var options = new LoaderOptions { ResolveImports = false, Cache = cache };
        int agreed = 0, compared = 0;
        var disagreements = new List<string>();
        foreach (string file in files)
        {
            // ldd has nothing to say about static programs and files it cannot load: those are not compared.
            if (!ldd.TryGetValue(file, out var expected))
            {
                continue;
            }

            compared++;
            var tree = DependencyTree.Build(file, cache.Read(file), options);
            var (found, missing) = LddTrace.Of(tree);
            if (found.SetEquals(expected.Found) && missing.SetEquals(expected.Missing))
            {
                agreed++;
            }
            else
            {
                disagreements.Add($"{file}: ours [{string.Join(", ", found.Order())}] missing [{string.Join(", ", missing.Order())}]; ldd [{string.Join(", ", expected.Found.Order())}] missing [{string.Join(", ", expected.Missing.Order())}]");
            }
        }

        output.WriteLine($"{agreed} of {compared} files agree with ldd ({files.Count} sampled, {files.Count - compared} not dynamic or not loadable for ldd); ldd {lddTime.TotalSeconds:F1} s, trees {(clock.Elapsed - lddTime).TotalSeconds:F1} s");
        Assert.True(compared >= 100, $"ldd reported on only {compared} files");
        Assert.Empty(disagreements);
    }

    /// <summary>Every n-th ELF executable or shared object of a folder (regular files and links to them), in name order.</summary>
    private static List<string> Sample(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var elf = Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Where(IsElfObject).ToList();
        int step = Math.Max(1, elf.Count / PerFolder);
        return elf.Where((_, i) => i % step == 0).Take(PerFolder).ToList();
    }

    private static bool IsElfObject(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> header = stackalloc byte[18];
            return stream.Read(header) == 18 && header[..4].SequenceEqual("\u007fELF"u8) && header[16] is 2 or 3;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
