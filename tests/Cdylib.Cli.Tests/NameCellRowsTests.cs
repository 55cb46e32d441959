using System;
using System.IO;
using System.Linq;
using System.Text;
using Cdylib.Cli.Inspect;
using Cdylib.Cli.Inspect.Text;

namespace Cdylib.Cli.Tests;

/// <summary>
/// <see cref="NameCellRows"/>: rows whose names are demangled on two threads come out as the same lines,
/// in the same order, as rows written one by one with <see cref="NameStyle.Cell(ReadOnlySpan{byte})"/>:
/// with and without a name cell, with and without a tail after it.
/// </summary>
public sealed class NameCellRowsTests
{
    /// <summary>Mangled and plain names, each row's number in its name, so a row out of order shows.</summary>
    private static string NameOf(int row)
    {
        string number = row.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (row % 5) switch
        {
            0 => $"_ZN{1 + number.Length}n{number}3fooEi",
            1 => $"plain_c_function_{number}",
            2 => $"_ZNSt6vectorIiSaIiEE9push_backERKi.r{number}",
            3 => $"_ZN{3 + number.Length}row{number}C2ERKS_",
            _ => "_ZN" + string.Concat(Enumerable.Repeat("5level", 40)) + $"{4 + number.Length}leaf{number}Ev",
        };
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(5_000)]
    public void Demangled_rows_come_out_as_written_one_by_one_in_order(int rows)
    {
        Assert.Equal(OneByOne(rows, NameStyle.Demangled), Through(rows, NameStyle.Demangled));
    }

    [Fact]
    public void Stored_names_go_straight_through()
    {
        Assert.Equal(OneByOne(600, NameStyle.Stored), Through(600, NameStyle.Stored));
    }

    [Fact]
    public void The_listing_demangles_what_it_should()
    {
        string text = Through(7, NameStyle.Demangled);
        Assert.Contains("row 0 | _ZN2n03fooEi (n0::foo(int))" + Environment.NewLine, text);
        Assert.Contains("row 1 | plain_c_function_1" + Environment.NewLine, text);
        Assert.Contains("row 2 | _ZNSt6vectorIiSaIiEE9push_backERKi.r2 (std::vector<int, std::allocator<int> >::push_back(int const&) (.r2)) (forwarded to X.y)" + Environment.NewLine, text);
        Assert.Contains("row 3 | _ZN4row3C2ERKS_ (row3::row3(row3 const&))" + Environment.NewLine, text);
        Assert.Contains("::level::leaf4())" + Environment.NewLine, text);
        Assert.Contains("row 5 | _ZN2n53fooEi (n5::foo(int)) (forwarded to X.y)" + Environment.NewLine, text);
        Assert.Contains("row 6 | [NONAME]" + Environment.NewLine, text);
    }

    /// <summary>Each row's start through the span, then the name: as the exports listing writes them.</summary>
    private static string Through(int rows, NameStyle names)
    {
        using var output = new StringWriter();
        using (var lines = new Utf8Lines(output))
        using (var cells = new NameCellRows(lines, names))
        {
            for (int row = 0; row < rows; row++)
            {
                byte[] start = Encoding.UTF8.GetBytes($"row {row} | ");
                start.CopyTo(cells.GetSpan(start.Length));
                cells.Advance(start.Length);
                if (row % 7 == 6)
                {
                    // A row without a name cell, as a PE export by ordinal only.
                    cells.Append("[NONAME]"u8);
                }
                else
                {
                    cells.Name(Encoding.UTF8.GetBytes(NameOf(row)));
                }

                if (row % 3 == 2)
                {
                    // A tail after the name, as a PE forwarder's.
                    cells.Append(" (forwarded to X.y)"u8);
                }

                cells.EndRow();
            }
        }

        return output.ToString();
    }

    private static string OneByOne(int rows, NameStyle names)
    {
        var expected = new StringBuilder();
        for (int row = 0; row < rows; row++)
        {
            string cell = row % 7 == 6 ? "[NONAME]" : Encoding.UTF8.GetString(names.Cell(Encoding.UTF8.GetBytes(NameOf(row))));
            string tail = row % 3 == 2 ? " (forwarded to X.y)" : "";
            expected.Append($"row {row} | ").Append(cell).Append(tail).Append(Environment.NewLine);
        }

        return expected.ToString();
    }
}
