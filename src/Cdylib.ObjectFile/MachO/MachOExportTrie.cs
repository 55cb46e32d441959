using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Cdylib.ObjectFile.Pe;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.MachO;

/// <summary>One terminal of the export trie: the symbol and what its terminal node says.</summary>
/// <param name="Address">Offset from the image base (regular, thread-local, stub-and-resolver), the value itself (absolute); 0 for a re-export.</param>
/// <param name="Other">The library ordinal of a re-export, the resolver's offset of a stub-and-resolver export; 0 otherwise.</param>
/// <param name="ImportName">A re-export's name in the other library; null when it is the same name (or not a re-export).</param>
internal readonly record struct MachOTrieEntry(string Name, ulong Flags, ulong Address, ulong Other, string? ImportName)
{
    public bool IsReexport => (Flags & MachOConstants.ExportReexport) != 0;

    public bool IsStubAndResolver => (Flags & MachOConstants.ExportStubAndResolver) != 0;

    public ulong Kind => Flags & MachOConstants.ExportKindMask;
}

/// <summary>
/// The export trie (dyld's compact prefix tree of exported names): each node holds an optional terminal
/// (flags, then an address, a re-export or a stub and resolver) and edges labelled with the next part
/// of the name. Walked depth first with an explicit stack, terminals before children, edges in stored
/// order.
/// </summary>
/// <remarks>
/// Child offsets may point anywhere in the trie (linkers write parents after children too), so the
/// walk does not require them to go forward; instead a child that is already on the current path is a
/// loop and is skipped with a warning. A hostile trie can still share subtrees between many parents
/// (exponentially many paths through few nodes), so the walk stops after visiting as many nodes as the
/// trie could hold distinct ones, and after decoding names worth a multiple of its size.
/// </remarks>
internal static class MachOExportTrie
{
    public const string Structure = "Mach-O export trie";

    private const int NameBudgetFactor = 8;
    private const long NameBudgetFloor = 1 << 20;

    private struct Frame
    {
        public long Node;
        public int NameLength;
        public long Cursor;
        public int ChildrenLeft;
    }

    /// <summary>The walk's state: the explicit stack, the nodes on the current path, the name so far and the budgets.</summary>
    private sealed class Walk(long trieLength, PeWarnings problems)
    {
        public List<Frame> Stack { get; } = [];

        public HashSet<long> OnPath { get; } = [];

        public List<byte> Name { get; } = [];

        public List<MachOTrieEntry> Entries { get; } = [];

        public PeWarnings Problems { get; } = problems;

        /// <summary>Every node takes at least 2 bytes (terminal size, child count): a tree of distinct nodes has fewer than the trie's length.</summary>
        public long VisitBudget { get; set; } = trieLength;

        public long NameBudget { get; set; } = Math.Max(NameBudgetFloor, trieLength * NameBudgetFactor);
    }

    public static List<MachOTrieEntry> Read(EndianReader trie, PeWarnings problems)
    {
        var walk = new Walk(trie.Length, problems);
        if (trie.Length == 0 || !Enter(trie, walk, 0, 0))
        {
            return walk.Entries;
        }

        var stack = walk.Stack;
        var name = walk.Name;
        while (stack.Count > 0)
        {
            var top = stack[^1];
            if (top.ChildrenLeft == 0)
            {
                stack.RemoveAt(stack.Count - 1);
                walk.OnPath.Remove(top.Node);
                continue;
            }

            long child;
            int labelEnd;
            try
            {
                var cursor = new MachOCursor(trie, top.Cursor);
                var label = cursor.CString();
                child = Saturating.ToLong(cursor.Uleb());
                name.RemoveRange(top.NameLength, name.Count - top.NameLength);
                foreach (byte b in label)
                {
                    name.Add(b);
                }

                labelEnd = name.Count;
                top.Cursor = cursor.Position;
                top.ChildrenLeft--;
                stack[^1] = top;
            }
            catch (ObjectFileException e)
            {
                problems.Add(e);
                top.ChildrenLeft = 0;
                stack[^1] = top;
                continue;
            }

            if (child >= trie.Length)
            {
                problems.Add(trie.Error(top.Cursor, string.Create(CultureInfo.InvariantCulture,
                    $"a child offset 0x{child:X} is past the end of the trie (size 0x{trie.Length:X})")));
                continue;
            }

            if (walk.OnPath.Contains(child))
            {
                problems.Add(trie.Error(top.Cursor, string.Create(CultureInfo.InvariantCulture,
                    $"a child offset 0x{child:X} points back at a node on its own path (a loop); the edge is skipped")));
                continue;
            }

            if (!Enter(trie, walk, child, labelEnd))
            {
                break;
            }
        }

        return walk.Entries;
    }

    /// <summary>Visits a node: reports its terminal and pushes it to have its children walked. False when the walk must stop.</summary>
    private static bool Enter(EndianReader trie, Walk walk, long node, int nameLength)
    {
        var problems = walk.Problems;
        walk.VisitBudget--;
        if (walk.VisitBudget < 0)
        {
            problems.Add(trie.Error(node, string.Create(CultureInfo.InvariantCulture,
                $"the walk reached more nodes than the trie's 0x{trie.Length:X} bytes can hold (nodes shared by several parents); stopped after {walk.Entries.Count} exports")));
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
                walk.NameBudget -= nameLength;
                if (walk.NameBudget < 0)
                {
                    problems.Add(trie.Error(node, "the names decoded so far are far larger than the trie: it shares nodes between many paths; the walk stops"));
                    return false;
                }

                try
                {
                    var name = Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(walk.Name)[..nameLength]);
                    walk.Entries.Add(Terminal(trie.Slice(terminalAt, (long)terminalSize, Structure), name));
                }
                catch (ObjectFileException e)
                {
                    problems.Add(e); // the export is lost; its node's children are still walked
                }
            }
            else if (childCount == 0)
            {
                problems.Add(trie.Error(node, "a leaf node exports nothing (no terminal information and no children)"));
            }
        }
        catch (ObjectFileException e)
        {
            problems.Add(e);
            return true;
        }

        walk.Stack.Add(new Frame { Node = node, NameLength = nameLength, Cursor = childrenAt + 1, ChildrenLeft = childCount });
        walk.OnPath.Add(node);
        return true;
    }

    private static MachOTrieEntry Terminal(EndianReader terminal, string name)
    {
        var cursor = new MachOCursor(terminal);
        ulong flags = cursor.Uleb();
        if ((flags & MachOConstants.ExportReexport) != 0)
        {
            ulong ordinal = cursor.Uleb();
            string importName = cursor.CStringText();
            return new MachOTrieEntry(name, flags, 0, ordinal, importName.Length == 0 ? null : importName);
        }

        ulong address = cursor.Uleb();
        ulong other = (flags & MachOConstants.ExportStubAndResolver) != 0 ? cursor.Uleb() : 0;
        return new MachOTrieEntry(name, flags, address, other, null);
    }
}
