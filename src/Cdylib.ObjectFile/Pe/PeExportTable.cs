using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Cdylib.ObjectFile.Pe;

/// <summary>
/// A PE file's export tables, located at parse time and read in place from the file when the exports
/// are first asked for (<see cref="BinaryFile.Exports"/>, <see cref="BinaryFile.EnumerateExports()"/> or
/// <see cref="BinaryFile.Warnings"/>): one <see cref="PeExportIndex"/> pass then links each address-table
/// slot to its names, and every walk (<see cref="PeExportWalk"/>) reads the tables through it.
/// </summary>
internal sealed class PeExportTable : LazyExports
{
    private readonly ReadOnlyMemory<byte> _file;
    private PeExportIndex? _index;

    public PeExportTable(
        ReadOnlyMemory<byte> file, PeAddressMap addresses, uint directoryRva, uint directorySize, uint ordinalBase, long directoryOffset,
        (long Offset, long Length) functions, (long Offset, long Length) names, (long Offset, long Length) ordinals,
        IReadOnlyList<ObjectFileProblem> locateProblems)
    {
        _file = file;
        Addresses = addresses;
        DirectoryRva = directoryRva;
        DirectorySize = directorySize;
        OrdinalBase = ordinalBase;
        DirectoryOffset = directoryOffset;
        FunctionsOffset = functions.Offset;
        FunctionSlots = functions.Length / 4;
        NamesOffset = names.Offset;
        OrdinalsOffset = ordinals.Offset;
        NameSlots = Math.Min(names.Length / 4, ordinals.Length / 2);
        LocateProblems = locateProblems;
    }

    /// <summary>No export directory (or none that could be read): no exports, and the problems that said so.</summary>
    public static PeExportTable Empty(ReadOnlyMemory<byte> file, PeAddressMap addresses, IReadOnlyList<ObjectFileProblem> problems) =>
        new(file, addresses, 0, 0, 0, 0, default, default, default, problems);

    public PeAddressMap Addresses { get; }

    public uint DirectoryRva { get; }

    public uint DirectorySize { get; }

    public uint OrdinalBase { get; }

    /// <summary>The file offset of the directory header (the ordinal base is 16 bytes in).</summary>
    public long DirectoryOffset { get; }

    public long FunctionsOffset { get; }

    /// <summary>Address-table entries the file holds (never more than the header's count).</summary>
    public long FunctionSlots { get; }

    public long NamesOffset { get; }

    public long OrdinalsOffset { get; }

    /// <summary>Name pointer and ordinal table entries the file holds both of.</summary>
    public long NameSlots { get; }

    /// <summary>What locating the directory and its tables found wrong, first in the warnings.</summary>
    public IReadOnlyList<ObjectFileProblem> LocateProblems { get; }

    public ReadOnlySpan<byte> File => _file.Span;

    /// <summary>Made once, by whichever question comes first (a race makes equal indexes twice, harmlessly).</summary>
    public PeExportIndex Index => _index ??= PeExportIndex.Build(this, PeAddressMap.Names(_file));

    public override IReadOnlyList<ObjectFileProblem> Warnings => Index.Warnings;

    public override ExportWalk Walk() => new PeExportWalk(this, Index);

    public override ExportWalk Walk(ExportOrder order) => new PeExportWalk(this, Index, order);

    public uint FunctionRva(long slot) => BinaryPrimitives.ReadUInt32LittleEndian(File[(int)(FunctionsOffset + (4 * slot))..]);

    public uint NameRva(long index) => BinaryPrimitives.ReadUInt32LittleEndian(File[(int)(NamesOffset + (4 * index))..]);

    public ushort NameOrdinal(long index) => BinaryPrimitives.ReadUInt16LittleEndian(File[(int)(OrdinalsOffset + (2 * index))..]);

    /// <summary>A forwarder is an export whose RVA lies inside the export directory's own range.</summary>
    public bool IsForwarder(uint rva) => rva >= DirectoryRva && rva - DirectoryRva < DirectorySize;
}
