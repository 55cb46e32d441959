using Cdylib.ObjectFile;
using Cdylib.ObjectFile.Archive;
using Cdylib.ObjectFile.Elf;
using Cdylib.ObjectFile.MachO;
using Cdylib.ObjectFile.Pe;

namespace Cdylib.Cli.Inspect.Report;

/// <summary>
/// The format's part of a file's report, described once: the text headers report draws it after the
/// summary (<see cref="Text.ReportText"/>), and every JSON document has it as the file's "elf", "pe",
/// "macho" or "archive" object (<see cref="Json.ReportJson"/>).
/// </summary>
internal static class DetailsReport
{
    /// <summary>The details of <paramref name="summary"/>'s format; null for a format that has none (a COFF object).</summary>
    public static ReportSection? For(BinarySummary summary) => summary switch
    {
        { Elf: ElfDetails elf } => ElfReport.Describe(elf, summary.Is64Bit),
        { Pe: PeDetails pe } => PeReport.Describe(pe),
        { MachO: MachODetails macho } => MachOReport.Describe(macho),
        { Archive: ArchiveDetails archive } => ArchiveReport.Describe(archive),
        _ => null,
    };
}
