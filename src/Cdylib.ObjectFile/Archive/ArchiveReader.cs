using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Cdylib.ObjectFile.Coff;
using Cdylib.ObjectFile.Elf;
using Cdylib.ObjectFile.MachO;
using Cdylib.ObjectFile.Pe;

namespace Cdylib.ObjectFile.Archive;

/// <summary>
/// Reads an ar archive (static library or import library) into the neutral model: the exports are the
/// symbols its members define, the imports what they need, the dependencies the DLLs an import library
/// names; <see cref="ArchiveDetails"/> has the members one by one and the symbol index.
/// </summary>
/// <remarks>
/// Members are read in place (slices of the archive, never copies) by the readers of their formats:
/// short import records, COFF objects, ELF and Mach-O objects. A member that cannot be read becomes a
/// warning naming it and its header offset, and the others are still read. Archives inside archives are
/// listed but not opened, so nesting cannot recurse.
/// </remarks>
internal static class ArchiveReader
{
    public static readonly byte[] Magic = "!<arch>\n"u8.ToArray();
    public static readonly byte[] ThinMagic = "!<thin>\n"u8.ToArray();

    /// <summary>At most this many member problems are listed one by one; the rest are counted in one more line.</summary>
    private const int MaxMemberWarnings = 100;

    public static BinaryFile Read(ReadOnlyMemory<byte> memory, string? name)
    {
        if (memory.Span.StartsWith(ThinMagic))
        {
            throw new ObjectFileException("a GNU thin archive (\"!<thin>\"): its members are separate files that the archive only names; "
                + "this reader does not open other files, so inspect the member files themselves");
        }

        var warnings = new List<ObjectFileProblem>();
        var memberWarnings = new List<ObjectFileProblem>();
        var entries = ArchiveHeaders.Read(memory, warnings);
        var index = new List<ArchiveSymbol>();
        bool indexRead = false;
        int linkerMembers = 0;
        var members = new List<ArchiveMember>();
        var objects = new List<CoffObject?>();
        (ushort Coff, BinarySummary? Other)? machine = null;

        foreach (var entry in entries)
        {
            var data = memory.Slice((int)entry.DataOffset, (int)entry.Size);
            var member = new ArchiveMember(entry.Name, entry.HeaderOffset, entry.DataOffset, entry.Size, ArchiveMemberKind.Other);
            CoffObject? coff = null;
            var problems = new List<ObjectFileProblem>();
            try
            {
                if (ArchiveSymbolIndex.IsIndex(entry.RawName) || entry.Name.StartsWith("__.SYMDEF", StringComparison.Ordinal))
                {
                    member = member with { Kind = ArchiveMemberKind.SymbolIndex };
                    linkerMembers += entry.RawName == "/" ? 1 : 0;
                    if (linkerMembers == 2 && entry.RawName == "/")
                    {
                        index = ArchiveSymbolIndex.Microsoft(memory, entry, problems);
                    }
                    else if (!indexRead && entry.RawName != "/<ECSYMBOLS>/")
                    {
                        indexRead = true;
                        index = ArchiveSymbolIndex.Read(memory, entry, problems);
                    }
                }
                else if (entry.RawName == "//")
                {
                    member = member with { Kind = ArchiveMemberKind.LongNames };
                }
                else
                {
                    (member, coff) = ReadMember(member, data, problems, ref machine);
                }
            }
            catch (ObjectFileException e)
            {
                problems.Add(e.Problem);
            }

            foreach (var problem in problems)
            {
                memberWarnings.Add(problem.InMember(entry.Name, entry.HeaderOffset));
            }

            members.Add(member);
            objects.Add(coff);
        }

        // GNU import libraries: the stubs' DLL, hint and ordinal are in their .idata sections.
        var recovered = GnuImportObjects.Recover(objects);
        for (int i = 0; i < members.Count; i++)
        {
            if (recovered[i] is ImportLibraryEntry entry)
            {
                members[i] = members[i] with
                {
                    ImportEntry = entry,
                    Exports = members[i].Exports.Select(e => e with { Library = entry.DllName, Ordinal = entry.Ordinal, Hint = entry.Hint }).ToList(),
                };
            }
        }

        warnings.AddRange(memberWarnings.Take(MaxMemberWarnings));
        if (memberWarnings.Count > MaxMemberWarnings)
        {
            warnings.Add(ObjectFileProblem.General(string.Create(CultureInfo.InvariantCulture, $"{memberWarnings.Count - MaxMemberWarnings} more archive members had problems (not listed)")));
        }

        var dependencies = members
            .Where(m => m.ImportEntry is not null)
            .Select(m => m.ImportEntry!.DllName)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(dll => new Dependency(dll, DependencyKind.Needed))
            .ToList();
        var variant = members.Any(m => m.Name.StartsWith("__.SYMDEF", StringComparison.Ordinal)) || entries.Any(e => e.RawName.StartsWith("#1/", StringComparison.Ordinal))
            ? ArchiveVariant.Bsd
            : linkerMembers >= 2 ? ArchiveVariant.Coff : ArchiveVariant.Gnu;
        var summary = Summary(machine, members.Any(m => m.ImportEntry is not null) ? BinaryKind.ImportLibrary : BinaryKind.StaticLibrary) with
        {
            Archive = new ArchiveDetails(variant, members, index),
        };
        return new BinaryFile(name, new ListImage(
            summary,
            dependencies,
            members.SelectMany(m => m.Exports).ToList(),
            members.SelectMany(m => m.Imports).ToList(),
            warnings));
    }

    /// <summary>Reads one ordinary member by what its first bytes say it is.</summary>
    private static (ArchiveMember Member, CoffObject? Coff) ReadMember(ArchiveMember member, ReadOnlyMemory<byte> data, List<ObjectFileProblem> problems, ref (ushort Coff, BinarySummary? Other)? machine)
    {
        var span = data.Span;
        if (CoffHeader.IsImportRecord(span))
        {
            var (entry, recordMachine, exports) = CoffImportRecord.Read(span, member.DataOffset);
            machine ??= (recordMachine, null);
            return (member with { Kind = ArchiveMemberKind.ImportRecord, Machine = PeNames.Machine(recordMachine), Exports = exports, ImportEntry = entry }, null);
        }

        if (CoffHeader.IsBigObjHeader(span) || CoffHeader.LooksLikeObject(span))
        {
            var coff = CoffObject.Read(data, member.DataOffset, problems);
            machine ??= (coff.Header.Machine, null);
            return (member with { Kind = ArchiveMemberKind.CoffObject, Machine = PeNames.Machine(coff.Header.Machine), Exports = coff.Exports, Imports = coff.Imports }, coff);
        }

        if (CoffHeader.HasAnonymousSignature(span))
        {
            throw CoffReader.Anonymous(span, member.DataOffset);
        }

        var kind = FormatDetector.Detect(span) switch
        {
            BinaryFormat.Elf => ArchiveMemberKind.ElfObject,
            BinaryFormat.MachO when !MachOFat.IsFat(span) => ArchiveMemberKind.MachOObject,
            _ => ArchiveMemberKind.Other,
        };
        if (kind == ArchiveMemberKind.Other)
        {
            return (member, null);
        }

        // Offsets in the member reader's messages count from the member's data.
        BinaryFile file;
        try
        {
            file = kind == ArchiveMemberKind.ElfObject ? ElfReader.Read(data, member.Name) : MachOReader.Read(data, member.Name);
        }
        catch (ObjectFileException e)
        {
            throw new ObjectFileException(e.Problem.InMemberData(member.DataOffset), e);
        }

        problems.AddRange(file.Warnings.Select(w => w.InMemberData(member.DataOffset)));
        machine ??= (0, file.Summary);
        return (member with { Kind = kind, Machine = file.Summary.Machine, Exports = file.Exports, Imports = file.Imports }, null);
    }

    private static BinarySummary Summary((ushort Coff, BinarySummary? Other)? machine, BinaryKind kind) => machine switch
    {
        (_, BinarySummary other) => new BinarySummary(BinaryFormat.Archive, kind, other.Machine, other.Is64Bit, other.Endianness, null, []),
        (ushort coff, null) => new BinarySummary(BinaryFormat.Archive, kind, PeNames.Machine(coff), CoffReader.Is64Bit(coff), Endianness.Little, null, []),
        _ => new BinarySummary(BinaryFormat.Archive, kind, "unknown", false, Endianness.Little, null, []),
    };
}
