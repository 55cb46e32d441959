using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Cdylib.Build;

/// <summary>
/// After linking an ELF library: every transition-free export is in its dynamic symbol table,
/// defined and global. GNU ld silently skips a version-script name that nothing defines, so without
/// this check a method ILC did not compile as an export would leave the library without it. (ld64 and
/// link.exe refuse a listed symbol that is not defined, so macOS and Windows need no check.) Read
/// with <c>readelf</c>, which comes with the binutils every ELF link here uses and reads any machine's
/// ELF (a cross-built linux-arm64 library too).
/// </summary>
public sealed class CheckCdylibExports : Task
{
    /// <summary>The linked library.</summary>
    [Required]
    public string Library { get; set; } = "";

    /// <summary>The names that must be exported.</summary>
    [Required]
    public string[] Names { get; set; } = Array.Empty<string>();

    /// <summary>The readelf to run (<c>readelf</c> from PATH by default).</summary>
    public string Readelf { get; set; } = "readelf";

    public override bool Execute()
    {
        HashSet<string>? exported = DynamicExports();
        if (exported is null)
        {
            return false;
        }
        string[] missing = Names.Where(name => !exported.Contains(name)).ToArray();
        foreach (string name in missing)
        {
            Log.LogError(null, "CDY1010", null, Library, 0, 0, 0, 0,
                $"'{name}' is marked [SuppressGCTransition] but is not exported by {Library}: ILC did not compile it as a transition-free export. The library is not usable as built; remove [SuppressGCTransition] from it to export it the ordinary way, and report this with the build log.");
        }
        return missing.Length == 0;
    }

    // `readelf --dyn-syms -W`: "Num: Value Size Type Bind Vis Ndx Name[@version]".
    private HashSet<string>? DynamicExports()
    {
        var start = new ProcessStartInfo(Readelf, $"--dyn-syms -W \"{Library}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string output, error;
        int exitCode;
        try
        {
            using Process process = Process.Start(start)!;
            var errorRead = process.StandardError.ReadToEndAsync();
            output = process.StandardOutput.ReadToEnd();
            error = errorRead.Result;
            process.WaitForExit();
            exitCode = process.ExitCode;
        }
        catch (Exception problem) when (problem is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Log.LogError(null, "CDY1011", null, Library, 0, 0, 0, 0,
                $"cannot check the transition-free exports of {Library}: '{Readelf}' could not be run ({problem.Message}). Install binutils (Debian/Ubuntu: apt-get install binutils), or set CdylibReadelf to its path.");
            return null;
        }
        if (exitCode != 0)
        {
            Log.LogError(null, "CDY1011", null, Library, 0, 0, 0, 0, $"cannot check the transition-free exports of {Library}: {Readelf} failed: {error.Trim()}");
            return null;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in output.Split('\n'))
        {
            string[] fields = line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 8 && fields[0].EndsWith(":", StringComparison.Ordinal) && fields[6] != "UND"
                && fields[4] is "GLOBAL" or "WEAK" && fields[5] is "DEFAULT" or "PROTECTED")
            {
                string name = fields[7];
                int at = name.IndexOf('@');
                names.Add(at < 0 ? name : name.Substring(0, at));
            }
        }
        return names;
    }
}
