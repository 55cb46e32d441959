namespace Cdylib.ObjectFile;

/// <summary>
/// A symbol version (ELF symbol versioning: .gnu.version with .gnu.version_d / .gnu.version_r).
/// </summary>
/// <param name="Name">The version name, e.g. "GLIBC_2.2.5" or "V2".</param>
/// <param name="IsDefault">
/// True for a definition that new links bind to (<c>name@@V2</c>). False for an older definition kept
/// for binaries linked against it (<c>name@V1</c>: the versym hidden bit 0x8000 is set) and for every
/// version that comes from a requirement (imports are always written <c>name@VERSION</c>).
/// </param>
/// <param name="Library">
/// For a version required from another file (ELF verneed): that file's name, e.g. "libc.so.6". Null for
/// a version this file defines.
/// </param>
public sealed record SymbolVersion(string Name, bool IsDefault, string? Library = null)
{
    /// <summary>The readelf/nm spelling of the symbol with this version: "name@@V2" or "name@V1".</summary>
    public string Decorate(string symbolName) => symbolName + (IsDefault ? "@@" : "@") + Name;

    /// <summary>The version as it follows a symbol name: "@@V2" or "@V1".</summary>
    public override string ToString() => (IsDefault ? "@@" : "@") + Name;
}
