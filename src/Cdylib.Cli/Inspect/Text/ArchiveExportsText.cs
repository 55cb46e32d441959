using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.Archive;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The exports of an ar archive. An import library first lists the DLL exports it stands for, grouped
/// by DLL (as <c>dumpbin /exports</c> lists an import library's symbols): ordinal, hint, type, the name
/// looked up in the DLL and the symbols that stand for it. Then, like <c>nm</c> on a static library,
/// every other object member under its name with the symbols it defines.
/// </summary>
internal static class ArchiveExportsText
{
    public static void Write(TextWriter output, BinaryFile file, ArchiveDetails archive, NameStyle names)
    {
        var entries = archive.Members.Where(m => m.ImportEntry is not null).ToList();
        if (entries.Count > 0)
        {
            output.WriteLine("  Import library: the DLL exports its members stand for");
            output.WriteLine();
            foreach (var dll in entries.GroupBy(m => m.ImportEntry!.DllName, System.StringComparer.OrdinalIgnoreCase))
            {
                output.WriteLine($"    {dll.Key}");
                var table = new TextTable(">Ordinal", ">Hint", "Type", "Name", "Symbols");
                foreach (var member in dll)
                {
                    var entry = member.ImportEntry!;
                    table.Add(
                        entry.Ordinal?.ToString(CultureInfo.InvariantCulture) ?? "",
                        entry.Hint?.ToString("X", CultureInfo.InvariantCulture) ?? "",
                        ModelNames.ImportType(entry.Type),
                        entry.ImportName ?? "[NONAME]",
                        string.Join(" ", member.Exports.Select(e => names.Cell(e.Name))));
                }

                table.Write(output, "      ");
                output.WriteLine();
            }
        }

        var objects = archive.Members.Where(m => m.ImportEntry is null && IsObject(m.Kind)).ToList();
        if (objects.Count > 0 || entries.Count == 0)
        {
            output.WriteLine(entries.Count > 0 ? "  Other members: the symbols each defines" : "  Section contains the following exports, by member");
            output.WriteLine();
        }

        foreach (var member in objects)
        {
            output.WriteLine($"    {ArchiveSummaryText.MemberHeading(member)}:");
            if (member.Exports.Count == 0)
            {
                output.WriteLine("      (none)");
            }
            else
            {
                // A visibility column when the member defines a symbol that is not default: ELF hidden,
                // internal and protected ones, Mach-O private externs (N_PEXT).
                bool showVisibility = member.Exports.Any(e => e.Visibility != SymbolVisibility.Default);
                var table = showVisibility
                    ? new TextTable("Address", ">Size", "Binding", "Visibility", "Type", "Name")
                    : new TextTable("Address", ">Size", "Binding", "Type", "Name");
                foreach (var export in member.Exports)
                {
                    string address = Hex.Address(export.Address, file.Summary.Is64Bit);
                    string size = export.Size.ToString(CultureInfo.InvariantCulture);
                    string binding = ModelNames.Binding(export.Binding).ToUpperInvariant() + (export.IsAbsolute ? " ABS" : "");
                    string kind = ModelNames.SymbolKind(export.Kind);
                    if (showVisibility)
                    {
                        table.Add(address, size, binding, ModelNames.Visibility(export.Visibility).ToUpperInvariant(), kind, names.Cell(export.Name));
                    }
                    else
                    {
                        table.Add(address, size, binding, kind, names.Cell(export.Name));
                    }
                }

                table.Write(output, "      ");
            }

            output.WriteLine();
        }

        output.WriteLine("  Summary");
        output.WriteLine();
        if (entries.Count > 0)
        {
            int dlls = file.Dependencies.Count;
            output.WriteLine($"    {entries.Count,8} DLL exports from {dlls} {(dlls == 1 ? "DLL" : "DLLs")}: "
                + $"{entries.Count(m => m.ImportEntry!.Type == ImportType.Code)} code, {entries.Count(m => m.ImportEntry!.Type != ImportType.Code)} data or const, "
                + $"{entries.Count(m => m.ImportEntry!.Ordinal is not null)} by ordinal");
        }

        output.WriteLine($"    {file.Exports.Count,8} symbols defined by {archive.Members.Count(m => m.Exports.Count > 0)} members{ExportsText.Breakdown(file.Exports)}");
    }

    internal static bool IsObject(ArchiveMemberKind kind) =>
        kind is ArchiveMemberKind.CoffObject or ArchiveMemberKind.ElfObject or ArchiveMemberKind.MachOObject or ArchiveMemberKind.ImportRecord;
}
