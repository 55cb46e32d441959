using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Cdylib.Build;

/// <summary>
/// Runs between ILC and the linker: puts the assembly's <c>RuntimeExport</c> entry points (the
/// transition-free exports) into ILC's exports file, which lists them as empty entries, so the
/// linker exports them instead of rejecting the file (ELF) or leaving them out.
/// </summary>
public sealed class CompleteCdylibExportsFile : Task
{
    /// <summary>The IL assembly ILC compiled.</summary>
    [Required]
    public string Assembly { get; set; } = "";

    /// <summary>ILC's exports file (<c>$(ExportsFile)</c>), rewritten in place.</summary>
    [Required]
    public string ExportsFile { get; set; } = "";

    /// <summary>MSBuild's <c>_targetOS</c>.</summary>
    [Required]
    public string TargetOS { get; set; } = "";

    /// <summary>MSBuild's <c>_IsApplePlatform</c>.</summary>
    public bool IsApplePlatform { get; set; }

    /// <summary>The transition-free entry points, for the check after linking.</summary>
    [Output]
    public string[] TransitionFreeExports { get; private set; } = Array.Empty<string>();

    public override bool Execute()
    {
        TransitionFreeExports = RuntimeExportReader.Read(Assembly).ToArray();
        if (TransitionFreeExports.Length == 0 || !File.Exists(ExportsFile))
        {
            return true;
        }
        ExportsFileFormat format = Build.ExportsFile.FormatFor(TargetOS, IsApplePlatform);
        string text = File.ReadAllText(ExportsFile);
        var names = Build.ExportsFile.ReadNames(text, format).ToList();
        names.AddRange(TransitionFreeExports.Where(name => !names.Contains(name)));
        string completed = Build.ExportsFile.Write(names, format);
        if (completed != text)
        {
            File.WriteAllText(ExportsFile, completed);
        }
        Log.LogMessage(MessageImportance.Low, $"{ExportsFile}: {TransitionFreeExports.Length} transition-free export(s) added: {string.Join(", ", TransitionFreeExports)}");
        return true;
    }
}
