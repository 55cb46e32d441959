using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Elf;

/// <summary>
/// Symbol counts from the hash tables, the only place a file without section headers records how many
/// dynamic symbols it has (DT_SYMTAB gives the start, nothing gives the end).
/// </summary>
internal static class ElfHashTables
{
    public const string SysvStructure = "ELF hash table (DT_HASH)";
    public const string GnuStructure = "ELF GNU hash table (DT_GNU_HASH)";

    /// <summary>DT_HASH: nchain equals the number of symbols.</summary>
    /// <param name="entrySize">4, except 8 on 64-bit s390 and Alpha, whose hash words are 64-bit.</param>
    /// <param name="table">The hash table's window.</param>
    public static long SymbolCountFromSysv(EndianReader table, int entrySize)
    {
        var header = table.Slice(0, 2L * entrySize, SysvStructure);
        return Saturating.ToLong(header.Word(entrySize, entrySize == 8));
    }

    /// <summary>
    /// DT_GNU_HASH does not store the count: it is one past the last symbol of the longest-numbered
    /// chain. Find the highest bucket start and walk its chain to the entry with the stop bit (bit 0)
    /// set. The walk is bounded by the chain array's end in the file.
    /// </summary>
    public static long SymbolCountFromGnu(EndianReader table, bool is64)
    {
        var header = table.Slice(0, 16, GnuStructure);
        long bucketCount = header.U32(0);
        long symbolOffset = header.U32(4);
        long bloomWords = header.U32(8);

        long bloomSize = Saturating.Multiply(bloomWords, is64 ? 8 : 4);
        long bucketsOffset = Saturating.Add(16, bloomSize);
        var buckets = table.Slice(bucketsOffset, Saturating.Multiply(bucketCount, 4), GnuStructure);

        long highest = 0;
        for (long i = 0; i < bucketCount; i++)
        {
            highest = System.Math.Max(highest, buckets.U32(4 * i));
        }

        if (highest == 0)
        {
            return symbolOffset; // no symbol is hashed: only the unhashed ones before symoffset exist
        }

        if (highest < symbolOffset)
        {
            throw table.Error(bucketsOffset, $"a bucket starts at symbol {highest}, below symoffset {symbolOffset}");
        }

        var chains = table.SliceToEnd(Saturating.Add(bucketsOffset, buckets.Length), GnuStructure);
        for (long symbol = highest; ; symbol++)
        {
            long chainOffset = 4 * (symbol - symbolOffset);
            if (!chains.Contains(chainOffset, 4))
            {
                throw chains.Error(chainOffset, "the last hash chain runs past the end of the table without a stop bit");
            }

            if ((chains.U32(chainOffset) & 1) != 0)
            {
                return symbol + 1;
            }
        }
    }
}
