namespace Cdylib.ObjectFile.Demangling;

/// <summary>
/// The bounds every scheme keeps, so a hostile name (deep nesting, back-references that expand
/// exponentially) costs bounded time and memory and gives the raw name back. The figures are far
/// above any real name: libLLVM's longest demangled export is under 4 KiB.
/// </summary>
internal static class DemangleLimits
{
    /// <summary>Longer stored names are not demangled at all.</summary>
    public const int MaxNameLength = 64 * 1024;

    /// <summary>How deep the parser may nest (templates in templates, function types in arguments).</summary>
    public const int MaxDepth = 256;

    /// <summary>The longest demangled text a scheme may produce before it gives up.</summary>
    public const int MaxOutputLength = 256 * 1024;
}
