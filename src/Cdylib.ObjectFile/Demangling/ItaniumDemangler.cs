using System;
using Cdylib.ObjectFile.Demangling.Itanium;

namespace Cdylib.ObjectFile.Demangling;

/// <summary>
/// Itanium C++ ABI names (<c>_Z…</c>; <c>__Z…</c> on Mach-O; Apple's <c>___Z…_block_invoke</c>),
/// printed as <c>llvm-cxxfilt</c> prints them. The parser and the printer live in
/// <see cref="Itanium"/>; this is the entry point, which keeps one parser and one output buffer per
/// thread and turns a name that breaks <see cref="DemangleLimits"/> into null.
/// </summary>
internal static class ItaniumDemangler
{
    [ThreadStatic]
    private static ItaniumParser? t_parser;

    [ThreadStatic]
    private static ItaniumOutput? t_output;

    /// <summary>The demangled name, or null when <paramref name="name"/> is not such a name.</summary>
    public static string? Demangle(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryDemangle(name, out ReadOnlySpan<char> demangled) ? demangled.ToString() : null;
    }

    /// <summary>
    /// The demangled name in this thread's output buffer (valid until the thread's next call), for a caller
    /// that copies it at once; false when <paramref name="name"/> is not such a name.
    /// </summary>
    public static bool TryDemangle(ReadOnlySpan<char> name, out ReadOnlySpan<char> demangled)
    {
        demangled = default;
        if (name.Length > DemangleLimits.MaxNameLength || !LooksMangled(name))
        {
            return false;
        }
        ItaniumParser parser = t_parser ??= new ItaniumParser();
        ItaniumOutput output = t_output ??= new ItaniumOutput();
        try
        {
            Node? tree = parser.Parse(name);
            if (tree is null)
            {
                return false;
            }
            output.Reset();
            tree.Print(output);
            demangled = output.Text;
            return true;
        }
        catch (DemangleBudgetExceededException)
        {
            return false;
        }
        finally
        {
            parser.Clear();
        }
    }

    /// <summary>The prefixes the parser accepts: _Z, __Z, ___Z, ____Z (the last two for blocks).</summary>
    private static bool LooksMangled(ReadOnlySpan<char> name)
    {
        int underscores = 0;
        while (underscores < name.Length && underscores < 4 && name[underscores] == '_')
        {
            underscores++;
        }
        return underscores > 0 && underscores < name.Length && name[underscores] == 'Z';
    }
}
