using Cdylib.Abi.Emitters;

namespace Cdylib.Cli.Packaging;

/// <summary>
/// <c>--format prefix</c>: per RID, <c>NAME-VERSION-RID.tar.gz</c>, an install prefix to unpack into
/// <c>/usr/local</c>, a sysroot or any folder on <c>CMAKE_PREFIX_PATH</c>: <c>include/NAME.h</c>,
/// <c>lib/</c> with the library (a Windows DLL in <c>bin/</c>, its import library in <c>lib/</c>),
/// <c>lib/pkgconfig/NAME.pc</c>, <c>lib/cmake/NAME/NAMEConfig.cmake</c> and <c>NAMEConfigVersion.cmake</c>
/// (both carrying the ABI version), and <c>share/NAME/NAME.abi.json</c>. The build-system files find
/// the rest relative to themselves, so the prefix can be anywhere.
/// </summary>
internal static class PrefixArchive
{
    public static IEnumerable<string> Write(PackageInputs inputs, string output)
    {
        var library = inputs.Library;
        foreach (var build in inputs.Builds)
        {
            string path = Path.Combine(output, $"{library.Name}-{inputs.Version}-{build.Rid}.tar.gz");
            using (var archive = new ArchiveWriter(path))
            {
                archive.AddFile($"include/{library.Name}.h", build.HeaderPath(library));
                bool windows = build.ImportLibraryPath is not null || build.OsOf == "win";
                archive.AddFile((windows ? "bin/" : "lib/") + build.LibraryFile, build.LibraryPath, executable: true);
                if (build.ImportLibraryPath is string importLibrary)
                {
                    archive.AddFile($"lib/{Path.GetFileName(importLibrary)}", importLibrary);
                }
                archive.AddText($"lib/pkgconfig/{library.Name}.pc", BuildSystemFiles.PkgConfig(library, build.LibraryFile, BuildSystemLayout.Prefix));
                archive.AddText($"lib/cmake/{library.Name}/{library.Name}Config.cmake", BuildSystemFiles.CMakeConfig(library, build.LibraryFile, BuildSystemLayout.Prefix));
                archive.AddText($"lib/cmake/{library.Name}/{library.Name}ConfigVersion.cmake", BuildSystemFiles.CMakeConfigVersion(library));
                archive.AddText($"share/{library.Name}/{library.Name}.abi.json", inputs.AbiText);
            }
            yield return path;
        }
    }
}
