namespace Cdylib.ObjectFile;

/// <summary>A symbol the file needs from elsewhere.</summary>
/// <param name="Name">The symbol name exactly as stored (not demangled, without version decoration). Empty for a PE import by ordinal only.</param>
/// <param name="Library">
/// The library the format says the symbol comes from: the PE import DLL, the Mach-O two-level namespace
/// library, the ELF verneed file of the symbol's version. Null when the format leaves it to the loader
/// (an unversioned ELF import binds to whichever loaded library defines it first).
/// </param>
/// <param name="Version">The required version (ELF), or null.</param>
/// <param name="Kind">Function, data, … as far as the file records it (ELF imports are often untyped).</param>
/// <param name="Binding">Weak imports may stay unresolved at run time.</param>
public sealed record Import(
    string Name,
    string? Library,
    SymbolVersion? Version,
    SymbolKind Kind,
    SymbolBinding Binding)
{
    /// <summary>True when the program still loads if nothing defines the symbol.</summary>
    public bool IsWeak => Binding == SymbolBinding.Weak;

    /// <summary>The import ordinal where the format has one (PE); null otherwise.</summary>
    public uint? Ordinal { get; init; }

    /// <summary>PE: the hint stored with an import by name (the likely index of the name in the DLL's export name table); null otherwise.</summary>
    public ushort? Hint { get; init; }

    /// <summary>True for a PE delay-load import: resolved on the first call, not when the file is loaded.</summary>
    public bool IsDelayLoad { get; init; }

    /// <summary>
    /// Mach-O: the two-level namespace library ordinal as stored: 1..n for the n-th dylib load command,
    /// 0 for the image itself, -1 for the main executable, -2 for a flat lookup, -3 for a weak-definition
    /// lookup; null for other formats and for Mach-O files without a two-level namespace.
    /// </summary>
    public int? LibraryOrdinal { get; init; }
}
