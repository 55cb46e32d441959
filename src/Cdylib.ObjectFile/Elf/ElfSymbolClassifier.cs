using System.Collections.Generic;

namespace Cdylib.ObjectFile.Elf;

/// <summary>Turns dynamic symbols into the neutral model: defined ones are exports, undefined ones imports.</summary>
internal static class ElfSymbolClassifier
{
    /// <summary>
    /// Sorts the symbols into exports and imports. Local symbols (section symbols GNU ld leaves in
    /// .dynsym) and the null symbol are neither. Names that cannot be read are skipped and counted in
    /// <paramref name="warnings"/> with the first error's message, so one bad name loses one symbol.
    /// </summary>
    public static (List<Export> Exports, List<Import> Imports) Classify(
        ElfSymbol[] symbols, ElfStringTable names, ElfSymbolVersions versions, List<string> warnings)
    {
        var exports = new List<Export>();
        var imports = new List<Import>();
        int unreadable = 0;
        string? firstError = null;

        foreach (var symbol in symbols)
        {
            if (symbol.Index == 0 || symbol.Binding == ElfConstants.StbLocal)
            {
                continue;
            }

            string name;
            try
            {
                name = names.Get(symbol.NameOffset);
            }
            catch (ObjectFileException e)
            {
                unreadable++;
                firstError ??= e.Message;
                continue;
            }

            var version = versions.Resolve(symbol.Index);
            var binding = Binding(symbol.Binding);
            if (symbol.IsDefined)
            {
                var kind = IsVersionMarker(symbol, name, version) ? SymbolKind.Version : Kind(symbol.Type);
                exports.Add(new Export(name, symbol.Value, symbol.Size, kind, binding, Visibility(symbol.Visibility), version)
                {
                    IsAbsolute = symbol.IsAbsolute,
                });
            }
            else
            {
                imports.Add(new Import(name, version?.Library, version, Kind(symbol.Type), binding));
            }
        }

        if (unreadable > 0)
        {
            warnings.Add(unreadable == 1 ? firstError! : $"{firstError} (and {unreadable - 1} more symbols with unreadable names)");
        }

        if (versions.UnresolvedCount > 0)
        {
            warnings.Add($"{versions.UnresolvedCount} dynamic symbols refer to version indices that no version definition or requirement declares; they are reported unversioned");
        }

        return (exports, imports);
    }

    /// <summary>
    /// GNU ld emits, for each version definition, an absolute symbol named like the version and bound
    /// to it (e.g. "V1.0", value 0). It exists so the loader can check a version is present; it is not
    /// an entry point, so it gets its own kind rather than posing as data.
    /// </summary>
    private static bool IsVersionMarker(ElfSymbol symbol, string name, SymbolVersion? version) =>
        symbol.IsAbsolute && version is { Library: null } && version.Name == name;

    private static SymbolKind Kind(byte type) => type switch
    {
        ElfConstants.SttFunc => SymbolKind.Function,
        ElfConstants.SttGnuIfunc => SymbolKind.IndirectFunction,
        ElfConstants.SttObject or ElfConstants.SttCommon => SymbolKind.Data,
        ElfConstants.SttTls => SymbolKind.ThreadLocal,
        _ => SymbolKind.Other,
    };

    private static SymbolBinding Binding(byte binding) => binding switch
    {
        ElfConstants.StbGlobal => SymbolBinding.Global,
        ElfConstants.StbWeak => SymbolBinding.Weak,
        ElfConstants.StbGnuUnique => SymbolBinding.Unique,
        _ => SymbolBinding.Other,
    };

    private static SymbolVisibility Visibility(byte visibility) => visibility switch
    {
        1 => SymbolVisibility.Internal,
        2 => SymbolVisibility.Hidden,
        3 => SymbolVisibility.Protected,
        _ => SymbolVisibility.Default,
    };
}
