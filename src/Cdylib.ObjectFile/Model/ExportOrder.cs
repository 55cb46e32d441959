namespace Cdylib.ObjectFile;

/// <summary>The order <see cref="BinaryFile.EnumerateExports(ExportOrder)"/> walks a file's exports in.</summary>
public enum ExportOrder
{
    /// <summary>The order of <see cref="BinaryFile.Exports"/>: symbol-table, export-trie or (PE) address-table order.</summary>
    File,

    /// <summary>
    /// For a PE file, the order <c>dumpbin /exports</c> lists them in: the named exports in name-table
    /// order (by hint: the table is sorted by name), then those exported by ordinal only, by ordinal.
    /// Other formats: as <see cref="File"/>.
    /// </summary>
    NameTable,
}
