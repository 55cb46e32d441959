using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Unicode;

namespace Cdylib.ObjectFile;

/// <summary>
/// One walk over a file's exports that are not ELF symbols (PE export tables, a Mach-O export trie or
/// symbol table, or records already made): the enumerator drives it and <see cref="BinaryFile.Exports"/>
/// is built by driving it once, so the list and the enumeration are the same walk and cannot disagree.
/// </summary>
/// <remarks>
/// One virtual call per export is fine here (PE and Mach-O export hundreds to a few thousand names); the
/// ELF symbol table, which lists tens of thousands, keeps its own inlined path in <see cref="ExportEnumerator"/>.
/// </remarks>
internal abstract class ExportWalk
{
    public ulong Address { get; protected set; }

    public ulong Size { get; protected set; }

    public SymbolKind Kind { get; protected set; }

    public SymbolBinding Binding { get; protected set; } = SymbolBinding.Global;

    public SymbolVisibility Visibility { get; protected set; } = SymbolVisibility.Default;

    public SymbolVersion? Version { get; protected set; }

    /// <summary>The value is a constant, not an address in the image (<see cref="Export.IsAbsolute"/>).</summary>
    public bool IsAbsolute { get; protected set; }

    /// <summary>As <see cref="Export.Ordinal"/>.</summary>
    public uint? Ordinal { get; protected set; }

    /// <summary>As <see cref="Export.Hint"/>.</summary>
    public uint? Hint { get; protected set; }

    /// <summary>Whether <see cref="Export.ForwardedTo"/> is set (its string is <see cref="Utf8ForwardedTo"/>).</summary>
    public bool IsForwarded { get; protected set; }

    /// <summary>The forwarder string as valid UTF-8 (empty when not forwarded), as <see cref="Export.ForwardedTo"/> holds it.</summary>
    public virtual ReadOnlySpan<byte> Utf8ForwardedTo() => default;

    /// <summary>Steps to the next export; false when there is none.</summary>
    public abstract bool MoveNext();

    /// <summary>The current export's name as stored (UTF-8, or what the file holds), found only now.</summary>
    protected abstract ReadOnlySpan<byte> StoredName();

    /// <summary>The current export as a record, with the fields only its format has.</summary>
    public abstract Export ToExport();

    public virtual ReadOnlySpan<char> Name(NameBuffer buffer) => buffer.Decode(StoredName());

    public virtual ReadOnlySpan<byte> Utf8Name(NameBuffer buffer)
    {
        var stored = StoredName();
        return Utf8.IsValid(stored) ? stored : buffer.Encode(buffer.Decode(stored));
    }

    /// <summary>Every export of <paramref name="walk"/> as a record, in walk order.</summary>
    public static List<Export> ToList(ExportWalk walk)
    {
        var exports = new List<Export>();
        while (walk.MoveNext())
        {
            exports.Add(walk.ToExport());
        }

        return exports;
    }
}

/// <summary>A walk over records already made (archives, COFF objects, ELF lists once materialized).</summary>
internal sealed class ExportListWalk(IReadOnlyList<Export> list) : ExportWalk
{
    private int _index = -1;

    private Export Current => list[_index];

    public override bool MoveNext()
    {
        if (++_index >= list.Count)
        {
            return false;
        }

        var export = list[_index];
        Address = export.Address;
        Size = export.Size;
        Kind = export.Kind;
        Binding = export.Binding;
        Visibility = export.Visibility;
        Version = export.Version;
        IsAbsolute = export.IsAbsolute;
        Ordinal = export.Ordinal;
        Hint = export.Hint;
        IsForwarded = export.ForwardedTo is not null;
        return true;
    }

    public override ReadOnlySpan<byte> Utf8ForwardedTo() => Encoding.UTF8.GetBytes(Current.ForwardedTo ?? "");

    public override Export ToExport() => Current;

    public override ReadOnlySpan<char> Name(NameBuffer buffer) => Current.Name;

    public override ReadOnlySpan<byte> Utf8Name(NameBuffer buffer) => buffer.Encode(Current.Name);

    protected override ReadOnlySpan<byte> StoredName() => throw new NotSupportedException("names of records are strings");
}

/// <summary>
/// A file's exports kept in the file until they are asked for: walked by <see cref="BinaryFile.EnumerateExports()"/>,
/// made into <see cref="BinaryFile.Exports"/> by one walk on first use.
/// </summary>
internal abstract class LazyExports
{
    /// <summary>A fresh walk from the first export.</summary>
    public abstract ExportWalk Walk();

    /// <summary>A fresh walk in <paramref name="order"/>; tables with only one order walk that.</summary>
    public virtual ExportWalk Walk(ExportOrder order) => Walk();

    /// <summary>
    /// The warnings of the export tables (one line each, in the order the tables are read), the same
    /// whether the lists, an enumeration or the warnings were asked for first.
    /// </summary>
    public abstract IReadOnlyList<ObjectFileProblem> Warnings { get; }
}
