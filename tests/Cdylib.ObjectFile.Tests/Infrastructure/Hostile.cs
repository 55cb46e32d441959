using System;
using System.Linq;
using System.Collections.Generic;
using System.Diagnostics;

namespace Cdylib.ObjectFile.Tests.Infrastructure;

/// <summary>
/// The one check every mutation test applies to a damaged file: the reader returns a result (warnings
/// allowed) or throws <see cref="ObjectFileException"/> with a one-line message, and nothing else; it
/// finishes within <see cref="TimeLimit"/> and allocates at most a small multiple of the file's size.
/// Everything read lazily (exports, imports, warnings, the export enumeration) is read too, and the
/// lazy walk must agree with the lists.
/// </summary>
internal static class Hostile
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);

    /// <summary>Allowed allocation: the lists a file really holds take tens of bytes per byte at most.</summary>
    public static long AllocationLimit(int fileSize) => (64L * fileSize) + (16 << 20);

    /// <summary><see cref="BinaryFile.Parse"/>, bounded and read through; null when the file is rejected.</summary>
    public static BinaryFile? ParseOrReject(byte[] data) =>
        Bounded(data, () =>
        {
            var file = BinaryFile.Parse(data, "malformed");
            LazyReadingTests.AssertWalksAgree(file, BinaryFile.Parse(data, "malformed"));
            if (file.Summary.Format == BinaryFormat.Elf)
            {
                // Only an ELF symbol table is walked lazily (other formats are read whole at parse).
                LazyReadingTests.AssertNameFreeWalkAgrees(BinaryFile.Parse(data, "malformed"), BinaryFile.Parse(data, "malformed"));
                LazyReadingTests.AssertImportsFirstAgree(BinaryFile.Parse(data, "malformed"), BinaryFile.Parse(data, "malformed"));
            }
            return ReadThrough(file);
        });

    /// <summary>Every image of <see cref="BinaryContainer.Parse"/> (every slice of a fat file), bounded and read through; null when the file or one image is rejected.</summary>
    public static IReadOnlyList<BinaryFile>? ParseAllOrReject(byte[] data) =>
        Bounded(data, () =>
        {
            var files = BinaryContainer.Parse(data, "malformed").Images.Select(image => image.Read()).ToList();
            foreach (var file in files)
            {
                ReadThrough(file);
            }

            return files;
        });

    /// <summary>
    /// A copy of <paramref name="original"/> with 1 to 8 random bytes flipped, half of them in the first
    /// <paramref name="headerBytes"/> bytes, where headers and tables live (the same draws from
    /// <paramref name="random"/> for the same seed, so each test's cases stay fixed).
    /// </summary>
    public static byte[] Flipped(byte[] original, Random random, int headerBytes)
    {
        byte[] copy = (byte[])original.Clone();
        int flips = random.Next(1, 9);
        for (int f = 0; f < flips; f++)
        {
            int at = random.Next(2) == 0 ? random.Next(Math.Min(headerBytes, copy.Length)) : random.Next(copy.Length);
            copy[at] ^= (byte)random.Next(1, 256);
        }

        return copy;
    }

    private static BinaryFile ReadThrough(BinaryFile file)
    {
        _ = file.Exports;
        _ = file.Imports;
        Assert.All(file.Warnings, w => Assert.DoesNotContain('\n', w.Message));
        foreach (var export in file.EnumerateExports())
        {
            _ = export.Utf8Name;
        }

        return file;
    }

    private static T? Bounded<T>(byte[] data, Func<T> parse)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            return parse();
        }
        catch (ObjectFileException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            Assert.DoesNotContain('\n', e.Message);
            return null;
        }
        finally
        {
            Assert.True(clock.Elapsed < TimeLimit, $"parsing took {clock.Elapsed}");
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < AllocationLimit(data.Length), $"parsing {data.Length} bytes allocated {allocated}");
        }
    }
}
