using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Loading;
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
        var ldd = Ldd(files);
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
            string? interpreter = tree.Root.File.Summary.Elf?.Interpreter ?? "/lib64/ld-linux-x86-64.so.2";
            var found = tree.LoadOrder.Skip(1).Select(l => l.Path).Where(p => p != interpreter).ToHashSet();
            var missing = tree.LoadOrder.SelectMany(l => l.Dependencies)
                .Where(d => d.Status is ResolutionStatus.NotFound or ResolutionStatus.Unloadable).Select(d => d.Dependency.Name).ToHashSet();
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

    /// <summary>
    /// ldd's answer for each file it could trace: the paths after "=>", and the names "=> not found". ldd
    /// runs ld.so with LD_TRACE_LOADED_OBJECTS=1 for each file; that is done here directly, from one
    /// shell for all files (ldd's own shell per file costs ten times as much). A file whose trace failed
    /// (no linux-vdso line: a static program, an error) is left out.
    /// </summary>
    private static Dictionary<string, (HashSet<string> Found, HashSet<string> Missing)> Ldd(List<string> files)
    {
        var result = new Dictionary<string, (HashSet<string>, HashSet<string>)>();
        const string Script = "for f; do printf '@@%s\\n' \"$f\"; LD_TRACE_LOADED_OBJECTS=1 /lib64/ld-linux-x86-64.so.2 \"$f\" 2>&1 || echo '!failed'; done";
        foreach (var batch in files.Chunk(200))
        {
            var run = ProcessRunner.Run("bash", ["-c", Script, "ldd", .. batch], environment: new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = "" });
            foreach (string block in run.Output.Split("@@", StringSplitOptions.RemoveEmptyEntries))
            {
                var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                var body = lines.Skip(1).ToList();
                if (!body.Any(l => l.StartsWith("\tlinux-vdso", StringComparison.Ordinal)) || body.Any(l => !l.StartsWith('\t')))
                {
                    continue;
                }

                (HashSet<string> Found, HashSet<string> Missing) answer = ([], []);
                foreach (string line in body)
                {
                    if (line.Trim().Split(" => ") is [string name, string target])
                    {
                        if (target == "not found")
                        {
                            answer.Missing.Add(name);
                        }
                        else
                        {
                            answer.Found.Add(target[..target.LastIndexOf(" (", StringComparison.Ordinal)]);
                        }
                    }
                }

                result[lines[0]] = answer;
            }
        }

        return result;
    }
}
