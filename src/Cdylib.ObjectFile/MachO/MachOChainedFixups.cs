using System;
using System.Collections.Generic;
using System.Globalization;
using Cdylib.ObjectFile.Pe;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.MachO;

/// <summary>
/// The imports table of LC_DYLD_CHAINED_FIXUPS (dyld_chained_fixups_header): one entry per imported
/// symbol with its library ordinal, weak-import bit and the offset of its name in the symbol pool. The
/// pointer chains in the data segments that refer to the entries are not walked: the table alone says
/// what is imported from where.
/// </summary>
internal static class MachOChainedFixups
{
    public const string Structure = "Mach-O chained fixups";
    public const string ImportsStructure = "Mach-O chained fixups imports table";
    public const string SymbolsStructure = "Mach-O chained fixups symbol pool";

    public static List<MachOBinding> Read(ReadOnlyMemory<byte> data, EndianReader fixups, ProblemGroups problems)
    {
        var bindings = new List<MachOBinding>();
        var header = fixups.Slice(0, 28, Structure);
        uint version = header.U32(0);
        uint importsOffset = header.U32(8);
        uint symbolsOffset = header.U32(12);
        uint importsCount = header.U32(16);
        uint importsFormat = header.U32(20);
        uint symbolsFormat = header.U32(24);
        if (version != 0)
        {
            throw fixups.Error(0, string.Create(CultureInfo.InvariantCulture, $"fixups_version {version} is not 0"));
        }

        int entrySize = importsFormat switch
        {
            MachOConstants.ChainedImport => 4,
            MachOConstants.ChainedImportAddend => 8,
            MachOConstants.ChainedImportAddend64 => 16,
            _ => throw fixups.Error(20, string.Create(CultureInfo.InvariantCulture, $"unknown imports_format {importsFormat}")),
        };
        if (symbolsFormat != 0)
        {
            throw fixups.Error(24, string.Create(CultureInfo.InvariantCulture, $"symbols_format {symbolsFormat} (compressed symbol names) is not supported"));
        }

        if (symbolsOffset > fixups.Length)
        {
            throw fixups.Error(12, string.Create(CultureInfo.InvariantCulture, $"symbols_offset 0x{symbolsOffset:X} is past the end of the data (size 0x{fixups.Length:X})"));
        }

        // data is the memory behind the fixups window (the caller slices both alike).
        var pool = data[(int)symbolsOffset..];
        var symbols = new StringTable(pool, fixups.FileOffset + symbolsOffset, SymbolsStructure, new NameBudget(pool.Length, "pool"));

        // The count can never exceed what the data holds after imports_offset.
        long fitting = importsOffset > fixups.Length ? 0 : (fixups.Length - importsOffset) / entrySize;
        if (importsCount > fitting)
        {
            problems.Add(fixups.Problem(16, string.Create(CultureInfo.InvariantCulture, $"the data holds {fitting} of its {importsCount} imports")));
        }

        long count = Math.Min(importsCount, fitting);
        if (count == 0)
        {
            return bindings;
        }

        var table = fixups.Slice(importsOffset, count * entrySize, ImportsStructure);
        for (long i = 0; i < count; i++)
        {
            int ordinal;
            bool weak;
            uint nameOffset;
            if (importsFormat == MachOConstants.ChainedImportAddend64)
            {
                ulong raw = table.U64(i * entrySize);
                ordinal = (int)(raw & 0xffff);
                ordinal = ordinal >= 0xfff0 ? (short)ordinal : ordinal;
                weak = (raw & 0x10000) != 0;
                nameOffset = (uint)(raw >> 32);
            }
            else
            {
                uint raw = table.U32(i * entrySize);
                ordinal = (int)(raw & 0xff);
                ordinal = ordinal >= 0xf0 ? (sbyte)ordinal : ordinal;
                weak = (raw & 0x100) != 0;
                nameOffset = raw >> 9;
            }

            if (!symbols.TryGet(nameOffset, out string name, out var problem, referencedAt: table.FileOffset + (i * entrySize)))
            {
                problems.Add(problem!);
                continue;
            }

            bindings.Add(new MachOBinding(name, ordinal, weak ? MachOConstants.BindSymbolFlagsWeakImport : (byte)0));
        }

        return bindings;
    }
}
