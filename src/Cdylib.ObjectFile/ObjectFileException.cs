using System;
using System.Globalization;

namespace Cdylib.ObjectFile;

/// <summary>
/// The one exception this library throws for input it cannot read: a file that is not an object file,
/// is truncated, or holds a structure that contradicts itself. The message names the structure and,
/// when there is one, the file offset, in the style "Invalid ELF dynamic string table at offset 0x1234: ...".
/// </summary>
public sealed class ObjectFileException : Exception
{
    public ObjectFileException(string message)
        : base(message)
    {
    }

    public ObjectFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private ObjectFileException(string structure, long offset, string problem)
        : base(string.Create(CultureInfo.InvariantCulture, $"Invalid {structure} at offset 0x{offset:X}: {problem}"))
    {
        Structure = structure;
        FileOffset = offset;
    }

    /// <summary>The structure that could not be read, e.g. "ELF dynamic string table"; null for whole-file errors.</summary>
    public string? Structure { get; }

    /// <summary>Where in the file the bad structure (or the bad read) starts; null when no offset applies.</summary>
    public long? FileOffset { get; }

    /// <summary>Builds the standard "Invalid {structure} at offset 0x{offset}: {problem}" error.</summary>
    public static ObjectFileException Invalid(string structure, long offset, string problem) =>
        new(structure, offset, problem);
}
