using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.Pe;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The exports of a PE image laid out as <c>dumpbin /exports</c> does: the export directory header
/// (characteristics, time date stamp, version, ordinal base, counts), then "ordinal hint RVA name"
/// rows, named exports in hint order and ordinal-only ones after them as [NONAME], forwarders as
/// "name (forwarded to DLL.name)".
/// </summary>
/// <remarks>
/// One walk over the export tables in that order (<see cref="ExportOrder.NameTable"/>), each row laid
/// out as UTF-8 straight into the output buffer, the summary's counts taken on the way: no record, no
/// string and no sort per export, as <see cref="ExportsText"/> does for ELF. (Measured on mingw's
/// libstdc++-6.dll, 5,839 exports: making the records, sorting them by hint and formatting each row as a
/// string took more than half the command's time, most of it in the garbage collector.)
/// </remarks>
internal static class PeExportsText
{
    private static readonly byte[] NoName = "[NONAME]"u8.ToArray();
    private static readonly byte[] ForwardedTo = " (forwarded to "u8.ToArray();

    public static void Write(TextWriter output, string path, BinaryFile file, PeDetails pe, NameStyle names)
    {
        string owner = file.Summary.OwnName ?? Path.GetFileName(path);
        output.WriteLine($"  Section contains the following exports for {owner}");
        output.WriteLine();
        if (pe.ExportDirectory is PeExportDirectory directory)
        {
            output.WriteLine($"    {directory.Characteristics:X8} characteristics");
            output.WriteLine($"    {directory.TimeDateStamp:X8} time date stamp");
            output.WriteLine($"{directory.MajorVersion + "." + directory.MinorVersion.ToString("D2", CultureInfo.InvariantCulture),12} version");
            output.WriteLine($"{directory.OrdinalBase,12} ordinal base");
            output.WriteLine($"{directory.NumberOfFunctions,12} number of functions");
            output.WriteLine($"{directory.NumberOfNames,12} number of names");
            output.WriteLine();
        }

        var counts = new Counts();
        var exports = file.EnumerateExports(ExportOrder.NameTable);
        if (!exports.MoveNext())
        {
            output.WriteLine("    (none)");
        }
        else
        {
            output.WriteLine("    ordinal hint RVA      name");
            output.WriteLine();
            using var lines = new Utf8Lines(output);
            using var rows = new NameCellRows(lines, names);
            do
            {
                var export = exports.Current;
                counts.Add(export);
                WriteRow(rows, export);
            }
            while (exports.MoveNext());
        }

        output.WriteLine();
        output.WriteLine("  Summary");
        output.WriteLine();
        // The breakdown is made before the line, not inside it: a string built inside another one returns
        // a second pooled buffer while the first is still held, and that return is the process's first to
        // need the pool's per-processor lists, whose set-up times the processor-number query (a fifth of a
        // millisecond of a run that lists a DLL's exports).
        string breakdown = counts.Breakdown();
        output.WriteLine($"    {counts.Total,8} exports{breakdown}");
    }

    /// <summary>"          1    0 00001000 HelloWorld", as dumpbin prints a row: ordinal right-aligned in 11, hint in 4, the RVA (blank for a forwarder).</summary>
    private static void WriteRow(NameCellRows rows, ExportEntry export)
    {
        // Widest: the ordinal column (11), an 8-digit hint, the RVA, three blanks.
        var room = rows.GetSpan(11 + 1 + 8 + 1 + 8 + 1);
        int at = RightAligned(export.Ordinal ?? 0, 10, 11, room);
        room[at++] = (byte)' ';
        if (export.Hint is uint hint)
        {
            at += RightAligned(hint, 16, 4, room[at..]);
        }
        else
        {
            room.Slice(at, 4).Fill((byte)' ');
            at += 4;
        }

        room[at++] = (byte)' ';
        if (export.IsForwarded)
        {
            room.Slice(at, 8).Fill((byte)' ');
        }
        else
        {
            // An RVA is 32 bits: eight digits, as "X8" writes them.
            uint rva = (uint)export.Address;
            for (int i = 7; i >= 0; i--, rva >>= 4)
            {
                room[at + i] = Digits[(int)(rva & 0xf)];
            }
        }

        at += 8;
        room[at++] = (byte)' ';
        rows.Advance(at);
        if (export.Hint is null)
        {
            rows.Append(NoName);
        }
        else
        {
            rows.Name(export.Utf8Name);
        }

        if (export.IsForwarded)
        {
            rows.Append(ForwardedTo);
            rows.Append(export.Utf8ForwardedTo);
            rows.Append(")"u8);
        }

        rows.EndRow();
    }

    private static ReadOnlySpan<byte> Digits => "0123456789ABCDEF"u8;

    /// <summary>
    /// <paramref name="value"/> in base <paramref name="radix"/> (10 or 16, upper-case), right-aligned in
    /// <paramref name="width"/> (wider when it needs to be), as <c>{value,width}</c> and <c>:X</c> write it;
    /// digit by digit, as the row is written once per export.
    /// </summary>
    private static int RightAligned(uint value, uint radix, int width, Span<byte> room)
    {
        // Each radix divides by a constant (a multiply or a shift), not by a variable: two hardware
        // divisions per digit were 2 % of listing 5,800 exports.
        int length = 1;
        if (radix == 16)
        {
            length = Math.Max(1, (35 - BitOperations.LeadingZeroCount(value)) / 4);
        }
        else
        {
            for (uint rest = value; rest >= 10; rest /= 10)
            {
                length++;
            }
        }

        int pad = Math.Max(0, width - length);
        room[..pad].Fill((byte)' ');
        for (int i = pad + length - 1; i >= pad; i--)
        {
            if (radix == 16)
            {
                room[i] = Digits[(int)(value & 0xf)];
                value >>= 4;
            }
            else
            {
                uint quotient = value / 10;
                room[i] = (byte)('0' + (value - (quotient * 10)));
                value = quotient;
            }
        }

        return pad + length;
    }

    /// <summary>The summary's counts, taken during the walk.</summary>
    private sealed class Counts
    {
        private int _functions;
        private int _data;
        private int _other;
        private int _forwarders;
        private int _ordinalOnly;

        public int Total { get; private set; }

        public void Add(ExportEntry export)
        {
            Total++;
            if (export.IsForwarded)
            {
                _forwarders++;
            }
            else if (export.Kind == SymbolKind.Function)
            {
                _functions++;
            }
            else if (export.Kind == SymbolKind.Data)
            {
                _data++;
            }
            else
            {
                _other++;
            }

            if (export.Hint is null)
            {
                _ordinalOnly++;
            }
        }

        public string Breakdown()
        {
            var parts = new List<string>();
            void Count(int count, string singular, string plural)
            {
                if (count > 0)
                {
                    parts.Add($"{count} {(count == 1 ? singular : plural)}");
                }
            }

            Count(_functions, "function", "functions");
            Count(_data, "data", "data");
            Count(_other, "other", "other");
            Count(_forwarders, "forwarder", "forwarders");
            Count(_ordinalOnly, "by ordinal only", "by ordinal only");
            return parts.Count == 0 ? "" : ": " + string.Join(", ", parts);
        }
    }
}
