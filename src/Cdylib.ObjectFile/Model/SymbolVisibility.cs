namespace Cdylib.ObjectFile;

/// <summary>ELF symbol visibility (st_other). Formats without the notion report Default.</summary>
public enum SymbolVisibility
{
    Default,
    Internal,
    Hidden,
    Protected,
}
