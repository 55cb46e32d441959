namespace Cdylib.ObjectFile.Demangling;

/// <summary>Itanium C++ ABI names (_Z…; __Z… on Mach-O). Not written yet: it recognises nothing.</summary>
internal static class ItaniumDemangler
{
    /// <summary>The demangled name, or null when <paramref name="name"/> is not such a name.</summary>
    public static string? Demangle(string name) => null;
}
