namespace Cdylib.ObjectFile;

/// <summary>What a symbol names, in format-neutral terms.</summary>
public enum SymbolKind
{
    /// <summary>Anything else: an untyped symbol (ELF STT_NOTYPE), a section or file symbol, an unknown type.</summary>
    Other,

    /// <summary>Code (ELF STT_FUNC).</summary>
    Function,

    /// <summary>A function whose address a resolver picks at load time (ELF STT_GNU_IFUNC).</summary>
    IndirectFunction,

    /// <summary>A variable or other data object (ELF STT_OBJECT and STT_COMMON).</summary>
    Data,

    /// <summary>A thread-local variable (ELF STT_TLS); its address is an offset in the TLS block.</summary>
    ThreadLocal,

    /// <summary>
    /// Not a real symbol: the marker GNU ld emits for each version definition (an absolute symbol with
    /// value 0 named like the version, e.g. "V1.0", versioned with itself). Reported so that tools can
    /// list what versions a library defines, and kept apart so nobody mistakes it for an entry point.
    /// </summary>
    Version,
}
