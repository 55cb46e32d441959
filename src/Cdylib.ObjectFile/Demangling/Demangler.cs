using System;

namespace Cdylib.ObjectFile.Demangling;

/// <summary>
/// Turns a stored symbol name into the form its source language writes (as <c>c++filt</c>,
/// <c>llvm-undname</c> and <c>rustfilt</c> do), recognising the scheme from the name itself.
/// Written from the ABI specifications, with no native dependency, so the inspector stays one
/// Native AOT executable. Every scheme is bounded in time and memory: a hostile name gives null.
/// </summary>
public static class Demangler
{
    /// <summary>The demangled form of <paramref name="name"/>, or null when it is not a mangled name
    /// of a known scheme (a C name, say) or cannot be demangled within the bounds.</summary>
    /// <param name="name">The name exactly as stored, with the Mach-O leading underscore if any.</param>
    public static string? Demangle(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // Rust first: its legacy scheme is an Itanium name with a hash path segment, which Rust's
        // own tools print without the hash.
        return RustDemangler.Demangle(name)
            ?? ItaniumDemangler.Demangle(name)
            ?? MicrosoftDemangler.Demangle(name);
    }
}
