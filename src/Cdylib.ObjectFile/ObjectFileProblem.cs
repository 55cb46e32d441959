using System.Globalization;

namespace Cdylib.ObjectFile;

/// <summary>
/// Something wrong in a file, as a value: which structure, where it starts in the file, and what is wrong
/// with it. <see cref="BinaryFile.Warnings"/> holds the problems of the parts that were skipped;
/// <see cref="ObjectFileException.Problem"/> the one that stopped a file (or an image of it) from being read.
/// </summary>
/// <remarks>
/// <see cref="Message"/> is the one line the tools print: "Invalid ELF dynamic string table at offset
/// 0x1234: name offset 0x9999 is past the end of the table (size 0x100)" for a structure, the
/// description alone for a problem of the whole file, with what the reader folded into it: how many more
/// problems of the same structure it met, and for an archive member, which member.
/// </remarks>
public sealed record ObjectFileProblem
{
    private ObjectFileProblem(string? structure, long? offset, string description, string message)
    {
        Structure = structure;
        Offset = offset;
        Description = description;
        Message = message;
    }

    /// <summary>The structure that could not be read, e.g. "ELF dynamic string table"; null for a problem of the whole file.</summary>
    public string? Structure { get; }

    /// <summary>
    /// Where the structure (or the bad read in it) starts, counted from the start of the file (also for an
    /// archive member's problem, whose <see cref="Message"/> may count from the member's data and says so);
    /// null when no offset applies.
    /// </summary>
    public long? Offset { get; private init; }

    /// <summary>What is wrong, e.g. "the name is not NUL-terminated before the end of the table".</summary>
    public string Description { get; }

    /// <summary>How many more problems with the same structure were met and counted into this one (0 for none).</summary>
    public int Repeats { get; private init; }

    /// <summary>The archive member the problem is in (its name as the archive gives it); null outside archives.</summary>
    public string? Member { get; private init; }

    /// <summary>The one-line message: structure, offset and description, and what was folded in (repeats, the member).</summary>
    public string Message { get; private init; }

    /// <summary>A structure that contradicts itself or the file: "Invalid {structure} at offset 0x{offset:X}: {description}".</summary>
    /// <param name="structure">What could not be read, e.g. "PE export name pointer table".</param>
    /// <param name="offset">Where it (or the bad field in it) is in the file.</param>
    /// <param name="description">What is wrong with it.</param>
    public static ObjectFileProblem Invalid(string structure, long offset, string description) =>
        new(structure, offset, description, string.Create(CultureInfo.InvariantCulture, $"Invalid {structure} at offset 0x{offset:X}: {description}"));

    /// <summary>A problem of the file as a whole (or one no single structure accounts for); the message is <paramref name="description"/>.</summary>
    public static ObjectFileProblem General(string description) => new(null, null, description, description);

    /// <summary>
    /// This problem standing for <paramref name="count"/> more of its kind as well: the message gains
    /// "(and {count} more {what})", e.g. what = "like it".
    /// </summary>
    internal ObjectFileProblem WithRepeats(int count, string what) =>
        count <= 0 ? this : this with
        {
            Repeats = Repeats + count,
            Message = string.Create(CultureInfo.InvariantCulture, $"{Message} (and {count} more {what})"),
        };

    /// <summary>
    /// This problem as a reader of an archive member's own format (ELF, Mach-O) found it, counting offsets
    /// from the member's data at <paramref name="dataOffset"/>: the message keeps the member's offset and
    /// says so; <see cref="Offset"/> counts from the start of the file.
    /// </summary>
    internal ObjectFileProblem InMemberData(long dataOffset) =>
        this with
        {
            Offset = dataOffset + Offset,
            Message = string.Create(CultureInfo.InvariantCulture, $"{Message} (an offset in the member, whose data starts at 0x{dataOffset:X})"),
        };

    /// <summary>This problem in the archive member <paramref name="name"/> whose header is at <paramref name="headerOffset"/>.</summary>
    internal ObjectFileProblem InMember(string name, long headerOffset) =>
        this with
        {
            Member = name,
            Message = string.Create(CultureInfo.InvariantCulture, $"ar member \"{name}\" at offset 0x{headerOffset:X}: {Message}"),
        };

    /// <inheritdoc cref="Message"/>
    public override string ToString() => Message;
}
