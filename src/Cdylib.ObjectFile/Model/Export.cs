namespace Cdylib.ObjectFile;

/// <summary>A symbol the file defines for others to use.</summary>
/// <param name="Name">The symbol name exactly as stored (not demangled, without version decoration).</param>
/// <param name="Address">The symbol value: a virtual address (an RVA for PE), a TLS offset for thread-local symbols, 0 for version markers.</param>
/// <param name="Size">The size in bytes the format records (ELF st_size); 0 when unknown.</param>
/// <param name="Kind">Function, data, …; <see cref="SymbolKind.Version"/> for GNU ld's version-definition markers.</param>
/// <param name="Binding">Global, weak or unique.</param>
/// <param name="Visibility">ELF visibility; Default for other formats.</param>
/// <param name="Version">The symbol version, or null for an unversioned symbol.</param>
public sealed record Export(
    string Name,
    ulong Address,
    ulong Size,
    SymbolKind Kind,
    SymbolBinding Binding,
    SymbolVisibility Visibility,
    SymbolVersion? Version)
{
    /// <summary>True when the value is not an address in the file (ELF SHN_ABS), e.g. the version markers.</summary>
    public bool IsAbsolute { get; init; }

    /// <summary>The export ordinal where the format has one (PE); null for ELF.</summary>
    public uint? Ordinal { get; init; }

    /// <summary>"LIB.name" for a PE forwarder or a Mach-O re-export; null when the file defines the symbol itself.</summary>
    public string? ForwardedTo { get; init; }

    /// <summary>PE: the index of the name in the export name pointer table (what importers store as their hint); null for an export by ordinal only and for other formats.</summary>
    public uint? Hint { get; init; }

    /// <summary>Mach-O stub-and-resolver export: the address of the resolver function that picks the implementation at load time (the export's address is the stub); null otherwise.</summary>
    public ulong? ResolverAddress { get; init; }

    /// <summary>Import libraries: the DLL whose export this symbol stands for (the short import record's DLL name, or the DLL of a GNU import object); null otherwise.</summary>
    public string? Library { get; init; }
}
