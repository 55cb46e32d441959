using System.Collections.Generic;
using System.Globalization;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Elf;

/// <summary>A version the file defines (one .gnu.version_d entry).</summary>
internal sealed record ElfVersionDefinition(ushort Index, string Name, bool IsBase, IReadOnlyList<string> Parents);

/// <summary>A version the file requires from a library (one .gnu.version_r auxiliary entry).</summary>
internal sealed record ElfVersionRequirement(ushort Index, string Name, string Library, ushort Flags);

/// <summary>
/// Readers of the GNU symbol-versioning tables. The verdef and verneed tables are linked lists whose
/// "next" fields are byte offsets. Each walk follows only forward links (next &gt; 0, added in 64-bit
/// arithmetic so nothing wraps back) inside its window, stops at the entry count, and reads at most as
/// many entries as the window could hold without overlap, so a cyclic, endless or self-overlapping
/// chain ends after a number of steps proportional to the table size.
/// </summary>
internal static class ElfVersionTables
{
    public const string VersymStructure = "ELF symbol version table (.gnu.version)";
    public const string VerdefStructure = "ELF version definition table (.gnu.version_d)";
    public const string VerneedStructure = "ELF version requirement table (.gnu.version_r)";

    private const int VerdefSize = 20;
    private const int VerdauxSize = 8;
    private const int VerneedSize = 16;
    private const int VernauxSize = 16;

    /// <summary>One 16-bit version index per dynamic symbol, in symbol order; as many as the window holds.</summary>
    public static ushort[] ReadVersym(EndianReader table)
    {
        var indices = new ushort[table.Length / 2];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = table.U16(2L * i);
        }

        return indices;
    }

    /// <param name="count">sh_info or DT_VERDEFNUM; null when unknown, and then the window size bounds the walk.</param>
    /// <param name="table">The .gnu.version_d window.</param>
    /// <param name="strings">The string table its names are in.</param>
    public static List<ElfVersionDefinition> ReadVerdef(EndianReader table, long? count, StringTable strings)
    {
        var definitions = new List<ElfVersionDefinition>();
        long limit = count ?? table.Length / VerdefSize;
        var entryBudget = new EntryBudget(table, VerdauxSize);
        long offset = 0;
        for (long i = 0; i < limit; i++)
        {
            var entry = table.Slice(offset, VerdefSize, VerdefStructure);
            entryBudget.Take(offset);
            ushort version = entry.U16(0);
            if (version != 1)
            {
                throw entry.Error(0, Describe($"unsupported vd_version {version} (expected 1)"));
            }

            ushort flags = entry.U16(2);
            ushort index = entry.U16(4);
            ushort auxCount = entry.U16(6);
            uint aux = entry.U32(12);
            uint next = entry.U32(16);

            var names = new List<string>();
            long auxOffset = offset + aux;
            for (int a = 0; a < auxCount; a++)
            {
                var auxEntry = table.Slice(auxOffset, VerdauxSize, VerdefStructure);
                entryBudget.Take(auxOffset);
                names.Add(strings.Get(auxEntry.U32(0)));
                uint auxNext = auxEntry.U32(4);
                if (auxNext == 0)
                {
                    break;
                }

                auxOffset += auxNext;
            }

            if (names.Count == 0)
            {
                throw entry.Error(0, Describe($"version definition {index} has no name (vd_cnt = 0)"));
            }

            definitions.Add(new ElfVersionDefinition(index, names[0], (flags & ElfConstants.VerFlgBase) != 0, names.GetRange(1, names.Count - 1)));
            if (next == 0)
            {
                break;
            }

            offset += next;
        }

        return definitions;
    }

    /// <param name="count">sh_info or DT_VERNEEDNUM; null when unknown, and then the window size bounds the walk.</param>
    /// <param name="table">The .gnu.version_r window.</param>
    /// <param name="strings">The string table its names are in.</param>
    public static List<ElfVersionRequirement> ReadVerneed(EndianReader table, long? count, StringTable strings)
    {
        var requirements = new List<ElfVersionRequirement>();
        long limit = count ?? table.Length / VerneedSize;
        var entryBudget = new EntryBudget(table, VerneedSize);
        long offset = 0;
        for (long i = 0; i < limit; i++)
        {
            var entry = table.Slice(offset, VerneedSize, VerneedStructure);
            entryBudget.Take(offset);
            ushort version = entry.U16(0);
            if (version != 1)
            {
                throw entry.Error(0, Describe($"unsupported vn_version {version} (expected 1)"));
            }

            ushort auxCount = entry.U16(2);
            string library = strings.Get(entry.U32(4));
            uint aux = entry.U32(8);
            uint next = entry.U32(12);

            long auxOffset = offset + aux;
            for (int a = 0; a < auxCount; a++)
            {
                var auxEntry = table.Slice(auxOffset, VernauxSize, VerneedStructure);
                entryBudget.Take(auxOffset);
                ushort flags = auxEntry.U16(4);
                ushort index = auxEntry.U16(6);
                requirements.Add(new ElfVersionRequirement(index, strings.Get(auxEntry.U32(8)), library, flags));
                uint auxNext = auxEntry.U32(12);
                if (auxNext == 0)
                {
                    break;
                }

                auxOffset += auxNext;
            }

            if (next == 0)
            {
                break;
            }

            offset += next;
        }

        return requirements;
    }

    /// <summary>Counts entries read against what the window can hold when entries do not overlap.</summary>
    private ref struct EntryBudget
    {
        private readonly EndianReader _table;
        private long _remaining;

        public EntryBudget(EndianReader table, int smallestEntry)
        {
            _table = table;
            _remaining = table.Length / smallestEntry;
        }

        public void Take(long offset)
        {
            if (--_remaining < 0)
            {
                throw _table.Error(offset, "the entries' next links overlap or loop: more entries than the table can hold");
            }
        }
    }

    private static string Describe(System.FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
