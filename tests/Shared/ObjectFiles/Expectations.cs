using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>
/// Renders the reader's results and readelf's rows in one comparable line format, so a mismatch shows
/// up in the assertion diff as the exact symbol that differs.
/// </summary>
public static class Expectations
{
    /// <summary>readelf's type names mapped to the reader's kinds (the version-marker rule is applied by the caller).</summary>
    public static SymbolKind KindOf(string readelfType) => readelfType switch
    {
        "FUNC" => SymbolKind.Function,
        "IFUNC" => SymbolKind.IndirectFunction,
        "OBJECT" or "COMMON" => SymbolKind.Data,
        "TLS" => SymbolKind.ThreadLocal,
        _ => SymbolKind.Other,
    };

    public static SymbolBinding BindingOf(string readelfBind) => readelfBind switch
    {
        "GLOBAL" => SymbolBinding.Global,
        "WEAK" => SymbolBinding.Weak,
        "UNIQUE" => SymbolBinding.Unique,
        _ => SymbolBinding.Other,
    };

    public static SymbolVisibility VisibilityOf(string readelfVisibility) => readelfVisibility switch
    {
        "PROTECTED" => SymbolVisibility.Protected,
        "HIDDEN" => SymbolVisibility.Hidden,
        "INTERNAL" => SymbolVisibility.Internal,
        _ => SymbolVisibility.Default,
    };

    /// <summary>
    /// The exports readelf implies: every non-local defined symbol but the null one, in table order.
    /// readelf prints GNU ld's version markers (absolute symbols named like a version definition) without
    /// their version; the reader reports them as kind Version with their own version ("V1@@V1").
    /// </summary>
    public static List<string> ExportsFromReadelf(IEnumerable<ReadelfSymbol> symbols, IReadOnlySet<string> versionDefinitions) =>
        symbols.Where(s => s.Number != 0 && s.Bind != "LOCAL" && !s.IsUndefined)
            .Select(s => IsVersionMarker(s, versionDefinitions)
                ? ExportLine(s.Name, s.Value, s.Size, SymbolKind.Version, BindingOf(s.Bind), VisibilityOf(s.Visibility), "@@" + s.Name)
                : ExportLine(
                    s.Name,
                    s.Value,
                    s.Size,
                    KindOf(s.Type),
                    BindingOf(s.Bind),
                    VisibilityOf(s.Visibility),
                    s.Version is null ? "" : (s.IsDefaultVersion ? "@@" : "@") + s.Version))
            .ToList();

    public static bool IsVersionMarker(ReadelfSymbol symbol, IReadOnlySet<string> versionDefinitions) =>
        symbol.SectionIndex == "ABS" && symbol.Version is null && versionDefinitions.Contains(symbol.Name);

    public static List<string> ExportsFromReader(BinaryFile file) =>
        file.Exports.Select(e => ExportLine(e.Name, e.Address, e.Size, e.Kind, e.Binding, e.Visibility, e.Version?.ToString() ?? "")).ToList();

    /// <summary>The imports readelf implies; the library is the verneed file of the symbol's version index.</summary>
    public static List<string> ImportsFromReadelf(IEnumerable<ReadelfSymbol> symbols, IReadOnlyDictionary<int, string> needFiles) =>
        symbols.Where(s => s.Number != 0 && s.Bind != "LOCAL" && s.IsUndefined)
            .Select(s => ImportLine(
                s.Name,
                s.VersionIndex is int index && needFiles.TryGetValue(index, out var file) ? file : "",
                s.Version ?? "",
                KindOf(s.Type),
                BindingOf(s.Bind)))
            .ToList();

    public static List<string> ImportsFromReader(BinaryFile file) =>
        file.Imports.Select(i => ImportLine(i.Name, i.Library ?? "", i.Version?.Name ?? "", i.Kind, i.Binding)).ToList();

    private static string ExportLine(string name, ulong address, ulong size, SymbolKind kind, SymbolBinding binding, SymbolVisibility visibility, string version) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}{version} 0x{address:x} size={size} {kind} {binding} {visibility}");

    private static string ImportLine(string name, string library, string version, SymbolKind kind, SymbolBinding binding) =>
        $"{name}@{version} from '{library}' {kind} {binding}";
}
