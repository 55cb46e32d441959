using System;
using System.Diagnostics;
using System.Linq;
using Cdylib.ObjectFile.Demangling;

namespace Cdylib.ObjectFile.Tests.Demangling;

/// <summary>
/// Generated adversarial names: deep nesting, back-references that double the tree at every step,
/// huge numbers, pack expansions that multiply, self-referring forward references. Each gives null
/// (or, where llvm-cxxfilt 14 prints something, the same text) within a time and memory bound, never
/// an exception or a stack overflow.
/// </summary>
public sealed class ItaniumHostileInputTests
{
    /// <summary>Far above the few milliseconds each takes, so a loaded CI machine does not fail it; an unbounded name would take minutes or never end.</summary>
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(2);

    /// <summary>What one name may allocate: the output and tree bounds allow a few MB.</summary>
    private const long MemoryBound = 64L * 1024 * 1024;

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    /// <summary>The back-reference to the <paramref name="index"/>-th substitution candidate: S_, S0_, S1_ … (base 36).</summary>
    private static string Substitution(int index)
    {
        if (index == 0)
        {
            return "S_";
        }
        string digits = "";
        for (int n = index - 1; ; n /= 36)
        {
            digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n % 36] + digits;
            if (n < 36)
            {
                break;
            }
        }
        return "S" + digits + "_";
    }

    public static TheoryData<string, string> Rejected() => new()
    {
        { "pointers nested 60,000 deep", "_Z1f" + new string('P', 60_000) + "i" },
        { "templates nested 10,000 deep", "_Z1f" + Repeat("1AI", 10_000) + "i" + new string('E', 10_000) + "v" },
        { "vendor qualifiers nested 20,000 deep", "_Z1f" + Repeat("U1a", 20_000) + "i" },
        // Each function type takes the previous one as return and parameter type: 2^40 nodes printed.
        { "function types doubling 40 times", "_Z1fFviE" + string.Concat(Enumerable.Range(1, 40).Select(k => "F" + Substitution(k - 1) + Substitution(k - 1) + "E")) },
        { "template arguments doubling 40 times", "_Z1fI1AIiE" + string.Concat(Enumerable.Range(0, 40).Select(k => "1BI" + Substitution(k) + Substitution(k) + "E")) + "Ev" },
        // Shallow to parse (each P refers back), 8,000 deep to print.
        { "pointer chain through back-references", "_Z1fPi" + string.Concat(Enumerable.Range(0, 8_000).Select(k => "P" + Substitution(k))) },
        { "back-reference far past the table", "_Z1fiS" + new string('Z', 40) + "_" },
        { "template parameter index of 20 digits", "_Z1fIiEvT99999999999999999999_" },
        { "template parameter level of 17 digits", "_Z1fIiEvTL99999999999999999_0_" },
        { "source name length of 20 digits", "_Z99999999999999999999abc" },
        // A length past the cap once wrapped an int negative and sliced the name backwards.
        { "nested source name length of 30 digits", "_ZN99999999999999999999999999999917h0123456789abcdefE" },
        // 2,000 expansions of a 2,000-element pack: 4 million parameters.
        { "pack of 2,000 expanded 2,000 times", "_Z1fIJ" + new string('i', 2_000) + "EEv" + Repeat("DpT_", 2_000) },
        { "forward reference to itself", "_Z1fIRS0_EvT_" },
        { "longer than the name limit", "_Z1f" + new string('i', DemangleLimits.MaxNameLength) },
        { "output longer than the output limit", "_Z1f" + new string('i', 60_000) },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Hostile_names_give_the_raw_name_back_within_bounds(string label, string name)
    {
        Assert.Null(Demangle(name, label));
    }

    /// <summary>Cycles and degenerate packs that LLVM 14 prints: we print the same (recorded with llvm-cxxfilt-14).</summary>
    [Theory]
    [InlineData("_ZcvT_IJS0_EE", "operator operator <operator operator >")]
    [InlineData("_ZN1AcvT_IJS1_EEEv", "A::operator A::operator <A::operator A::operator >()")]
    [InlineData("_ZN1AcvRT_IS1_EEv", "A::operator <>()")]
    public void Self_referring_names_print_as_llvm_cxxfilt_prints_them(string name, string expected)
    {
        Assert.Equal(expected, Demangle(name, name));
    }

    [Fact]
    public void Fifteen_thousand_empty_pack_expansions_print_nothing_within_bounds()
    {
        Assert.Equal("void f<>()", Demangle("_Z1fIJEEv" + Repeat("DpT_", 15_000), "empty packs"));
    }

    [Fact]
    public void The_bounds_leave_room_for_a_large_real_name()
    {
        // 20,000 parameters: 100,001 characters, far beyond any real name (libLLVM's longest is under 4 KiB).
        string? result = Demangle("_Z1f" + new string('i', 20_000), "20,000 parameters");
        Assert.Equal("f(" + string.Join(", ", Enumerable.Repeat("int", 20_000)) + ")", result);
    }

    /// <summary>Every prefix of real names (a name cut short anywhere) is handled without an exception.</summary>
    [Theory]
    [InlineData("_ZNKSt3__14hashINS_12basic_stringIcNS_11char_traitsIcEENS_9allocatorIcEEEEEclERKS6_")]
    [InlineData("_ZZ4mainENKUlT_E_clIiEEDaS_")]
    [InlineData("_Z1fIJiiEEDTfLplLi0Efp_EDpT_")]
    [InlineData("_ZN1AcvT_IiEEv")]
    [InlineData("_Z1fILe3fff8000000000000000EEvv")]
    public void Every_prefix_of_a_name_is_handled(string name)
    {
        for (int length = 0; length < name.Length; length++)
        {
            Demangle(name[..length], $"{name} cut at {length}");
        }
        Assert.NotNull(ItaniumDemangler.Demangle(name));
    }

    private static string? Demangle(string name, string label)
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        string? result = ItaniumDemangler.Demangle(name);
        stopwatch.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(stopwatch.Elapsed < TimeBound, $"{label}: {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(allocated < MemoryBound, $"{label}: {allocated} bytes allocated");
        return result;
    }
}
