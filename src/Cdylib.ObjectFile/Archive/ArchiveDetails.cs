using System.Collections.Generic;

namespace Cdylib.ObjectFile.Archive;

/// <summary>
/// What an ar archive holds beyond the neutral summary (<see cref="BinarySummary.Archive"/>; null for other
/// formats): every member in file order with what it defines and needs, and the archive's symbol index.
/// </summary>
/// <param name="Variant">Which archiver's conventions the member names and index follow.</param>
/// <param name="Members">Every member in file order, the special ones (symbol index, long names) included.</param>
/// <param name="SymbolIndex">The symbol index (Microsoft's second linker member, sorted, when there is one; else "/", "/SYM64/" or "__.SYMDEF"): each symbol with the header offset of the member that defines it; empty when the archive has none.</param>
public sealed record ArchiveDetails(ArchiveVariant Variant, IReadOnlyList<ArchiveMember> Members, IReadOnlyList<ArchiveSymbol> SymbolIndex);

/// <summary>Whose conventions an archive follows.</summary>
public enum ArchiveVariant
{
    /// <summary>System V / GNU: "/" symbol index (big-endian), "//" long-name table, names ending in "/".</summary>
    Gnu,

    /// <summary>BSD / Darwin: "#1/NN" names stored after the header, "__.SYMDEF" symbol index.</summary>
    Bsd,

    /// <summary>Microsoft (link /lib, lib.exe, lld-link, llvm-lib): GNU names plus a second, little-endian "/" linker member with sorted symbols.</summary>
    Coff,
}

/// <summary>What an archive member holds.</summary>
public enum ArchiveMemberKind
{
    /// <summary>A symbol index ("/", "/SYM64/", "__.SYMDEF", the Microsoft second linker member, "/&lt;ECSYMBOLS&gt;/").</summary>
    SymbolIndex,

    /// <summary>The GNU long-name table ("//").</summary>
    LongNames,

    /// <summary>A COFF short import record: one DLL export (<see cref="ArchiveMember.ImportEntry"/>).</summary>
    ImportRecord,

    /// <summary>A COFF object (also bigobj), including GNU dlltool's import objects.</summary>
    CoffObject,

    /// <summary>An ELF relocatable object.</summary>
    ElfObject,

    /// <summary>A Mach-O object.</summary>
    MachOObject,

    /// <summary>Anything else (a text file, a nested archive, data the reader does not recognise, a member that could not be read).</summary>
    Other,
}

/// <summary>One member of an ar archive.</summary>
/// <param name="Name">The member name with long-name references resolved and the GNU trailing "/" removed.</param>
/// <param name="HeaderOffset">Where the member's 60-byte header starts in the file.</param>
/// <param name="DataOffset">Where its data starts (after the header, and after the name of a BSD "#1/NN" member).</param>
/// <param name="Size">The size of its data in bytes (without a BSD name).</param>
/// <param name="Kind">What the data is.</param>
public sealed record ArchiveMember(string Name, long HeaderOffset, long DataOffset, long Size, ArchiveMemberKind Kind)
{
    /// <summary>The processor of an object or import record ("x86-64", "aarch64", …); null for other members.</summary>
    public string? Machine { get; init; }

    /// <summary>The external symbols the member defines, in its symbol-table order (also in <see cref="BinaryFile.Exports"/>).</summary>
    public IReadOnlyList<Export> Exports { get; init; } = [];

    /// <summary>The symbols the member needs from elsewhere, in its symbol-table order (also in <see cref="BinaryFile.Imports"/>).</summary>
    public IReadOnlyList<Import> Imports { get; init; } = [];

    /// <summary>For a short import record or a GNU import object: the DLL export it stands for; null otherwise.</summary>
    public ImportLibraryEntry? ImportEntry { get; init; }
}

/// <summary>A symbol of the archive's symbol index.</summary>
/// <param name="Name">The symbol name.</param>
/// <param name="MemberOffset">The header offset of the member the index says defines it (-1 when a Microsoft index entry names no member).</param>
public sealed record ArchiveSymbol(string Name, long MemberOffset);

/// <summary>What kind of thing an import library entry imports (IMPORT_OBJECT_TYPE).</summary>
public enum ImportType
{
    /// <summary>IMPORT_OBJECT_CODE: a function; the library defines a thunk with the symbol's name and the "__imp_" pointer.</summary>
    Code,

    /// <summary>IMPORT_OBJECT_DATA: a variable, reached only through the "__imp_" pointer.</summary>
    Data,

    /// <summary>IMPORT_OBJECT_CONST: a constant, reached through the "__imp_" pointer.</summary>
    Const,

    /// <summary>A value the reader does not know (3).</summary>
    Unknown,
}

/// <summary>How the name looked up in the DLL follows from the symbol name (IMPORT_OBJECT_NAME_TYPE).</summary>
public enum ImportNameType
{
    /// <summary>IMPORT_OBJECT_ORDINAL: imported by ordinal; there is no name.</summary>
    Ordinal,

    /// <summary>IMPORT_OBJECT_NAME: the symbol name as is.</summary>
    Name,

    /// <summary>IMPORT_OBJECT_NAME_NO_PREFIX: the symbol name without its first '?', '@' or '_'.</summary>
    NoPrefix,

    /// <summary>IMPORT_OBJECT_NAME_UNDECORATE: without the prefix and from the first '@' on.</summary>
    Undecorate,

    /// <summary>IMPORT_OBJECT_NAME_EXPORTAS: a name stored after the DLL name.</summary>
    ExportAs,

    /// <summary>A value the reader does not know (5-7).</summary>
    Unknown,
}

/// <summary>
/// One DLL export as an import library describes it: from a COFF short import record (every field as
/// stored), or recovered from a GNU dlltool import object (its .idata sections).
/// </summary>
/// <param name="SymbolName">The public symbol without "__imp_": the thunk's name for code.</param>
/// <param name="DllName">The DLL that exports it.</param>
/// <param name="Type">Code, data or const.</param>
/// <param name="NameType">How <paramref name="ImportName"/> follows from the symbol; null for a GNU import object (which stores the name itself).</param>
/// <param name="ImportName">The name the loader looks up in the DLL; null for an import by ordinal.</param>
/// <param name="Ordinal">The ordinal for an import by ordinal; null otherwise.</param>
/// <param name="Hint">The hint stored with an import by name; null for one by ordinal.</param>
public sealed record ImportLibraryEntry(
    string SymbolName,
    string DllName,
    ImportType Type,
    ImportNameType? NameType,
    string? ImportName,
    ushort? Ordinal,
    ushort? Hint);
