using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Cdylib.ObjectFile.Elf;

namespace Cdylib.ObjectFile;

/// <summary>
/// The oldest system a binary loads on, as the binary itself states it: for ELF the highest version of
/// each versioned interface it requires (GLIBC_2.34 of libc.so.6: the check auditwheel makes for a
/// manylinux tag), for Mach-O the minimum OS version of LC_BUILD_VERSION or LC_VERSION_MIN_*, for PE the
/// subsystem and the subsystem version the Windows loader compares with its own.
/// </summary>
/// <param name="System">"glibc" (ELF requiring GLIBC_ versions), the Mach-O platform ("macos", "ios", …), "windows"; null when the binary names none (an ELF file without glibc versions).</param>
/// <param name="MinimumVersion">The system's version the binary needs at least: the highest GLIBC_ version ("2.34"), the Mach-O minimum OS ("11.0.0"), the PE subsystem version ("6.0"); null with <paramref name="System"/>.</param>
/// <param name="Namespaces">ELF: for each versioned interface the file requires (GLIBC, GLIBCXX, CXXABI, GCC, …), its highest version, in the order first required; empty for other formats.</param>
public sealed record PlatformFloor(string? System, string? MinimumVersion, IReadOnlyList<VersionedNamespace> Namespaces)
{
    /// <summary>PE: the subsystem ("windows-cui", "windows-gui", …); null for other formats.</summary>
    public string? Subsystem { get; init; }

    /// <summary>PE: the optional header's operating system version ("6.0"), which the loader does not enforce; null for other formats.</summary>
    public string? OperatingSystemVersion { get; init; }

    /// <summary>Mach-O: the SDK the binary was built against ("14.0.0"); null for other formats or when absent.</summary>
    public string? SdkVersion { get; init; }

    /// <summary>The floor of a file's image; null for formats that have none (archives, COFF objects).</summary>
    public static PlatformFloor? Of(BinarySummary summary) => summary switch
    {
        { Elf: ElfDetails elf } => OfElf(elf),
        { MachO: MachO.MachODetails macho } => new PlatformFloor(macho.Platform, macho.MinimumOSVersion, []) { SdkVersion = macho.SdkVersion },
        { Pe: Pe.PeDetails pe } => new PlatformFloor("windows", pe.SubsystemVersion, [])
        {
            Subsystem = pe.SubsystemName,
            OperatingSystemVersion = pe.OperatingSystemVersion,
        },
        _ => null,
    };

    private static PlatformFloor OfElf(ElfDetails elf)
    {
        // Names such as GLIBC_PRIVATE carry no number: they say nothing about a release and are left out.
        var highest = new List<VersionedNamespace>();
        foreach (var need in elf.VersionNeeds)
        {
            if (VersionedNamespace.TryParse(need, out var parsed))
            {
                int known = highest.FindIndex(n => n.Name == parsed.Name);
                if (known < 0)
                {
                    highest.Add(parsed);
                }
                else if (VersionedNamespace.Compare(parsed.Version, highest[known].Version) > 0)
                {
                    highest[known] = parsed;
                }
            }
        }

        var glibc = highest.FirstOrDefault(n => n.Name == "GLIBC");
        return new PlatformFloor(glibc is null ? null : "glibc", glibc?.Version, highest);
    }
}

/// <summary>The highest version of one versioned interface an ELF file requires: GLIBC 2.34 of libc.so.6.</summary>
/// <param name="Name">The name before the last underscore: "GLIBC", "GLIBCXX", "CXXABI", "GCC".</param>
/// <param name="Version">The dotted number after it: "2.34", "3.4.29".</param>
/// <param name="Library">The library the version is required of.</param>
public sealed record VersionedNamespace(string Name, string Version, string Library)
{
    /// <summary>The version as the file names it: "GLIBC_2.34".</summary>
    public string Required => Name + "_" + Version;

    /// <summary>The version's numbers ("2.34" → [2, 34]), for a tag such as manylinux_2_34.</summary>
    public IReadOnlyList<int> Numbers => Parts(Version);

    /// <summary>Orders two dotted versions numerically: 2.9 before 2.10, 3.4 before 3.4.1.</summary>
    public static int Compare(string left, string right)
    {
        var a = Parts(left);
        var b = Parts(right);
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            int x = i < a.Length ? a[i] : -1;
            int y = i < b.Length ? b[i] : -1;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }

    /// <summary>"GLIBC_2.34" → ("GLIBC", "2.34"); false for a name without a dotted number after its last underscore.</summary>
    internal static bool TryParse(ElfVersionNeed need, out VersionedNamespace parsed)
    {
        parsed = null!;
        int underscore = need.Name.LastIndexOf('_');
        if (underscore <= 0 || underscore == need.Name.Length - 1)
        {
            return false;
        }

        string version = need.Name[(underscore + 1)..];
        if (!version.Split('.').All(part => part.Length is > 0 and < 10 && part.All(char.IsAsciiDigit)))
        {
            return false;
        }

        parsed = new VersionedNamespace(need.Name[..underscore], version, need.Library);
        return true;
    }

    private static int[] Parts(string version) =>
        version.Split('.').Select(part => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 0).ToArray();
}
