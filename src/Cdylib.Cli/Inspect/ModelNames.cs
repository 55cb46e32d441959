using Cdylib.ObjectFile;
using Cdylib.ObjectFile.Archive;
using Cdylib.ObjectFile.MachO;

namespace Cdylib.Cli.Inspect;

/// <summary>
/// The words both output formats use for the reader's enums: lower-case identifiers that JSON consumers
/// can match on, and the upper-case labels the text report shows where dumpbin and readelf use them.
/// </summary>
internal static class ModelNames
{
    public static string Format(BinaryFormat format) => format switch
    {
        BinaryFormat.Elf => "elf",
        BinaryFormat.Pe => "pe",
        BinaryFormat.MachO => "macho",
        BinaryFormat.Archive => "archive",
        BinaryFormat.Coff => "coff",
        _ => "unknown",
    };

    public static string FormatLabel(BinaryFormat format) => format switch
    {
        BinaryFormat.Elf => "ELF",
        BinaryFormat.Pe => "PE/COFF",
        BinaryFormat.MachO => "Mach-O",
        BinaryFormat.Archive => "ar archive",
        BinaryFormat.Coff => "COFF",
        _ => "unknown",
    };

    public static string Kind(BinaryKind kind) => kind switch
    {
        BinaryKind.SharedLibrary => "shared-library",
        BinaryKind.Executable => "executable",
        BinaryKind.Relocatable => "relocatable",
        BinaryKind.Core => "core",
        BinaryKind.StaticLibrary => "static-library",
        BinaryKind.ImportLibrary => "import-library",
        _ => "unknown",
    };

    /// <summary>The "File Type:" line of the text report: dumpbin's own words for PE images ("DLL", "EXECUTABLE IMAGE").</summary>
    public static string FileType(BinarySummary summary) => (summary.Format, summary.Kind) switch
    {
        (BinaryFormat.Pe, BinaryKind.SharedLibrary) => "DLL",
        (BinaryFormat.Pe, BinaryKind.Executable) => "EXECUTABLE IMAGE",
        (BinaryFormat.Coff, BinaryKind.Relocatable) => "COFF OBJECT",
        _ => FileType(summary.Kind),
    };

    /// <summary>The "File Type:" line of the text report, worded as dumpbin does.</summary>
    public static string FileType(BinaryKind kind) => kind switch
    {
        BinaryKind.SharedLibrary => "SHARED LIBRARY",
        BinaryKind.Executable => "EXECUTABLE",
        BinaryKind.Relocatable => "RELOCATABLE OBJECT",
        BinaryKind.Core => "CORE DUMP",
        BinaryKind.StaticLibrary => "LIBRARY",
        BinaryKind.ImportLibrary => "IMPORT LIBRARY",
        _ => "UNKNOWN",
    };

    public static string Endianness(Endianness endianness) => endianness == ObjectFile.Endianness.Big ? "big" : "little";

    public static string SymbolKind(SymbolKind kind) => kind switch
    {
        ObjectFile.SymbolKind.Function => "function",
        ObjectFile.SymbolKind.IndirectFunction => "ifunc",
        ObjectFile.SymbolKind.Data => "data",
        ObjectFile.SymbolKind.ThreadLocal => "tls",
        ObjectFile.SymbolKind.Version => "version",
        _ => "other",
    };

    public static string Binding(SymbolBinding binding) => binding switch
    {
        SymbolBinding.Global => "global",
        SymbolBinding.Weak => "weak",
        SymbolBinding.Unique => "unique",
        _ => "other",
    };

    public static string Visibility(SymbolVisibility visibility) => visibility switch
    {
        SymbolVisibility.Internal => "internal",
        SymbolVisibility.Hidden => "hidden",
        SymbolVisibility.Protected => "protected",
        SymbolVisibility.PrivateExtern => "private-extern",
        _ => "default",
    };

    public static string SearchPathKind(SearchPathKind kind) => kind == ObjectFile.SearchPathKind.RunPath ? "runpath" : "rpath";

    public static string DependencyKind(DependencyKind kind) => kind switch
    {
        ObjectFile.DependencyKind.Needed => "needed",
        ObjectFile.DependencyKind.DelayLoad => "delay-load",
        ObjectFile.DependencyKind.Weak => "weak",
        ObjectFile.DependencyKind.Reexport => "reexport",
        ObjectFile.DependencyKind.Upward => "upward",
        _ => "other",
    };

    /// <summary>Where a Mach-O reader took the exports or imports from, in the words of the load command.</summary>
    public static string MachOTable(MachOTable table) => table switch
    {
        ObjectFile.MachO.MachOTable.DyldInfo => "dyld-info",
        ObjectFile.MachO.MachOTable.ExportsTrie => "exports-trie",
        ObjectFile.MachO.MachOTable.ChainedFixups => "chained-fixups",
        ObjectFile.MachO.MachOTable.SymbolTable => "symbol-table",
        _ => "none",
    };

    /// <summary>What an archive member is, as a lower-case identifier ("coff-object", "import-record", …).</summary>
    public static string MemberKind(ArchiveMemberKind kind) => kind switch
    {
        ArchiveMemberKind.SymbolIndex => "symbol-index",
        ArchiveMemberKind.LongNames => "long-names",
        ArchiveMemberKind.ImportRecord => "import-record",
        ArchiveMemberKind.CoffObject => "coff-object",
        ArchiveMemberKind.ElfObject => "elf-object",
        ArchiveMemberKind.MachOObject => "macho-object",
        _ => "other",
    };

    public static string ImportType(ImportType type) => type switch
    {
        ObjectFile.Archive.ImportType.Code => "code",
        ObjectFile.Archive.ImportType.Data => "data",
        ObjectFile.Archive.ImportType.Const => "const",
        _ => "unknown",
    };

    public static string ImportNameType(ImportNameType? type) => type switch
    {
        ObjectFile.Archive.ImportNameType.Ordinal => "ordinal",
        ObjectFile.Archive.ImportNameType.Name => "name",
        ObjectFile.Archive.ImportNameType.NoPrefix => "noprefix",
        ObjectFile.Archive.ImportNameType.Undecorate => "undecorate",
        ObjectFile.Archive.ImportNameType.ExportAs => "exportas",
        null => "stored",
        _ => "unknown",
    };

    /// <summary>What the format calls the library's own name.</summary>
    public static string OwnNameLabel(BinaryFormat format) => format switch
    {
        BinaryFormat.Elf => "SONAME",
        BinaryFormat.Pe => "DLL name",
        _ => "Install name",
    };

    /// <summary>The status of a resolved dependency as text and JSON spell it.</summary>
    public static string Resolution(ResolutionStatus status) => status switch
    {
        ResolutionStatus.Found => "found",
        ResolutionStatus.AlreadyLoaded => "already loaded",
        ResolutionStatus.NotFound => "not found",
        ResolutionStatus.ApiSet => "api set",
        _ => "unloadable",
    };

    /// <summary>The status of an import's binding as text and JSON spell it.</summary>
    public static string Provider(ProviderStatus status) => status switch
    {
        ProviderStatus.Provided => "provided",
        ProviderStatus.NotProvided => "not provided",
        ProviderStatus.WeakMissing => "weak, missing",
        ProviderStatus.LibraryMissing => "library missing",
        _ => "api set",
    };
}
