using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Cdylib.Cli.Tests;

/// <summary>
/// <c>cdylib exports|imports --demangle</c> on real files: the Rust cdylib and staticlib cargo builds
/// (tests/Shared/ObjectFiles/RustFixtures), every symbol's "demangled" property checked against c++filt
/// and every text row against the JSON.
/// </summary>
public sealed class CliDemangleTests
{
    public static TheoryData<string, string> RustLibraries()
    {
        var data = new TheoryData<string, string>();
        foreach (string path in RustFixtures.Shared.All)
        {
            data.Add("exports", path);
            data.Add("imports", path);
        }

        return data;
    }

    /// <summary>
    /// JSON: "demangled" on every symbol, c++filt's text where c++filt changes the name and null where it
    /// does not — but for the legacy names with non-ASCII identifiers, which c++filt leaves half done
    /// (Cdylib.ObjectFile.Tests' RustDemanglingTests). Text: "NAME (DEMANGLED)" for exactly those names.
    /// </summary>
    [Theory]
    [MemberData(nameof(RustLibraries))]
    public void Demangle_adds_cxxfilt_form_to_every_mangled_name(string verb, string path)
    {
        var (exitCode, json, error) = InspectCli.Run([verb, "--demangle", "--format", "json", path]);
        Assert.True(exitCode == 0, error);
        using var document = JsonDocument.Parse(json);
        var symbols = document.RootElement.GetProperty("files")[0].GetProperty(verb).EnumerateArray()
            .Select(s => (Name: s.GetProperty("name").GetString()!, Demangled: s.GetProperty("demangled").GetString()))
            .ToList();
        var reference = CxxFilt.Demangle(symbols.Select(s => s.Name).ToList());

        var disagreements = symbols.Zip(reference)
            .Where(pair => pair.First.Demangled != (pair.Second == pair.First.Name ? null : pair.Second))
            .Where(pair => !(pair.First.Demangled is string d && d.Any(c => c > 0x7F) && !d.Contains('$', StringComparison.Ordinal)))
            .Select(pair => $"{pair.First.Name}: {pair.First.Demangled} / c++filt: {pair.Second}")
            .ToList();
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(10)));

        // A cdylib exports only its C names; everything else has mangled names to show.
        if (!(verb == "exports" && path.EndsWith(".so", StringComparison.Ordinal)))
        {
            Assert.Contains(symbols, s => s.Demangled is not null);
        }

        var (_, text, _) = InspectCli.Run([verb, "--demangle", path]);
        var lines = text.Split('\n');
        foreach (var (name, demangled) in symbols)
        {
            string cell = demangled is null ? name : $"{name} ({demangled})";
            Assert.Contains(lines, line => line.EndsWith(" " + cell, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// C++ through the CLI: every export of libstdc++ (Itanium) as llvm-cxxfilt 14 prints it, or, where
    /// LLVM 14 is wrong (ABI-tagged constructors; Cdylib.ObjectFile.Tests' ItaniumAgreementTests), as
    /// c++filt does; every MSVC name LightGBM's DLL imports from msvcp140.dll as llvm-undname 14 prints it.
    /// </summary>
    [Fact]
    public void Demangle_gives_the_reference_tools_form_of_cpp_names_of_both_schemes()
    {
        string libstdcxx = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";
        var itanium = Names("exports", libstdcxx).Where(s => s.Name.StartsWith("_Z", StringComparison.Ordinal)).ToList();
        Assert.True(itanium.Count > 5000, $"{itanium.Count} mangled exports in {libstdcxx}");
        string[] llvm = NameFilter.Run(Toolchain.Find("llvm-cxxfilt-14"), itanium.Select(s => s.Name).ToList());
        // A name neither demangles is printed as it is by the tools and has no "demangled" here.
        var differ = itanium.Zip(llvm).Where(pair => (pair.First.Demangled ?? pair.First.Name) != pair.Second).ToList();
        string[] binutils = NameFilter.Run(Toolchain.Find("c++filt"), differ.Select(pair => pair.First.Name).ToList());
        var neither = differ.Zip(binutils).Where(pair => (pair.First.First.Demangled ?? pair.First.First.Name) != pair.Second)
            .Select(pair => $"{pair.First.First.Name}: ours {pair.First.First.Demangled} / llvm-cxxfilt {pair.First.Second} / c++filt {pair.Second}").ToList();
        Assert.True(neither.Count == 0, string.Join("\n", neither.Take(10)));
        Assert.True(differ.Count < itanium.Count / 500, $"{differ.Count} of {itanium.Count} differ from llvm-cxxfilt 14");

        string lightgbm = System.IO.Path.Combine(PeFixtures.PackagesFolder, "lightgbm", "4.7.0", "runtimes", "win-x64", "native", "lib_lightgbm.dll");
        var msvc = Names("imports", lightgbm).Where(s => s.Name.StartsWith('?')).ToList();
        Assert.True(msvc.Count > 100, $"{msvc.Count} MSVC-decorated imports in {lightgbm}");
        string[] undname = NameFilter.Output(Toolchain.Find("llvm-undname-14"), msvc.Select(s => s.Name), failsOnBadNames: true).Split('\n');
        // llvm-undname echoes each name, then prints its form and an empty line.
        for (int i = 0; i < msvc.Count; i++)
        {
            Assert.Equal(msvc[i].Name, undname[3 * i]);
            Assert.Equal(undname[3 * i + 1], msvc[i].Demangled);
        }
    }

    private static List<(string Name, string? Demangled)> Names(string verb, string path)
    {
        var (exitCode, json, error) = InspectCli.Run([verb, "--demangle", "--format", "json", path]);
        Assert.True(exitCode == 0, error);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("files")[0].GetProperty(verb).EnumerateArray()
            .Select(s => (s.GetProperty("name").GetString()!, s.GetProperty("demangled").GetString()))
            .ToList();
    }

    /// <summary>Without --demangle nothing changes: no "demangled" property, no second form in the text.</summary>
    [Fact]
    public void Without_demangle_the_reports_keep_their_shape()
    {
        string path = RustFixtures.Shared.V0.Cdylib;
        var (_, json, _) = InspectCli.Run(["imports", "--format", "json", path]);
        Assert.DoesNotContain("\"demangled\"", json, StringComparison.Ordinal);

        var (_, plain, _) = InspectCli.Run(["imports", path]);
        var (_, demangled, _) = InspectCli.Run(["imports", "--demangle", path]);
        Assert.DoesNotContain("core[", plain, StringComparison.Ordinal);
        Assert.Contains("core[", demangled, StringComparison.Ordinal);
        Assert.Equal(plain.Split('\n').Length, demangled.Split('\n').Length);
    }

    /// <summary>Only the symbol lists offer it.</summary>
    [Theory]
    [InlineData("deps")]
    [InlineData("headers")]
    public void Other_verbs_refuse_demangle(string verb)
    {
        var (exitCode, _, error) = InspectCli.Run([verb, "--demangle", RustFixtures.Shared.V0.Cdylib]);
        Assert.Equal(1, exitCode);
        Assert.Contains("--demangle", error, StringComparison.Ordinal);
    }
}
