using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Cdylib.ObjectFile.Archive;
using Cdylib.ObjectFile.Coff;
using Cdylib.ObjectFile.Elf;
using Cdylib.ObjectFile.MachO;
using Cdylib.ObjectFile.Pe;

namespace Cdylib.ObjectFile;

/// <summary>
/// The front door: a file as it lies on disk or in memory, and the images in it. ELF, PE, COFF files,
/// archives and thin Mach-O files hold one image; a fat (universal) Mach-O file holds one per
/// architecture, each a <see cref="ContainedImage"/> with its <see cref="ContainedImage.Architecture"/>.
/// Every image is read into the same neutral model (<see cref="BinaryFile"/>) by the reader of its format.
/// </summary>
/// <remarks>
/// <see cref="Parse"/> reads only what tells the images apart (the magic number; a fat file's header): an
/// image is read when it is first asked for (<see cref="ContainedImage.Read"/>), so a tool that wants one
/// architecture reads one. A file that is no supported binary, or whose fat header cannot be read, is an
/// <see cref="ObjectFileException"/>; an image that cannot be read is one for that image only, and the
/// others are still read.
/// </remarks>
public sealed class BinaryContainer
{
    private BinaryContainer(string? name, BinaryFormat format, bool isFat, IReadOnlyList<ContainedImage> images)
    {
        Name = name;
        Format = format;
        IsFat = isFat;
        Images = images;
    }

    /// <summary>The name the caller gave (usually the path); null if none.</summary>
    public string? Name { get; }

    /// <summary>The format the magic number announces (<see cref="BinaryFormat.MachO"/> for a fat file).</summary>
    public BinaryFormat Format { get; }

    /// <summary>True for a fat (universal) Mach-O file: its images are its slices, one per architecture.</summary>
    public bool IsFat { get; }

    /// <summary>The images in file order: one, or a fat file's slices in the order of its header.</summary>
    public IReadOnlyList<ContainedImage> Images { get; }

    /// <summary>Maps the file at <paramref name="path"/>, reads every image in it and closes the map.</summary>
    /// <exception cref="ObjectFileException">The file cannot be read, is not a supported binary, or its fat header is malformed (an image that cannot be read throws from its <see cref="ContainedImage.Read"/>).</exception>
    public static BinaryContainer Open(string path)
    {
        using var file = MappedFile.Open(path);
        var container = Parse(file.Memory, path);
        foreach (var image in container.Images)
        {
            // The map closes here: read everything that is still read lazily from it.
            image.ReadBeforeUnmapping();
        }

        return container;
    }

    /// <summary>Finds the images in a file held in memory.</summary>
    /// <param name="data">
    /// The whole file. Images are read from it when first asked for, and their exports when those are
    /// (as <see cref="BinaryFile.Parse"/> says): keep it valid and unchanged while using the result.
    /// </param>
    /// <param name="name">A name for the result and messages (usually the path); optional.</param>
    /// <exception cref="ObjectFileException">The data is not a supported binary, or its fat header is malformed.</exception>
    public static BinaryContainer Parse(ReadOnlyMemory<byte> data, string? name = null)
    {
        var format = FormatDetector.Detect(data.Span) ?? throw new ObjectFileException(FormatDetector.DescribeUnknown(data.Span));
        if (format != BinaryFormat.MachO || !MachOFat.IsFat(data.Span))
        {
            return new BinaryContainer(name, format, false, [new ContainedImage(null, null, () => Read(format, data, name))]);
        }

        var fat = MachOFat.Read(data.Span);
        var images = fat.Slices
            .Select(slice => new ContainedImage(slice.Architecture, slice, () => MachOReader.ReadSlice(data, slice, name, fat.Is64, fat.Slices, fat.Warnings)))
            .ToList();
        return new BinaryContainer(name, format, true, images);
    }

    /// <summary>
    /// The image of <paramref name="architecture"/>, named as lipo names it ("x86_64", "arm64", "i386") or as
    /// <see cref="BinarySummary.Machine"/> does ("x86-64", "aarch64", "x86"), ignoring case: a fat file's
    /// slice, or a thin Mach-O file's one image if it is of that architecture. A file of another format
    /// has no architecture slices: its one image is returned whatever is asked.
    /// </summary>
    /// <exception cref="ObjectFileException">The file has no image for the architecture (the message lists the ones it has), or a thin Mach-O image cannot be read to tell.</exception>
    public ContainedImage Select(string architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (IsFat)
        {
            return Images.FirstOrDefault(image => Matches(image.FatSlice!.Architecture, image.FatSlice.Machine, architecture))
                ?? throw new ObjectFileException(string.Create(CultureInfo.InvariantCulture,
                    $"the fat file has no {architecture} slice (it has {string.Join(", ", Images.Select(image => image.Architecture))})"));
        }

        var only = Images[0];
        if (Format != BinaryFormat.MachO)
        {
            return only;
        }

        var file = only.Read();
        var details = file.Summary.MachO!;
        return Matches(details.Architecture, file.Summary.Machine, architecture)
            ? only
            : throw new ObjectFileException($"the file is a thin {details.Architecture} image, not {architecture}");
    }

    private static bool Matches(string architecture, string machine, string requested) =>
        string.Equals(requested, architecture, StringComparison.OrdinalIgnoreCase)
        || string.Equals(requested, machine, StringComparison.OrdinalIgnoreCase);

    /// <summary>The one image of a file that is not fat, by the reader of its format.</summary>
    private static BinaryFile Read(BinaryFormat format, ReadOnlyMemory<byte> data, string? name) => format switch
    {
        BinaryFormat.Elf => ElfReader.Read(data, name),
        BinaryFormat.Pe => PeReader.Read(data, name),
        BinaryFormat.MachO => MachOReader.Read(data, name),
        BinaryFormat.Archive => ArchiveReader.Read(data, name),
        _ => CoffReader.Read(data, name),
    };
}

/// <summary>
/// One image of a <see cref="BinaryContainer"/>: the file's only one, or one slice of a fat file. It is
/// read when first asked for, once; what stops it from being read is kept as a <see cref="ObjectFileProblem"/>
/// for every later question.
/// </summary>
public sealed class ContainedImage
{
    private readonly Func<BinaryFile> _read;
    private BinaryFile? _file;
    private ObjectFileProblem? _problem;

    internal ContainedImage(string? architecture, MachOFatSlice? fatSlice, Func<BinaryFile> read)
    {
        Architecture = architecture;
        FatSlice = fatSlice;
        _read = read;
    }

    /// <summary>The architecture of a fat file's slice as lipo names it ("x86_64", "arm64"); null for the only image of a file (its <see cref="BinarySummary.Machine"/> says what it is).</summary>
    public string? Architecture { get; }

    /// <summary>The fat header's entry for this slice; null for the only image of a file.</summary>
    public MachOFatSlice? FatSlice { get; }

    /// <summary>The image in the neutral model (read on first use, the same object after).</summary>
    /// <exception cref="ObjectFileException">The image cannot be read (<see cref="ObjectFileException.Problem"/> says why, every time it is asked).</exception>
    public BinaryFile Read() =>
        TryRead(out var file, out var problem) ? file : throw new ObjectFileException(problem);

    /// <summary>The image in the neutral model; false with what stops it from being read.</summary>
    public bool TryRead([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BinaryFile? file, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out ObjectFileProblem? problem)
    {
        if (_file is null && _problem is null)
        {
            try
            {
                _file = _read();
            }
            catch (ObjectFileException e)
            {
                // The one place where a reader's error becomes a value: the image could not be read at all.
                _problem = e.Problem;
            }
        }

        file = _file;
        problem = _problem;
        return file is not null;
    }

    /// <summary>Reads the image and everything it still reads lazily from the file's memory.</summary>
    internal void ReadBeforeUnmapping()
    {
        if (TryRead(out var file, out _))
        {
            _ = file.Exports;
            _ = file.Imports;
            _ = file.Warnings;
        }
    }
}
