namespace Cdylib.ObjectFile.Pe;

/// <summary>Numbers from the PE/COFF specification (winnt.h names) that the reader uses.</summary>
internal static class PeConstants
{
    public const int DosHeaderSize = 64;
    public const int NewHeaderPointerOffset = 0x3c; // e_lfanew
    public const uint PeSignature = 0x00004550; // "PE\0\0"
    public const int FileHeaderSize = 20;
    public const int SectionHeaderSize = 40;

    public const ushort Pe32Magic = 0x10b;
    public const ushort Pe32PlusMagic = 0x20b;
    public const ushort RomMagic = 0x107;

    public const ushort FileExecutableImage = 0x0002;
    public const ushort FileDll = 0x2000;

    public const uint ScnContainsCode = 0x00000020;
    public const uint ScnMemExecute = 0x20000000;

    public const int DirectoryExport = 0;
    public const int DirectoryImport = 1;
    public const int DirectoryBoundImport = 11;
    public const int DirectoryDelayImport = 13;
    public const int DirectoryClrRuntime = 14;
    public const int MaxDirectories = 16;

    public const int ExportDirectorySize = 40;
    public const int ImportDescriptorSize = 20;
    public const int DelayImportDescriptorSize = 32;
    public const int BoundImportDescriptorSize = 8;

    /// <summary>Delay-load descriptor attribute: the fields are RVAs (dliRvaBased); VC6-era descriptors hold VAs instead.</summary>
    public const uint DelayRvaBased = 1;
}
