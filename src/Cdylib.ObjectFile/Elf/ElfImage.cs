using System.Collections.Generic;

namespace Cdylib.ObjectFile.Elf;

/// <summary>
/// An ELF file behind <see cref="BinaryFile"/>: its symbols stay in the symbol table (<see cref="ElfSymbolTable"/>)
/// until the exports, imports or warnings are asked for, and <see cref="EnumerateExports()"/> walks them in place.
/// </summary>
internal sealed class ElfImage : Image
{
    private readonly ElfSymbolTable? _table;
    private readonly IReadOnlyList<ObjectFileProblem> _headerWarnings;
    private IReadOnlyList<Export>? _exports;
    private IReadOnlyList<Import>? _imports;
    private IReadOnlyList<ObjectFileProblem>? _warnings;

    /// <param name="table">The dynamic symbols (or an object's .symtab); null when the file has none that could be read.</param>
    /// <param name="warnings">What reading the headers and tables found wrong.</param>
    /// <param name="summary">What the file is.</param>
    /// <param name="dependencies">DT_NEEDED, in file order.</param>
    public ElfImage(BinarySummary summary, IReadOnlyList<Dependency> dependencies, ElfSymbolTable? table, IReadOnlyList<ObjectFileProblem> warnings)
        : base(summary, dependencies)
    {
        _table = table;
        _headerWarnings = warnings;
        if (table is null)
        {
            _exports = [];
            _imports = [];
            _warnings = warnings;
        }
    }

    public override IReadOnlyList<Export> Exports => _exports ?? Materialize().Exports;

    public override IReadOnlyList<Import> Imports => _imports ?? MaterializeImports();

    public override IReadOnlyList<ObjectFileProblem> Warnings => _warnings ?? SymbolWarnings();

    public override ExportEnumerator EnumerateExports() =>
        _exports is not null ? new(new ExportListWalk(_exports)) : new(_table!);

    /// <summary>
    /// The warnings when the lists have not been made: a walk that checks every name without decoding it
    /// (or the one an enumeration already finished) tells them, unless the names are so many bytes that
    /// only looking them up can tell whether they fit the string table's budget.
    /// </summary>
    private IReadOnlyList<ObjectFileProblem> SymbolWarnings()
    {
        var table = _table!;
        var walked = table.WalkWarnings ?? ElfSymbolClassifier.Classify(table, ElfLists.None).Warnings;
        if (table.NamesMightExceedBudget)
        {
            Materialize();
            return _warnings!;
        }

        return _warnings ??= Combine(_headerWarnings, walked);
    }

    /// <summary>
    /// The imports alone (a listing of a large library's imports wants a few hundred of its tens of
    /// thousands of names), when looking every name up is sure to stay within the budget: then no name is
    /// lost either way, and the list is the one <see cref="Materialize"/> makes. Otherwise both lists,
    /// decoded in table order as always.
    /// </summary>
    private IReadOnlyList<Import> MaterializeImports()
    {
        var table = _table!;
        if (table.NamesMightExceedBudget)
        {
            return Materialize().Imports;
        }

        return _imports = ElfSymbolClassifier.Classify(table, ElfLists.Imports).Imports!;
    }

    /// <summary>Turns the symbol table into the lists (once; a race makes equal lists twice, harmlessly).</summary>
    private (IReadOnlyList<Export> Exports, IReadOnlyList<Import> Imports) Materialize()
    {
        var (exports, imports, warnings) = ElfSymbolClassifier.Classify(_table!, ElfLists.Both);
        _warnings = Combine(_headerWarnings, warnings);
        _imports = imports!;
        _exports = exports!;
        return (exports!, imports!);
    }

    private static IReadOnlyList<ObjectFileProblem> Combine(IReadOnlyList<ObjectFileProblem> first, List<ObjectFileProblem> second) =>
        second.Count == 0 ? first : [.. first, .. second];
}
