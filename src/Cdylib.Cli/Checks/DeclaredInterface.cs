using System.Text.RegularExpressions;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Model;

namespace Cdylib.Cli.Checks;

/// <summary>Reads what a library declares (its ABI file or header) and what it exports.</summary>
internal static partial class DeclaredInterface
{
    /// <summary>Symbols Native AOT itself exports from every library, documented in docs/abi.md ("The export table").</summary>
    public static readonly IReadOnlySet<string> RuntimeSymbols = new HashSet<string>(StringComparer.Ordinal) { "DotNetRuntimeDebugHeader" };

    /// <summary>NAME.abi.json beside libNAME.so (or libNAME.so.MAJOR, a versioned SONAME's file) / NAME.dll / libNAME.dylib.</summary>
    public static string AbiFileBeside(string library)
    {
        string name = Path.GetFileNameWithoutExtension(VersionedElf().Replace(Path.GetFileName(library), ".so"));
        if (name.StartsWith("lib", StringComparison.Ordinal) && !library.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            name = name[3..];
        }
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(library))!, name + ".abi.json");
    }

    /// <summary>
    /// <see cref="AbiFileBeside"/> when that file is there; otherwise a <see cref="CheckException"/> that names the
    /// library and says what to give instead (<paramref name="remedy"/>).
    /// </summary>
    public static string ExistingAbiFileBeside(string library, string remedy)
    {
        string abi = AbiFileBeside(library);
        return File.Exists(abi) ? abi : throw new CheckException($"{library} has no ABI file beside it ({Path.GetFileName(abi)}); {remedy}");
    }

    public static AbiLibrary ReadAbi(string path)
    {
        try
        {
            return AbiJson.Read(File.ReadAllText(path));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new CheckException($"{path}: {Reason(error)}");
        }
    }

    /// <summary>The functions a generated header declares: every <c>PREFIX_API … name(</c> line.</summary>
    public static IReadOnlyList<string> ReadHeader(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CheckException($"{path}: {Reason(error)}");
        }
        return Regex.Matches(text, @"^\w+_API\s.*?\b(\w+)\(", RegexOptions.Multiline).Select(match => match.Groups[1].Value).ToList();
    }

    /// <summary>.NET's own message for a missing file repeats the full path; the caller names the file as the user gave it.</summary>
    private static string Reason(Exception error) =>
        error is FileNotFoundException or DirectoryNotFoundException ? "no such file" : error.Message;

    // libNAME.so.3, libNAME.so.3.1: the versioned file name of an ELF library.
    [GeneratedRegex(@"\.so(\.[0-9]+)+$")]
    private static partial Regex VersionedElf();
}

/// <summary>A file the check needs cannot be read; the message says which and why.</summary>
internal sealed class CheckException(string message) : Exception(message);
