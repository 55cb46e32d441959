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

    /// <summary><see cref="Cell"/> for a name the report holds as UTF-8: the same bytes when nothing is added.</summary>
    public System.ReadOnlySpan<byte> Cell(System.ReadOnlySpan<byte> utf8Name)
    {
        if (!Demangles)
        {
            return utf8Name;
        }

        string name = Encoding.UTF8.GetString(utf8Name);
        return DemangledForm(name) is string demangled ? Encoding.UTF8.GetBytes($"{name} ({demangled})") : utf8Name;
    }
}
