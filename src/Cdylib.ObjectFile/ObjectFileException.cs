using System;

namespace Cdylib.ObjectFile;

/// <summary>
/// The one exception this library throws for input it cannot read: a file that is not an object file,
/// is truncated, or whose headers contradict themselves. It carries the <see cref="Problem"/> as a value
/// (structure, offset, what is wrong); its message is the problem's one line, in the style
/// "Invalid ELF header at offset 0x4: unknown class 9".
/// </summary>
/// <remarks>
/// Only what stops a file (or one image of a fat file) from being read at all is thrown; a damaged table
/// further in becomes a <see cref="ObjectFileProblem"/> in <see cref="BinaryFile.Warnings"/>.
/// </remarks>
public sealed class ObjectFileException : Exception
{
    /// <summary>An error for <paramref name="problem"/>; the message is the problem's.</summary>
    public ObjectFileException(ObjectFileProblem problem)
        : this(problem, null)
    {
    }

    /// <summary>An error for <paramref name="problem"/> that <paramref name="innerException"/> caused (e.g. the I/O error of a file that cannot be read).</summary>
    public ObjectFileException(ObjectFileProblem problem, Exception? innerException)
        : base((problem ?? throw new ArgumentNullException(nameof(problem))).Message, innerException)
    {
        Problem = problem;
    }

    /// <summary>An error with a message of its own: a problem of the whole file (<see cref="ObjectFileProblem.General"/>).</summary>
    public ObjectFileException(string message)
        : this(ObjectFileProblem.General(message))
    {
    }

    /// <summary>An error with a message of its own that <paramref name="innerException"/> caused.</summary>
    public ObjectFileException(string message, Exception innerException)
        : this(ObjectFileProblem.General(message), innerException)
    {
    }

    /// <summary>What is wrong, as a value.</summary>
    public ObjectFileProblem Problem { get; }

    /// <summary>The structure that could not be read, e.g. "ELF dynamic string table"; null for whole-file errors (<see cref="ObjectFileProblem.Structure"/>).</summary>
    public string? Structure => Problem.Structure;

    /// <summary>Where in the file the bad structure (or the bad read) starts; null when no offset applies (<see cref="ObjectFileProblem.Offset"/>).</summary>
    public long? FileOffset => Problem.Offset;

    /// <summary>The standard "Invalid {structure} at offset 0x{offset}: {problem}" error (<see cref="ObjectFileProblem.Invalid"/>).</summary>
    internal static ObjectFileException Invalid(string structure, long offset, string problem) =>
        new(ObjectFileProblem.Invalid(structure, offset, problem));
}
