using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.Archive;

namespace Cdylib.Abi.Tests.Windows;

/// <summary>A short import record as <c>llvm-readobj --coff-imports</c> prints it.</summary>
internal sealed record LlvmImportRecord(string Dll, string Type, string NameType, string? ExportName, IReadOnlyList<string> Symbols);

/// <summary>
/// What an import library means, from three readers, as text that does not depend on where members
/// lie in the file: the repository's reader (<see cref="BinaryFile"/>), <c>llvm-readobj --coff-imports</c>
/// and <c>llvm-nm</c>. Two libraries are equivalent when every view of them is equal.
/// </summary>
internal static class ImportLibraryViews
{
    /// <summary>Each member (not the linker members and long names) and the symbol index, as our reader reports them.</summary>
    public static IReadOnlyList<string> OurReader(string path)
    {
        BinaryFile file = BinaryFile.Open(path);
        Assert.Empty(file.Warnings);
        Assert.Equal(BinaryKind.ImportLibrary, file.Summary.Kind);
        ArchiveDetails archive = file.Summary.Archive!;
        // Not the variant: llvm-dlltool before LLVM 15 writes no second linker member, which makes the
        // same members and symbols a GNU-variant archive to the reader.
        var members = archive.Members.Where(m => m.Kind is not (ArchiveMemberKind.SymbolIndex or ArchiveMemberKind.LongNames)).ToList();
        var number = members.Select((member, index) => (member.HeaderOffset, index)).ToDictionary(m => m.HeaderOffset, m => m.index);

        var lines = members.Select(m =>
            $"member {m.Name} {m.Kind} {m.Machine} defines [{string.Join(" ", m.Exports.Select(e => $"{e.Name}:{e.Kind}:{e.Library}:{e.Ordinal}:{e.Hint}"))}] "
            + $"needs [{string.Join(" ", m.Imports.Select(i => i.Name))}] entry {m.ImportEntry}").ToList();
        lines.AddRange(archive.SymbolIndex
            .Select(symbol => $"index {symbol.Name} -> member {(number.TryGetValue(symbol.MemberOffset, out int n) ? n : -1)}")
            .OrderBy(line => line, System.StringComparer.Ordinal));
        lines.AddRange(file.Exports.Select(e => $"export {e.Name} {e.Kind} {e.Library}"));
        return lines;
    }

    /// <summary><c>llvm-readobj --coff-imports</c>'s whole output, the archive's path taken out.</summary>
    public static string Readobj(string readobj, string path) =>
        WindowsTools.Run(readobj, "--coff-imports", path).Replace(path, "LIB");

    /// <summary><c>llvm-nm</c>'s listing of every member, in archive order.</summary>
    public static string Nm(string nm, string path) =>
        WindowsTools.Run(nm, "--no-sort", path).Replace(path, "LIB");

    /// <summary>The short import records of <c>llvm-readobj --coff-imports</c> output, in order.</summary>
    public static IReadOnlyList<LlvmImportRecord> ImportRecords(string readobjOutput)
    {
        var records = new List<LlvmImportRecord>();
        foreach (string block in readobjOutput.Replace("\r", "").Split("\n\n"))
        {
            var fields = block.Split('\n').Select(line => line.Split(": ", 2)).Where(parts => parts.Length == 2)
                .Select(parts => (Key: parts[0].Trim(), Value: parts[1].Trim())).ToList();
            string? Field(string key) => fields.Where(f => f.Key == key).Select(f => f.Value).FirstOrDefault();
            if (Field("Format")?.StartsWith("COFF-import-file", System.StringComparison.Ordinal) != true)
            {
                continue;
            }
            records.Add(new LlvmImportRecord(Field("File")!, Field("Type")!, Field("Name type")!, Field("Export name"),
                fields.Where(f => f.Key == "Symbol").Select(f => f.Value).ToList()));
        }
        return records;
    }

    public static string Write(string directory, string name, byte[] bytes)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
