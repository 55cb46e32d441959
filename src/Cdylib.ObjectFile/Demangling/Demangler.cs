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
        return TryDemangle(name, out ReadOnlySpan<char> demangled) ? demangled.ToString() : null;
    }

    /// <summary>
    /// <see cref="Demangle(string)"/> for a caller that demangles many names and copies each result at
    /// once (a listing of 44,000 exports): the name is read where it is, and an Itanium name's demangled
    /// form is left in a buffer of this thread's, valid until the thread's next call; no string is made
    /// for either. False when the name is not mangled or cannot be demangled within the bounds.
    /// </summary>
    public static bool TryDemangle(ReadOnlySpan<char> name, out ReadOnlySpan<char> demangled)
    {
        // Rust first: its legacy scheme is an Itanium name with a hash path segment, which Rust's
        // own tools print without the hash.
        if (RustDemangler.Demangle(name) is string rust)
        {
            demangled = rust;
            return true;
        }

        if (ItaniumDemangler.TryDemangle(name, out demangled))
        {
            return true;
        }

        string? microsoft = MicrosoftDemangler.Demangle(name);
        demangled = microsoft;
        return microsoft is not null;
    }
}
