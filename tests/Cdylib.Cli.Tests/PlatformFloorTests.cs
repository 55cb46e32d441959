using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cdylib.Cli.Tests;

/// <summary>
/// <c>cdylib deps</c>'s platform floor, text and JSON, cross-checked on real files: ELF against
/// <c>readelf -V</c> (libraries gcc and g++ build here and the system's libstdc++), Mach-O against
/// <c>llvm-objdump --macho --private-headers</c> (SQLite's Xcode-built dylibs), PE against
/// <c>llvm-readobj --file-headers</c> (MSVC-built DLLs and EXEs).
/// </summary>
public sealed partial class PlatformFloorTests
{
    /// <summary>ELF files: gcc's library and PIE executable, a g++ library (GLIBCXX_, CXXABI_), the system's libstdc++ (GCC_).</summary>
    public static TheoryData<string> ElfFiles() => new()
    {
        NativeFixtures.Shared.Library,
        NativeFixtures.Shared.Executable,
        CppLibrary.Value,
        Tool.Run("g++", "-print-file-name=libstdc++.so.6").Trim(),
    };

    [Theory]
    [MemberData(nameof(ElfFiles))]
    public void Elf_floor_is_the_highest_version_of_each_interface_readelf_lists(string path)
    {
        // readelf's needs, grouped by the name before the last '_', each group's highest by System.Version.
        var expected = Readelf.VersionNeeds(path)
            .Select(n => (Match: VersionedName().Match(n.Name), n.File))
            .Where(n => n.Match.Success)
            .GroupBy(n => n.Match.Groups["name"].Value)
            .ToDictionary(g => g.Key, g => g.MaxBy(n => Version.Parse(Padded(n.Match.Groups["version"].Value))));
        Assert.NotEmpty(expected);

        var floor = Floor(path);
        Assert.Equal("glibc", floor.GetProperty("system").GetString());
        Assert.Equal(expected["GLIBC"].Match.Groups["version"].Value, floor.GetProperty("minimumVersion").GetString());
        var versions = floor.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(expected.Keys.Order(), versions.Select(v => v.GetProperty("name").GetString()!).Order());
        foreach (var version in versions)
        {
            var (match, file) = expected[version.GetProperty("name").GetString()!];
            Assert.Equal(match.Groups["version"].Value, version.GetProperty("version").GetString());
            Assert.Equal(match.Value, version.GetProperty("required").GetString());
            Assert.Equal(file, version.GetProperty("library").GetString());
        }

        // The text report says the same, one row per interface.
        var (exitCode, text, error) = InspectCli.Run(["deps", path]);
        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        string floorText = text[text.IndexOf("  Platform floor\n", StringComparison.Ordinal)..];
        Assert.Matches($@"\n    System: +glibc\n    Minimum version: +{Regex.Escape(expected["GLIBC"].Match.Groups["version"].Value)}\n", floorText);
        foreach (var (name, (match, file)) in expected)
        {
            Assert.Matches($@"\n    {name} +{Regex.Escape(match.Groups["version"].Value)} +{Regex.Escape(match.Value)} +{Regex.Escape(file)}\n", floorText);
        }
    }

    [Fact]
    public void The_cpp_library_needs_libstdcpp_interfaces()
    {
        var names = Floor(CppLibrary.Value).GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.Contains("GLIBCXX", names);
        Assert.Contains("CXXABI", names);
    }

    [Fact]
    public void An_elf_file_without_glibc_versions_states_no_floor()
    {
        // Freestanding (-nostdlib): no .gnu.version_r at all.
        Assert.Empty(Readelf.VersionNeeds(NativeFixtures.Shared.Library32));
        var floor = Floor(NativeFixtures.Shared.Library32);
        Assert.Equal(JsonValueKind.Null, floor.GetProperty("system").ValueKind);
        Assert.Equal(JsonValueKind.Null, floor.GetProperty("minimumVersion").ValueKind);
        Assert.Empty(floor.GetProperty("versions").EnumerateArray());
        Assert.Contains("    System:           (not stated)\n", InspectCli.Run(["deps", NativeFixtures.Shared.Library32]).Output);
    }

    [Fact]
    public void Mach_o_floor_is_the_minimum_os_llvm_objdump_shows()
    {
        foreach (var path in MachOFixtures.Sqlite)
        {
            string headers = Tool.Run("llvm-objdump", "--macho", "--private-headers", path);
            var build = BuildVersion().Match(headers);
            var minimum = VersionMin().Match(headers);
            Assert.True(build.Success || minimum.Success, headers);
            string platform = build.Success ? build.Groups["platform"].Value : "macos";
            string minos = build.Success ? build.Groups["minos"].Value : minimum.Groups["version"].Value;
            string sdk = build.Success ? build.Groups["sdk"].Value : minimum.Groups["sdk"].Value;

            var floor = Floor(path);
            Assert.Equal(platform, floor.GetProperty("system").GetString());
            Assert.Equal(Padded(minos), floor.GetProperty("minimumVersion").GetString());
            Assert.Equal(Padded(sdk), floor.GetProperty("sdkVersion").GetString());
            Assert.False(floor.TryGetProperty("versions", out _));

            string text = InspectCli.Run(["deps", path]).Output;
            Assert.Contains($"  Platform floor\n\n    System:           {platform}\n    Minimum version:  {Padded(minos)}\n    SDK:              {Padded(sdk)}\n", text);
        }
    }

    [Fact]
    public void Pe_floor_is_the_subsystem_version_llvm_readobj_shows()
    {
        foreach (var path in PeFixtures.Sqlite.Concat(PeFixtures.DotNetHost).Concat(PeFixtures.All))
        {
            var (fields, _) = LlvmCoff.FileHeaders(path);
            string subsystemVersion = $"{fields["MajorSubsystemVersion"]}.{int.Parse(fields["MinorSubsystemVersion"], System.Globalization.CultureInfo.InvariantCulture):00}";
            string osVersion = $"{fields["MajorOperatingSystemVersion"]}.{int.Parse(fields["MinorOperatingSystemVersion"], System.Globalization.CultureInfo.InvariantCulture):00}";
            string subsystem = SubsystemName().Match(fields["Subsystem"]).Groups[1].Value.ToLowerInvariant().Replace('_', '-');

            var floor = Floor(path);
            Assert.Equal("windows", floor.GetProperty("system").GetString());
            Assert.Equal(subsystemVersion, floor.GetProperty("minimumVersion").GetString());
            Assert.Equal(osVersion, floor.GetProperty("operatingSystemVersion").GetString());
            Assert.Equal(subsystem, floor.GetProperty("subsystem").GetString());
            Assert.Contains($"    Minimum version:  {subsystemVersion}\n    Subsystem:        {subsystem}\n    OS version:       {osVersion}\n", InspectCli.Run(["deps", path]).Output);
        }
    }

    [Fact]
    public void An_archive_has_no_floor()
    {
        string archive = ArchiveFixtures.GnuImportLibrary;
        var (_, json, _) = InspectCli.Run(["deps", "--format", "json", archive]);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("files")[0].GetProperty("platformFloor").ValueKind);
        Assert.DoesNotContain("Platform floor", InspectCli.Run(["deps", archive]).Output, StringComparison.Ordinal);
    }

    /// <summary>A g++ library that throws and uses std::string: it needs GLIBCXX_ and CXXABI_ versions of libstdc++.</summary>
    private static readonly Lazy<string> CppLibrary = new(() =>
    {
        string directory = Directory.CreateTempSubdirectory("cdylib-floor-").FullName;
        string source = Path.Combine(directory, "floor.cpp");
        File.WriteAllText(source, """
            #include <stdexcept>
            #include <string>
            extern "C" int floor_length(const char* text)
            {
                std::string value(text);
                if (value.empty()) throw std::runtime_error("empty");
                return static_cast<int>(value.size());
            }
            """);
        string library = Path.Combine(directory, "libfloor.so");
        Tool.Run("g++", "-shared", "-fPIC", "-O1", "-o", library, source);
        return library;
    });

    /// <summary>The "platformFloor" object of <c>cdylib deps --format json PATH</c> (which must read the file cleanly).</summary>
    private static JsonElement Floor(string path)
    {
        var (exitCode, output, error) = InspectCli.Run(["deps", "--format", "json", path]);
        Assert.True(exitCode == 0, error);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.GetProperty("files")[0].GetProperty("platformFloor").Clone();
    }

    /// <summary>"11.0" → "11.0.0", "2.34" → "2.34.0" (Mach-O versions have three parts; System.Version needs two).</summary>
    private static string Padded(string version) => version.Count(c => c == '.') == 1 ? version + ".0" : version;

    [GeneratedRegex(@"^(?<name>.+)_(?<version>\d+(\.\d+)*)$")]
    private static partial Regex VersionedName();

    [GeneratedRegex(@"cmd LC_BUILD_VERSION\n.*\n\s*platform (?<platform>\S+)\n\s*sdk (?<sdk>\S+)\n\s*minos (?<minos>\S+)")]
    private static partial Regex BuildVersion();

    [GeneratedRegex(@"cmd LC_VERSION_MIN_MACOSX\n.*\n\s*version (?<version>\S+)\n\s*sdk (?<sdk>\S+)")]
    private static partial Regex VersionMin();

    [GeneratedRegex(@"IMAGE_SUBSYSTEM_(\w+)")]
    private static partial Regex SubsystemName();
}
