using Cdylib.Abi.Model;
using Cdylib.Cli.Checks;
using Cdylib.Cli.Projects;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Packaging;

/// <summary>
/// One RID's build, as every package format takes it: the library, its header and ABI file, the
/// import library on Windows, and the platform floor the library states (<see cref="PlatformFloor"/>).
/// </summary>
/// <param name="Rid">The runtime identifier, read from the library itself (format and machine).</param>
/// <param name="Folder">The folder the files were taken from.</param>
/// <param name="LibraryPath">libNAME.so, NAME.dll or libNAME.dylib.</param>
/// <param name="AbiPath">NAME.abi.json beside it.</param>
/// <param name="Floor">What the library states about the oldest system it loads on.</param>
internal sealed record RidBuild(string Rid, string Folder, string LibraryPath, string AbiPath, PlatformFloor? Floor)
{
    public string LibraryFile => Path.GetFileName(LibraryPath);

    /// <summary>NAME.h; the build writes it beside the library.</summary>
    public string HeaderPath(AbiLibrary library) => Path.Combine(Folder, library.Name + ".h");

    /// <summary>NAME.dll.lib for a Windows DLL (what C and C++ link against); null elsewhere or when missing.</summary>
    public string? ImportLibraryPath => LibraryFile.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(LibraryPath + ".lib") ? LibraryPath + ".lib" : null;

    public string OsOf => RuntimeIds.OsOf(Rid);

    /// <summary>"x64", "arm64", "x86" (the part after the last '-').</summary>
    public string Architecture => Rid[(Rid.LastIndexOf('-') + 1)..];
}

/// <summary>
/// What <c>cdylib package</c> packages: the builds of one library for one or more RIDs, gathered from a
/// project's <c>target/</c> (<c>target/PROFILE/</c> for this machine, <c>target/RID/PROFILE/</c> for the
/// others) and from <c>--from DIR</c> (one folder per RID, each a copy of a <c>target/RID/</c> folder —
/// its <c>release/</c> or <c>debug/</c> inside — or of the profile folder itself). Each build's RID is
/// read from its library, so a folder name that says otherwise is an error. Every build must carry the
/// same ABI file: a package of libraries with different interfaces is refused.
/// </summary>
internal sealed class PackageInputs
{
    private const string AbiSuffix = ".abi.json";

    private PackageInputs(AbiLibrary library, string abiText, IReadOnlyList<RidBuild> builds)
    {
        Library = library;
        AbiText = abiText;
        Builds = builds;
    }

    /// <summary>The interface every build shares.</summary>
    public AbiLibrary Library { get; }

    /// <summary>The ABI file's text (the same in every build), which packages ship.</summary>
    public string AbiText { get; }

    /// <summary>One build per RID, ordered by RID.</summary>
    public IReadOnlyList<RidBuild> Builds { get; }

    /// <summary>The version every package carries: the ABI version as MAJOR.0.0 (what NAME.pc and the CMake version file say).</summary>
    public string Version => Abi.Emitters.BuildSystemFiles.Version(Library);

    /// <summary>
    /// Gathers the builds. <paramref name="project"/> is a project folder (null: none), <paramref name="from"/>
    /// a folder of RID folders (null: none); <paramref name="release"/> takes release builds only, else the
    /// newer of debug and release for each RID.
    /// </summary>
    /// <exception cref="PackageException">Nothing to package, an unreadable file, two builds for one RID, or ABI files that differ.</exception>
    public static PackageInputs Gather(string? project, string? from, bool release)
    {
        var folders = new List<(string Folder, string? NamedRid)>();
        if (project is not null)
        {
            folders.AddRange(ProjectFolders(project, release));
        }
        if (from is not null)
        {
            folders.AddRange(FromFolders(from, release));
        }
        if (folders.Count == 0)
        {
            throw new PackageException(PackageException.Missing, project is not null
                ? $"{project} has no built library (none in target/): run `cdylib build {project}`{(release ? " --release" : "")}"
                : $"{from} holds no RID folder with a built library");
        }

        var builds = new List<RidBuild>();
        string? abiText = null;
        RidBuild? first = null;
        AbiLibrary? library = null;
        foreach (var (folder, namedRid) in folders)
        {
            var build = Read(folder, namedRid);
            string text = File.ReadAllText(build.AbiPath);
            if (builds.FirstOrDefault(b => b.Rid == build.Rid) is RidBuild twin)
            {
                throw new PackageException(PackageException.Missing, $"two builds for {build.Rid}: {twin.Folder} and {build.Folder}; give one");
            }
            if (first is null)
            {
                (first, abiText, library) = (build, text, ReadAbi(build.AbiPath));
            }
            else if (!string.Equals(Normalized(text), Normalized(abiText!), StringComparison.Ordinal))
            {
                throw new PackageException(PackageException.AbiMismatch, Mismatch(first, library!, build, ReadAbi(build.AbiPath)));
            }
            builds.Add(build);
        }

        return new PackageInputs(library!, abiText!, builds.OrderBy(b => b.Rid, StringComparer.Ordinal).ToList());
    }

    /// <summary>target/PROFILE/ (this machine) and target/RID/PROFILE/ (the others) that hold a library.</summary>
    private static IEnumerable<(string, string?)> ProjectFolders(string project, bool release)
    {
        if (ProjectFolder.Find(project, out string? why) is null)
        {
            throw new PackageException(PackageException.Missing, why!);
        }
        string target = Path.Combine(ProjectFolder.RootAsGiven(project), "target");
        if (Newest(target, release) is string host)
        {
            yield return (host, null);
        }
        if (!Directory.Exists(target))
        {
            yield break;
        }
        foreach (string rid in Directory.EnumerateDirectories(target).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(rid);
            // debug/ and release/ are this machine's; universal-apple-darwin/ is a fat library of two RIDs already there.
            if (name is not ("debug" or "release" or "universal-apple-darwin" or "packages") && Newest(rid, release) is string folder)
            {
                yield return (folder, name);
            }
        }
    }

    /// <summary>--from DIR: each RID folder, its release/ or debug/ inside, or the folder itself when it holds the files.</summary>
    private static IEnumerable<(string, string?)> FromFolders(string from, bool release)
    {
        if (!Directory.Exists(from))
        {
            throw new PackageException(PackageException.Missing, $"{from}: no such folder (--from takes a folder with one folder per RID)");
        }
        foreach (string rid in Directory.EnumerateDirectories(from).Order(StringComparer.Ordinal))
        {
            string? folder = HasLibrary(rid) ? rid : Newest(rid, release);
            if (folder is null)
            {
                throw new PackageException(PackageException.Missing, $"{rid} holds no built library (a NAME.abi.json with its library, in the folder or its release/ or debug/)");
            }
            yield return (folder, Path.GetFileName(rid));
        }
    }

    /// <summary>The newer of PARENT/debug and PARENT/release that holds a library (release only, with <paramref name="release"/>).</summary>
    private static string? Newest(string parent, bool release) =>
        (release ? ["release"] : new[] { "debug", "release" })
            .Select(profile => Path.Combine(parent, profile))
            .Where(HasLibrary)
            .OrderByDescending(folder => File.GetLastWriteTimeUtc(AbiFiles(folder).First()))
            .FirstOrDefault();

    private static bool HasLibrary(string folder) => Directory.Exists(folder) && AbiFiles(folder).Any(abi => LibraryBeside(abi) is not null);

    private static IEnumerable<string> AbiFiles(string folder) => Directory.EnumerateFiles(folder, "*" + AbiSuffix).Order(StringComparer.Ordinal);

    /// <summary>The library NAME.abi.json describes, beside it: libNAME.so, NAME.dll or libNAME.dylib.</summary>
    private static string? LibraryBeside(string abi)
    {
        string name = Path.GetFileName(abi)[..^AbiSuffix.Length];
        string folder = Path.GetDirectoryName(abi)!;
        return new[] { $"lib{name}.so", $"{name}.dll", $"lib{name}.dylib" }.Select(file => Path.Combine(folder, file)).FirstOrDefault(File.Exists);
    }

    private static RidBuild Read(string folder, string? namedRid)
    {
        var abis = AbiFiles(folder).Where(abi => LibraryBeside(abi) is not null).ToList();
        if (abis.Count > 1)
        {
            throw new PackageException(PackageException.Missing, $"{folder} holds several libraries ({string.Join(", ", abis.Select(Path.GetFileName))}); a package holds one");
        }
        string abiPath = abis[0];
        string libraryPath = LibraryBeside(abiPath)!;
        BinarySummary summary;
        try
        {
            summary = BinaryFile.Open(libraryPath).Summary;
        }
        catch (ObjectFileException e)
        {
            throw new PackageException(PackageException.Missing, $"{libraryPath}: {e.Message}");
        }
        string rid = RidOf(summary) ?? throw new PackageException(PackageException.Missing, $"{libraryPath}: a {summary.Machine} {summary.Format} library has no RID that packages know");
        if (namedRid is not null && !string.Equals(namedRid, rid, StringComparison.Ordinal))
        {
            throw new PackageException(PackageException.Missing, $"{folder}: the folder says {namedRid}, but {Path.GetFileName(libraryPath)} is a {rid} library");
        }
        return new RidBuild(rid, folder, libraryPath, abiPath, PlatformFloor.Of(summary));
    }

    /// <summary>The RID a library is for, from its format and machine: linux-x64, win-arm64, osx-arm64, ….</summary>
    private static string? RidOf(BinarySummary summary)
    {
        string? os = summary.Format switch
        {
            BinaryFormat.Elf => "linux",
            BinaryFormat.Pe => "win",
            BinaryFormat.MachO => "osx",
            _ => null,
        };
        string? architecture = summary.Machine switch
        {
            "x86-64" => "x64",
            "aarch64" => "arm64",
            "x86" => "x86",
            "arm" => "arm",
            _ => null,
        };
        return os is null || architecture is null ? null : $"{os}-{architecture}";
    }

    private static AbiLibrary ReadAbi(string path)
    {
        try
        {
            return DeclaredInterface.ReadAbi(path);
        }
        catch (CheckException problem)
        {
            throw new PackageException(PackageException.Missing, problem.Message);
        }
    }

    /// <summary>The two builds and what differs first: the name, the ABI version, the API hash, or else the declarations' details.</summary>
    private static string Mismatch(RidBuild first, AbiLibrary firstLibrary, RidBuild other, AbiLibrary otherLibrary)
    {
        string what = firstLibrary.Name != otherLibrary.Name ? $"library {firstLibrary.Name} vs {otherLibrary.Name}"
            : firstLibrary.AbiVersion != otherLibrary.AbiVersion ? $"ABI version {firstLibrary.AbiVersion} vs {otherLibrary.AbiVersion}"
            : firstLibrary.ApiHash != otherLibrary.ApiHash ? $"API hash 0x{firstLibrary.ApiHash:x16} vs 0x{otherLibrary.ApiHash:x16}"
            : "the same API hash but other declarations";
        return $"the libraries' ABI files differ ({first.Rid}: {first.AbiPath}; {other.Rid}: {other.AbiPath}): {what}. "
            + "A package holds one interface: build every RID from the same source";
    }

    /// <summary>Line endings aside (a build on Windows writes CRLF), the files must be the same.</summary>
    private static string Normalized(string text) => text.ReplaceLineEndings("\n").TrimEnd();
}
