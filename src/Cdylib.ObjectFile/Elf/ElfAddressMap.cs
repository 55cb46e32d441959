using System.Collections.Generic;
using System.Globalization;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Elf;

/// <summary>
/// Translates the virtual addresses stored in the dynamic section (DT_SYMTAB, DT_STRTAB, …) into file
/// offsets through the PT_LOAD segments, the way the loader maps them.
/// </summary>
internal sealed class ElfAddressMap
{
    private readonly List<ElfSegment> _loads = [];

    public ElfAddressMap(IReadOnlyList<ElfSegment> segments)
    {
        foreach (var segment in segments)
        {
            if (segment.Type == ElfConstants.PtLoad)
            {
                _loads.Add(segment);
            }
        }
    }

    /// <summary>
    /// The bytes from <paramref name="address"/> to the end of the file-backed part of its segment (or
    /// <paramref name="length"/> bytes when given), as a window named <paramref name="structure"/>.
    /// </summary>
    public EndianReader Map(EndianReader file, ulong address, long? length, string structure)
    {
        foreach (var load in _loads)
        {
            if (address >= load.VirtualAddress && address - load.VirtualAddress < load.FileSize)
            {
                ulong delta = address - load.VirtualAddress;
                long offset = Saturating.Add(Saturating.ToLong(load.Offset), Saturating.ToLong(delta));
                long available = Saturating.ToLong(load.FileSize - delta);
                return file.Slice(offset, length ?? available, structure);
            }
        }

        file.Fail(ObjectFileProblem.General(string.Create(
            CultureInfo.InvariantCulture,
            $"Invalid {structure} address 0x{address:X}: no PT_LOAD segment maps it to file contents")));
        return file.Slice(0, 0, structure);
    }
}
