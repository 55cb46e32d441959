namespace Cdylib.ObjectFile.Demangling;

/// <summary>Rust names, legacy (_ZN…17h&lt;hash&gt;E) and v0 (_R…). Not written yet: it recognises nothing.</summary>
internal static class RustDemangler
{
    /// <summary>The demangled name, or null when <paramref name="name"/> is not such a name.</summary>
    public static string? Demangle(string name) => null;
}
