using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.Pe;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The imports of a PE image laid out as <c>dumpbin /imports</c> does: one block per import descriptor
/// with its table addresses (virtual addresses: image base + RVA), time date stamp and forwarder index,
/// then "hint name" rows ("Ordinal N" for imports by ordinal); the delay-load descriptors in their own
/// section, and the bound import directory if there is one.
/// </summary>
internal static class PeImportsText
{
    public static void Write(TextWriter output, BinaryFile file, PeDetails pe, NameStyle names)
    {
        var ordinary = pe.ImportDescriptors.Where(d => !d.IsDelayLoad).ToList();
        var delayed = pe.ImportDescriptors.Where(d => d.IsDelayLoad).ToList();

        output.WriteLine("  Section contains the following imports:");
        output.WriteLine();
        if (ordinary.Count == 0)
        {
            output.WriteLine("    (none)");
            output.WriteLine();
        }

        foreach (var descriptor in ordinary)
        {
            output.WriteLine($"    {descriptor.DllName}");
            Field(output, Address(pe, descriptor.ImportAddressTableRva), "Import Address Table");
            Field(output, Address(pe, descriptor.ImportNameTableRva), "Import Name Table");
            Field(output, Hex(descriptor.TimeDateStamp), "time date stamp");
            Field(output, Hex(descriptor.ForwarderChain), "Index of first forwarder reference");
            WriteSymbols(output, file, descriptor, names);
        }

        if (delayed.Count > 0)
        {
            output.WriteLine("  Section contains the following delay load imports:");
            output.WriteLine();
            foreach (var descriptor in delayed)
            {
                output.WriteLine($"    {descriptor.DllName}");
                Field(output, descriptor.Attributes.ToString("X8", CultureInfo.InvariantCulture), "Characteristics");
                Field(output, Address(pe, descriptor.ModuleHandleRva), "Address of HMODULE");
                Field(output, Address(pe, descriptor.ImportAddressTableRva), "Import Address Table");
                Field(output, Address(pe, descriptor.ImportNameTableRva), "Import Name Table");
                Field(output, Address(pe, descriptor.BoundImportAddressTableRva), "Bound Import Name Table");
                Field(output, Address(pe, descriptor.UnloadInformationTableRva), "Unload Import Name Table");
                Field(output, Hex(descriptor.TimeDateStamp), "time date stamp");
                WriteSymbols(output, file, descriptor, names);
            }
        }

        if (pe.BoundImports.Count > 0)
        {
            output.WriteLine("  Header contains the following bound import information:");
            foreach (var bound in pe.BoundImports)
            {
                output.WriteLine($"    Bound to {bound.DllName} [{bound.TimeDateStamp:X8}]");
                foreach (var forwarder in bound.Forwarders)
                {
                    output.WriteLine($"      Contained forwarders bound to {forwarder.DllName} [{forwarder.TimeDateStamp:X8}]");
                }
            }

            output.WriteLine();
        }

        var imports = file.Imports;
        int dlls = file.Dependencies.Count;
        output.WriteLine("  Summary");
        output.WriteLine();
        output.WriteLine($"    {imports.Count,8} imports from {dlls} {(dlls == 1 ? "DLL" : "DLLs")}: "
            + $"{imports.Count(i => i.Ordinal is null)} by name, {imports.Count(i => i.Ordinal is not null)} by ordinal, "
            + $"{imports.Count(i => i.IsDelayLoad)} delay-loaded");
    }

    /// <summary>"                  3C5 GetTickCount" or "                  Ordinal     5", as dumpbin prints them.</summary>
    internal static string Row(Import import, NameStyle names) =>
        import.Ordinal is uint ordinal
            ? $"{"",18}Ordinal {ordinal,5}"
            : $"{(import.Hint ?? 0).ToString("X", CultureInfo.InvariantCulture),28} {names.Cell(import.Name)}";

    private static void WriteSymbols(TextWriter output, BinaryFile file, PeImportDescriptor descriptor, NameStyle names)
    {
        output.WriteLine();
        foreach (var import in Slice(file.Imports, descriptor))
        {
            output.WriteLine(Row(import, names));
        }

        output.WriteLine();
    }

    private static IEnumerable<Import> Slice(IReadOnlyList<Import> imports, PeImportDescriptor descriptor)
    {
        for (int i = descriptor.FirstImport; i < descriptor.FirstImport + descriptor.ImportCount && i < imports.Count; i++)
        {
            yield return imports[i];
        }
    }

    private static void Field(TextWriter output, string value, string label) => output.WriteLine($"{value,22} {label}");

    /// <summary>The virtual address of an RVA in upper-case hex, as dumpbin shows table addresses; 0 stays 0.</summary>
    private static string Address(PeDetails pe, uint rva) => rva == 0 ? "0" : Hex(pe.ImageBase + rva);

    private static string Hex(ulong value) => value.ToString("X", CultureInfo.InvariantCulture);
}
