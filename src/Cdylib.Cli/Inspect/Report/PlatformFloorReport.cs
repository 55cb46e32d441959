using Cdylib.ObjectFile;

using static Cdylib.Cli.Inspect.Report.ReportValue;

namespace Cdylib.Cli.Inspect.Report;

/// <summary>
/// The platform floor the deps report ends with (<see cref="PlatformFloor"/>), described once for the
/// text report ("Platform floor") and JSON (<c>"platformFloor"</c>): the system and its minimum version,
/// then the per-format facts (ELF: the highest version of each versioned interface; PE: subsystem and
/// OS version; Mach-O: SDK).
/// </summary>
internal static class PlatformFloorReport
{
    /// <summary>The section for <paramref name="summary"/>; a missing one (JSON null, no text) for formats without a floor.</summary>
    public static ReportSection Describe(BinarySummary summary)
    {
        const string Heading = "Platform floor";
        const string JsonObject = "platformFloor";
        if (PlatformFloor.Of(summary) is not PlatformFloor floor)
        {
            return ReportSection.Missing(Heading, JsonObject);
        }

        var section = new ReportSection(Heading, JsonObject)
            .Fact("System:", "system", StrOrNull(floor.System, "(not stated)"))
            .Fact("Minimum version:", "minimumVersion", StrOrNull(floor.MinimumVersion, "(not stated)"));
        if (summary.Format == BinaryFormat.Pe)
        {
            section.Fact("Subsystem:", "subsystem", StrOrNull(floor.Subsystem, "(none)"))
                .Fact("OS version:", "operatingSystemVersion", StrOrNull(floor.OperatingSystemVersion, "(none)"));
        }
        else if (summary.Format == BinaryFormat.MachO)
        {
            section.Fact("SDK:", "sdkVersion", StrOrNull(floor.SdkVersion, "(none)"));
        }
        else
        {
            // The highest version of each interface, the one the library's users must have at least.
            var table = new ReportTable(
                "versions",
                ReportColumn.Left("Interface", "name"),
                ReportColumn.Left("Highest", "version"),
                ReportColumn.Left("Required", "required"),
                ReportColumn.Left("Of", "library"));
            foreach (var version in floor.Namespaces)
            {
                table.Add(Str(version.Name), Str(version.Version), Str(version.Required), Str(version.Library));
            }

            section.Table = table;
        }

        return section;
    }
}
