using System.Collections.Generic;

namespace Cdylib.ObjectFile.MachO;

/// <summary>
/// What a Mach-O image says about itself beyond the neutral summary (<see cref="BinarySummary.MachO"/>;
/// null for other formats): the header, segments and sections, the dylib load commands with their
/// versions, the build version, and where the exports and imports were read from. For a slice of a fat
/// (universal) file, also the fat header's slices and which one this is.
/// </summary>
/// <param name="CpuType">CPU_TYPE_* as stored; <see cref="BinarySummary.Machine"/> has its name.</param>
/// <param name="CpuSubtype">CPU_SUBTYPE_* as stored (capability bits included).</param>
/// <param name="Architecture">The architecture as lipo and <c>--arch</c> spell it: "x86_64", "arm64", "i386", ….</param>
/// <param name="FileType">MH_* (<see cref="MachONames.FileType"/> names it).</param>
/// <param name="Flags">MH_* header flags (<see cref="MachONames.HeaderFlags"/> names them).</param>
/// <param name="LoadCommandCount">ncmds as stored.</param>
/// <param name="LoadCommandsSize">sizeofcmds as stored.</param>
/// <param name="Segments">LC_SEGMENT / LC_SEGMENT_64 in file order, each with its sections.</param>
/// <param name="Dylibs">The dylib-loading commands in file order; the n-th is two-level namespace library ordinal n (1-based).</param>
public sealed record MachODetails(
    int CpuType,
    int CpuSubtype,
    string Architecture,
    uint FileType,
    uint Flags,
    uint LoadCommandCount,
    uint LoadCommandsSize,
    IReadOnlyList<MachOSegment> Segments,
    IReadOnlyList<MachODylib> Dylibs)
{
    /// <summary>LC_ID_DYLIB: the install name with its versions; null for a file that is not a dylib.</summary>
    public MachODylib? Id { get; init; }

    /// <summary>LC_UUID as "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (upper case, as dwarfdump prints it); null when absent.</summary>
    public string? Uuid { get; init; }

    /// <summary>LC_BUILD_VERSION's platform ("macos", "ios", …) or that implied by LC_VERSION_MIN_*; null when absent.</summary>
    public string? Platform { get; init; }

    /// <summary>The minimum OS version ("11.0.0") from LC_BUILD_VERSION or LC_VERSION_MIN_*; null when absent.</summary>
    public string? MinimumOSVersion { get; init; }

    /// <summary>The SDK version ("11.0.0") from LC_BUILD_VERSION or LC_VERSION_MIN_*; null when absent.</summary>
    public string? SdkVersion { get; init; }

    /// <summary>LC_MAIN's entryoff (a file offset in __TEXT); null when the file has no LC_MAIN.</summary>
    public ulong? EntryOffset { get; init; }

    /// <summary>Where the exports were read from: the dyld-info or LC_DYLD_EXPORTS_TRIE export trie, or the symbol table when there is none.</summary>
    public MachOTable ExportsFrom { get; init; }

    /// <summary>Where the imports were read from: dyld-info bind opcodes, the chained fixups' imports table, or the symbol table when there is neither.</summary>
    public MachOTable ImportsFrom { get; init; }

    /// <summary>The slice of the fat file this image was read from; null for a thin file.</summary>
    public MachOFatSlice? Slice { get; init; }

    /// <summary>Every slice of the fat file this image came from (in fat-header order); empty for a thin file.</summary>
    public IReadOnlyList<MachOFatSlice> FatSlices { get; init; } = [];

    /// <summary>True when the fat header is the 64-bit kind (FAT_MAGIC_64, <c>lipo -fat64</c>).</summary>
    public bool IsFat64 { get; init; }

    /// <summary>The vm address the image's __TEXT segment (the one mapping file offset 0) is linked at: export trie addresses are relative to it.</summary>
    public ulong ImageBase { get; init; }

    /// <summary>"object", "execute", "dylib", "bundle", …</summary>
    public string FileTypeName => MachONames.FileType(FileType);
}

/// <summary>Where a Mach-O reader took the exports or imports from.</summary>
public enum MachOTable
{
    /// <summary>The file has none of the tables.</summary>
    None,

    /// <summary>LC_DYLD_INFO / LC_DYLD_INFO_ONLY: the export trie, or the bind, weak-bind and lazy-bind opcodes.</summary>
    DyldInfo,

    /// <summary>LC_DYLD_EXPORTS_TRIE (the export trie of a file with chained fixups).</summary>
    ExportsTrie,

    /// <summary>LC_DYLD_CHAINED_FIXUPS: the imports table.</summary>
    ChainedFixups,

    /// <summary>LC_SYMTAB: external defined or undefined nlist entries (object files, old or stripped-of-dyld-info images).</summary>
    SymbolTable,
}

/// <summary>A segment (LC_SEGMENT or LC_SEGMENT_64).</summary>
/// <param name="MaxProtection">VM_PROT_* bits (1 read, 2 write, 4 execute).</param>
/// <param name="Name">"__TEXT", "__DATA", "__LINKEDIT", ….</param>
/// <param name="VmAddress">Where it is mapped.</param>
/// <param name="VmSize">Its size in memory.</param>
/// <param name="FileOffset">Where it starts in the slice.</param>
/// <param name="FileSize">Its bytes in the file.</param>
/// <param name="InitialProtection">VM_PROT_* bits it is mapped with.</param>
/// <param name="Flags">SG_* flags.</param>
/// <param name="Sections">Its section headers.</param>
public sealed record MachOSegment(
    string Name,
    ulong VmAddress,
    ulong VmSize,
    ulong FileOffset,
    ulong FileSize,
    uint MaxProtection,
    uint InitialProtection,
    uint Flags,
    IReadOnlyList<MachOSection> Sections);

/// <summary>A section header of a segment.</summary>
/// <param name="Offset">Its file offset (relative to the slice); 0 for zero-fill sections.</param>
/// <param name="Align">The alignment as a power of two.</param>
/// <param name="Flags">Section type (low byte) and S_ATTR_* attributes.</param>
/// <param name="Name">"__text", "__const", ….</param>
/// <param name="SegmentName">The segment it belongs to.</param>
/// <param name="Address">Where it is mapped.</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record MachOSection(string Name, string SegmentName, ulong Address, ulong Size, uint Offset, uint Align, uint Flags)
{
    /// <summary>True for code: S_ATTR_PURE_INSTRUCTIONS or S_ATTR_SOME_INSTRUCTIONS.</summary>
    public bool HasInstructions => (Flags & (MachO.MachOConstants.SectionAttrPureInstructions | MachO.MachOConstants.SectionAttrSomeInstructions)) != 0;

    /// <summary>True for S_THREAD_LOCAL_VARIABLES: the thread-local descriptors exported TLS symbols point at.</summary>
    public bool IsThreadLocalVariables => (Flags & MachO.MachOConstants.SectionTypeMask) == MachO.MachOConstants.SectionThreadLocalVariables;
}

/// <summary>A dylib load command: LC_ID_DYLIB, or one of the commands that load a library.</summary>
/// <param name="Command">The load command (<see cref="MachONames.LoadCommand"/> names it).</param>
/// <param name="Name">The install name, e.g. "@rpath/libfoo.dylib" or "/usr/lib/libSystem.B.dylib".</param>
/// <param name="Timestamp">The build timestamp as stored (usually 2 or 0).</param>
/// <param name="CurrentVersion">Packed xxxx.yy.zz (<see cref="MachONames.Version"/>).</param>
/// <param name="CompatibilityVersion">Packed xxxx.yy.zz.</param>
/// <param name="Ordinal">The two-level namespace library ordinal (1-based); 0 for LC_ID_DYLIB.</param>
public sealed record MachODylib(uint Command, string Name, uint Timestamp, uint CurrentVersion, uint CompatibilityVersion, int Ordinal)
{
    /// <summary>"1.2.3".</summary>
    public string CurrentVersionText => MachONames.Version(CurrentVersion);

    /// <summary>"1.0.0".</summary>
    public string CompatibilityVersionText => MachONames.Version(CompatibilityVersion);

    /// <summary>"LC_LOAD_DYLIB", "LC_LOAD_WEAK_DYLIB", ….</summary>
    public string CommandName => MachONames.LoadCommand(Command);
}

/// <summary>An entry of a fat (universal) header: one architecture's thin Mach-O image inside the file.</summary>
/// <param name="Index">Its position in the fat header.</param>
/// <param name="Architecture">"x86_64", "arm64", … (<see cref="MachONames.Architecture"/>).</param>
/// <param name="Offset">Where the slice starts in the file.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Align">The alignment as a power of two.</param>
/// <param name="CpuType">CPU_TYPE_* of the slice.</param>
/// <param name="CpuSubtype">CPU_SUBTYPE_* of the slice, with its capability bits.</param>
public sealed record MachOFatSlice(int Index, int CpuType, int CpuSubtype, string Architecture, ulong Offset, ulong Size, uint Align)
{
    /// <summary>"x86-64", "aarch64", … as <see cref="BinarySummary.Machine"/> spells it.</summary>
    public string Machine => MachONames.Machine(CpuType);
}
