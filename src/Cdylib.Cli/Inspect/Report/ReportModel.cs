using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdylib.Cli.Inspect.Report;

/// <summary>
/// A part of a report, described once and drawn by <see cref="Text.ReportText"/> and
/// <see cref="Json.ReportJson"/>: a heading over label/value facts and a table, then subsections.
/// </summary>
/// <remarks>
/// In text a section is its heading, its facts as aligned "Label:  value" lines, its table, each
/// followed by a blank line (an empty table is "(none)"); a section without a heading only draws its
/// subsections. In JSON its facts and table are properties of the enclosing object, or of an object of
/// its own when it has a <see cref="JsonObject"/> name (a missing section is that name with null).
/// </remarks>
internal sealed class ReportSection
{
    public ReportSection(string? heading, string? jsonObject = null)
    {
        Heading = heading;
        JsonObject = jsonObject;
    }

    /// <summary>The text heading ("Program headers"); null for a section that only holds subsections.</summary>
    public string? Heading { get; }

    /// <summary>The JSON object the section's content goes into ("elf", "fat", "exportDirectory"); null for the enclosing one.</summary>
    public string? JsonObject { get; }

    /// <summary>True for a part the file does not have (a thin file's fat header): JSON null, no text.</summary>
    public bool IsMissing { get; private init; }

    public List<ReportFact> Facts { get; } = [];

    public ReportTable? Table { get; set; }

    public List<ReportSection> Subsections { get; } = [];

    /// <summary>A part the file does not have: <c>"jsonObject": null</c>, nothing in text.</summary>
    public static ReportSection Missing(string heading, string jsonObject) => new(heading, jsonObject) { IsMissing = true };

    public ReportSection Fact(string label, string jsonName, ReportValue value)
    {
        Facts.Add(new ReportFact(label, "{0}", [new ReportField(jsonName, value)]));
        return this;
    }

    /// <summary>A fact of several values on one text line: <paramref name="template"/> places their text spellings ("{0} (ABI version {1})").</summary>
    public ReportSection Fact(string label, string template, params ReportField[] fields)
    {
        Facts.Add(new ReportFact(label, template, fields));
        return this;
    }

    public ReportSection Add(ReportSection subsection)
    {
        Subsections.Add(subsection);
        return this;
    }
}

/// <summary>A JSON property name and its value.</summary>
internal sealed record ReportField(string JsonName, ReportValue Value);

/// <summary>
/// A fact: one labelled line of text ("Entry point:  0x…") holding one or more JSON properties. When
/// it has a <see cref="JsonObject"/> name, its properties form an object of their own (null when the
/// fact <see cref="IsNull"/>).
/// </summary>
internal sealed record ReportFact(string Label, string Template, IReadOnlyList<ReportField> Fields, string? JsonObject = null, bool IsNull = false)
{
    /// <summary>A fact whose properties are one JSON object (an archive member's import entry).</summary>
    public static ReportFact Object(string label, string jsonObject, string template, params ReportField[] fields) => new(label, template, fields, jsonObject);

    /// <summary>An object the file does not have: <c>"jsonObject": null</c>, an empty text.</summary>
    public static ReportFact NullObject(string label, string jsonObject) => new(label, "", [], jsonObject, IsNull: true);

    /// <summary>The text spelling: <see cref="Template"/> with the values' text, or empty when there is nothing to show.</summary>
    public string Text => ReportColumn.Spell(Template, Fields.Select(f => f.Value));
}

/// <summary>
/// A column of a table: its text heading and alignment, and the JSON properties its cells hold (one
/// usually; a cell such as "60000020 CNT_CODE MEM_READ" holds two, placed by <see cref="Template"/>).
/// A column with no JSON names stays empty in its table's own rows: it is there for nested rows.
/// </summary>
internal sealed record ReportColumn(string Label, bool RightAligned, string Template, IReadOnlyList<string> JsonNames)
{
    /// <summary>A left-aligned column (names, hex values).</summary>
    public static ReportColumn Left(string label, params string[] jsonNames) => new(label, false, DefaultTemplate(jsonNames), jsonNames);

    /// <summary>A right-aligned column (decimal sizes and counts).</summary>
    public static ReportColumn Right(string label, params string[] jsonNames) => new(label, true, DefaultTemplate(jsonNames), jsonNames);

    /// <summary>The same column with its values placed by <paramref name="template"/> ("{0}/{1}").</summary>
    public ReportColumn Spelled(string template) => this with { Template = template };

    /// <summary>The text of a cell or fact: empty when every value is omitted, else the template filled with their text spellings.</summary>
    public static string Spell(string template, IEnumerable<ReportValue> values)
    {
        var list = values.ToList();
        return list.All(v => v.Kind == JsonKind.Omitted) ? "" : string.Format(System.Globalization.CultureInfo.InvariantCulture, template, list.Select(v => (object)v.Text).ToArray());
    }

    /// <summary>The values one after the other, separated by a space.</summary>
    private static string DefaultTemplate(string[] jsonNames) => string.Join(" ", jsonNames.Select((_, i) => $"{{{i}}}"));
}

/// <summary>
/// A table: its columns and rows; in JSON an array of objects named <see cref="JsonName"/>, each row's
/// values under the columns' JSON names. Rows may carry nested tables (a segment's sections), drawn in
/// text as rows of the same table, each value in the column of the same heading; and details (an archive
/// member's symbols), drawn in text as indented lines under the row.
/// </summary>
internal sealed class ReportTable(string jsonName, params ReportColumn[] columns)
{
    public string JsonName { get; } = jsonName;

    public IReadOnlyList<ReportColumn> Columns { get; } = columns;

    public List<ReportRow> Rows { get; } = [];

    /// <summary>A row of values, in the order of the columns' JSON names.</summary>
    public ReportRow Add(params ReportValue[] values)
    {
        var row = new ReportRow(Checked(values), null);
        Rows.Add(row);
        return row;
    }

    /// <summary>
    /// A row that is a JSON object of its own, <c>"jsonName": {…}</c>, written before the array (null
    /// when <paramref name="values"/> is null, and then not drawn): Mach-O's LC_ID_DYLIB beside the
    /// dylibs it loads. Named rows come first in text too.
    /// </summary>
    public ReportRow AddNamed(string jsonName, ReportValue[]? values)
    {
        var row = new ReportRow(values is null ? null : Checked(values), jsonName);
        Rows.Insert(Rows.Count(r => r.JsonName is not null), row);
        return row;
    }

    /// <summary>The cells of <paramref name="row"/> in column order, as text.</summary>
    public IEnumerable<string> Cells(ReportRow row)
    {
        int next = 0;
        foreach (var column in Columns)
        {
            var values = row.Values!.Skip(next).Take(column.JsonNames.Count);
            next += column.JsonNames.Count;
            yield return ReportColumn.Spell(column.Template, values);
        }
    }

    /// <summary>The JSON properties of <paramref name="row"/>'s cells, in column order.</summary>
    public IEnumerable<ReportField> Fields(ReportRow row) =>
        Columns.SelectMany(c => c.JsonNames).Zip(row.Values!, (name, value) => new ReportField(name, value));

    private ReportValue[] Checked(ReportValue[] values)
    {
        int expected = Columns.Sum(c => c.JsonNames.Count);
        return values.Length == expected ? values : throw new ArgumentException($"table '{JsonName}' expects {expected} values, got {values.Length}", nameof(values));
    }
}

/// <summary>One row of a <see cref="ReportTable"/>.</summary>
/// <param name="values">The values in the order of the columns' JSON names; null for a named row the file does not have.</param>
/// <param name="jsonName">Null for an element of the table's array; else the property the row is written as.</param>
internal sealed class ReportRow(IReadOnlyList<ReportValue>? values, string? jsonName)
{
    public IReadOnlyList<ReportValue>? Values { get; } = values;

    public string? JsonName { get; } = jsonName;

    /// <summary>Facts of the row drawn under it in text ("defines: a b c"; left out when empty) and as its properties in JSON.</summary>
    public List<ReportFact> Details { get; } = [];

    /// <summary>Tables nested in the row: JSON arrays of the row object, text rows under it in the parent's columns.</summary>
    public List<ReportTable> Children { get; } = [];
}
