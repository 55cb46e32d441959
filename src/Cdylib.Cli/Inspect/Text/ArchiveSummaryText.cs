using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.Archive;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The head of the text report for an ar archive, in the shape of <see cref="SummaryText"/>: which file,
/// "File Type: LIBRARY" (dumpbin's word; "IMPORT LIBRARY" when the members stand for DLL exports), then
/// the archive's facts: variant, machine, members by kind, the symbol index and the DLLs named.
/// </summary>
internal static class ArchiveSummaryText
{
    public static void Write(TextWriter output, string path, BinaryFile file, ArchiveDetails archive, bool listDependencies = true)
    {
        var summary = file.Summary;
        output.WriteLine($"Dump of file {path}");
        output.WriteLine();
        output.WriteLine($"File Type: {ModelNames.FileType(summary)}");
        output.WriteLine();

        var facts = new TextTable("", "") { ShowHeadings = false };
        facts.Add("Format:", $"ar archive ({Variant(archive.Variant)}), {ModelNames.Endianness(summary.Endianness)}-endian members");
        facts.Add("Machine:", summary.Machine);
        facts.Add("Members:", $"{archive.Members.Count}{Counts(archive.Members)}");
        facts.Add("Symbol index:", archive.Members.Any(m => m.Kind == ArchiveMemberKind.SymbolIndex) ? $"{archive.SymbolIndex.Count} symbols" : "none");
        for (int i = 0; listDependencies && i < file.Dependencies.Count; i++)
        {
            facts.Add(i == 0 ? "Needed:" : "", file.Dependencies[i].Name);
        }

        facts.Write(output, "  ");
        output.WriteLine();
    }

    /// <summary>"a.o (ELF object at 0x44)": how the member blocks of the exports and imports reports are headed.</summary>
    public static string MemberHeading(ArchiveMember member) =>
        $"{member.Name} ({Word(member.Kind, 1)} at 0x{member.HeaderOffset:X})";

    private static string Variant(ArchiveVariant variant) => variant switch
    {
        ArchiveVariant.Bsd => "BSD",
        ArchiveVariant.Coff => "Microsoft",
        _ => "GNU",
    };

    private static string Counts(IReadOnlyList<ArchiveMember> members)
    {
        var parts = members.GroupBy(m => m.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Word(g.Key, g.Count())}").ToList();
        return parts.Count == 0 ? "" : ": " + string.Join(", ", parts);
    }

    private static string Word(ArchiveMemberKind kind, int count) => (kind, count == 1) switch
    {
        (ArchiveMemberKind.SymbolIndex, true) => "symbol index",
        (ArchiveMemberKind.SymbolIndex, false) => "symbol indexes",
        (ArchiveMemberKind.LongNames, _) => "long-name table" + (count == 1 ? "" : "s"),
        (ArchiveMemberKind.ImportRecord, _) => "short import record" + (count == 1 ? "" : "s"),
        (ArchiveMemberKind.CoffObject, _) => "COFF object" + (count == 1 ? "" : "s"),
        (ArchiveMemberKind.ElfObject, _) => "ELF object" + (count == 1 ? "" : "s"),
        (ArchiveMemberKind.MachOObject, _) => "Mach-O object" + (count == 1 ? "" : "s"),
        _ => "other",
    };
}
