using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Cdylib.Build;

/// <summary>The linker's list of exported symbols in the three forms ILC writes it.</summary>
internal enum ExportsFileFormat
{
    /// <summary>A GNU version script: <c>V1.0 { global: name; ... local: *; };</c>.</summary>
    VersionScript,

    /// <summary>ld64's <c>-exported_symbols_list</c>: one <c>_name</c> per line.</summary>
    AppleList,

    /// <summary>A Windows module-definition file: <c>EXPORTS</c>, then one name per line.</summary>
    ModuleDefinition,
}

/// <summary>
/// Reads the names in ILC's exports file and writes the file back with others added. ILC 8–10 writes
/// an empty entry (a line holding only <c>;</c> in a version script) for each <c>RuntimeExport</c>
/// method, which the linker rejects, so the names are parsed, the empty ones dropped, and the file
/// written whole in the same form.
/// </summary>
internal static class ExportsFile
{
    /// <summary>The form ILC writes for a target: MSBuild's <c>_targetOS</c> (win, osx, ios, ..., linux, freebsd).</summary>
    public static ExportsFileFormat FormatFor(string targetOS, bool isApplePlatform) =>
        targetOS == "win" ? ExportsFileFormat.ModuleDefinition
        : isApplePlatform ? ExportsFileFormat.AppleList
        : ExportsFileFormat.VersionScript;

    public static IReadOnlyList<string> ReadNames(string text, ExportsFileFormat format)
    {
        IEnumerable<string> lines = text.Split('\n').Select(line => line.Trim());
        switch (format)
        {
            case ExportsFileFormat.VersionScript:
                bool global = false;
                var names = new List<string>();
                foreach (string line in lines)
                {
                    if (line.StartsWith("global:", StringComparison.Ordinal) || line.StartsWith("local:", StringComparison.Ordinal))
                    {
                        global = line.StartsWith("global:", StringComparison.Ordinal);
                        continue;
                    }
                    if (global)
                    {
                        names.AddRange(line.Split(';').Select(name => name.Trim()).Where(name => name.Length > 0));
                    }
                }
                return names;
            case ExportsFileFormat.AppleList:
                return lines.Where(line => line.Length > 1 && line[0] == '_').Select(line => line.Substring(1)).ToList();
            default:
                return lines.SkipWhile(line => !line.Equals("EXPORTS", StringComparison.OrdinalIgnoreCase)).Skip(1)
                    .Where(line => line.Length > 0 && !line.StartsWith(";", StringComparison.Ordinal)).ToList();
        }
    }

    public static string Write(IEnumerable<string> names, ExportsFileFormat format)
    {
        var text = new StringBuilder();
        switch (format)
        {
            case ExportsFileFormat.VersionScript:
                text.Append("V1.0 {\n    global:\n");
                foreach (string name in names)
                {
                    text.Append("        ").Append(name).Append(";\n");
                }
                text.Append("    local: *;\n};\n");
                break;
            case ExportsFileFormat.AppleList:
                foreach (string name in names)
                {
                    text.Append('_').Append(name).Append('\n');
                }
                break;
            default:
                text.Append("EXPORTS\n");
                foreach (string name in names)
                {
                    text.Append("    ").Append(name).Append('\n');
                }
                break;
        }
        return text.ToString();
    }
}
