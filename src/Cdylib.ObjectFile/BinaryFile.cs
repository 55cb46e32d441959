using System;
using System.Collections.Generic;
using System.IO;
using Cdylib.ObjectFile.Elf;

namespace Cdylib.ObjectFile;

/// <summary>
/// A native binary read into the format-neutral model: what it is, what it exports and imports, and
/// which libraries it needs. <see cref="Parse"/> detects the format by its magic number and hands the
/// bytes to the format's reader (ELF today; PE/COFF and Mach-O readers fill the same model).
/// </summary>
/// <remarks>
/// Reading never trusts the file: a header that cannot be read throws <see cref="ObjectFileException"/>;
/// a damaged table further in is skipped and reported in <see cref="Warnings"/>, so what could be read
/// is still returned.
/// </remarks>
public sealed class BinaryFile
{
    internal BinaryFile(
        string? name,
        BinarySummary summary,
        IReadOnlyList<Export> exports,
        IReadOnlyList<Import> imports,
        IReadOnlyList<Dependency> dependencies,
        IReadOnlyList<string> warnings)
    {
        Name = name;
        Summary = summary;
        Exports = exports;
        Imports = imports;
        Dependencies = dependencies;
        Warnings = warnings;
    }

    /// <summary>The name the caller gave (usually the path); null if none.</summary>
    public string? Name { get; }

    public BinarySummary Summary { get; }

    /// <summary>Defined external symbols in symbol-table order, including the version markers (<see cref="SymbolKind.Version"/>).</summary>
    public IReadOnlyList<Export> Exports { get; }

    /// <summary>Undefined symbols in symbol-table order.</summary>
    public IReadOnlyList<Import> Imports { get; }

    /// <summary>Libraries the file needs, in file order.</summary>
    public IReadOnlyList<Dependency> Dependencies { get; }

    /// <summary>
    /// Problems in parts of the file that were skipped (each a one-line message naming the structure and
    /// offset). Empty for a well-formed file; non-empty means the lists above may be incomplete.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    /// <exception cref="ObjectFileException">The file cannot be read, is not a supported binary, or its headers are malformed.</exception>
    public static BinaryFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            // Callers print the path beside the message; .NET's own messages repeat it and call a directory "access denied".
            string reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException when Directory.Exists(path) => "it is a directory",
                _ => e.Message,
            };
            throw new ObjectFileException($"Cannot read the file: {reason}", e);
        }

        return Parse(data, path);
    }

    /// <summary>Parses a binary held in memory.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="name">A name for the result and messages (usually the path); optional.</param>
    /// <exception cref="ObjectFileException">The data is not a supported binary, or its headers are malformed.</exception>
    public static BinaryFile Parse(ReadOnlyMemory<byte> data, string? name = null) =>
        DetectFormat(data.Span) switch
        {
            BinaryFormat.Elf => ElfReader.Read(data, name),
            BinaryFormat.Pe => Pe.PeReader.Read(data, name),
            BinaryFormat.MachO => MachO.MachOReader.Read(data, name),
            BinaryFormat.Archive => Archive.ArchiveReader.Read(data, name),
            BinaryFormat.Coff => Coff.CoffReader.Read(data, name),
            _ => throw new ObjectFileException(FormatDetector.DescribeUnknown(data.Span)),
        };

    /// <summary>The format announced by the magic number (for a COFF object: a known machine and sizes that fit), or null if it is none of ELF, PE, Mach-O, ar or COFF.</summary>
    public static BinaryFormat? DetectFormat(ReadOnlySpan<byte> data) => FormatDetector.Detect(data);
}
