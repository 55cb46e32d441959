using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cdylib.Cli.Inspect.Json;
using Cdylib.Cli.Inspect.Report;
using Cdylib.Cli.Inspect.Text;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// The headers and details of every format are described once (<see cref="DetailsReport"/>) and drawn
/// as text and as JSON: for each fixture (ELF, PE, Mach-O thin and fat, archives), every fact, cell and
/// row of the model is in the text at its heading and in the JSON at its property, and neither
/// rendering has anything the model does not have. Then the CLI draws exactly these.
/// </summary>
public sealed partial class ReportModelTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in new[]
        {
            "/lib/x86_64-linux-gnu/libc.so.6",
            NativeFixtures.Shared.Library,
            NativeFixtures.Shared.Library32,
            NativeFixtures.Shared.Object,
            NativeFixtures.Shared.Executable,
        }.Where(File.Exists)
            .Concat(PeFixtures.All)
            .Concat(MachOFixtures.All)
            .Concat(MachOFixtures.Sqlite.Where(File.Exists))
            .Concat(ArchiveFixtures.Shared.All.Where(File.Exists)))
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Text_and_json_show_the_same_facts(string path)
    {
        foreach (var file in Images(path))
        {
            var details = DetailsReport.For(file.Summary);
            Assert.NotNull(details);
            var (text, json) = Render(details);
            using var document = JsonDocument.Parse(json);

            // Every property of every JSON object is accounted for by the model: nothing in the JSON
            // that the text does not have.
            Assert.Equal(CountProperties(document.RootElement), Check(details, Lines(text), document.RootElement));
        }
    }

    [Fact]
    public void A_thin_mach_o_slice_has_no_fat_header_in_either_rendering()
    {
        var file = BinaryFile.Parse(MachOFixtures.Thin(MachOFixtures.Library, "arm64"), "libfixture.dylib");
        var details = DetailsReport.For(file.Summary)!;
        var (text, json) = Render(details);
        using var document = JsonDocument.Parse(json);

        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("macho").GetProperty("fat").ValueKind);
        Assert.DoesNotContain("Fat slices", text, StringComparison.Ordinal);
        Assert.Equal(CountProperties(document.RootElement), Check(details, Lines(text), document.RootElement));
    }

    [Fact]
    public void A_coff_object_has_no_details_part()
    {
        Assert.Null(DetailsReport.For(BinaryFile.Open(ArchiveFixtures.Shared.CoffObject).Summary));
    }

    /// <summary>The facts the issue found missing from the JSON are there, with the values the text shows.</summary>
    [Fact]
    public void Json_has_the_pe_and_mach_o_facts_the_text_shows()
    {
        var (_, output, _) = InspectCli.Run(["headers", "--format", "json", PeFixtures.DllX64, MachOFixtures.Library]);
        using var document = JsonDocument.Parse(output);
        var files = document.RootElement.GetProperty("files");
        var pe = files[0].GetProperty("pe");
        var reader = BinaryFile.Open(PeFixtures.DllX64).Summary.Pe!;
        Assert.Equal(reader.SectionAlignment, pe.GetProperty("sectionAlignment").GetUInt32());
        Assert.Equal(reader.FileAlignment, pe.GetProperty("fileAlignment").GetUInt32());
        Assert.Equal(reader.SizeOfImage, pe.GetProperty("sizeOfImage").GetUInt32());
        Assert.Equal(reader.SizeOfHeaders, pe.GetProperty("sizeOfHeaders").GetUInt32());
        Assert.Equal($"0x{reader.CheckSum:x}", pe.GetProperty("checkSum").GetString());
        Assert.Equal(
            reader.DataDirectories.Where(d => d.Rva != 0 || d.Size != 0).Select(d => ($"0x{d.Rva:x}", d.Size)),
            pe.GetProperty("dataDirectories").EnumerateArray().Select(d => (d.GetProperty("rva").GetString()!, d.GetProperty("size").GetUInt32())));

        var macho = files[1].GetProperty("macho");
        var slice = BinaryContainer.Parse(File.ReadAllBytes(MachOFixtures.Library)).Images[0].Read().Summary.MachO!;
        Assert.Equal(slice.LoadCommandCount, macho.GetProperty("loadCommandCount").GetUInt32());
        Assert.Equal(slice.LoadCommandsSize, macho.GetProperty("loadCommandsSize").GetUInt32());
        Assert.Equal(
            slice.Segments.Select(s => (s.InitialProtection, s.MaxProtection)),
            macho.GetProperty("segments").EnumerateArray().Select(s => (Bits(s.GetProperty("initialProtection").GetString()!), Bits(s.GetProperty("maxProtection").GetString()!))));

        static uint Bits(string letters) => (letters[0] == 'r' ? 1u : 0) | (letters[1] == 'w' ? 2u : 0) | (letters[2] == 'x' ? 4u : 0);
    }

    /// <summary>`cdylib headers` draws the model after the summary, and every JSON document has it as the file's format object.</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void The_cli_draws_the_model(string path)
    {
        var images = Images(path).ToList();
        var (_, text, _) = InspectCli.Run(["headers", path]);
        var (_, json, _) = InspectCli.Run(["exports", "--format", "json", path]);
        using var document = JsonDocument.Parse(json);
        var files = document.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(images.Count, files.Count);
        foreach (var (file, cliFile) in images.Zip(files))
        {
            var details = DetailsReport.For(file.Summary)!;
            var (expectedText, expectedJson) = Render(details);
            Assert.Contains("\n\n" + expectedText, text, StringComparison.Ordinal);
            using var expected = JsonDocument.Parse(expectedJson);
            var format = expected.RootElement.EnumerateObject().Single();
            Assert.True(JsonElement.DeepEquals(format.Value, cliFile.GetProperty(format.Name)), $"{format.Name} of {path}");
        }
    }

    /// <summary>The images the CLI reports for a path: every image of the file (each slice of a fat Mach-O file).</summary>
    private static IEnumerable<BinaryFile> Images(string path)
    {
        return BinaryContainer.Open(path).Images.Select(image => image.Read());
    }

    private static (string Text, string Json) Render(ReportSection details)
    {
        var text = new StringWriter { NewLine = "\n" };
        ReportText.Write(text, details);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            ReportJson.Write(json, details);
            json.WriteEndObject();
        }

        return (text.ToString(), Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>
    /// Checks <paramref name="section"/> against the text lines (each section's lines found under its
    /// heading) and the JSON object it is written into; returns how many properties of that object it
    /// accounts for (an object of its own is one, after its own properties are all accounted for).
    /// </summary>
    private static int Check(ReportSection section, IReadOnlyList<string> text, JsonElement parent)
    {
        if (section.IsMissing)
        {
            Assert.Equal(JsonValueKind.Null, parent.GetProperty(section.JsonObject!).ValueKind);
            Assert.DoesNotContain($"  {section.Heading}", text);
            return 1;
        }

        if (section.JsonObject is string name)
        {
            var json = parent.GetProperty(name);
            Assert.Equal(CountProperties(json), Content(section, text, json));
            return 1;
        }

        return Content(section, text, parent);
    }

    private static int Content(ReportSection section, IReadOnlyList<string> text, JsonElement json)
    {
        int properties = 0;
        if (section.Heading is string heading)
        {
            var expected = new List<string>();
            foreach (var fact in section.Facts)
            {
                string value = fact.Text;
                expected.Add(Collapse($"{fact.Label} {(value.Length == 0 ? "(none)" : value)}"));
                properties += CheckFact(fact, json);
            }

            if (section.Table is ReportTable table)
            {
                if (section.Facts.Count > 0)
                {
                    expected.Add("");
                }

                expected.AddRange(TableLines(table, table));
                if (table.Rows.All(r => r.Values is null))
                {
                    expected.Add("(none)");
                }

                properties += CheckTable(table, json);
            }

            Assert.Equal(expected, Block(text, heading));
        }

        foreach (var subsection in section.Subsections)
        {
            properties += Check(subsection, text, json);
        }

        return properties;
    }

    /// <summary>The lines under "  HEADING" up to the next heading, whitespace collapsed, without the blank lines around them.</summary>
    private static List<string> Block(IReadOnlyList<string> text, string heading)
    {
        int start = text.ToList().IndexOf($"  {heading}");
        Assert.True(start >= 0, $"no heading '{heading}' in the text");
        var lines = text.Skip(start + 1).TakeWhile(l => !HeadingLine().IsMatch(l)).Select(Collapse).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>The table as text lines: headings, then each row, its nested rows (in the top table's columns) and its details.</summary>
    private static IEnumerable<string> TableLines(ReportTable table, ReportTable top)
    {
        if (ReferenceEquals(table, top))
        {
            if (table.Rows.All(r => r.Values is null))
            {
                yield break;
            }

            yield return Collapse(string.Join(" ", table.Columns.Select(c => c.Label)));
        }

        foreach (var row in table.Rows.Where(r => r.Values is not null))
        {
            var cells = table.Columns.Zip(table.Cells(row)).ToDictionary(c => c.First.Label, c => c.Second);
            Assert.All(cells.Keys, label => Assert.Contains(top.Columns, c => c.Label == label));
            yield return Collapse(string.Join(" ", top.Columns.Select(c => cells.GetValueOrDefault(c.Label, ""))));
            foreach (var line in row.Children.SelectMany(child => TableLines(child, top)))
            {
                yield return line;
            }

            foreach (var detail in row.Details.Where(d => d.Text.Length > 0))
            {
                yield return Collapse($"{detail.Label} {detail.Text}");
            }
        }
    }

    private static int CheckTable(ReportTable table, JsonElement json)
    {
        int properties = 1;
        var array = json.GetProperty(table.JsonName);
        var elements = array.EnumerateArray().ToList();
        var rows = table.Rows.Where(r => r.JsonName is null).ToList();
        Assert.Equal(rows.Count, elements.Count);
        foreach (var (row, element) in rows.Zip(elements))
        {
            Assert.Equal(CountProperties(element), CheckRow(table, row, element));
        }

        foreach (var named in table.Rows.Where(r => r.JsonName is not null))
        {
            properties++;
            var element = json.GetProperty(named.JsonName!);
            if (named.Values is null)
            {
                Assert.Equal(JsonValueKind.Null, element.ValueKind);
            }
            else
            {
                Assert.Equal(CountProperties(element), CheckRow(table, named, element));
            }
        }

        return properties;
    }

    private static int CheckRow(ReportTable table, ReportRow row, JsonElement element)
    {
        int properties = table.Fields(row).Sum(field => CheckValue(element, field));
        properties += row.Details.Sum(detail => CheckFact(detail, element));
        properties += row.Children.Sum(child => CheckTable(child, element));
        return properties;
    }

    private static int CheckFact(ReportFact fact, JsonElement json)
    {
        if (fact.JsonObject is null)
        {
            return fact.Fields.Sum(field => CheckValue(json, field));
        }

        var element = json.GetProperty(fact.JsonObject);
        if (fact.IsNull)
        {
            Assert.Equal(JsonValueKind.Null, element.ValueKind);
        }
        else
        {
            Assert.Equal(CountProperties(element), fact.Fields.Sum(field => CheckValue(element, field)));
        }

        return 1;
    }

    /// <summary>The field's JSON value is the property of its name (none for an omitted one); 1 or 0 properties.</summary>
    private static int CheckValue(JsonElement json, ReportField field)
    {
        var value = field.Value;
        bool present = json.TryGetProperty(field.JsonName, out var element);
        Assert.True(present == (value.Kind != JsonKind.Omitted), $"property '{field.JsonName}'");
        switch (value.Kind)
        {
            case JsonKind.String:
                Assert.Equal(value.JsonString, element.GetString());
                break;
            case JsonKind.Number:
                Assert.Equal(value.JsonNumber, element.GetDecimal());
                break;
            case JsonKind.Boolean:
                Assert.Equal(value.JsonBoolean, element.GetBoolean());
                break;
            case JsonKind.Null:
                Assert.Equal(JsonValueKind.Null, element.ValueKind);
                break;
            case JsonKind.Strings:
                Assert.Equal(value.JsonStrings, element.EnumerateArray().Select(e => e.GetString()));
                break;
        }

        return present ? 1 : 0;
    }

    /// <summary>How many properties the object has (0 for anything else).</summary>
    private static int CountProperties(JsonElement element) => element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().Count() : 0;

    private static List<string> Lines(string text) => text.Split('\n').ToList();

    private static string Collapse(string line) => Whitespace().Replace(line.Trim(), " ");

    [GeneratedRegex(@"^  \S")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
