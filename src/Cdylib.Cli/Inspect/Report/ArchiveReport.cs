using System.Linq;
using Cdylib.ObjectFile;

using static Cdylib.Cli.Inspect.Report.ReportValue;
using Cdylib.ObjectFile.Archive;

namespace Cdylib.Cli.Inspect.Report;

/// <summary>
/// The archive part of the headers report ("archive" in JSON): the variant, every member with its
/// offsets, kind and machine and, under it, the symbols it defines and needs and the DLL export an
/// import member stands for; then the symbol index.
/// </summary>
internal static class ArchiveReport
{
    public static ReportSection Describe(ArchiveDetails archive)
    {
        var variant = archive.Variant switch
        {
            ArchiveVariant.Bsd => Spelled("BSD", "bsd"),
            ArchiveVariant.Coff => Spelled("Microsoft", "microsoft"),
            _ => Spelled("GNU", "gnu"),
        };

        var members = new ReportTable(
            "members",
            ReportColumn.Left("HeaderOffset", "headerOffset"),
            ReportColumn.Left("DataOffset", "dataOffset"),
            ReportColumn.Right("Size", "size"),
            ReportColumn.Left("Kind", "kind"),
            ReportColumn.Left("Machine", "machine"),
            ReportColumn.Left("Name", "name"));
        foreach (var member in archive.Members)
        {
            var row = members.Add(
                Number((ulong)member.HeaderOffset, "0x{0:x}"),
                Number((ulong)member.DataOffset, "0x{0:x}"),
                Number((ulong)member.Size),
                Str(ModelNames.MemberKind(member.Kind)),
                StrOrNull(member.Machine, ""),
                Str(member.Name));
            row.Details.Add(new ReportFact("defines:", "{0}", [new("defines", Names(member.Exports.Select(e => e.Name).ToList()))]));
            row.Details.Add(new ReportFact("needs:", "{0}", [new("needs", Names(member.Imports.Select(i => i.Name).ToList()))]));
            row.Details.Add(ImportEntry(member.ImportEntry));
        }

        var index = new ReportTable(
            "symbolIndex",
            ReportColumn.Left("MemberOffset", "memberOffset"),
            ReportColumn.Left("Name", "name"));
        foreach (var symbol in archive.SymbolIndex)
        {
            index.Add(symbol.MemberOffset < 0 ? SpelledNumber("(none)", symbol.MemberOffset) : Number((ulong)symbol.MemberOffset, "0x{0:x}"), Str(symbol.Name));
        }

        return new ReportSection(null, "archive")
            .Add(new ReportSection("Archive").Fact("Variant:", "variant", variant))
            .Add(new ReportSection("Members") { Table = members })
            .Add(new ReportSection("Symbol index") { Table = index });
    }

    /// <summary>The DLL export a short import record or a GNU import object stands for ("importEntry"; null for other members).</summary>
    private static ReportFact ImportEntry(ImportLibraryEntry? entry) => entry is null
        ? ReportFact.NullObject("import:", "importEntry")
        : ReportFact.Object(
            "import:",
            "importEntry",
            "{0} from {1}: {2}, name type {3}, import name {4}, ordinal {5}, hint {6}",
            new("symbol", Str(entry.SymbolName)),
            new("dll", Str(entry.DllName)),
            new("type", Str(ModelNames.ImportType(entry.Type))),
            new("nameType", Str(ModelNames.ImportNameType(entry.NameType))),
            new("importName", StrOrNull(entry.ImportName, "(none)")),
            new("ordinal", NumberOrNull(entry.Ordinal, "(none)")),
            new("hint", NumberOrNull(entry.Hint, "(none)")));
}
