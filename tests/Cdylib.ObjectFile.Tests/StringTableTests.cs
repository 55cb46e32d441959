using System;
using System.Linq;
using System.Text;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// The one string table every format looks names up in (<see cref="StringTable"/>): what ends a name,
/// the budget, the longest name, what a failed lookup says (a problem value naming the structure and
/// offset), and that the in-place walk finds what the lookups find.
/// </summary>
public sealed class StringTableTests
{
    private static StringTable Table(string text, long fileOffset = 0x100, NameEnd end = NameEnd.Nul, int maxLength = int.MaxValue, int firstName = 0, long budgetOf = 0) =>
        new(Encoding.UTF8.GetBytes(text), fileOffset, "test string table", new NameBudget(budgetOf, "table"), end, maxLength, firstName);

    [Fact]
    public void Names_end_at_their_terminator_and_are_decoded_once_per_offset()
    {
        var table = Table("\0alpha\0beta\0");

        Assert.True(table.TryGet(1, out string alpha, out var problem));
        Assert.Null(problem);
        Assert.Equal("alpha", alpha);
        Assert.True(table.TryGet(3, out string suffix, out _));
        Assert.Equal("pha", suffix);
        Assert.True(table.TryGet(1, out string again, out _));
        Assert.Same(alpha, again);
        Assert.True(table.TryFind(7, out int length, out _));
        Assert.Equal(4, length);
        Assert.Equal("", table.Get(0));
    }

    [Fact]
    public void Long_name_tables_end_names_at_a_newline_too()
    {
        var table = Table("first.o/\nsecond.o/\n", end: NameEnd.NewlineOrNul);

        Assert.Equal("first.o/", table.Get(0));
        Assert.Equal("second.o/", table.Get(9));
        Assert.Equal("first.o/\nsecond.o/", Table("first.o/\nsecond.o/\0").Get(0));
    }

    [Fact]
    public void A_failed_lookup_is_a_problem_value_naming_the_structure_and_the_offset()
    {
        var table = Table("\0alpha\0unterminated");

        Assert.False(table.TryGet(0x40, out _, out var outside, referencedAt: 0x24));
        Assert.Equal(ObjectFileProblem.Invalid("test string table", 0x24, "name offset 0x40 is outside the table (size 0x13)"), outside);

        Assert.False(table.TryFind(8, out _, out var unterminated));
        Assert.Equal("test string table", unterminated!.Structure);
        Assert.Equal(0x108, unterminated.Offset);
        Assert.Equal("Invalid test string table at offset 0x108: the name is not NUL-terminated before the end of the table", unterminated.Message);

        // A lookup for another structure names that one (PE: one table, many structures).
        Assert.False(table.TryFind(8, out _, out var forwarder, structure: "PE export forwarder string"));
        Assert.Equal("PE export forwarder string", forwarder!.Structure);

        var error = Assert.Throws<ObjectFileException>(() => table.Get(8));
        Assert.Equal(unterminated, error.Problem);
    }

    [Fact]
    public void Names_are_looked_for_within_the_limit_and_the_longest_name()
    {
        var table = Table("\0abcdefgh\0", maxLength: 4);
        Assert.False(table.TryFind(1, out _, out var tooLong));
        Assert.EndsWith("the name is not NUL-terminated within 4 bytes", tooLong!.Message, StringComparison.Ordinal);

        var pe = Table("\0abcdefgh\0");
        Assert.False(pe.TryFind(1, out _, out var cut, limit: 3));
        Assert.EndsWith("within 3 bytes", cut!.Message, StringComparison.Ordinal);
        Assert.True(pe.TryFind(1, out int length, out _, limit: 9));
        Assert.Equal(8, length);
    }

    [Fact]
    public void Offsets_before_the_first_name_are_outside_the_table()
    {
        // COFF: the table starts with its own 4-byte size.
        var table = Table("\u000b\0\0\0name\0", firstName: 4);
        Assert.False(table.TryGet(2, out _, out var problem));
        Assert.Contains("is outside the table", problem!.Description, StringComparison.Ordinal);
        Assert.Equal("name", table.Get(4));
    }

    [Fact]
    public void Overlapping_names_stop_at_the_budget_and_failures_are_remembered_free()
    {
        // One long run without a NUL, looked up at every offset: each lookup would scan the rest of it.
        string run = new('x', 1 << 12);
        var table = Table(run + "\0");
        int found = 0;
        ObjectFileProblem? first = null;
        for (int offset = 0; offset < run.Length; offset++)
        {
            if (table.TryFind(offset, out _, out var problem))
            {
                found++;
            }
            else
            {
                first ??= problem;
            }
        }

        // Floor 1 MiB: 4 KiB names found at falling lengths sum to 8 MiB, so the budget ends it part way.
        Assert.InRange(found, 256, run.Length - 1);
        Assert.Contains("far more memory than the table holds", first!.Description, StringComparison.Ordinal);

        // Asked again, a failed offset answers from memory (and the same way).
        Assert.False(table.TryFind(run.Length - 1, out _, out var again));
        Assert.Equal(first.Description, again!.Description);
    }

    [Fact]
    public void The_in_place_walk_finds_what_the_lookups_find_without_charging()
    {
        string[] names = ["", "f", "some_function", "données", "x"];
        string text = string.Join("\0", names) + "\0";
        var table = Table(text, budgetOf: 1);
        var bytes = Encoding.UTF8.GetBytes(text);
        for (uint offset = 0; offset < bytes.Length; offset++)
        {
            Assert.True(table.IsReadable(offset));
            Assert.True(table.TryBytes(offset, out var inPlace, out bool isAscii));
            Assert.True(table.TryGet(offset, out string decoded, out _));
            Assert.Equal(decoded, Encoding.UTF8.GetString(inPlace));
            Assert.Equal(decoded.All(char.IsAscii), isAscii);
        }

        Assert.True(table.IsTerminated);
        Assert.False(table.IsReadable((uint)bytes.Length));
        Assert.False(table.TryBytes((uint)bytes.Length, out _, out _));
        Assert.Contains("is outside the table", table.Unreadable((uint)bytes.Length).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_in_place_walk_switches_to_an_index_of_the_NULs_and_agrees()
    {
        // Names that all start inside one long run: scanning each to its end would cost the square of the table.
        string text = new string('y', 70_000) + "\0tail\0";
        var table = Table(text);
        var expected = Table(text);
        for (uint offset = 0; offset < 70_000; offset += 7)
        {
            Assert.True(table.TryBytes(offset, out var name, out _));
            Assert.Equal(70_000 - (int)offset, name.Length);
        }

        Assert.True(table.TryBytes(70_001, out var tail, out _));
        Assert.Equal("tail", Encoding.UTF8.GetString(tail));
        Assert.True(expected.TryFind(69_999, out int length, out _));
        Assert.True(table.TryFind(69_999, out int indexed, out _));
        Assert.Equal(length, indexed);
    }
}
