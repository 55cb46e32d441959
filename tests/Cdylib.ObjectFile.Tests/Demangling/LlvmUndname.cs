using System;
using System.Collections.Generic;
using System.IO;
using Cdylib.Tests.Shared;

namespace Cdylib.ObjectFile.Tests.Demangling;

/// <summary>
/// llvm-undname of LLVM 14, the reference the Microsoft demangler matches, run once over a list of names
/// on its standard input. It echoes each name, then prints the demangled line (nothing when it cannot
/// demangle the name: the error goes to standard error) and an empty line.
/// </summary>
internal static class LlvmUndname
{
    public static string Program => Toolchain.Find("llvm-undname-14");

    /// <summary>What llvm-undname prints for each of <paramref name="names"/> (none empty), null where it fails.</summary>
    public static IReadOnlyDictionary<string, string?> Demangle(IReadOnlyCollection<string> names)
    {
        string[] lines = NameFilter.Output(Program, names, failsOnBadNames: true).Split('\n');
        var demangled = new Dictionary<string, string?>(StringComparer.Ordinal);
        int at = 0;
        foreach (string name in names)
        {
            if (at >= lines.Length || lines[at] != name)
            {
                throw new InvalidOperationException($"llvm-undname's output lost its place at {name}");
            }
            at++;
            if (lines[at].Length == 0)
            {
                demangled[name] = null;
                at++;
            }
            else
            {
                demangled[name] = lines[at];
                at += 2;
            }
        }
        return demangled;
    }
}
