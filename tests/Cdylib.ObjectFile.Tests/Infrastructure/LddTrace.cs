using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdylib.ObjectFile.Tests.Infrastructure;

/// <summary>What ldd says a file loads, and the same facts taken from a dependency tree, to compare.</summary>
internal static class LddTrace
{
    /// <summary>
    /// The tree's answer in ldd's terms: the paths of the libraries loaded (not the root, not the program
    /// interpreter, which ldd prints without "=>") and the names not found.
    /// </summary>
    public static (HashSet<string> Found, HashSet<string> Missing) Of(DependencyTree tree)
    {
        string interpreter = tree.Root.File.Summary.Elf?.Interpreter ?? "/lib64/ld-linux-x86-64.so.2";
        var found = tree.LoadOrder.Skip(1).Select(l => l.Path).Where(p => p != interpreter).ToHashSet();
        var missing = tree.LoadOrder.SelectMany(l => l.Dependencies)
            .Where(d => d.Status is ResolutionStatus.NotFound or ResolutionStatus.Unloadable).Select(d => d.Dependency.Name).ToHashSet();
        return (found, missing);
    }

    /// <summary>
    /// ldd's answer for each file it could trace: the paths after "=>", and the names "=> not found". ldd
    /// runs ld.so with LD_TRACE_LOADED_OBJECTS=1 for each file; that is done here directly, from one
    /// shell for all files (ldd's own shell per file costs ten times as much). A file whose trace failed
    /// (no linux-vdso line: a static program, an error) is left out.
    /// </summary>
    public static Dictionary<string, (HashSet<string> Found, HashSet<string> Missing)> Run(IEnumerable<string> files, string? libraryPath = null)
    {
        var result = new Dictionary<string, (HashSet<string>, HashSet<string>)>();
        const string Script = "for f; do printf '@@%s\\n' \"$f\"; LD_TRACE_LOADED_OBJECTS=1 /lib64/ld-linux-x86-64.so.2 \"$f\" 2>&1 || echo '!failed'; done";
        foreach (var batch in files.Chunk(200))
        {
            var run = ProcessRunner.Run("bash", ["-c", Script, "ldd", .. batch], environment: new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = libraryPath ?? "" });
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
