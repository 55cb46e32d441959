using System.IO;
using System.Linq;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.Archive;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The imports of an ar archive, like <c>nm -u</c> on a static library: every object member under its
/// name with the symbols it needs from elsewhere (another member, another library or the program).
/// </summary>
internal static class ArchiveImportsText
{
    public static void Write(TextWriter output, BinaryFile file, ArchiveDetails archive, NameStyle names)
    {
        output.WriteLine("  Section contains the following imports, by member");
        output.WriteLine();
        var objects = archive.Members.Where(m => ArchiveExportsText.IsObject(m.Kind) && m.Kind != ArchiveMemberKind.ImportRecord).ToList();
        if (objects.Count == 0)
        {
            output.WriteLine("    (none)");
            output.WriteLine();
        }

        foreach (var member in objects)
        {
            output.WriteLine($"    {ArchiveSummaryText.MemberHeading(member)}:");
            if (member.Imports.Count == 0)
            {
                output.WriteLine("      (none)");
            }
            else
            {
                var table = new TextTable("Binding", "Type", "Name");
                foreach (var import in member.Imports)
                {
                    table.Add(ModelNames.Binding(import.Binding).ToUpperInvariant(), ModelNames.SymbolKind(import.Kind), names.Cell(import.Name));
                }

                table.Write(output, "      ");
            }

            output.WriteLine();
        }

        // Symbols one member needs and another defines are resolved inside the archive when both are linked.
        var defined = file.Exports.Select(e => e.Name).ToHashSet(System.StringComparer.Ordinal);
        int inside = file.Imports.Count(i => defined.Contains(i.Name));
        output.WriteLine("  Summary");
        output.WriteLine();
        output.WriteLine($"    {file.Imports.Count,8} imports in {archive.Members.Count(m => m.Imports.Count > 0)} members{ExportsText.CountByKind(file.Imports.Select(i => i.Kind))}");
        output.WriteLine($"    {inside,8} defined by another member, {file.Imports.Count - inside} from outside the archive");
        if (file.Dependencies.Count > 0)
        {
            output.WriteLine($"    {file.Dependencies.Count,8} {(file.Dependencies.Count == 1 ? "DLL" : "DLLs")} named by the import library: {string.Join(", ", file.Dependencies.Select(d => d.Name))}");
        }
    }
}
