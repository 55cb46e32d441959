using System;
using System.Collections.Generic;
using System.Globalization;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Pe;

/// <summary>
/// The one pass over a PE file's export tables that the walks need: each address-table slot's names (in
/// name-table order), where each name and forwarder string lies in the file, how many slots the walk
/// may go through, and the warnings. Nothing is decoded: names are found, not read.
/// </summary>
/// <remarks>
/// Unlike an ELF string table (which ends in a NUL, so every offset inside it has a name), a PE name is
/// a NUL-terminated run at any RVA, and whether an export exists at all (a name pointer whose string
/// cannot be found drops that name) depends on finding that NUL. So this pass finds every name's end
/// once, with the bounds the file's <see cref="Reading.StringTable"/> enforces, and keeps its length: the warnings come out
/// of this pass without decoding a name, they are the same whichever question came first, and a name
/// asked for later is only sliced. Arrays are sized by what the file holds, never by a count field.
/// </remarks>
internal sealed class PeExportIndex
{
    /// <summary>The next name-table index naming the same slot, -1 after the last; made only for a slot with two names.</summary>
    private int[]? _nextName;

    /// <remarks>
    /// Every array here is sized by a table of the file, and fresh memory costs a page fault per page on
    /// first touch (a third of this index's time in a listing of 5,800 exports), so the index is lean: a
    /// name's length fits 16 bits (<see cref="PeAddressMap.MaxNameLength"/>), "not found" is a negative
    /// offset, and the chain of a slot's further names is made only when a slot has more than one.
    /// </remarks>
    private PeExportIndex(long slots, long names)
    {
        FirstName = new int[slots];
        NameOffset = new int[names];
        NameLength = new ushort[names];
        Array.Fill(FirstName, -1);
        Array.Fill(NameOffset, -1);
    }

    /// <summary>The first name-table index naming each slot, -1 for none.</summary>
    public int[] FirstName { get; }

    /// <summary>Where each name starts in the file (a mapped file is one span, so an int holds it); -1 when it could not be found (the name is dropped).</summary>
    public int[] NameOffset { get; }

    /// <summary>Each found name's length in bytes.</summary>
    public ushort[] NameLength { get; }

    /// <summary>Where the forwarder string of a slot lies; only slots whose string was found.</summary>
    public Dictionary<long, (long Offset, int Length)> Forwarders { get; } = [];

    /// <summary>The slots the walk goes through: all, or those before an ordinal past the largest.</summary>
    public long WalkedSlots { get; private set; }

    public IReadOnlyList<ObjectFileProblem> Warnings { get; private set; } = [];

    /// <summary>Whether the name at this name-table index was found.</summary>
    public bool IsFound(long name) => NameOffset[name] >= 0;

    /// <summary>The next name-table index naming the same slot as <paramref name="name"/>, -1 after the last.</summary>
    public int NextName(int name) => _nextName is null ? -1 : _nextName[name];

    public static PeExportIndex Build(PeExportTable table, StringTable strings)
    {
        var lines = new List<ObjectFileProblem>();
        var problems = new ProblemGroups(lines);
        foreach (var problem in table.LocateProblems)
        {
            problems.Add(problem);
        }

        var index = new PeExportIndex(table.FunctionSlots, table.NameSlots);
        index.FindNames(table, strings, problems);
        index.LinkNames(table);
        index.CheckSlots(table, strings, problems);
        problems.Flush();
        index.Warnings = lines;
        return index;
    }

    /// <remarks>
    /// Linkers write the names in the order of their pointers, so the RVAs grow and no name is asked for
    /// twice: those are kept here only, not also in the string table's record of found names (which cost
    /// as much memory again, each page of it a page fault). A name whose RVA does not grow may repeat an
    /// earlier one, so the string table records it: a hostile table's repeated name is scanned (and
    /// charged) at most twice, not once per pointer.
    /// </remarks>
    private void FindNames(PeExportTable table, StringTable strings, ProblemGroups problems)
    {
        long highestRva = -1;
        for (long i = 0; i < table.NameSlots; i++)
        {
            ushort slot = table.NameOrdinal(i);
            if (slot >= table.FunctionSlots)
            {
                problems.Add(ObjectFileProblem.Invalid(PeExports.OrdinalTableStructure, table.OrdinalsOffset + (2 * i), string.Create(CultureInfo.InvariantCulture,
                    $"entry {i} names address table index {slot}, but the table has {table.FunctionSlots} entries")));
                continue;
            }

            uint rva = table.NameRva(i);
            bool inOrder = rva > highestRva;
            highestRva = Math.Max(highestRva, rva);
            if (table.Addresses.TryFindName(strings, rva, PeExports.NameStructure, table.NamesOffset + (4 * i), out long offset, out int length, out var problem, remember: !inOrder))
            {
                (NameOffset[i], NameLength[i]) = ((int)offset, checked((ushort)length));
            }
            else
            {
                problems.Add(problem!);
            }
        }
    }

    /// <summary>Chains each slot's found names in name-table order (prepending from the last keeps that order without a tail array).</summary>
    private void LinkNames(PeExportTable table)
    {
        for (long i = table.NameSlots - 1; i >= 0; i--)
        {
            if (IsFound(i))
            {
                ushort slot = table.NameOrdinal(i);
                if (FirstName[slot] >= 0)
                {
                    if (_nextName is null)
                    {
                        _nextName = new int[NameOffset.Length];
                        Array.Fill(_nextName, -1);
                    }

                    _nextName[i] = FirstName[slot];
                }

                FirstName[slot] = (int)i;
            }
        }
    }

    /// <summary>Finds the last slot the walk may report and every forwarder string, in slot order.</summary>
    private void CheckSlots(PeExportTable table, StringTable strings, ProblemGroups problems)
    {
        WalkedSlots = table.FunctionSlots;
        for (long slot = 0; slot < table.FunctionSlots; slot++)
        {
            uint rva = table.FunctionRva(slot);
            if (rva == 0 && FirstName[slot] < 0)
            {
                continue;
            }

            if ((ulong)table.OrdinalBase + (ulong)slot > uint.MaxValue)
            {
                problems.Add(ObjectFileProblem.Invalid(PeExports.DirectoryStructure, table.DirectoryOffset + 16, string.Create(CultureInfo.InvariantCulture,
                    $"ordinal base {table.OrdinalBase} plus {table.FunctionSlots} entries runs past the largest ordinal")));
                WalkedSlots = slot;
                break;
            }

            if (table.IsForwarder(rva))
            {
                if (table.Addresses.TryFindName(strings, rva, PeExports.ForwarderStructure, table.FunctionsOffset + (4 * slot), out long offset, out int length, out var problem))
                {
                    Forwarders[slot] = (offset, length);
                }
                else
                {
                    problems.Add(problem!);
                }
            }
        }
    }
}
