namespace Cdylib.ObjectFile;

/// <summary>ELF symbol visibility (st_other), and Mach-O's private externs. Formats without the notion report Default.</summary>
public enum SymbolVisibility
{
    /// <summary>STV_DEFAULT: seen by other components, and may be preempted by them.</summary>
    Default,

    /// <summary>STV_INTERNAL: hidden, with processor-specific meaning beyond.</summary>
    Internal,

    /// <summary>STV_HIDDEN: not seen outside its component.</summary>
    Hidden,

    /// <summary>STV_PROTECTED: seen by other components, but not preempted by them.</summary>
    Protected,

    /// <summary>
    /// Mach-O N_PEXT in an object file: a private external, Mach-O's form of hidden. The other objects
    /// of the link see it; the linker makes it local to the image it links.
    /// </summary>
    PrivateExtern,
}
