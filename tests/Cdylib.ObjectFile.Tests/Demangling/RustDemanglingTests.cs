using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Cdylib.ObjectFile.Demangling;

namespace Cdylib.ObjectFile.Tests.Demangling;

/// <summary>
/// The Rust demangler against binutils' c++filt, name for name: every export and import our reader
/// finds in a Rust cdylib and staticlib cargo builds at test time (legacy and v0 mangling), names
/// built by hand for the parts of RFC 2603 those libraries do not reach, and hostile names.
/// </summary>
public sealed class RustDemanglingTests
{
    public static TheoryData<string> Libraries() => new(RustFixtures.Shared.All);

    /// <summary>
    /// Identical to c++filt for every name but the legacy names of identifiers that are not ASCII, which
    /// c++filt (binutils 2.40) leaves half done: it decodes only "$u…$" escapes of printable ASCII and
    /// prints the rest of the segment from an escaped "é" ("Carr$ue9$$LT$T$GT$…") as it is. Those names
    /// must read as the source wrote them (as rustc-demangle prints them).
    /// </summary>
    [Theory]
    [MemberData(nameof(Libraries))]
    public void Every_export_and_import_demangles_as_cxxfilt_prints_it(string path)
    {
        var file = BinaryFile.Open(path);
        var names = file.Exports.Select(e => e.Name).Concat(file.Imports.Select(i => i.Name)).Distinct(StringComparer.Ordinal).ToList();
        var ours = names.Select(n => Demangler.Demangle(n) ?? n).ToList();
        var reference = CxxFilt.Demangle(names);

        bool v0 = path.Contains("/v0/", StringComparison.Ordinal);
        int demangled = Enumerable.Range(0, names.Count).Count(i => ours[i] != names[i]);
        var differences = Enumerable.Range(0, names.Count).Where(i => ours[i] != reference[i]).ToList();
        var unexplained = differences.Where(i => !IsNonAsciiIdentifier(ours[i])).Select(i => $"{names[i]}\n  ours:     {ours[i]}\n  c++filt:  {reference[i]}").ToList();
        Assert.True(unexplained.Count == 0, $"{unexplained.Count} of {names.Count} names differ from c++filt:\n" + string.Join("\n", unexplained.Take(20)));

        // Not vacuous: mangled names of the expected scheme, demangled; the crate's own non-ASCII names read as the source wrote them.
        bool staticLibrary = path.EndsWith(".a", StringComparison.Ordinal);
        Assert.True(demangled >= (staticLibrary ? 100 : 10), $"only {demangled} of {names.Count} names demangled");
        Assert.Contains(names, n => n.StartsWith("_R", StringComparison.Ordinal));
        if (staticLibrary)
        {
            Assert.Contains(names, n => n.StartsWith(v0 ? "_RNvCs" : "_ZN7mangled", StringComparison.Ordinal));
            Assert.Contains(ours, o => o.Contains("Carré<", StringComparison.Ordinal) && o.Contains(" as mangled", StringComparison.Ordinal) && o.Contains("::Forme", StringComparison.Ordinal));
            Assert.Contains(ours, o => o.Contains("::辺", StringComparison.Ordinal));

            // c++filt agrees on v0's punycode; it leaves the legacy scheme's "$ue9$" as it is.
            Assert.Equal(v0, differences.Count == 0);
        }
    }

    /// <summary>A demangled name with a character past ASCII, and no escape left in it.</summary>
    private static bool IsNonAsciiIdentifier(string demangled) => demangled.Any(c => c > 0x7F) && !demangled.Contains('$', StringComparison.Ordinal);

    /// <summary>RFC 2603's grammar, piece by piece, where the fixture library has no example; c++filt prints each the same.</summary>
    [Theory]
    [InlineData("_RNvC1a1b")]                                // crate root without disambiguator: a[0]
    [InlineData("_RNvCs_1a1b")]                              // disambiguator "_" is 1
    [InlineData("_RNvNtCs1234_7mycrate3foo3bar")]
    [InlineData("_RNvC1a1b.llvm.9")]                         // LLVM's suffix is dropped
    [InlineData("_RNvC1a1bC1c")]                             // instantiating crate, not printed
    [InlineData("_RNvC1a1bB0_")]                             // … also as a back-reference
    [InlineData("_RNCNvC1a1b0")]                             // {closure#0}
    [InlineData("_RNCNvC1a1bs_0")]                           // {closure#1}
    [InlineData("_RNSNvC1a1b6vtable")]                       // {shim:vtable#0}
    [InlineData("_RINvC1a1bNCNvB2_9demo_area0E")]
    [InlineData("_RNvMs_C1aINtB4_1bhE1c")]                   // inherent impl
    [InlineData("_RNvXs_C1aINtB4_1bhENvC1c1d1e")]            // trait impl
    [InlineData("_RNvYINtC1a1bhENvC1c1d1e")]                 // <T as Trait>
    [InlineData("_RINvC1a1bFG_RL0_hEuE")]                    // for<'a> fn(&'a u8)
    [InlineData("_RINvC1a1bFG1_RL0_hEuE")]                   // for<'a, 'b, 'c>
    [InlineData("_RINvC1a1bFKCEuFK8C_unwindEuFUEhE")]        // extern "C", "C-unwind", unsafe, return type
    [InlineData("_RINvC1a1bDG_INvC1c1dhEp1xhEL_E")]          // dyn for<'a> Trait<u8, x = u8>
    [InlineData("_RINvC1a1bThETEThhEE")]                     // (u8,), (), (u8, u8)
    [InlineData("_RINvC1a1bAhj4_ShRhQhPhOhE")]               // [u8; 4], [u8], &, &mut, *const, *mut
    [InlineData("_RINvC1a1bQL_hRL_hE")]
    [InlineData("_RINvC1a1bKa7b_Kan1_Kb0_Kb1_Kc61_Kc20_Kc7e_Kca_Kc1f600_Kc9_Kcd_KpE")] // constants
    [InlineData("_RINvC1a1bbcesauxnilhtmyojfdzpvE")]         // every basic type
    [InlineData("_ZN4demo5apply17h0123456789abcdefE")]
    [InlineData("_ZN4demo5apply17h0123456789abcdefE.llvm.1234")]
    [InlineData("_ZN4demo4a..b17h0123456789abcdefE")]
    [InlineData("_ZN4demo3a.b17h0123456789abcdefE")]
    [InlineData("_ZN4demo6$u7e$x17h0123456789abcdefE")]
    [InlineData("_ZN4demo6$u1f$x17h0123456789abcdefE")]      // a control character: the rest as it is
    [InlineData("_ZN71_$LT$Test$u20$$u2b$$u20$$u27$static$u20$as$u20$foo..Bar$LT$Test$GT$$GT$3bar17h930b740aa94f1d3aE")]
    [InlineData("_ZN4core3ptr13drop_in_place17h0123456789abcdefE")]
    public void Constructed_names_demangle_as_cxxfilt_prints_them(string name)
    {
        string expected = CxxFilt.Demangle([name])[0];
        Assert.NotEqual(name, expected);
        Assert.Equal(expected, Demangler.Demangle(name));
    }

    /// <summary>Names that are not Rust's (or not quite): the Rust scheme leaves them to the next one.</summary>
    [Theory]
    [InlineData("main")]
    [InlineData("_ZN3foo3barEv")]                            // C++: no hash segment
    [InlineData("_ZN4demo5apply17h0123456789ABCDEFE")]      // uppercase hex is no Rust hash
    [InlineData("_ZN4demo5apply17h0000000000000000E")]      // nor one with fewer than 5 distinct digits
    [InlineData("_ZN4demo5apply17h0123456789abcdefEx")]     // a C++ function taking long long
    [InlineData("_R0NvC1a1b")]                               // an encoding version
    [InlineData("_RNvC1a1b1")]                               // trailing garbage
    [InlineData("_RNvC1a2u6e")]                              // punycode without a delimiter's ASCII part and too short
    [InlineData("_RINvC1a1bDG_INvC1c1dhEp1xhEL0_E")]        // lifetime bound by no binder (c++filt prints '_18446744073709551615)
    [InlineData("_RNvC1a1bé")]
    public void Other_names_are_left_to_the_next_scheme(string name) => Assert.Null(RustDemangler.Demangle(name));

    /// <summary>
    /// v0 punycode identifiers made with .NET's own RFC 3492 encoder (IdnMapping, the IDNA "xn--" form,
    /// whose "-" delimiter v0 writes as "_"): the words come back, and c++filt reads them the same.
    /// </summary>
    [Theory]
    [InlineData("carré")]
    [InlineData("辺")]
    [InlineData("საჭმელად")]
    [InlineData("ünïcödé_straße")]
    public void Punycode_identifiers_decode_to_the_words_encoded(string word)
    {
        string ace = new System.Globalization.IdnMapping().GetAscii(word);
        Assert.StartsWith("xn--", ace);
        string identifier = ace[4..];
        int delimiter = identifier.LastIndexOf('-');
        string encoded = delimiter < 0 ? identifier : identifier[..delimiter] + "_" + identifier[(delimiter + 1)..];
        string name = $"_RNvC1au{encoded.Length}_{encoded}";

        Assert.Equal($"a[0]::{word}", Demangler.Demangle(name));
        Assert.Equal(CxxFilt.Demangle([name])[0], Demangler.Demangle(name));
    }

    /// <summary>
    /// A constant past 64 bits is printed as its hex digits; c++filt (binutils 2.40) prints them one
    /// place late, dropping the first digit and keeping the closing '_' ("0x23456789abcdef012_").
    /// </summary>
    [Fact]
    public void Constants_past_64_bits_print_their_digits_as_written()
    {
        const string Name = "_RINvC1a1bKj123456789abcdef012_E";
        Assert.Equal("a[0]::b::<0x123456789abcdef012: usize>", Demangler.Demangle(Name));
        Assert.Equal("a[0]::b::<0x23456789abcdef012_: usize>", CxxFilt.Demangle([Name])[0]);
    }

    /// <summary>Mach-O names carry one more underscore; c++filt -_ drops it first.</summary>
    [Theory]
    [InlineData("__ZN4demo5apply17h0123456789abcdefE")]
    [InlineData("__RNvNtCs1234_7mycrate3foo3bar")]
    [InlineData("__RINvC1a1bNCNvB2_9demo_area0E")]
    public void Mach_O_names_demangle_as_cxxfilt_with_strip_underscore_prints_them(string name) =>
        Assert.Equal(CxxFilt.Demangle([name], stripUnderscore: true)[0], Demangler.Demangle(name));

    /// <summary>Deep nesting, back-references that double at every level, huge numbers, long identifiers: the raw name back (null) at once.</summary>
    [Fact]
    public void Hostile_names_give_null_within_the_bounds()
    {
        string nested = "_R" + string.Concat(Enumerable.Repeat("Nv", 10_000)) + "C1a" + string.Concat(Enumerable.Repeat("1b", 10_000));
        var hostile = new List<string>
        {
            nested,
            "_R" + string.Concat(Enumerable.Repeat("INv", 5_000)) + "C1a1b" + string.Concat(Enumerable.Repeat("E", 5_000)),
            DoublingBackReferences(60),
            "_RNvB" + new string('z', 40) + "_1a",
            "_RNvC1a99999999999999999999999b",
            "_RNvC1au9000_" + new string('b', 9000),
            "_RINvC1a1bFG" + new string('Z', 30) + "_EuE",
            "_ZN" + string.Concat(Enumerable.Repeat("9999999999", 3)) + "17h0123456789abcdefE",
            "_R" + new string('N', DemangleLimits.MaxNameLength + 1),
        };

        foreach (string name in hostile)
        {
            var clock = Stopwatch.StartNew();
            string? result = Demangler.Demangle(name);
            clock.Stop();
            string shown = name.Length > 60 ? name[..60] + "…" : name;
            Assert.True(result is null, $"{shown} gave {result?[..Math.Min(60, result.Length)]}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{shown} took {clock.Elapsed.TotalMilliseconds:F0} ms");
        }
    }

    /// <summary>A constant of 30,000 hex digits is long, not hostile: printed as written, at once.</summary>
    [Fact]
    public void A_long_constant_is_printed_within_the_bounds()
    {
        string digits = new('f', 30_000);
        var clock = Stopwatch.StartNew();
        string? result = Demangler.Demangle("_RINvC1a1bKj" + digits + "_E");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));
        Assert.Equal($"a[0]::b::<0x{digits}: usize>", result);
    }

    /// <summary>
    /// A generic argument list whose every argument is a tuple of two back-references to the argument
    /// before: <paramref name="levels"/> levels print 2^levels copies, far past the output bound.
    /// </summary>
    private static string DoublingBackReferences(int levels)
    {
        var symbol = new StringBuilder("INvC1a1b");
        int previous = symbol.Length;
        symbol.Append("TuE");
        for (int level = 0; level < levels; level++)
        {
            int start = symbol.Length;
            string backReference = "B" + Base62(previous) + "_";
            symbol.Append('T').Append(backReference).Append(backReference).Append('E');
            previous = start;
        }

        return "_R" + symbol.Append('E');
    }

    /// <summary>v0's base-62 number for a value: "" is 0 ("_" alone), so n is written as n - 1.</summary>
    private static string Base62(int value)
    {
        if (value == 0)
        {
            return "";
        }

        const string Digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var digits = new StringBuilder();
        for (int n = value - 1; ; n /= 62)
        {
            digits.Insert(0, Digits[n % 62]);
            if (n < 62)
            {
                break;
            }
        }

        return digits.ToString();
    }
}
