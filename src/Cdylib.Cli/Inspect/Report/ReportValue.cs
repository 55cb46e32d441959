using System.Collections.Generic;
using System.Globalization;

namespace Cdylib.Cli.Inspect.Report;

/// <summary>What a <see cref="ReportValue"/> is in JSON.</summary>
internal enum JsonKind
{
    String,
    Number,
    Boolean,
    Null,

    /// <summary>An array of strings (flag names, symbol names).</summary>
    Strings,

    /// <summary>Not written at all: a column that does not apply to this row (the delay-load fields of an ordinary import descriptor).</summary>
    Omitted,
}

/// <summary>
/// One value of a report with both of its spellings, made from one source value by the factories below:
/// the text the text report prints (readelf's, dumpbin's or otool's way) and the JSON value (addresses,
/// offsets and flags as "0x…" strings, sizes and counts as numbers, names as strings). A describer never
/// writes one spelling without the other.
/// </summary>
internal sealed class ReportValue
{
    private ReportValue(string text, JsonKind kind, string? jsonString = null, decimal number = 0, bool boolean = false, IReadOnlyList<string>? strings = null)
    {
        Text = text;
        Kind = kind;
        JsonString = jsonString;
        JsonNumber = number;
        JsonBoolean = boolean;
        JsonStrings = strings;
    }

    /// <summary>The spelling in the text report; empty when there is nothing to show.</summary>
    public string Text { get; }

    public JsonKind Kind { get; }

    /// <summary>The JSON string (<see cref="JsonKind.String"/>).</summary>
    public string? JsonString { get; }

    /// <summary>The JSON number (<see cref="JsonKind.Number"/>): an integer, held exactly for every 64-bit value.</summary>
    public decimal JsonNumber { get; }

    public bool JsonBoolean { get; }

    /// <summary>The JSON array (<see cref="JsonKind.Strings"/>).</summary>
    public IReadOnlyList<string>? JsonStrings { get; }

    /// <summary>A value that is not there for this row: no JSON property, an empty cell.</summary>
    public static ReportValue Omitted { get; } = new("", JsonKind.Omitted);

    /// <summary>A name or other text, the same in both spellings.</summary>
    public static ReportValue Str(string value) => new(value, JsonKind.String, value);

    /// <summary>A text that may be missing: JSON null, and <paramref name="whenNull"/> in the text report.</summary>
    public static ReportValue StrOrNull(string? value, string whenNull) =>
        value is null ? new(whenNull, JsonKind.Null) : Str(value);

    /// <summary>One fact in two words: the text report's (dumpbin's "GNU", readelf's "R E") and the JSON identifier ("gnu", "RE").</summary>
    public static ReportValue Spelled(string text, string json) => new(text, JsonKind.String, json);

    /// <summary>A size, count or index: a JSON number, and the text <paramref name="format"/> makes of it (dumpbin's sizes are hex).</summary>
    public static ReportValue Number(ulong value, string format = "{0}") => new(Format(format, value), JsonKind.Number, number: value);

    /// <summary>A number the text report spells its own way: a code by its name (ELF e_type "DYN"), an index counted from 1.</summary>
    public static ReportValue SpelledNumber(string text, long json) => new(text, JsonKind.Number, number: json);

    /// <summary>An address, offset, flag word or stamp: "0x…" in JSON, and the text <paramref name="format"/> makes of it.</summary>
    public static ReportValue Hex(ulong value, string format) => SpelledHex(Format(format, value), value);

    /// <summary>An address, offset or flag word whose text spelling is made apart (readelf's address width, dumpbin's "8664 (x64)").</summary>
    public static ReportValue SpelledHex(string text, ulong value) =>
        new(text, JsonKind.String, "0x" + value.ToString("x", CultureInfo.InvariantCulture));

    /// <summary><see cref="Hex(ulong, string)"/> for a value that may be missing: JSON null, <paramref name="whenNull"/> in text.</summary>
    public static ReportValue HexOrNull(ulong? value, string format, string whenNull) =>
        value is ulong present ? Hex(present, format) : new(whenNull, JsonKind.Null);

    /// <summary><see cref="Number(ulong, string)"/> for a value that may be missing.</summary>
    public static ReportValue NumberOrNull(ulong? value, string whenNull) =>
        value is ulong present ? Number(present) : new(whenNull, JsonKind.Null);

    /// <summary>Names (flags, symbols): a JSON array, joined by spaces in text.</summary>
    public static ReportValue Names(IReadOnlyList<string> names) => new(string.Join(" ", names), JsonKind.Strings, strings: names);

    public static ReportValue Bool(bool value, string whenTrue, string whenFalse) =>
        new(value ? whenTrue : whenFalse, JsonKind.Boolean, boolean: value);

    private static string Format<T>(string format, T value) => string.Format(CultureInfo.InvariantCulture, format, value);
}
