using System.IO;
using System.Linq;
using Cdylib.Cli.Inspect.Report;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// Draws a <see cref="ReportSection"/> as text, in the layout of the headers report: "  Heading", a blank
/// line, the facts as aligned "Label:  value" lines, the table with its column headings ("(none)" when
/// it has no rows), each followed by a blank line; then the subsections. A fact with nothing to show is
/// "(none)"; a missing section is not drawn.
/// </summary>
internal static class ReportText
{
    private const string Indent = "    ";

    public static void Write(TextWriter output, ReportSection section)
    {
        if (section.IsMissing)
        {
            return;
        }

        if (section.Heading is string heading)
        {
            output.WriteLine($"  {heading}");
            output.WriteLine();
            if (section.Facts.Count > 0 || section.Table is null)
            {
                var facts = new TextTable("", "") { ShowHeadings = false };
                foreach (var fact in section.Facts)
                {
                    string text = fact.Text;
                    facts.Add(fact.Label, text.Length == 0 ? "(none)" : text);
                }

                WriteOrNone(output, facts);
            }

            if (section.Table is ReportTable table)
            {
                WriteOrNone(output, Layout(table));
            }
        }

        foreach (var subsection in section.Subsections)
        {
            Write(output, subsection);
        }
    }

    /// <summary>The table's rows, each followed by the rows of its nested tables (in the columns of the same heading) and its details.</summary>
    private static TextTable Layout(ReportTable table)
    {
        var text = new TextTable(table.Columns.Select(c => (c.RightAligned ? ">" : "") + c.Label).ToArray());
        foreach (var row in table.Rows.Where(r => r.Values is not null))
        {
            text.Add(table.Cells(row).ToArray());
            AddNested(text, table, row);
        }

        return text;
    }

    private static void AddNested(TextTable text, ReportTable top, ReportRow row)
    {
        foreach (var child in row.Children)
        {
            foreach (var childRow in child.Rows.Where(r => r.Values is not null))
            {
                var cells = child.Columns.Zip(child.Cells(childRow)).ToDictionary(c => c.First.Label, c => c.Second);
                if (cells.Keys.FirstOrDefault(label => !top.Columns.Any(c => c.Label == label)) is string lost)
                {
                    // A describer's mistake, not the file's: the value would have no column to be drawn in.
                    throw new System.InvalidOperationException($"nested table '{child.JsonName}' has a column '{lost}' that table '{top.JsonName}' lacks");
                }

                text.Add(top.Columns.Select(c => cells.GetValueOrDefault(c.Label, "")).ToArray());
                AddNested(text, top, childRow);
            }
        }

        foreach (var detail in row.Details)
        {
            string value = detail.Text;
            if (value.Length > 0)
            {
                text.AddLine($"  {detail.Label} {value}");
            }
        }
    }

    private static void WriteOrNone(TextWriter output, TextTable table)
    {
        if (table.Count == 0)
        {
            output.WriteLine($"{Indent}(none)");
        }
        else
        {
            table.Write(output, Indent);
        }

        output.WriteLine();
    }
}
