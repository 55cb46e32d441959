using System;
using System.Collections.Generic;

namespace Cdylib.ObjectFile.MachO;

/// <summary>
/// The sections of an image by address (for the kind of an export: code, data or thread-local) and by
/// their 1-based index across all segments (the nlist n_sect numbering).
/// </summary>
/// <remarks>Lookups by address are a binary search on a sorted copy, so a file with very many sections costs a logarithm per export.</remarks>
internal sealed class MachOSectionMap
{
    private readonly List<MachOSection> _ordered = [];
    private readonly MachOSection[] _byAddress;

    public MachOSectionMap(IReadOnlyList<MachOSegment> segments)
    {
        foreach (var segment in segments)
        {
            _ordered.AddRange(segment.Sections);
        }

        _byAddress = [.. _ordered];
        Array.Sort(_byAddress, (a, b) => a.Address.CompareTo(b.Address));
    }

    /// <summary>Function for a section with instructions, ThreadLocal for thread-local variables, Data for any other section, Other outside every section.</summary>
    public SymbolKind KindAt(ulong address)
    {
        int low = 0, high = _byAddress.Length - 1, found = -1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            if (_byAddress[middle].Address <= address)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found >= 0 && address - _byAddress[found].Address < _byAddress[found].Size ? KindOf(_byAddress[found]) : SymbolKind.Other;
    }

    /// <summary>The kind for nlist n_sect (1-based); Other for NO_SECT or an index past the last section.</summary>
    public SymbolKind KindOfSection(byte index) =>
        index >= 1 && index <= _ordered.Count ? KindOf(_ordered[index - 1]) : SymbolKind.Other;

    private static SymbolKind KindOf(MachOSection section) =>
        section.IsThreadLocalVariables ? SymbolKind.ThreadLocal
        : section.HasInstructions ? SymbolKind.Function
        : SymbolKind.Data;
}
