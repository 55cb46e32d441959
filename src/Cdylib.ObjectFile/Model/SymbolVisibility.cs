namespace Cdylib.ObjectFile;

/// <summary>ELF symbol visibility (st_other). Formats without the notion report Default.</summary>
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
}
