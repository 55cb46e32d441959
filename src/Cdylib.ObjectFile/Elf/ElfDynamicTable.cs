using System.Collections.Generic;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Elf;

/// <summary>The entries of the dynamic section (.dynamic / PT_DYNAMIC) up to DT_NULL, in file order.</summary>
internal sealed class ElfDynamicTable
{
    public const string Structure = "ELF dynamic section";

    private readonly List<(long Tag, ulong Value)> _entries;

    private ElfDynamicTable(List<(long Tag, ulong Value)> entries) => _entries = entries;

    public static ElfDynamicTable Empty { get; } = new([]);

    /// <summary>The offset of the table in the file, for messages.</summary>
    public long FileOffset { get; private init; }

    public IReadOnlyList<(long Tag, ulong Value)> Entries => _entries;

    /// <summary>
    /// Reads (d_tag, d_val) pairs until DT_NULL or the end of the window; the loop is bounded by the
    /// window size. A table without DT_NULL is accepted (the loader would read on, we cannot).
    /// </summary>
    public static ElfDynamicTable Read(EndianReader table, ElfLayout layout)
    {
        var entries = new List<(long, ulong)>();
        long entrySize = layout.DynamicEntrySize;
        for (long offset = 0; table.Contains(offset, entrySize); offset += entrySize)
        {
            // d_tag is signed (Elf64_Sxword); reading it as a word and reinterpreting keeps DT_LOPROC… tags intact.
            long tag = layout.Is64 ? (long)table.U64(offset) : (int)table.U32(offset);
            if (tag == ElfConstants.DtNull)
            {
                break;
            }

            entries.Add((tag, table.Word(offset + layout.WordSize, layout.Is64)));
        }

        return new ElfDynamicTable(entries) { FileOffset = table.FileOffset };
    }

    /// <summary>The value of the first entry with <paramref name="tag"/>, or null.</summary>
    public ulong? Find(long tag)
    {
        foreach (var (entryTag, value) in _entries)
        {
            if (entryTag == tag)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The values of every entry with <paramref name="tag"/>, in file order (DT_NEEDED repeats).</summary>
    public IEnumerable<ulong> FindAll(long tag)
    {
        foreach (var (entryTag, value) in _entries)
        {
            if (entryTag == tag)
            {
                yield return value;
            }
        }
    }
}
