using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Cdylib.Tests.Shared;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>
/// The symbols of one archive member (or of a lone object) as <c>llvm-nm</c> prints them: nm's type
/// letter and the name. Upper-case letters are external; "w" and "v" (weak undefined) too.
/// </summary>
public sealed record NmMember(string Member, IReadOnlyList<(char Letter, string Name)> Symbols)
{
    /// <summary>Undefined ("U") and weak undefined ("w", "v"): what the member needs.</summary>
    public static bool IsUndefined(char letter) => letter is 'U' or 'w' or 'v';

    /// <summary>External and defined: an upper-case letter other than "U".</summary>
    public static bool IsDefined(char letter) => char.IsAsciiLetterUpper(letter) && letter != 'U';

    public IEnumerable<string> Defined => Symbols.Where(s => IsDefined(s.Letter)).Select(s => s.Name);

    public IEnumerable<string> Undefined => Symbols.Where(s => IsUndefined(s.Letter)).Select(s => s.Name);
}

/// <summary>A short import record as <c>llvm-readobj --coff-imports</c> prints it.</summary>
public sealed record LlvmImportFile(string Dll, string Type, string NameType, IReadOnlyList<string> Symbols);

/// <summary>
/// What LLVM's tools say about an archive, parsed from their text output: <c>llvm-nm</c> member by
/// member, <c>llvm-nm --print-armap</c>'s symbol index, <c>llvm-readobj --coff-imports</c>'s short
/// import records. The archive reader is checked against these, never against numbers typed in a test.
/// </summary>
public static partial class LlvmArchive
{
    private static string LlvmNm => Toolchain.Find("llvm-nm");

    /// <summary>Each object member in archive order (one unnamed entry for a lone object file).</summary>
    public static IReadOnlyList<NmMember> Members(string path)
    {
        var members = new List<NmMember>();
        string? member = null;
        List<(char, string)>? symbols = null;
        string previous = "";
        // Not -g: llvm-nm 14 leaves the __imp_ symbol of short import records out of its external-only list.
        foreach (var line in Tool.Run(LlvmNm, "--no-sort", path).Split('\n'))
        {
            if (previous.Length == 0 && line.EndsWith(':') && !SymbolLine().IsMatch(line))
            {
                Flush();
                member = line[..^1];

                // Darwin-format archives are printed "archive(member):".
                if (member.StartsWith(path + "(", StringComparison.Ordinal) && member.EndsWith(')'))
                {
                    member = member[(path.Length + 1)..^1];
                }
                symbols = [];
            }
            else if (SymbolLine().Match(line) is { Success: true } match)
            {
                symbols ??= [];
                member ??= "";
                symbols.Add((match.Groups["letter"].Value[0], match.Groups["name"].Value));
            }

            previous = line;
        }

        Flush();
        return members;

        void Flush()
        {
            if (member is not null)
            {
                members.Add(new NmMember(member, symbols ?? []));
            }
        }
    }

    /// <summary>
    /// The private externs (N_PEXT) each Mach-O member defines, as "member name", from <c>llvm-nm -m</c>
    /// ("private external", also "weak private external"; "non-external" ones are local).
    /// </summary>
    public static IReadOnlyList<string> MachOPrivateExterns(string path)
    {
        var found = new List<string>();
        string member = "";
        foreach (var line in Tool.Run(LlvmNm, "-m", "--defined-only", "--no-sort", path).Split('\n'))
        {
            if (line.StartsWith(path + "(", StringComparison.Ordinal) && line.EndsWith("):", StringComparison.Ordinal))
            {
                member = line[(path.Length + 1)..^2];
            }
            else if (PrivateExternLine().Match(line) is { Success: true } match)
            {
                found.Add($"{member} {match.Groups["name"].Value}");
            }
        }

        return found;
    }

    /// <summary>The archive's symbol index: each symbol with the name of the member it points to.</summary>
    public static IReadOnlyList<(string Name, string Member)> Armap(string path)
    {
        var symbols = new List<(string, string)>();
        bool inMap = false;
        foreach (var line in Tool.Run(LlvmNm, "--print-armap", path).Split('\n'))
        {
            if (line.StartsWith("Archive map", StringComparison.Ordinal))
            {
                inMap = true;
            }
            else if (inMap && line.Length == 0)
            {
                break;
            }
            else if (inMap)
            {
                int at = line.LastIndexOf(" in ", StringComparison.Ordinal);
                symbols.Add((line[..at], line[(at + 4)..]));
            }
        }

        return symbols;
    }

    public static IReadOnlyList<LlvmImportFile> ImportFiles(string path)
    {
        var files = new List<LlvmImportFile>();
        string? dll = null;
        Dictionary<string, string>? fields = null;
        List<string>? symbols = null;
        foreach (var line in Tool.Run(Toolchain.Find("llvm-readobj"), "--coff-imports", path).Split('\n'))
        {
            if (line.StartsWith("File: ", StringComparison.Ordinal))
            {
                Flush();
                dll = line["File: ".Length..];
                fields = [];
                symbols = [];
            }
            else if (line.StartsWith("Symbol: ", StringComparison.Ordinal))
            {
                symbols?.Add(line["Symbol: ".Length..]);
            }
            else if (fields is not null && line.IndexOf(": ", StringComparison.Ordinal) is int colon and > 0)
            {
                fields[line[..colon]] = line[(colon + 2)..];
            }
        }

        Flush();
        return files;

        void Flush()
        {
            if (fields is not null && fields.GetValueOrDefault("Format") == "COFF-import-file")
            {
                files.Add(new LlvmImportFile(dll!, fields["Type"], fields["Name type"], symbols!));
            }
        }
    }

    [GeneratedRegex(@"^(?:[0-9a-f]+| +) (?<letter>\S) (?<name>.+)$")]
    private static partial Regex SymbolLine();

    [GeneratedRegex(@"^[0-9a-f]+ \([^)]*\) (?:weak )?private external (?<name>\S+)$")]
    private static partial Regex PrivateExternLine();
}
