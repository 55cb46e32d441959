using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>
/// binutils' <c>c++filt</c>, the demangler's reference: Itanium C++ and Rust (legacy and v0) names, with
/// c++filt's own defaults (its verbose flag: Rust hashes and crate disambiguators are printed).
/// </summary>
internal static class CxxFilt
{
    /// <summary>What c++filt prints for each name, in order; a name it does not demangle comes back as it is.</summary>
    /// <param name="stripUnderscore">Mach-O names: drop one leading underscore first (c++filt -_).</param>
    public static IReadOnlyList<string> Demangle(IReadOnlyList<string> names, bool stripUnderscore = false) =>
        NameFilter.Run(Toolchain.Find("c++filt"), names, stripUnderscore ? ["-_"] : []);
}
