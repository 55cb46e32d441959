using System;
using Cdylib.ObjectFile.Demangling.Msvc;

namespace Cdylib.ObjectFile.Demangling;

/// <summary>
/// Microsoft C++ names (<c>?…</c>, as MSVC and clang-cl decorate them), printed character for character as
/// <c>llvm-undname</c> prints them: functions with access, calling convention and signature, variables,
/// vftables and RTTI, string literals, thunks, templates. Also RTTI type names (<c>.?AV…</c>) and MD5
/// names (<c>??@…@</c>, printed as they are). The parser and printer are in <c>Msvc/</c>.
/// </summary>
internal static class MicrosoftDemangler
{
    // One parser (with its text buffer and tables) per thread, reused from name to name: demangling a list
    // allocates little beyond the nodes and the results.
    [ThreadStatic]
    private static MsvcParser? parser;

    /// <summary>The demangled name, or null when <paramref name="name"/> is not such a name (or is over
    /// the bounds of <see cref="DemangleLimits"/>).</summary>
    public static string? Demangle(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        if (!LooksMicrosoft(name))
        {
            return null;
        }

        try
        {
            return (parser ??= new MsvcParser()).Demangle(name);
        }
        catch (MsvcDemangleException)
        {
            return null;
        }
        catch (InsufficientExecutionStackException)
        {
            return null;
        }
    }

    /// <summary><see cref="Demangle(string)"/> for a name held as characters: a string is made only for a name of this scheme.</summary>
    public static string? Demangle(ReadOnlySpan<char> name) => LooksMicrosoft(name) ? Demangle(name.ToString()) : null;

    // llvm-undname reads any '.'-name as a type; only the RTTI type names (.?AV, .?AU, …) are such in
    // practice, and an ELF or Mach-O name such as ".L" must not be taken for one.
    private static bool LooksMicrosoft(ReadOnlySpan<char> name) =>
        ((name.Length > 0 && name[0] == '?') || name.StartsWith(".?A", StringComparison.Ordinal)) && name.Length <= DemangleLimits.MaxNameLength;
}
