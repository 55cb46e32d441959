using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Cdylib.ObjectFile.Demangling;

namespace Cdylib.ObjectFile.Tests.Demangling;

/// <summary>
/// Hostile Microsoft names: nesting past <see cref="DemangleLimits.MaxDepth"/>, back-references whose
/// expansion doubles or multiplies by ten at each level, names over <see cref="DemangleLimits.MaxNameLength"/>.
/// Each gives null (the raw name stays), and quickly; a long but honest name is still demangled.
/// </summary>
public sealed class MicrosoftDemanglerBoundsTests
{
    // Generous for a loaded 2-core CI machine; each case takes well under a millisecond to a few milliseconds.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    /// <summary>A pointer to a pointer … 20,000 deep (60,000 characters, inside the length bound).</summary>
    private static string DeepPointers => "?x@@3" + Repeat("PEA", 20_000) + "HEA";

    /// <summary>Templates nested 5,000 deep in a type.</summary>
    private static string DeepTemplates => "?x@@3" + Repeat("V?$A@", 5_000) + "H" + Repeat("@@", 5_000) + "A";

    /// <summary>Function pointers in function pointers, 5,000 deep.</summary>
    private static string DeepFunctionPointers => "?f@@YAX" + Repeat("P6AX", 5_000) + "H" + Repeat("@Z", 5_000) + "@Z";

    /// <summary>
    /// Parameter back-references: parameter 1 is a function pointer taking parameter 0 ten times, parameter 2
    /// one taking parameter 1 ten times, … — a 200-character name whose text would be 10^9 parameters long.
    /// </summary>
    private static string ParameterExplosion
    {
        get
        {
            var name = new StringBuilder("?f@@YAXPEAH");
            for (int level = 0; level < 9; level++)
            {
                name.Append("P6AX").Append((char)('0' + level), 10).Append("@Z");
            }
            return name.Append("@Z").ToString();
        }
    }

    /// <summary>
    /// Name back-references: each template's arguments name the previous template ten times (its
    /// back-reference 1, 0 being the template's own name), so every level's text is ten times the last one's.
    /// </summary>
    private static string NameExplosion
    {
        get
        {
            string type = "VB@@";
            for (int level = 0; level < 12; level++)
            {
                type = "V?$A@" + type + Repeat("V1@", 9) + "@@";
            }
            return "?x@@3" + type + "A";
        }
    }

    public static TheoryData<string, string> Hostile() => new()
    {
        { "deep pointers", DeepPointers },
        { "deep templates", DeepTemplates },
        { "deep function pointers", DeepFunctionPointers },
        { "parameter back-reference explosion", ParameterExplosion },
        { "name back-reference explosion", NameExplosion },
        { "longer than MaxNameLength", "?" + new string('a', DemangleLimits.MaxNameLength) + "@@3HA" },
        { "a local scope in a local scope, 3,000 deep", Repeat("?x@?1?", 3_000) + "?f@@YAXXZ" + Repeat("@4HA", 3_000) },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_name_gives_null_quickly(string what, string name)
    {
        var clock = Stopwatch.StartNew();
        string? demangled = MicrosoftDemangler.Demangle(name);
        clock.Stop();

        Assert.True(demangled is null, $"{what}: demangled to {demangled?.Length} characters");
        Assert.True(clock.Elapsed < Budget, $"{what}: took {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Null(Demangler.Demangle(name));
    }

    [Fact]
    public void A_long_honest_name_is_still_demangled()
    {
        string name = "?" + new string('a', 60_000) + "@@3HA";
        Assert.Equal("int " + new string('a', 60_000), MicrosoftDemangler.Demangle(name));
    }

    [Fact]
    public void A_template_nested_within_the_depth_bound_is_demangled()
    {
        string name = "?x@@3" + Repeat("V?$A@", 60) + "H" + Repeat("@@", 60) + "A";
        Assert.Equal(Repeat("class A<", 60) + "int" + Repeat(">", 60) + " x", MicrosoftDemangler.Demangle(name));
    }
}
