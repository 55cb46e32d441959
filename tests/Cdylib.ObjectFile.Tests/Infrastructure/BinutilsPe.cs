using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using Cdylib.Tests.Shared;

namespace Cdylib.ObjectFile.Tests.Infrastructure;

/// <summary>
/// What GNU objdump (binutils) says about a PE file's exports, from <c>objdump -p</c>: the counts of the
/// export directory and each used slot of the Export Address Table as (ordinal, RVA). The reference for
/// files LLVM's tools refuse to read.
/// </summary>
public static partial class BinutilsPe
{
    public sealed record ExportTable(uint AddressCount, uint NameCount, IReadOnlyList<(uint Ordinal, uint Rva)> Slots);

    public static ExportTable Exports(string path)
    {
        uint? addresses = null;
        uint? names = null;
        var slots = new List<(uint, uint)>();
        bool inTable = false;
        foreach (var line in Tool.Run(Toolchain.Find("objdump"), "-p", path).Split('\n'))
        {
            if (line.StartsWith("Export Address Table -- Ordinal Base", StringComparison.Ordinal))
            {
                inTable = true;
            }
            else if (inTable && line.Length == 0)
            {
                inTable = false;
            }
            else if (inTable && SlotLine().Match(line) is { Success: true } slot)
            {
                slots.Add((uint.Parse(slot.Groups["ordinal"].Value, CultureInfo.InvariantCulture), uint.Parse(slot.Groups["rva"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }
            else if (CountLine().Match(line) is { Success: true } count)
            {
                uint value = uint.Parse(count.Groups["count"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (count.Groups["table"].Value == "Export Address Table")
                {
                    addresses ??= value;
                }
                else
                {
                    names ??= value;
                }
            }
        }

        return new ExportTable(
            addresses ?? throw new InvalidOperationException($"objdump -p printed no export directory for {path}"),
            names ?? throw new InvalidOperationException($"objdump -p printed no name table count for {path}"),
            slots);
    }

    // "\t[   0] +base[   1] 1000 Export RVA" (a forwarder says "Forwarder RVA").
    [GeneratedRegex(@"^\t\[ *[0-9]+\] \+base\[ *(?<ordinal>[0-9]+)\] (?<rva>[0-9a-f]+) Export RVA$")]
    private static partial Regex SlotLine();

    // "\tExport Address Table \t\t00000060" and "\t[Name Pointer/Ordinal] Table\t00000000" under "Number in:".
    [GeneratedRegex(@"^\t(?<table>Export Address Table|\[Name Pointer/Ordinal\] Table)\s+(?<count>[0-9a-f]{8})$")]
    private static partial Regex CountLine();
}
