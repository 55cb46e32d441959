using System.Text.Json;
using Cdylib.Cli.Inspect.Report;

namespace Cdylib.Cli.Inspect.Json;

/// <summary>
/// Draws a <see cref="ReportSection"/> as JSON: a section's facts and table are properties of the
/// enclosing object or of its own named object (null when missing); a table is an array of objects (a
/// named row an object of its own before it), nested tables arrays inside their row's object.
/// </summary>
internal static class ReportJson
{
    public static void Write(Utf8JsonWriter json, ReportSection section)
    {
        if (section.IsMissing)
        {
            json.WriteNull(section.JsonObject!);
            return;
        }

        if (section.JsonObject is string name)
        {
            json.WriteStartObject(name);
        }

        foreach (var fact in section.Facts)
        {
            Write(json, fact);
        }

        if (section.Table is ReportTable table)
        {
            Write(json, table);
        }

        foreach (var subsection in section.Subsections)
        {
            Write(json, subsection);
        }

        if (section.JsonObject is not null)
        {
            json.WriteEndObject();
        }
    }

    private static void Write(Utf8JsonWriter json, ReportFact fact)
    {
        if (fact.JsonObject is string name)
        {
            if (fact.IsNull)
            {
                json.WriteNull(name);
                return;
            }

            json.WriteStartObject(name);
        }

        foreach (var field in fact.Fields)
        {
            Write(json, field.JsonName, field.Value);
        }

        if (fact.JsonObject is not null)
        {
            json.WriteEndObject();
        }
    }

    private static void Write(Utf8JsonWriter json, ReportTable table)
    {
        foreach (var row in table.Rows)
        {
            if (row.JsonName is string name)
            {
                if (row.Values is null)
                {
                    json.WriteNull(name);
                    continue;
                }

                json.WriteStartObject(name);
                WriteRow(json, table, row);
                json.WriteEndObject();
            }
        }

        json.WriteStartArray(table.JsonName);
        foreach (var row in table.Rows)
        {
            if (row.JsonName is null)
            {
                json.WriteStartObject();
                WriteRow(json, table, row);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }

    private static void WriteRow(Utf8JsonWriter json, ReportTable table, ReportRow row)
    {
        foreach (var field in table.Fields(row))
        {
            Write(json, field.JsonName, field.Value);
        }

        foreach (var detail in row.Details)
        {
            Write(json, detail);
        }

        foreach (var child in row.Children)
        {
            Write(json, child);
        }
    }

    private static void Write(Utf8JsonWriter json, string name, ReportValue value)
    {
        switch (value.Kind)
        {
            case JsonKind.String:
                json.WriteString(name, value.JsonString);
                break;
            case JsonKind.Number:
                json.WriteNumber(name, value.JsonNumber);
                break;
            case JsonKind.Boolean:
                json.WriteBoolean(name, value.JsonBoolean);
                break;
            case JsonKind.Null:
                json.WriteNull(name);
                break;
            case JsonKind.Strings:
                json.WriteStartArray(name);
                foreach (var item in value.JsonStrings!)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                break;
        }
    }
}
