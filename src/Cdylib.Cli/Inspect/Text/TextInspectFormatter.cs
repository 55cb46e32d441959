using System.IO;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The human-readable report, laid out like <c>dumpbin</c>: "Dump of file", "File Type", a summary of
/// the binary, then the exports or imports table (<see cref="ExportsText"/>, <see cref="ImportsText"/>).
/// </summary>
internal sealed class TextInspectFormatter(TextWriter output, InspectReport report) : IInspectFormatter
{
    private bool _wroteAny;

    public void WriteFile(string path, BinaryFile file)
    {
        if (_wroteAny)
        {
            output.WriteLine();
        }

        _wroteAny = true;
        if (file.Summary.Archive is ArchiveDetails archive)
        {
            ArchiveSummaryText.Write(output, path, file, archive);
            if (report == InspectReport.Exports)
            {
                ArchiveExportsText.Write(output, file, archive);
            }
            else
            {
                ArchiveImportsText.Write(output, file, archive);
            }

            return;
        }

        SummaryText.Write(output, path, file);
        if (file.Summary.Pe is PeDetails pe)
        {
            if (report == InspectReport.Exports)
            {
                PeExportsText.Write(output, path, file, pe);
            }
            else
            {
                PeImportsText.Write(output, file, pe);
            }
        }
        else if (file.Summary.MachO is MachODetails macho)
        {
            if (report == InspectReport.Exports)
            {
                MachOExportsText.Write(output, path, file, macho);
            }
            else
            {
                MachOImportsText.Write(output, file, macho);
            }
        }
        else if (report == InspectReport.Exports)
        {
            ExportsText.Write(output, path, file);
        }
        else
        {
            ImportsText.Write(output, file);
        }
    }

    /// <summary>Nothing on stdout: the runner has put the one-line error on stderr.</summary>
    public void WriteError(string path, string message)
    {
    }

    public void Complete() => output.Flush();
}
