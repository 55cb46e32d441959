using System;
using System.Text;
using Cdylib;

namespace Boundary;

/// <summary>Strings in and out: UTF-8 at the boundary, ordinary strings in C#.</summary>
public static class Text
{
    /// <summary>Greets <paramref name="name"/>.</summary>
    /// <param name="name">Who to greet; NULL or invalid UTF-8 is an error.</param>
    /// <returns>"Hello, NAME!", owned by the library: free it with bnd_free_string().</returns>
    [CExport("bnd_greet")]
    public static string Greet(string name) => $"Hello, {name}!";

    /// <summary>The length of <paramref name="text"/> in UTF-16 code units; NULL counts as -1.</summary>
    [CExport("bnd_length")]
    public static int Length(string? text) => text?.Length ?? -1;

    /// <summary>Upper-cases <paramref name="text"/>, or returns NULL for NULL (not an error).</summary>
    [CExport("bnd_upper")]
    public static string? Upper(string? text) => text?.ToUpperInvariant();

    /// <summary>Splits "key=value" into its two halves.</summary>
    /// <returns>Whether <paramref name="pair"/> had an '='.</returns>
    [CExport("bnd_split")]
    public static bool Split(string pair, out string key, out string? value)
    {
        int equals = pair.IndexOf('=');
        key = equals < 0 ? pair : pair[..equals];
        value = equals < 0 ? null : pair[(equals + 1)..];
        return equals >= 0;
    }

    /// <summary>Parses a decimal integer, in the status form: the code says whether it worked.</summary>
    [CExport("bnd_parse", ReturnsStatus = true)]
    public static int Parse(string text) =>
        int.TryParse(text, out int value) ? value : throw new CExportException(ErrorCode.InvalidArgument, $"'{text}' is not a number");

    /// <summary>Counts the bytes of the UTF-8 encoding of <paramref name="text"/>, in the status form.</summary>
    [CExport("bnd_utf8_length", ReturnsStatus = true)]
    public static nuint Utf8Length(string text) => (nuint)Encoding.UTF8.GetByteCount(text);

    /// <summary>Repeats <paramref name="text"/> <paramref name="count"/> times (used by the load test).</summary>
    [CExport("bnd_repeat")]
    public static string Repeat(string text, int count) =>
        count < 0 ? throw new ArgumentOutOfRangeException(nameof(count), "count must not be negative") : string.Concat(System.Linq.Enumerable.Repeat(text, count));
}
