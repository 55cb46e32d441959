using System;
using System.Collections.Generic;

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
    private readonly Image _image;

    /// <summary>The file <paramref name="image"/> holds, named <paramref name="name"/>.</summary>
    internal BinaryFile(string? name, Image image)
    {
        Name = name;
        _image = image;
    }

    /// <summary>The name the caller gave (usually the path); null if none.</summary>
    public string? Name { get; }

    /// <summary>What the file is: format, kind, machine, word size, byte order, its own name and search paths, and the format's header facts.</summary>
    public BinarySummary Summary => _image.Summary;

    /// <summary>Defined external symbols in symbol-table order, including the version markers (<see cref="SymbolKind.Version"/>).</summary>
    /// <remarks>ELF symbols, PE export tables and Mach-O export tries are turned into records on first use; <see cref="EnumerateExports()"/> walks them without doing so.</remarks>
    public IReadOnlyList<Export> Exports => _image.Exports;

    /// <summary>Undefined symbols in symbol-table order.</summary>
    public IReadOnlyList<Import> Imports => _image.Imports;

    /// <summary>Libraries the file needs, in file order.</summary>
    public IReadOnlyList<Dependency> Dependencies => _image.Dependencies;

    /// <summary>
    /// Problems in parts of the file that were skipped, as values (structure, offset, what is wrong; the
    /// <see cref="ObjectFileProblem.Message"/> is one line naming them). Empty for a well-formed file;
    /// non-empty means the lists above may be incomplete.
    /// </summary>
    public IReadOnlyList<ObjectFileProblem> Warnings => _image.Warnings;

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
    public ExportEnumerator EnumerateExports() => _image.EnumerateExports();

    /// <summary>
    /// As <see cref="EnumerateExports()"/>, in <paramref name="order"/>: <see cref="ExportOrder.NameTable"/>
    /// walks a PE file's exports in the order <c>dumpbin /exports</c> lists them, from the tables in place.
    /// </summary>
    public ExportEnumerator EnumerateExports(ExportOrder order) => _image.EnumerateExports(order);

    /// <summary>
    /// The name C source gives a symbol this file stores as <paramref name="storedName"/>: a Mach-O file
    /// stores C names with the leading underscore its compilers add (the global prefix "_"), which is
    /// removed here; ELF, PE and COFF files store C names as they are. A Mach-O name without the underscore
    /// (one C cannot spell) is returned as it is.
    /// </summary>
    public string SourceName(string storedName)
    {
        ArgumentNullException.ThrowIfNull(storedName);
        return Summary.Format == BinaryFormat.MachO && storedName.StartsWith('_') ? storedName[1..] : storedName;
    }

    /// <summary>
    /// Maps the file at <paramref name="path"/> read-only and reads its image (only the pages the reader needs
    /// are read): the file's only one, or the first slice of a fat Mach-O file (<see cref="BinaryContainer.Open"/>
    /// reads every slice).
    /// </summary>
    /// <exception cref="ObjectFileException">The file cannot be read, is not a supported binary, or its headers are malformed.</exception>
    public static BinaryFile Open(string path)
    {
        using var file = MappedFile.Open(path);
        var image = BinaryContainer.Parse(file.Memory, path).Images[0];

        // The map closes here: read everything that is still read lazily from it.
        image.ReadBeforeUnmapping();
        return image.Read();
    }

    /// <summary>
    /// Reads the image of a binary held in memory: the file's only one, or the first slice of a fat Mach-O
    /// file (<see cref="BinaryContainer.Parse"/> finds every slice).
    /// </summary>
    /// <param name="data">
    /// The whole file. An ELF file's symbol table, a PE file's export tables and a Mach-O export trie are
    /// walked only when the exports, imports or warnings are asked for, from <paramref name="data"/>: keep
    /// it valid and unchanged while using the result.
    /// </param>
    /// <param name="name">A name for the result and messages (usually the path); optional.</param>
    /// <exception cref="ObjectFileException">The data is not a supported binary, or its headers are malformed.</exception>
    public static BinaryFile Parse(ReadOnlyMemory<byte> data, string? name = null) =>
        BinaryContainer.Parse(data, name).Images[0].Read();

    /// <summary>The format announced by the magic number (for a COFF object: a known machine and sizes that fit), or null if it is none of ELF, PE, Mach-O, ar or COFF.</summary>
    public static BinaryFormat? DetectFormat(ReadOnlySpan<byte> data) => FormatDetector.Detect(data);
}
