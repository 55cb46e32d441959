using System.IO;
using Cdylib.Cli.Inspect.Report;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.Archive;
using Cdylib.ObjectFile.MachO;
using Cdylib.ObjectFile.Pe;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The human-readable report, laid out like <c>dumpbin</c>: "Dump of file", "File Type", a summary of
/// the binary, then the report's own part: the exports or imports table (<see cref="ExportsText"/>,
/// <see cref="ImportsText"/> and their PE, Mach-O and archive kin), the dependencies
/// (<see cref="DependenciesText"/>) or the headers (<see cref="DetailsReport"/> drawn by <see cref="ReportText"/>).
/// </summary>
internal sealed class TextInspectFormatter(TextWriter output, InspectReport report, NameStyle names) : IInspectFormatter
{
    private bool _wroteAny;

    public void WriteFile(string path, BinaryFile file, DependencyTree? tree = null)
    {
        if (_wroteAny)
        {
            output.WriteLine();
        }

        _wroteAny = true;

        // The deps report shows the dependencies in a table of their own, not again in the summary.
        bool dependenciesInSummary = report != InspectReport.Dependencies;
        if (file.Summary.Archive is ArchiveDetails archive)
        {
            ArchiveSummaryText.Write(output, path, file, archive, dependenciesInSummary);
            switch (report)
            {
                case InspectReport.Exports:
                    ArchiveExportsText.Write(output, file, archive, names);
                    break;
                case InspectReport.Imports:
                    ArchiveImportsText.Write(output, file, archive, names);
                    break;
                case InspectReport.Dependencies:
                    DependenciesText.Write(output, file);
                    break;
                default:
                    Headers(output, file);
                    break;
            }

            return;
        }

        SummaryText.Write(output, path, file, dependenciesInSummary);
        switch (report)
        {
            case InspectReport.Dependencies when tree is not null:
                DependencyTreeText.Write(output, tree);
                break;
            case InspectReport.Dependencies:
                DependenciesText.Write(output, file);
                output.WriteLine();
                ReportText.Write(output, PlatformFloorReport.Describe(file.Summary));
                break;
            case InspectReport.Headers:
                Headers(output, file);
                break;
            case InspectReport.Exports when file.Summary.Pe is PeDetails pe:
                PeExportsText.Write(output, path, file, pe, names);
                break;
            case InspectReport.Imports when file.Summary.Pe is PeDetails pe:
                PeImportsText.Write(output, file, pe, names);
                break;
            case InspectReport.Exports when file.Summary.MachO is MachODetails macho:
                MachOExportsText.Write(output, path, file, macho, names);
                break;
            case InspectReport.Imports when file.Summary.MachO is MachODetails macho:
                MachOImportsText.Write(output, file, macho, names);
                break;
            case InspectReport.Exports:
                ExportsText.Write(output, path, file, names);
                break;
            default:
                ImportsText.Write(output, file, names);
                break;
        }
    }

    /// <summary>The headers report after the summary: the format's details (<see cref="DetailsReport"/>).</summary>
    private static void Headers(TextWriter output, BinaryFile file)
    {
        if (DetailsReport.For(file.Summary) is ReportSection details)
        {
            ReportText.Write(output, details);
        }
    }

    /// <summary>Nothing on stdout: the runner has put the one-line error on stderr.</summary>
    public void WriteError(string path, string message)
    {
    }

    public void Complete() => output.Flush();

    /// <summary>Nothing to release: the writer belongs to the caller.</summary>
    public void Dispose()
    {
    }
}
