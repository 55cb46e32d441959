using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>
/// binutils' <c>c++filt</c>, the demangler's reference: Itanium C++ and Rust (legacy and v0) names, with
/// c++filt's own defaults (its verbose flag: Rust hashes and crate disambiguators are printed).
/// </summary>
internal static class CxxFilt
{
    /// <summary>What c++filt prints for each name, in order; a name it does not demangle comes back as it is.</summary>
    /// <param name="stripUnderscore">Mach-O names: drop one leading underscore first (c++filt -_).</param>
    public static IReadOnlyList<string> Demangle(IReadOnlyList<string> names, bool stripUnderscore = false)
    {
        // Names go through a file, one per line: thousands of them do not fit on a command line.
        string input = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(input, names);
            string output = Tool.Run("sh", "-c", $"c++filt {(stripUnderscore ? "-_ " : "")}< \"$0\"", input);
            var lines = output.Split('\n');
            if (lines.Length != names.Count + 1 || lines[^1].Length != 0)
            {
                throw new InvalidOperationException($"c++filt printed {lines.Length - 1} lines for {names.Count} names");
            }

            return lines[..^1];
        }
        finally
        {
            File.Delete(input);
        }
    }
}
