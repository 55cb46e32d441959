using System;
using System.Text;
using Cdylib.ObjectFile.Demangling;

namespace Cdylib.Cli.Inspect;

/// <summary>
/// How the exports and imports reports write a symbol's name: as stored, or (<c>--demangle</c>) also
/// in the form its language writes it (<see cref="Demangler"/>: Itanium and Microsoft C++, Rust).
/// </summary>
internal sealed class NameStyle
{
    /// <summary>Names as stored, the default.</summary>
    public static readonly NameStyle Stored = new(false);

    /// <summary>Names as stored and demangled.</summary>
    public static readonly NameStyle Demangled = new(true);

    private NameStyle(bool demangles) => Demangles = demangles;

    /// <summary>True with --demangle: the JSON report then gives every symbol a "demangled" property.</summary>
    public bool Demangles { get; }

    /// <summary>The demangled form of <paramref name="name"/>; null when not asked for or when the name is not mangled.</summary>
    public string? DemangledForm(string name) => Demangles && Demangler.Demangle(name) is string demangled && demangled != name ? demangled : null;

    /// <summary>
    /// The name column's text: "NAME (DEMANGLED)", as dumpbin writes a decorated name with its
    /// undecorated form, where they differ; otherwise the name.
    /// </summary>
    public string Cell(string name) => DemangledForm(name) is string demangled ? $"{name} ({demangled})" : name;

    /// <summary>
    /// <see cref="Cell"/> for a name the report holds as UTF-8: the same bytes when nothing is added, else
    /// the cell written into a buffer of this thread's, valid until the next call on the thread (the
    /// reports copy it into their line at once). A listing of libLLVM makes 40,000 such cells: the name is
    /// decoded into a reused buffer and demangled in place (<see cref="Demangler.TryDemangle"/>), so a cell
    /// makes no string.
    /// </summary>
    public ReadOnlySpan<byte> Cell(ReadOnlySpan<byte> utf8Name)
    {
        if (!Demangles)
        {
            return utf8Name;
        }

        char[] name = Room(ref t_name, Encoding.UTF8.GetMaxCharCount(utf8Name.Length));
        ReadOnlySpan<char> chars = name.AsSpan(0, Encoding.UTF8.GetChars(utf8Name, name));
        if (!Demangler.TryDemangle(chars, out ReadOnlySpan<char> demangled) || demangled.SequenceEqual(chars))
        {
            return utf8Name;
        }

        byte[] cell = Room(ref t_cell, utf8Name.Length + 3 + Encoding.UTF8.GetByteCount(demangled));
        utf8Name.CopyTo(cell);
        int at = utf8Name.Length;
        cell[at++] = (byte)' ';
        cell[at++] = (byte)'(';
        at += Encoding.UTF8.GetBytes(demangled, cell.AsSpan(at));
        cell[at++] = (byte)')';
        return cell.AsSpan(0, at);
    }

    /// <summary>This thread's buffer, grown to at least <paramref name="length"/>.</summary>
    private static T[] Room<T>(ref T[]? buffer, int length) =>
        buffer is { } reused && reused.Length >= length ? reused : (buffer = new T[Math.Max(length, 1024)]);

    [ThreadStatic]
    private static char[]? t_name;

    [ThreadStatic]
    private static byte[]? t_cell;
}
