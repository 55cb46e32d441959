using System.Collections.Generic;

namespace Cdylib.ObjectFile.Pe;

/// <summary>
/// What a PE image says about itself beyond the neutral summary: the COFF and optional header fields
/// dumpbin /headers shows, the section table, and the raw descriptors behind the exports and imports
/// (<see cref="BinarySummary.Pe"/>; null for other formats).
/// </summary>
/// <param name="Machine">IMAGE_FILE_MACHINE_* as stored; <see cref="BinarySummary.Machine"/> has its name.</param>
/// <param name="TimeDateStamp">Seconds since 1970 (UTC) when linked, or a hash for reproducible builds (/Brepro).</param>
/// <param name="Characteristics">IMAGE_FILE_* flags (<see cref="PeNames.Characteristics"/> names them).</param>
/// <param name="ImageBase">The preferred load address.</param>
/// <param name="EntryPoint">AddressOfEntryPoint (an RVA); 0 when the image has none.</param>
/// <param name="Subsystem">IMAGE_SUBSYSTEM_* (<see cref="PeNames.Subsystem"/> names it).</param>
/// <param name="DllCharacteristics">IMAGE_DLLCHARACTERISTICS_* flags (<see cref="PeNames.DllCharacteristics"/> names them).</param>
/// <param name="LinkerVersion">Major.minor linker version, e.g. "14.44".</param>
/// <param name="OperatingSystemVersion">Major.minor of the required Windows version.</param>
/// <param name="SubsystemVersion">Major.minor of the required subsystem version.</param>
/// <param name="SectionAlignment">Alignment of sections in memory.</param>
/// <param name="FileAlignment">Alignment of section data in the file.</param>
/// <param name="SizeOfImage">Size of the image in memory.</param>
/// <param name="SizeOfHeaders">Size of the headers (DOS stub, PE headers, section table) in the file.</param>
/// <param name="CheckSum">The image checksum; 0 for most user-mode images.</param>
/// <param name="DataDirectories">The optional header's data directories in index order (export, import, resource, …), as many as it holds (at most 16).</param>
/// <param name="Sections">The section table in file order.</param>
public sealed record PeDetails(
    ushort Machine,
    uint TimeDateStamp,
    ushort Characteristics,
    ulong ImageBase,
    uint EntryPoint,
    ushort Subsystem,
    ushort DllCharacteristics,
    string LinkerVersion,
    string OperatingSystemVersion,
    string SubsystemVersion,
    uint SectionAlignment,
    uint FileAlignment,
    uint SizeOfImage,
    uint SizeOfHeaders,
    uint CheckSum,
    IReadOnlyList<PeDataDirectory> DataDirectories,
    IReadOnlyList<PeSection> Sections)
{
    /// <summary>The export directory's header fields; null when the image has no (readable) export directory.</summary>
    public PeExportDirectory? ExportDirectory { get; init; }

    /// <summary>
    /// The import descriptors and then the delay-load descriptors, in file order. Each names the slice of
    /// <see cref="BinaryFile.Imports"/> that came from it (<see cref="PeImportDescriptor.FirstImport"/>, <see cref="PeImportDescriptor.ImportCount"/>).
    /// </summary>
    public IReadOnlyList<PeImportDescriptor> ImportDescriptors { get; init; } = [];

    /// <summary>The bound import directory (IMAGE_BOUND_IMPORT_DESCRIPTOR): the DLL versions the imports were pre-resolved against.</summary>
    public IReadOnlyList<PeBoundImport> BoundImports { get; init; } = [];

    /// <summary>True for a .NET (IL or mixed-mode) assembly: the CLR runtime header directory is present.</summary>
    public bool HasClrHeader => DataDirectories.Count > 14 && DataDirectories[14].Rva != 0;

    /// <summary>"windows-gui", "windows-cui", "native", …</summary>
    public string SubsystemName => PeNames.Subsystem(Subsystem);
}

/// <summary>One entry of the optional header's data directory table: where a table lives in the image (an RVA) and its size.</summary>
public sealed record PeDataDirectory(uint Rva, uint Size);

/// <summary>A section header (IMAGE_SECTION_HEADER).</summary>
/// <param name="Name">The 8-byte name without its NUL padding (".text", ".rdata", …); "/N" long names are kept as stored.</param>
/// <param name="VirtualAddress">The section's RVA.</param>
/// <param name="VirtualSize">Its size in memory (0: take <paramref name="SizeOfRawData"/>).</param>
/// <param name="PointerToRawData">Where its data starts in the file.</param>
/// <param name="SizeOfRawData">How many bytes of it the file holds; the rest of the memory image is zero.</param>
/// <param name="Characteristics">IMAGE_SCN_* flags (<see cref="PeNames.SectionCharacteristics"/> names them).</param>
public sealed record PeSection(string Name, uint VirtualAddress, uint VirtualSize, uint PointerToRawData, uint SizeOfRawData, uint Characteristics)
{
    /// <summary>True when the section holds code the loader maps executable (IMAGE_SCN_MEM_EXECUTE or IMAGE_SCN_CNT_CODE).</summary>
    public bool IsExecutable => (Characteristics & (Pe.PeConstants.ScnMemExecute | Pe.PeConstants.ScnContainsCode)) != 0;
}

/// <summary>The header of the export directory (IMAGE_EXPORT_DIRECTORY), as dumpbin /exports prints it above the table.</summary>
/// <param name="Rva">Where the directory is (data directory 0); with <paramref name="Size"/> it bounds the forwarder strings.</param>
/// <param name="Size">The directory's size from the data directory.</param>
/// <param name="Name">The DLL's own name, or null when it cannot be read.</param>
/// <param name="OrdinalBase">The ordinal of the first export address table entry.</param>
/// <param name="NumberOfFunctions">Entries of the export address table (including empty slots).</param>
/// <param name="NumberOfNames">Entries of the name pointer table.</param>
/// <param name="Characteristics">Reserved, 0 as written by linkers.</param>
/// <param name="TimeDateStamp">When the export data was created (seconds since 1970), often 0 or a hash for reproducible builds.</param>
/// <param name="MajorVersion">The version the user set, 0 by default.</param>
/// <param name="MinorVersion">The version the user set, 0 by default.</param>
/// <param name="AddressTableRva">Where the export address table is.</param>
/// <param name="NameTableRva">Where the name pointer table is.</param>
/// <param name="OrdinalTableRva">Where the ordinal table is.</param>
public sealed record PeExportDirectory(
    uint Rva,
    uint Size,
    uint Characteristics,
    uint TimeDateStamp,
    ushort MajorVersion,
    ushort MinorVersion,
    string? Name,
    uint OrdinalBase,
    uint NumberOfFunctions,
    uint NumberOfNames,
    uint AddressTableRva,
    uint NameTableRva,
    uint OrdinalTableRva);

/// <summary>
/// An import descriptor (IMAGE_IMPORT_DESCRIPTOR) or a delay-load descriptor (ImgDelayDescr): one DLL and
/// the tables the loader fills in for it. Addresses are RVAs (also for old delay-load descriptors that
/// store virtual addresses: the reader converts them).
/// </summary>
/// <param name="DllName">The DLL as named in the file, e.g. "KERNEL32.dll".</param>
/// <param name="IsDelayLoad">True for a delay-load descriptor (data directory 13).</param>
/// <param name="ImportNameTableRva">The import lookup/name table (OriginalFirstThunk; 0 when only the address table exists).</param>
/// <param name="ImportAddressTableRva">The import address table (FirstThunk).</param>
/// <param name="TimeDateStamp">0 unless bound (then the bound DLL's stamp, or 0xFFFFFFFF for new-style binding).</param>
/// <param name="ForwarderChain">Index of the first forwarder reference (0xFFFFFFFF or 0 when none); 0 for delay-load descriptors.</param>
/// <param name="FirstImport">Index in <see cref="BinaryFile.Imports"/> of this descriptor's first import.</param>
/// <param name="ImportCount">How many imports follow from it.</param>
public sealed record PeImportDescriptor(
    string DllName,
    bool IsDelayLoad,
    uint ImportNameTableRva,
    uint ImportAddressTableRva,
    uint TimeDateStamp,
    uint ForwarderChain,
    int FirstImport,
    int ImportCount)
{
    /// <summary>Delay-load attributes (bit 0: the descriptor holds RVAs); 0 for ordinary imports.</summary>
    public uint Attributes { get; init; }

    /// <summary>Delay-load: where the loaded module's handle is stored (an RVA); 0 otherwise.</summary>
    public uint ModuleHandleRva { get; init; }

    /// <summary>Delay-load: the optional bound import address table; 0 otherwise.</summary>
    public uint BoundImportAddressTableRva { get; init; }

    /// <summary>Delay-load: the optional copy of the address table for unloading; 0 otherwise.</summary>
    public uint UnloadInformationTableRva { get; init; }
}

/// <summary>An entry of the bound import directory: a DLL the imports were bound to, with the stamp of the version bound against.</summary>
public sealed record PeBoundImport(string DllName, uint TimeDateStamp, IReadOnlyList<PeBoundForwarder> Forwarders);

/// <summary>A DLL that a bound DLL forwards some of the bound imports to (IMAGE_BOUND_FORWARDER_REF).</summary>
public sealed record PeBoundForwarder(string DllName, uint TimeDateStamp);
