using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Emitters.Bindings;
using Cdylib.Abi.Emitters.Windows;
using Cdylib.Abi.Model;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Cdylib.Build;

/// <summary>
/// Writes the companions of a native library: <c>NAME.h</c>, <c>NAME.abi.json</c>, <c>NAME.d</c>,
/// <c>NAME.pc</c> / <c>NAMEConfig.cmake</c> / <c>NAMEConfigVersion.cmake</c> for pkg-config and CMake,
/// for Windows <c>NAME.def</c> and the import library <c>NAME.dll.lib</c>, and for macOS the exported
/// symbols list <c>NAME.exports</c>, from the ABI model in the compiled assembly. A file whose content did not change is not
/// rewritten, so builds that depend on its timestamp stay quiet.
/// </summary>
public sealed class WriteCdylibArtifacts : Task
{
    /// <summary>The compiled (IL) assembly holding the generator's manifest.</summary>
    [Required]
    public string Assembly { get; set; } = "";

    /// <summary>Where the native library is and where the companions go.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>The native library's path, the first target of the dep-info file.</summary>
    [Required]
    public string LibraryFile { get; set; } = "";

    /// <summary>
    /// ELF: the library's SONAME. When it is not <see cref="LibraryFile"/>'s name (<c>CdylibVersionedSoname</c>:
    /// <c>libNAME.so.MAJOR</c>), the library is that file beside LibraryFile, which is a link to it: the CMake
    /// files name the real file and its SONAME, the dep-info file the real file. Empty elsewhere.
    /// </summary>
    public string? Soname { get; set; }

    /// <summary>
    /// The runtime identifier the library is (or will be, on its own operating system) built for, e.g.
    /// linux-x64, win-x86, osx-arm64: it decides the platform's own companions. Empty: this machine's.
    /// </summary>
    public string? TargetRuntime { get; set; }

    /// <summary>What the library is built from, for the dep-info file: the C# sources and the project file.</summary>
    public ITaskItem[] Sources { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Sources under this folder (generated ones in obj/) are left out of the dep-info file.</summary>
    public string? IntermediateDirectory { get; set; }

    /// <summary>
    /// MSBuild's <c>CdylibBindings</c>: languages (python, csharp, rust, java, c: the BindingLanguages registry) whose bindings go into
    /// OutputDirectory/bindings/, recording where LibraryFile is from there so they find it.
    /// </summary>
    public string? Bindings { get; set; }

    /// <summary>Every file written or confirmed up to date.</summary>
    [Output]
    public ITaskItem[] Artifacts { get; private set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        string? json;
        try
        {
            json = ManifestReader.Read(Assembly);
        }
        catch (Exception error) when (error is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            Log.LogError(null, "CDY1001", null, Assembly, 0, 0, 0, 0, "Cannot read the compiled assembly {0}: {1}", Assembly, error.Message);
            return false;
        }
        if (json is null)
        {
            Log.LogError(null, "CDY1001", null, Assembly, 0, 0, 0, 0,
                "{0} has no Cdylib manifest: the Cdylib source generator did not run. Reference the Cdylib package (not just Cdylib.dll).", Assembly);
            return false;
        }

        AbiLibrary library;
        try
        {
            library = AbiJson.Read(json);
        }
        catch (FormatException error)
        {
            Log.LogError(null, "CDY1002", null, Assembly, 0, 0, 0, 0,
                "The Cdylib manifest in {0} is unreadable ({1}): the generator and the build task come from different Cdylib versions.", Assembly, error.Message);
            return false;
        }

        Directory.CreateDirectory(OutputDirectory);
        string header = Path.Combine(OutputDirectory, library.Name + ".h");
        string abiFile = Path.Combine(OutputDirectory, library.Name + ".abi.json");
        string depInfo = Path.Combine(OutputDirectory, library.Name + ".d");

        var written = new List<string>();
        string libraryFile = Path.GetFileName(LibraryFile);
        // The file that is the library: libNAME.so.MAJOR with a versioned SONAME, else libNAME.so itself.
        string versionedFile = string.IsNullOrEmpty(Soname) ? libraryFile : Soname!;
        string realLibrary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(LibraryFile))!, versionedFile);
        Write(header, CHeader.Emit(library), written);
        Write(abiFile, AbiJson.Write(library), written);
        Write(Path.Combine(OutputDirectory, library.Name + ".pc"), BuildSystemFiles.PkgConfig(library, libraryFile), written);
        Write(Path.Combine(OutputDirectory, library.Name + "Config.cmake"), BuildSystemFiles.CMakeConfig(library, versionedFile), written);
        Write(Path.Combine(OutputDirectory, library.Name + "ConfigVersion.cmake"), BuildSystemFiles.CMakeConfigVersion(library), written);
        foreach (string language in (Bindings ?? "").Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()))
        {
            if (!BindingLanguages.IsKnown(language))
            {
                Log.LogError(null, "CDY1004", null, null, 0, 0, 0, 0,
                    "CdylibBindings names '{0}', which is not one of {1}.", language, string.Join(", ", BindingLanguages.Names));
                return false;
            }
            string bindings = Path.Combine(OutputDirectory, "bindings");
            LibraryLocation location = LibraryLocation.Between(bindings, Path.GetDirectoryName(Path.GetFullPath(LibraryFile))!);
            IReadOnlyDictionary<string, string> files;
            try
            {
                files = BindingLanguages.Emit(language, library, location);
            }
            catch (BindingRefusedException refused)
            {
                Log.LogError(null, "CDY1012", null, null, 0, 0, 0, 0, "CdylibBindings: {0}.", refused.Message);
                return false;
            }
            foreach (KeyValuePair<string, string> file in files)
            {
                string path = Path.Combine(bindings, file.Key);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                Write(path, file.Value, written);
            }
        }
        if (WindowsMachines.FromRuntimeIdentifier(TargetRuntime ?? "") is WindowsMachine machine)
        {
            // What MSVC and lld-link link against, so nobody runs dumpbin and lib by hand (dotnet/runtime#94480).
            Write(Path.Combine(OutputDirectory, library.Name + ".def"), ModuleDefinition.Emit(library, machine), written);
            WriteBytes(Path.Combine(OutputDirectory, ImportLibrary.FileName(library)), ImportLibrary.Write(library, machine), written);
        }

        if ((TargetRuntime ?? "").StartsWith("osx", StringComparison.Ordinal))
        {
            Write(Path.Combine(OutputDirectory, library.Name + ".exports"), ExportedSymbolsList.Emit(library), written);
        }

        Write(depInfo, DepInfo.Emit(new[] { realLibrary, header, abiFile }, Inputs()), written);
        Artifacts = written.Select(path => (ITaskItem)new TaskItem(path)).ToArray();
        return true;
    }

    private IEnumerable<string> Inputs()
    {
        string? excluded = string.IsNullOrEmpty(IntermediateDirectory) ? null : Path.GetFullPath(IntermediateDirectory);
        return Sources
            .Select(item => Path.GetFullPath(item.ItemSpec))
            .Where(path => excluded is null || !path.StartsWith(excluded, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(path => path, StringComparer.Ordinal);
    }

    private void WriteBytes(string path, byte[] content, List<string> written)
    {
        path = Path.GetFullPath(path);
        if (!File.Exists(path) || !File.ReadAllBytes(path).SequenceEqual(content))
        {
            File.WriteAllBytes(path, content);
            Log.LogMessage(MessageImportance.Normal, "Cdylib: wrote {0}", path);
        }
        written.Add(path);
    }

    private void Write(string path, string content, List<string> written)
    {
        path = Path.GetFullPath(path);
        if (!File.Exists(path) || File.ReadAllText(path) != content)
        {
            File.WriteAllText(path, content);
            Log.LogMessage(MessageImportance.Normal, "Cdylib: wrote {0}", path);
        }
        written.Add(path);
    }
}
