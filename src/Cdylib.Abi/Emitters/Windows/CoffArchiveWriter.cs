using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Cdylib.Abi.Emitters.Windows;

/// <summary>One archive member: its name, contents and the external symbols it defines (in its own order).</summary>
internal sealed record CoffArchiveMember(string Name, byte[] Data, IReadOnlyList<string> Symbols);

/// <summary>
/// Writes a Microsoft-format archive ("Archive (Library) File Format" of the PE/COFF specification),
/// laid out as llvm-lib and llvm-dlltool write it, deterministically:
/// <c>!&lt;arch&gt;\n</c>; the first linker member "/" (symbol count, then each symbol's member offset,
/// big-endian, then the names, in member order); the second linker member "/" (little-endian: member
/// count and offsets, symbol count, 1-based member indexes and names sorted by their bytes), which
/// link.exe and lld-link look symbols up in; the long-names member "//" when a member name needs it
/// (names end with NUL, Microsoft's way; no time stamp, owner or mode); then the members. Every header has time stamp 0, owner and
/// group 0, and mode 644 for members (0 for the linker members), and odd data is padded with '\n'.
/// </summary>
internal static class CoffArchiveWriter
{
    private const int HeaderSize = 60;

    public static byte[] Write(IReadOnlyList<CoffArchiveMember> members)
    {
        // Long names: one NUL-terminated entry per distinct name that does not fit "name/" in 16 bytes.
        var longNames = new ByteWriter();
        var longNameOffsets = new Dictionary<string, int>();
        foreach (CoffArchiveMember member in members)
        {
            if (!FitsHeader(member.Name) && !longNameOffsets.ContainsKey(member.Name))
            {
                longNameOffsets[member.Name] = longNames.Length;
                longNames.CString(member.Name);
            }
        }

        var symbols = members.SelectMany((member, index) => member.Symbols.Select(name => (Name: name, Member: index))).ToList();
        int stringBytes = symbols.Sum(symbol => Encoding.UTF8.GetByteCount(symbol.Name) + 1);
        int firstSize = Even(4 + (4 * symbols.Count) + stringBytes);
        int secondSize = Even(4 + (4 * members.Count) + 4 + (2 * symbols.Count) + stringBytes);

        // Where each member's header will start.
        long at = 8 + HeaderSize + firstSize + HeaderSize + secondSize;
        if (longNames.Length > 0)
        {
            at += HeaderSize + Even(longNames.Length);
        }
        var offsets = new uint[members.Count];
        for (int i = 0; i < members.Count; i++)
        {
            offsets[i] = checked((uint)at);
            at += HeaderSize + Even(members[i].Data.Length);
        }

        var a = new ByteWriter().Text("!<arch>\n");

        Header(a, "/", "0", "0", "0", "0", firstSize);
        var first = new ByteWriter().U32BigEndian((uint)symbols.Count);
        foreach (var symbol in symbols)
        {
            first.U32BigEndian(offsets[symbol.Member]);
        }
        foreach (var symbol in symbols)
        {
            first.CString(symbol.Name);
        }
        a.Bytes(first.ToArray()).Zeros(firstSize - first.Length);

        Header(a, "/", "0", "0", "0", "0", secondSize);
        var second = new ByteWriter().U32((uint)members.Count);
        foreach (uint offset in offsets)
        {
            second.U32(offset);
        }
        var sorted = symbols.OrderBy(symbol => Encoding.UTF8.GetBytes(symbol.Name), ByteOrder.Instance).ToList();
        second.U32((uint)sorted.Count);
        foreach (var symbol in sorted)
        {
            second.U16(symbol.Member + 1);
        }
        foreach (var symbol in sorted)
        {
            second.CString(symbol.Name);
        }
        a.Bytes(second.ToArray()).Zeros(secondSize - second.Length);

        if (longNames.Length > 0)
        {
            // Unlike other members, the '\n' that makes the table even counts in its size (as llvm writes it).
            Header(a, "//", "", "", "", "", Even(longNames.Length));
            a.Bytes(longNames.ToArray());
            Pad(a, longNames.Length);
        }

        foreach (CoffArchiveMember member in members)
        {
            string name = FitsHeader(member.Name) ? member.Name + "/" : "/" + longNameOffsets[member.Name].ToString(CultureInfo.InvariantCulture);
            Header(a, name, "0", "0", "0", "644", member.Data.Length);
            a.Bytes(member.Data);
            Pad(a, member.Data.Length);
        }
        return a.ToArray();
    }

    // "name/" must fit the 16-byte field, and a '/' inside would end the name early.
    private static bool FitsHeader(string name) => Encoding.UTF8.GetByteCount(name) < 16 && name.IndexOf('/') < 0;

    private static int Even(int size) => (size + 1) & ~1;

    private static void Pad(ByteWriter a, int size)
    {
        if ((size & 1) != 0)
        {
            a.U8((byte)'\n');
        }
    }

    private static void Header(ByteWriter a, string name, string date, string owner, string group, string mode, int size) =>
        a.Field(name, 16, (byte)' ')
            .Field(date, 12, (byte)' ')
            .Field(owner, 6, (byte)' ')
            .Field(group, 6, (byte)' ')
            .Field(mode, 8, (byte)' ')
            .Field(size.ToString(CultureInfo.InvariantCulture), 10, (byte)' ')
            .Text("`\n");

    /// <summary>Unsigned byte order, as the linkers binary-search the second member (strcmp, not culture order).</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y)
        {
            x ??= System.Array.Empty<byte>();
            y ??= System.Array.Empty<byte>();
            int length = x.Length < y.Length ? x.Length : y.Length;
            for (int i = 0; i < length; i++)
            {
                if (x[i] != y[i])
                {
                    return x[i] - y[i];
                }
            }
            return x.Length - y.Length;
        }
    }
}
