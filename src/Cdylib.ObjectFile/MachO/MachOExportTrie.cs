using System;
using System.Collections.Generic;
using System.Globalization;
using Cdylib.ObjectFile.Pe;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.MachO;

/// <summary>One terminal of the export trie: what its terminal node says (the name is the walk's current one).</summary>
/// <param name="Address">Offset from the image base (regular, thread-local, stub-and-resolver), the value itself (absolute); 0 for a re-export.</param>
/// <param name="Other">The library ordinal of a re-export, the resolver's offset of a stub-and-resolver export; 0 otherwise.</param>
/// <param name="ImportNameAt">Where a re-export's name in the other library starts in the trie; -1 when it is the same name (or not a re-export).</param>
/// <param name="Flags">EXPORT_SYMBOL_FLAGS_*: the kind (regular, thread-local, absolute), weak, re-export, stub-and-resolver.</param>
/// <param name="ImportNameLength">The length of that name in bytes; 0 when there is none.</param>
internal readonly record struct MachOTrieEntry(ulong Flags, ulong Address, ulong Other, long ImportNameAt, int ImportNameLength)
{
    public bool IsReexport => (Flags & MachOConstants.ExportReexport) != 0;

    public bool IsStubAndResolver => (Flags & MachOConstants.ExportStubAndResolver) != 0;

    public ulong Kind => Flags & MachOConstants.ExportKindMask;
}

/// <summary>
/// One walk of the export trie (dyld's compact prefix tree of exported names): each node holds an
/// optional terminal (flags, then an address, a re-export or a stub and resolver) and edges labelled
/// with the next part of the name. Walked depth first with an explicit stack, terminals before
/// children, edges in stored order, one terminal per <see cref="MoveNext"/>; the current name is
/// assembled in one buffer along the current path, so walking allocates nothing per export.
/// </summary>
/// <remarks>
/// Child offsets may point anywhere in the trie (linkers write parents after children too), so the
/// walk does not require them to go forward; instead a child that is already on the current path is a
/// loop and is skipped with a warning. A hostile trie can still share subtrees between many parents
/// (exponentially many paths through few nodes), so the walk stops after visiting as many nodes as the
/// trie could hold distinct ones, and after naming exports worth a multiple of its size. The name
/// buffer holds one path of distinct nodes, so never more than the trie's length.
/// </remarks>
internal sealed class MachOExportTrie
{
    public const string Structure = "Mach-O export trie";

    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly long _fileOffset;
    private readonly List<Frame> _stack = [];
    private readonly HashSet<long> _onPath = [];
    private byte[] _name = new byte[256];
    private int _nameLength;
    private int _currentNameLength;
    private bool _started;

    /// <summary>Every node takes at least 2 bytes (terminal size, child count): a tree of distinct nodes has fewer than the trie's length.</summary>
    private long _visitBudget;

    private readonly NameBudget _nameBudget;

    /// <param name="bytes">The trie's bytes.</param>
    /// <param name="fileOffset">Their offset in the file, for messages.</param>
    /// <param name="problems">Where the walk reports what it skips.</param>
    public MachOExportTrie(ReadOnlyMemory<byte> bytes, long fileOffset, ProblemGroups problems)
    {
        _bytes = bytes;
        _fileOffset = fileOffset;
        Problems = problems;
        _visitBudget = bytes.Length;
        _nameBudget = new NameBudget(bytes.Length, "trie");
    }

    public ProblemGroups Problems { get; }

    /// <summary>The exports found so far (for the message of a walk that stops).</summary>
    public int Count { get; private set; }

    public MachOTrieEntry Current { get; private set; }

    /// <summary>The current export's name bytes, valid until the next <see cref="MoveNext"/>.</summary>
    public ReadOnlySpan<byte> CurrentName => _name.AsSpan(0, _currentNameLength);

    /// <summary>The bytes of a re-export's other name (<see cref="MachOTrieEntry.ImportNameAt"/>).</summary>
    public ReadOnlySpan<byte> Bytes(long at, int length) => _bytes.Span.Slice((int)at, length);

    private EndianReader Trie => new(_bytes.Span, isBigEndian: false, Structure, _fileOffset);

    private struct Frame
    {
        public long Node;
        public int NameLength;
        public long Cursor;
        public int ChildrenLeft;
    }

    /// <summary>Walks on to the next terminal that could be read; false at the end, or when the walk must stop.</summary>
    public bool MoveNext()
    {
        var trie = Trie;
        if (!_started)
        {
            _started = true;
            if (trie.Length == 0)
            {
                return false;
            }

            if (Enter(trie, 0, 0, out bool found))
            {
                if (found)
                {
                    return true;
                }
            }
            else
            {
                _stack.Clear();
                return false;
            }
        }

        while (_stack.Count > 0)
        {
            var top = _stack[^1];
            if (top.ChildrenLeft == 0)
            {
                _stack.RemoveAt(_stack.Count - 1);
                _onPath.Remove(top.Node);
                continue;
            }

            long child;
            int labelEnd;
            try
            {
                var cursor = new MachOCursor(trie, top.Cursor);
                var label = cursor.CString();
                child = Saturating.ToLong(cursor.Uleb());
                _nameLength = top.NameLength;
                Append(label);
                labelEnd = _nameLength;
                top.Cursor = cursor.Position;
                top.ChildrenLeft--;
                _stack[^1] = top;
            }
            catch (ObjectFileException e)
            {
                Problems.Add(e.Problem);
                top.ChildrenLeft = 0;
                _stack[^1] = top;
                continue;
            }

            if (child >= trie.Length)
            {
                Problems.Add(trie.Problem(top.Cursor, string.Create(CultureInfo.InvariantCulture,
                    $"a child offset 0x{child:X} is past the end of the trie (size 0x{trie.Length:X})")));
                continue;
            }

            if (_onPath.Contains(child))
            {
                Problems.Add(trie.Problem(top.Cursor, string.Create(CultureInfo.InvariantCulture,
                    $"a child offset 0x{child:X} points back at a node on its own path (a loop); the edge is skipped")));
                continue;
            }

            if (!Enter(trie, child, labelEnd, out bool found))
            {
                _stack.Clear();
                return false;
            }

            if (found)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the trie exports <paramref name="name"/>, found as dyld finds it: by descending along the
    /// name (at most one step per byte of it, and never more steps than the trie has bytes).
    /// </summary>
    public static bool Exports(ReadOnlyMemory<byte> bytes, long fileOffset, ReadOnlySpan<byte> name)
    {
        var trie = new EndianReader(bytes.Span, isBigEndian: false, Structure, fileOffset);
        long node = 0;
        int matched = 0;
        try
        {
            for (long steps = 0; trie.Length > 0 && steps <= name.Length && steps < trie.Length; steps++)
            {
                var cursor = new MachOCursor(trie, node);
                ulong terminalSize = cursor.Uleb();
                if (terminalSize > (ulong)(trie.Length - cursor.Position))
                {
                    return false;
                }

                if (matched == name.Length)
                {
                    return terminalSize > 0;
                }

                cursor.Position += (long)terminalSize;
                int children = cursor.Byte();
                long next = -1;
                for (int i = 0; i < children && next < 0; i++)
                {
                    var label = cursor.CString();
                    ulong child = cursor.Uleb();
                    if (label.Length > 0 && name[matched..].StartsWith(label))
                    {
                        matched += label.Length;
                        next = Saturating.ToLong(child);
                    }
                }

                if (next < 0 || next >= trie.Length)
                {
                    return false;
                }

                node = next;
            }
        }
        catch (ObjectFileException)
        {
            // A damaged node on the way: the name is not found there (the walk reports the damage).
        }

        return false;
    }

    /// <summary>Visits a node: finds its terminal and pushes it to have its children walked. False when the walk must stop.</summary>
    private bool Enter(EndianReader trie, long node, int nameLength, out bool found)
    {
        found = false;
        _visitBudget--;
        if (_visitBudget < 0)
        {
            Problems.Add(trie.Problem(node, string.Create(CultureInfo.InvariantCulture,
                $"the walk reached more nodes than the trie's 0x{trie.Length:X} bytes can hold (nodes shared by several parents); stopped after {Count} exports")));
            return false;
        }

        int childCount;
        long childrenAt;
        try
        {
            var cursor = new MachOCursor(trie, node);
            ulong terminalSize = cursor.Uleb();
            long terminalAt = cursor.Position;
            if (terminalSize > (ulong)(trie.Length - terminalAt))
            {
                throw trie.Error(node, string.Create(CultureInfo.InvariantCulture,
                    $"the terminal size 0x{terminalSize:X} runs past the end of the trie (size 0x{trie.Length:X})"));
            }

            childrenAt = terminalAt + (long)terminalSize;
            childCount = trie.U8(childrenAt);
            if (terminalSize > 0)
            {
                if (!_nameBudget.TryCharge(nameLength))
                {
                    Problems.Add(trie.Problem(node, "the names decoded so far are far larger than the trie: it shares nodes between many paths; the walk stops"));
                    return false;
                }

                try
                {
                    Current = Terminal(trie.Slice(terminalAt, (long)terminalSize, Structure), terminalAt);
                    _currentNameLength = nameLength;
                    Count++;
                    found = true;
                }
                catch (ObjectFileException e)
                {
                    Problems.Add(e.Problem); // the export is lost; its node's children are still walked
                }
            }
            else if (childCount == 0)
            {
                Problems.Add(trie.Problem(node, "a leaf node exports nothing (no terminal information and no children)"));
            }
        }
        catch (ObjectFileException e)
        {
            Problems.Add(e.Problem);
            return true;
        }

        _stack.Add(new Frame { Node = node, NameLength = nameLength, Cursor = childrenAt + 1, ChildrenLeft = childCount });
        _onPath.Add(node);
        return true;
    }

    private void Append(ReadOnlySpan<byte> label)
    {
        if (_nameLength + label.Length > _name.Length)
        {
            Array.Resize(ref _name, Math.Max(_name.Length * 2, _nameLength + label.Length));
        }

        label.CopyTo(_name.AsSpan(_nameLength));
        _nameLength += label.Length;
    }

    private static MachOTrieEntry Terminal(EndianReader terminal, long terminalAt)
    {
        var cursor = new MachOCursor(terminal);
        ulong flags = cursor.Uleb();
        if ((flags & MachOConstants.ExportReexport) != 0)
        {
            ulong ordinal = cursor.Uleb();
            long importAt = terminalAt + cursor.Position;
            int importLength = cursor.CString().Length;
            return new MachOTrieEntry(flags, 0, ordinal, importLength == 0 ? -1 : importAt, importLength);
        }

        ulong address = cursor.Uleb();
        ulong other = (flags & MachOConstants.ExportStubAndResolver) != 0 ? cursor.Uleb() : 0;
        return new MachOTrieEntry(flags, address, other, -1, 0);
    }
}
