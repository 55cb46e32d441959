using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Cdylib.Abi.Emitters.Bindings;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Packaging;

/// <summary>
/// <c>--format wheel</c>: per RID, a wheel (PEP 427) holding the package <c>MODULE/</c> — the generated
/// Python module as its <c>__init__.py</c> with the library beside it, which the module loads from its
/// own folder — and <c>DIST-VERSION.dist-info/</c> with METADATA, WHEEL and RECORD (sha256 digests,
/// base64url without padding). The platform tag comes from the library: <c>manylinux_2_X_ARCH</c> with
/// X the minor of the highest GLIBC_2.X the library requires (the check auditwheel makes),
/// <c>macosx_MAJOR_MINOR_ARCH</c> from its minimum macOS version, <c>win_amd64</c>, <c>win_arm64</c>, <c>win32</c>.
/// </summary>
internal static class PythonWheel
{
    public static IEnumerable<string> Write(PackageInputs inputs, string output)
    {
        var library = inputs.Library;
        string module = BindingShapes.PythonModule(library);
        string distribution = module;
        string distInfo = $"{distribution}-{inputs.Version}.dist-info";
        string binding = BindingLanguages.Emit("python", library, LibraryLocation.Beside).Single().Value;
        foreach (var build in inputs.Builds)
        {
            string tag = PlatformTag(build);
            string path = Path.Combine(output, $"{distribution}-{inputs.Version}-py3-none-{tag}.whl");
            var files = new List<(string Entry, byte[] Content, bool Executable)>
            {
                ($"{module}/__init__.py", Encoding.UTF8.GetBytes(binding), false),
                ($"{module}/{build.LibraryFile}", File.ReadAllBytes(build.LibraryPath), true),
                ($"{module}/{library.Name}.abi.json", Encoding.UTF8.GetBytes(inputs.AbiText), false),
                ($"{distInfo}/METADATA", Encoding.UTF8.GetBytes(Metadata(inputs, distribution)), false),
                ($"{distInfo}/WHEEL", Encoding.UTF8.GetBytes($"Wheel-Version: 1.0\nGenerator: cdylib\nRoot-Is-Purelib: false\nTag: py3-none-{tag}\n"), false),
            };
            var record = new StringBuilder();
            foreach (var (entry, content, _) in files)
            {
                record.Append($"{entry},sha256={Base64Url(SHA256.HashData(content))},{content.Length}\n");
            }
            record.Append($"{distInfo}/RECORD,,\n");
            files.Add(($"{distInfo}/RECORD", Encoding.UTF8.GetBytes(record.ToString()), false));

            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                foreach (var (entry, content, executable) in files)
                {
                    var zipEntry = zip.CreateEntry(entry, CompressionLevel.Optimal);
                    zipEntry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                    // Unix mode in the high 16 bits: pip keeps the library executable, as an installed one is.
                    zipEntry.ExternalAttributes = (executable ? 0b111_101_101 : 0b110_100_100) << 16 | (0x8000 << 16);
                    using var stream = zipEntry.Open();
                    stream.Write(content);
                }
            }
            yield return path;
        }
    }

    /// <summary>The wheel's platform tag for a build, from what its library states.</summary>
    public static string PlatformTag(RidBuild build)
    {
        string architecture = build.Architecture switch
        {
            "x64" => build.OsOf == "osx" ? "x86_64" : build.OsOf == "win" ? "amd64" : "x86_64",
            "arm64" => build.OsOf == "linux" ? "aarch64" : "arm64",
            "x86" => build.OsOf == "linux" ? "i686" : "x86",
            var other => other,
        };
        switch (build.OsOf)
        {
            case "win":
                return build.Architecture == "x86" ? "win32" : $"win_{architecture}";
            case "osx":
                var macos = Numbers(build.Floor?.MinimumVersion) ?? throw new PackageException(PackageException.Missing, $"{build.LibraryPath} states no minimum macOS version (LC_BUILD_VERSION): no macosx_ wheel tag");
                // From macOS 11 on, pip asks for MAJOR_0 whatever the minor.
                return $"macosx_{macos[0]}_{(macos[0] >= 11 ? 0 : macos.ElementAtOrDefault(1))}_{architecture}";
            default:
                var glibc = build.Floor?.System == "glibc" ? Numbers(build.Floor.MinimumVersion) : null;
                if (glibc is null || glibc[0] != 2 || glibc.Count < 2)
                {
                    throw new PackageException(PackageException.Missing, $"{build.LibraryPath} requires no GLIBC_2.X version (`cdylib deps` shows its platform floor): no manylinux wheel tag");
                }
                return $"manylinux_2_{glibc[1]}_{architecture}";
        }
    }

    private static IReadOnlyList<int>? Numbers(string? version) =>
        version is null ? null : new VersionedNamespace("", version, "").Numbers;

    private static string Metadata(PackageInputs inputs, string distribution)
    {
        var library = inputs.Library;
        return $"""
            Metadata-Version: 2.1
            Name: {distribution}
            Version: {inputs.Version}
            Summary: Python bindings for the C library {library.Name} (ABI version {library.AbiVersion}, API hash 0x{library.ApiHash:x16}), with the library; generated by Cdylib
            Requires-Python: >=3.8

            """.ReplaceLineEndings("\n");
    }

    private static string Base64Url(byte[] digest) => Convert.ToBase64String(digest).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
