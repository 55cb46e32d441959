using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Cdylib.ObjectFile.Pe;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.MachO;

/// <summary>
/// A Mach-O file's export trie, left in the file at parse time and walked (<see cref="MachOExportTrie"/>)
/// whenever the exports are asked for: by the enumerator, once to make <see cref="BinaryFile.Exports"/>,
/// and once for the warnings.
/// </summary>
/// <remarks>
/// The warnings come from any walk that reached the end (an enumeration, the one that made the list),
/// else from one that makes no record and decodes no name (the names are only assembled along the
/// path, which the walk's bounds need anyway): every walk to the end meets the same problems, so the
/// warnings do not depend on which question came first. They take the place the trie's problems had
/// when the trie was read at parse time, between the headers' and the imports'.
/// </remarks>
internal sealed class MachOTrieExports(
    ReadOnlyMemory<byte> trie, long fileOffset, MachODetails details, MachOSectionMap sections,
    IReadOnlyList<ObjectFileProblem> fatWarnings, ProblemGroups before, ProblemGroups after) : LazyExports
{
    private IReadOnlyList<ObjectFileProblem>? _warnings;
    private ProblemGroups? _walked;

    public override IReadOnlyList<ObjectFileProblem> Warnings => _warnings ??= Lines(_walked ?? WalkToEnd());

    public override ExportWalk Walk() => new MachOTrieExportWalk(new MachOExportTrie(trie, fileOffset, ProblemGroups.Detached()), details, sections, this);

    /// <summary>A walk reached the end: what it met is the trie's warnings.</summary>
    public void Finished(ProblemGroups problems) => _walked ??= problems;

    private ProblemGroups WalkToEnd()
    {
        var walk = new MachOExportTrie(trie, fileOffset, ProblemGroups.Detached());
        while (walk.MoveNext())
        {
        }

        return walk.Problems;
    }

    private List<ObjectFileProblem> Lines(ProblemGroups walked)
    {
        var lines = new List<ObjectFileProblem>(fatWarnings);
        var problems = new ProblemGroups(lines);
        problems.Merge(before);
        problems.Merge(walked);
        problems.Merge(after);
        problems.Flush();
        return lines.GetRange(fatWarnings.Count, lines.Count - fatWarnings.Count);
    }
}

/// <summary>The trie's terminals as exports: kind from the terminal's flags, else from the section the address is in.</summary>
internal sealed class MachOTrieExportWalk(MachOExportTrie trie, MachODetails details, MachOSectionMap sections, MachOTrieExports owner) : ExportWalk
{
    public override bool MoveNext()
    {
        if (!trie.MoveNext())
        {
            owner.Finished(trie.Problems);
            return false;
        }

        var entry = trie.Current;
        Binding = (entry.Flags & MachOConstants.ExportWeakDefinition) != 0 ? SymbolBinding.Weak : SymbolBinding.Global;

        // The flags are read in this order: a re-export, else an absolute value, else a stub and resolver.
        IsAbsolute = !entry.IsReexport && entry.Kind == MachOConstants.ExportKindAbsolute;
        (Address, Kind) = entry switch
        {
            { IsReexport: true } => (0UL, SymbolKind.Other),
            { Kind: MachOConstants.ExportKindAbsolute } => (entry.Address, SymbolKind.Other),
            { IsStubAndResolver: true } => (unchecked(details.ImageBase + entry.Address), SymbolKind.IndirectFunction),
            { Kind: MachOConstants.ExportKindThreadLocal } => (unchecked(details.ImageBase + entry.Address), SymbolKind.ThreadLocal),
            _ => (unchecked(details.ImageBase + entry.Address), sections.KindAt(unchecked(details.ImageBase + entry.Address))),
        };
        return true;
    }

    protected override ReadOnlySpan<byte> StoredName() => trie.CurrentName;

    public override Export ToExport()
    {
        var entry = trie.Current;
        string name = Encoding.UTF8.GetString(trie.CurrentName);
        string? forwardedTo = null;
        if (entry.IsReexport)
        {
            string library = MachOReader.LibraryName(details, entry.Other) ?? string.Create(CultureInfo.InvariantCulture, $"#{entry.Other}");
            forwardedTo = library + ":" + (entry.ImportNameAt < 0 ? name : Encoding.UTF8.GetString(trie.Bytes(entry.ImportNameAt, entry.ImportNameLength)));
        }

        // The flags are read in MoveNext's order: a re-export, else an absolute value, else a stub and resolver.
        bool hasResolver = !entry.IsReexport && !IsAbsolute && entry.IsStubAndResolver;
        return new Export(name, Address, 0, Kind, Binding, SymbolVisibility.Default, null)
        {
            ForwardedTo = forwardedTo,
            IsAbsolute = IsAbsolute,
            ResolverAddress = hasResolver ? unchecked(details.ImageBase + entry.Other) : null,
        };
    }
}
