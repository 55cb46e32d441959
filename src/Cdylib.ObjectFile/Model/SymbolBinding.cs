namespace Cdylib.ObjectFile;

/// <summary>How the dynamic linker treats a symbol of the same name defined in several places.</summary>
public enum SymbolBinding
{
    /// <summary>An ordinary external symbol (ELF STB_GLOBAL; every PE and most Mach-O exports).</summary>
    Global,

    /// <summary>May be overridden by a global definition, or left unresolved as an import (ELF STB_WEAK, Mach-O weak definitions/references).</summary>
    Weak,

    /// <summary>One definition per process however many libraries define it (ELF STB_GNU_UNIQUE).</summary>
    Unique,

    /// <summary>A binding the reader does not recognise (e.g. an OS-specific ELF binding).</summary>
    Other,
}
