using System.Collections.Generic;

namespace Cdylib.ObjectFile;

/// <summary>
/// What a format's reader leaves behind <see cref="BinaryFile"/>: the summary and dependencies it read,
/// and the symbol lists and warnings as that format keeps them until they are asked for. One kind per
/// way of reading: <see cref="Elf.ElfImage"/> (an ELF symbol table read in place), <see cref="TableImage"/>
/// (PE export tables and Mach-O export tries or symbol tables, walked in place; imports read at parse
/// time) and <see cref="ListImage"/> (archives and COFF: the lists made at parse time).
/// </summary>
internal abstract class Image(BinarySummary summary, IReadOnlyList<Dependency> dependencies)
{
    public BinarySummary Summary { get; } = summary;

    public IReadOnlyList<Dependency> Dependencies { get; } = dependencies;

    public abstract IReadOnlyList<Export> Exports { get; }

    public abstract IReadOnlyList<Import> Imports { get; }

    public abstract IReadOnlyList<ObjectFileProblem> Warnings { get; }

    public abstract ExportEnumerator EnumerateExports();

    /// <summary>The exports in <paramref name="order"/>; only export tables with a second order (PE) override this.</summary>
    public virtual ExportEnumerator EnumerateExports(ExportOrder order) => EnumerateExports();
}

/// <summary>An image whose lists were made as it was read (archives, COFF objects and import records).</summary>
internal sealed class ListImage(
    BinarySummary summary,
    IReadOnlyList<Dependency> dependencies,
    IReadOnlyList<Export> exports,
    IReadOnlyList<Import> imports,
    IReadOnlyList<ObjectFileProblem> warnings) : Image(summary, dependencies)
{
    public override IReadOnlyList<Export> Exports => exports;

    public override IReadOnlyList<Import> Imports => imports;

    public override IReadOnlyList<ObjectFileProblem> Warnings => warnings;

    public override ExportEnumerator EnumerateExports() => new(new ExportListWalk(exports));
}

/// <summary>
/// An image whose exports stay in the file until they are asked for (a PE file's export tables, a Mach-O
/// export trie or symbol table: <see cref="LazyExports"/>), its imports made as it was read. Its warnings
/// are <paramref name="warningsBefore"/>, the export tables' and <paramref name="warningsAfter"/>, in that
/// order (the order the tables were read in before the exports became lazy), each once.
/// </summary>
internal sealed class TableImage(
    BinarySummary summary,
    IReadOnlyList<Dependency> dependencies,
    LazyExports exports,
    IReadOnlyList<Import> imports,
    IReadOnlyList<ObjectFileProblem> warningsBefore,
    IReadOnlyList<ObjectFileProblem> warningsAfter) : Image(summary, dependencies)
{
    private IReadOnlyList<Export>? _exports;
    private IReadOnlyList<ObjectFileProblem>? _warnings;

    /// <summary>The records, made by one walk (a race makes equal lists twice, harmlessly).</summary>
    public override IReadOnlyList<Export> Exports => _exports ??= ExportWalk.ToList(exports.Walk());

    public override IReadOnlyList<Import> Imports => imports;

    public override IReadOnlyList<ObjectFileProblem> Warnings => _warnings ??= Combine();

    public override ExportEnumerator EnumerateExports() =>
        _exports is not null ? new(new ExportListWalk(_exports)) : new(exports.Walk());

    /// <summary>Another order than the file's is walked from the tables, whether or not the records were made.</summary>
    public override ExportEnumerator EnumerateExports(ExportOrder order) =>
        order == ExportOrder.File ? EnumerateExports() : new(exports.Walk(order));

    /// <summary>The image's warnings around those of its export tables, each once (as the tables' readers flush them).</summary>
    private IReadOnlyList<ObjectFileProblem> Combine()
    {
        var tables = exports.Warnings;
        if (tables.Count == 0 && warningsAfter.Count == 0)
        {
            return warningsBefore;
        }

        var all = new List<ObjectFileProblem>(warningsBefore);
        foreach (var problem in (IEnumerable<ObjectFileProblem>)[.. tables, .. warningsAfter])
        {
            if (!all.Contains(problem))
            {
                all.Add(problem);
            }
        }

        return all;
    }
}
