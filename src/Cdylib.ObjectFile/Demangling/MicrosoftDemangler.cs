namespace Cdylib.ObjectFile.Demangling;

/// <summary>Microsoft C++ names (?…). Not written yet: it recognises nothing.</summary>
internal static class MicrosoftDemangler
{
    /// <summary>The demangled name, or null when <paramref name="name"/> is not such a name.</summary>
    public static string? Demangle(string name) => null;
}
