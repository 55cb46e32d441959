using System;
using System.Collections.Generic;
using Cdylib.ObjectFile.Elf;

namespace Cdylib.ObjectFile;

/// <summary>
/// A native binary read into the format-neutral model: what it is, what it exports and imports, and
/// which libraries it needs. <see cref="Parse"/> detects the format by its magic number and hands the
/// bytes to the format's reader (ELF, PE/COFF and Mach-O readers fill the same model).
/// </summary>
/// <remarks>
/// Reading never trusts the file: a header that cannot be read throws <see cref="ObjectFileException"/>;
/// a damaged table further in is skipped and reported in <see cref="Warnings"/>, so what could be read
/// is still returned.
/// </remarks>
public sealed class BinaryFile
{
    private readonly ElfSymbolTable? _symbolTable;
    private readonly LazyExports? _lazyExports;
    private readonly IReadOnlyList<ObjectFileProblem> _headerWarnings;
    private readonly IReadOnlyList<ObjectFileProblem> _laterWarnings = [];
    private IReadOnlyList<Export>? _exports;
    private IReadOnlyList<Import>? _imports;
    private IReadOnlyList<ObjectFileProblem>? _warnings;

    internal BinaryFile(
        string? name,
        BinarySummary summary,
        IReadOnlyList<Export> exports,
        IReadOnlyList<Import> imports,
        IReadOnlyList<Dependency> dependencies,
        IReadOnlyList<ObjectFileProblem> warnings)
    {
        Name = name;
        Summary = summary;
        _exports = exports;
        _imports = imports;
        Dependencies = dependencies;
        _headerWarnings = warnings;
        _warnings = warnings;
    }

    /// <summary>
    /// A file whose exports stay in the file until they are asked for. Its warnings are
    /// <paramref name="warningsBefore"/>, the export tables' and <paramref name="warningsAfter"/>, in that
    /// order (the order the tables were read in before the exports became lazy), each line once.
    /// </summary>
    internal BinaryFile(
        string? name,
        BinarySummary summary,
        LazyExports exports,
        IReadOnlyList<Import> imports,
        IReadOnlyList<Dependency> dependencies,
        IReadOnlyList<ObjectFileProblem> warningsBefore,
        IReadOnlyList<ObjectFileProblem> warningsAfter)
    {
        Name = name;
        Summary = summary;
        _lazyExports = exports;
        _imports = imports;
        Dependencies = dependencies;
        _headerWarnings = warningsBefore;
        _laterWarnings = warningsAfter;
    }

    /// <summary>A file whose symbols stay in <paramref name="symbolTable"/> until they are asked for.</summary>
    internal BinaryFile(
        string? name,
        BinarySummary summary,
        ElfSymbolTable? symbolTable,
        IReadOnlyList<Dependency> dependencies,
        IReadOnlyList<ObjectFileProblem> warnings)
    {
        Name = name;
        Summary = summary;
        Dependencies = dependencies;
        _headerWarnings = warnings;
        _symbolTable = symbolTable;
        if (symbolTable is null)
        {
            _exports = [];
            _imports = [];
            _warnings = warnings;
        }
    }

    /// <summary>The name the caller gave (usually the path); null if none.</summary>
    public string? Name { get; }

    public BinarySummary Summary { get; }

    /// <summary>Defined external symbols in symbol-table order, including the version markers (<see cref="SymbolKind.Version"/>).</summary>
    /// <remarks>ELF symbols, PE export tables and Mach-O export tries are turned into records on first use; <see cref="EnumerateExports"/> walks them without doing so.</remarks>
    public IReadOnlyList<Export> Exports => _exports ?? (_lazyExports is not null ? MaterializeExports() : Materialize().Exports);

    /// <summary>Undefined symbols in symbol-table order.</summary>
    public IReadOnlyList<Import> Imports => _imports ?? MaterializeImports();

    /// <summary>Libraries the file needs, in file order.</summary>
    public IReadOnlyList<Dependency> Dependencies { get; }

    /// <summary>
    /// Problems in parts of the file that were skipped, as values (structure, offset, what is wrong; the
    /// <see cref="ObjectFileProblem.Message"/> is one line naming them). Empty for a well-formed file;
    /// non-empty means the lists above may be incomplete.
    /// </summary>
    public IReadOnlyList<ObjectFileProblem> Warnings => _warnings ?? (_lazyExports is not null ? ExportTableWarnings() : SymbolWarnings());

    /// <summary>
    /// The exports, in the order and with the values of <see cref="Exports"/>, walked without making a
    /// record or a string per symbol: each name is decoded into one buffer the enumerator reuses. For an
    /// ELF, PE or Mach-O file read by <see cref="Parse"/>, the exports are read from <c>data</c> during
    /// the walk, which must therefore still be valid.
    /// </summary>
    /// <remarks>
    /// One difference, on hostile ELF files only: when names overlap so much that decoding them all would
    /// exceed the string table's budget, <see cref="Exports"/> stops decoding there (and says so in
    /// <see cref="Warnings"/>), while this walk, which decodes nothing, still names every export.
    /// </remarks>
    public ExportEnumerator EnumerateExports() =>
        _exports is not null ? new ExportEnumerator(new ExportListWalk(_exports))
        : _lazyExports is not null ? new ExportEnumerator(_lazyExports.Walk())
        : _symbolTable is not null ? new ExportEnumerator(_symbolTable)
        : new ExportEnumerator(new ExportListWalk(Exports));

    /// <summary>Maps the file at <paramref name="path"/> read-only and parses it (only the pages the reader needs are read).</summary>
    /// <exception cref="ObjectFileException">The file cannot be read, is not a supported binary, or its headers are malformed.</exception>
    public static BinaryFile Open(string path)
    {
        using var file = MappedFile.Open(path);
        var parsed = Parse(file.Memory, path);

        // The map closes here: read everything that is still read lazily from it.
        _ = parsed.Exports;
        _ = parsed.Warnings;
        return parsed;
    }

    /// <summary>Parses a binary held in memory.</summary>
    /// <param name="data">
    /// The whole file. An ELF file's symbol table, a PE file's export tables and a Mach-O export trie are
    /// walked only when the exports, imports or warnings are asked for, from <paramref name="data"/>: keep
    /// it valid and unchanged while using the result.
    /// </param>
    /// <param name="name">A name for the result and messages (usually the path); optional.</param>
    /// <exception cref="ObjectFileException">The data is not a supported binary, or its headers are malformed.</exception>
    public static BinaryFile Parse(ReadOnlyMemory<byte> data, string? name = null) =>
        DetectFormat(data.Span) switch
        {
            BinaryFormat.Elf => ElfReader.Read(data, name),
            BinaryFormat.Pe => Pe.PeReader.Read(data, name),
            BinaryFormat.MachO => MachO.MachOReader.Read(data, name),
            BinaryFormat.Archive => Archive.ArchiveReader.Read(data, name),
            BinaryFormat.Coff => Coff.CoffReader.Read(data, name),
            _ => throw new ObjectFileException(FormatDetector.DescribeUnknown(data.Span)),
        };

    /// <summary>
    /// The warnings when the lists have not been made: a walk that checks every name without decoding it
    /// (or the one an enumeration already finished) tells them, unless the names are so many bytes that
    /// only decoding them can tell whether they fit the decoding budget.
    /// </summary>
    private IReadOnlyList<ObjectFileProblem> SymbolWarnings()
    {
        var table = _symbolTable!;
        var walked = table.WalkWarnings ?? ElfSymbolClassifier.Classify(table, ElfLists.None).Warnings;
        if (table.NamesMightExceedBudget)
        {
            Materialize();
            return _warnings!;
        }

        return _warnings ??= Combine(_headerWarnings, walked);
    }

    /// <summary>The records of a lazy export table, made by one walk (a race makes equal lists twice, harmlessly).</summary>
    private IReadOnlyList<Export> MaterializeExports() => _exports = ExportWalk.ToList(_lazyExports!.Walk());

    /// <summary>The file's warnings around those of its lazy export tables, each line once (as the tables' readers flush them).</summary>
    private IReadOnlyList<ObjectFileProblem> ExportTableWarnings()
    {
        var tables = _lazyExports!.Warnings;
        if (tables.Count == 0 && _laterWarnings.Count == 0)
        {
            return _warnings = _headerWarnings;
        }

        var all = new List<ObjectFileProblem>(_headerWarnings);
        foreach (var line in (IEnumerable<ObjectFileProblem>)[.. tables, .. _laterWarnings])
        {
            if (!all.Contains(line))
            {
                all.Add(line);
            }
        }

        return _warnings = all;
    }

    /// <summary>
    /// An ELF file's imports alone (a listing of a large library's imports wants a few hundred of its tens
    /// of thousands of names), when decoding every name is sure to stay within the budget: then no name
    /// is lost either way, and the list is the one <see cref="Materialize"/> makes. Otherwise both lists,
    /// decoded in table order as always.
    /// </summary>
    private IReadOnlyList<Import> MaterializeImports()
    {
        var table = _symbolTable!;
        if (table.NamesMightExceedBudget)
        {
            return Materialize().Imports;
        }

        return _imports = ElfSymbolClassifier.Classify(table, ElfLists.Imports).Imports!;
    }

    /// <summary>Turns the symbol table into the lists (once; a race makes equal lists twice, harmlessly).</summary>
    private (IReadOnlyList<Export> Exports, IReadOnlyList<Import> Imports) Materialize()
    {
        var (exports, imports, warnings) = ElfSymbolClassifier.Classify(_symbolTable!, ElfLists.Both);
        _warnings = Combine(_headerWarnings, warnings);
        _imports = imports!;
        _exports = exports!;
        return (exports!, imports!);
    }

    private static IReadOnlyList<ObjectFileProblem> Combine(IReadOnlyList<ObjectFileProblem> first, List<ObjectFileProblem> second) =>
        second.Count == 0 ? first : [.. first, .. second];

    /// <summary>The format announced by the magic number (for a COFF object: a known machine and sizes that fit), or null if it is none of ELF, PE, Mach-O, ar or COFF.</summary>
    public static BinaryFormat? DetectFormat(ReadOnlySpan<byte> data) => FormatDetector.Detect(data);
}
