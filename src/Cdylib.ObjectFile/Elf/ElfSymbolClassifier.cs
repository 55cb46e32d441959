using System;
using System.Collections.Generic;
using System.Text;

namespace Cdylib.ObjectFile.Elf;

/// <summary>Turns dynamic symbols into the neutral model: defined ones are exports, undefined ones imports.</summary>
/// <summary>Which lists a walk over a symbol table makes.</summary>
internal enum ElfLists
{
    None,

    /// <summary>Only the imports: safe only when decoding cannot run out of budget, or which names are lost would depend on it.</summary>
    Imports,
    Both,
}

internal static class ElfSymbolClassifier
{
    /// <summary>
    /// Sorts the symbols into exports and imports (the lists <paramref name="lists"/> asks for; with none,
    /// only checks them, allocating nothing) and returns the warnings the walk found. Local symbols and
    /// the null symbol are neither. Names that cannot be read are skipped and counted with the first
    /// error's message, so one bad name loses one symbol.
    /// </summary>
    public static (List<Export>? Exports, List<Import>? Imports, List<ObjectFileProblem> Warnings) Classify(ElfSymbolTable table, ElfLists lists)
    {
        var exports = lists == ElfLists.Both ? new List<Export>() : null;
        var imports = lists != ElfLists.None ? new List<Import>() : null;
        var tally = new ElfWalkTally();
        var entries = table.Entries;
        for (int i = 0; i < table.Count; i++)
        {
            var role = table.Classify(entries, i, out var symbol, out var version, out bool versionUnresolved);
            tally.Count(role, i, versionUnresolved);
            if (role is ElfEntryRole.None or ElfEntryRole.UnreadableName
                || (role == ElfEntryRole.Export ? exports is null : imports is null))
            {
                continue;
            }

            if (!table.Names.TryGet(symbol.NameOffset, out string name, out var problem))
            {
                // Readable, but over the decoding budget: lost like an unreadable name, with this problem.
                tally.Undecodable(problem!);
                continue;
            }

            if (role == ElfEntryRole.Export)
            {
                exports!.Add(new Export(name, symbol.Value, symbol.Size, ExportKind(table, symbol, version), Binding(symbol.Binding), Visibility(symbol.Visibility), version)
                {
                    IsAbsolute = symbol.IsAbsolute,
                });
            }
            else
            {
                imports!.Add(new Import(name, version?.Library, version, Kind(symbol.Type), Binding(symbol.Binding)));
            }
        }

        var warnings = tally.Finish(table);
        return (exports, imports, warnings);
    }

    /// <summary>The kind of a defined symbol: <see cref="SymbolKind.Version"/> for a version marker, else from its type.</summary>
    public static SymbolKind ExportKind(ElfSymbolTable table, in ElfSymbol symbol, SymbolVersion? version) =>
        IsVersionMarker(table, symbol, version) ? SymbolKind.Version : Kind(symbol.Type);

    /// <summary>
    /// GNU ld emits, for each version definition, an absolute symbol named like the version and bound
    /// to it (e.g. "V1.0", value 0). It exists so the loader can check a version is present; it is not
    /// an entry point, so it gets its own kind rather than posing as data. (The name is read only for
    /// an absolute symbol with a version of its own: a handful per library.)
    /// </summary>
    private static bool IsVersionMarker(ElfSymbolTable table, in ElfSymbol symbol, SymbolVersion? version) =>
        symbol.IsAbsolute && version is { Library: null }
        && table.TryName(symbol.Index, symbol.NameOffset, out var name, out _)
        && Encoding.UTF8.GetString(name) == version.Name;

    public static SymbolKind Kind(byte type) => type switch
    {
        ElfConstants.SttFunc => SymbolKind.Function,
        ElfConstants.SttGnuIfunc => SymbolKind.IndirectFunction,
        ElfConstants.SttObject or ElfConstants.SttCommon => SymbolKind.Data,
        ElfConstants.SttTls => SymbolKind.ThreadLocal,
        _ => SymbolKind.Other,
    };

    public static SymbolBinding Binding(byte binding) => binding switch
    {
        ElfConstants.StbGlobal => SymbolBinding.Global,
        ElfConstants.StbWeak => SymbolBinding.Weak,
        ElfConstants.StbGnuUnique => SymbolBinding.Unique,
        _ => SymbolBinding.Other,
    };

    public static SymbolVisibility Visibility(byte visibility) => visibility switch
    {
        1 => SymbolVisibility.Internal,
        2 => SymbolVisibility.Hidden,
        3 => SymbolVisibility.Protected,
        _ => SymbolVisibility.Default,
    };
}

/// <summary>
/// Counts what a walk over every entry of a symbol table found wrong, and turns it into the warnings
/// (one line each). The first walk to finish leaves them on the table, so the question is answered once.
/// </summary>
internal struct ElfWalkTally
{
    private int _unreadable;
    private int _firstUnreadable;
    private int _unresolvedVersions;
    private int _undecodable;
    private ObjectFileProblem? _firstUndecodable;

    public void Count(ElfEntryRole role, int index, bool versionUnresolved)
    {
        if (role == ElfEntryRole.UnreadableName)
        {
            _firstUnreadable = _unreadable++ == 0 ? index : _firstUnreadable;
        }
        else if (role != ElfEntryRole.None && versionUnresolved)
        {
            _unresolvedVersions++;
        }
    }

    public void Undecodable(ObjectFileProblem problem)
    {
        _firstUndecodable ??= problem;
        _undecodable++;
    }

    public readonly List<ObjectFileProblem> Finish(ElfSymbolTable table)
    {
        if (table.WalkWarnings is List<ObjectFileProblem> known && _undecodable == 0)
        {
            return known;
        }

        var warnings = new List<ObjectFileProblem>();
        if (_undecodable > 0)
        {
            warnings.Add(_firstUndecodable!.WithRepeats(_undecodable - 1, "symbols whose names were not decoded"));
        }

        if (_unreadable > 0)
        {
            // The first failure in the words StringTable uses for it.
            warnings.Add(table.Names.Unreadable(table[_firstUnreadable].NameOffset).WithRepeats(_unreadable - 1, "symbols with unreadable names"));
        }

        if (_unresolvedVersions > 0)
        {
            warnings.Add(ObjectFileProblem.General($"{_unresolvedVersions} dynamic symbols refer to version indices that no version definition or requirement declares; they are reported unversioned"));
        }

        table.WalkWarnings = warnings;
        return warnings;
    }
}
