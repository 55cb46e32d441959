using System;
using System.Collections.Generic;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Pe;

/// <summary>
/// Reads a PE32 or PE32+ image (DLL or EXE) into the neutral model: the export directory as exports,
/// the import and delay-load directories as imports and dependencies, and the headers, sections and
/// descriptors as <see cref="PeDetails"/>.
/// </summary>
/// <remarks>
/// The headers must be readable (else <see cref="ObjectFileException"/>); every table after them is
/// read on its own through the section table, and a broken one becomes a warning while the rest is
/// still reported.
/// </remarks>
internal static class PeReader
{
    public static BinaryFile Read(ReadOnlyMemory<byte> memory, string? name)
    {
        var warnings = new List<ObjectFileProblem>();
        var headers = PeHeaders.Read(memory.Span, warnings);
        var details = headers.Details;
        var file = new EndianReader(memory.Span, isBigEndian: false, "file");
        var addresses = new PeAddressMap(details.Sections, details.SizeOfHeaders, memory.Length);
        var strings = PeAddressMap.Names(memory);

        // The export tables are only located here; their warnings come between the headers' and the
        // imports', as when they were read first, whenever the exports are first asked for.
        var (exportDirectory, exports) = PeExports.Locate(memory, headers, addresses, strings);

        var importWarnings = new List<ObjectFileProblem>();
        var problems = new ProblemGroups(importWarnings);
        var (imports, descriptors) = PeImports.Read(memory, headers, addresses, strings, problems);
        var bound = PeImports.ReadBound(file, headers, addresses, problems);
        problems.Flush();

        var dependencies = new List<Dependency>();
        var seen = new HashSet<(string, DependencyKind)>();
        foreach (var descriptor in descriptors)
        {
            var kind = descriptor.IsDelayLoad ? DependencyKind.DelayLoad : DependencyKind.Needed;
            if (seen.Add((descriptor.DllName.ToUpperInvariant(), kind)))
            {
                dependencies.Add(new Dependency(descriptor.DllName, kind));
            }
        }

        var summary = new BinarySummary(
            BinaryFormat.Pe,
            Kind(details.Characteristics),
            PeNames.Machine(details.Machine),
            headers.Is64,
            Endianness.Little,
            exportDirectory?.Name,
            [])
        {
            Pe = details with
            {
                ExportDirectory = exportDirectory,
                ImportDescriptors = descriptors,
                BoundImports = bound,
            },
        };
        return new BinaryFile(name, new TableImage(summary, dependencies, exports, imports, warnings, importWarnings));
    }

    private static BinaryKind Kind(ushort characteristics) =>
        (characteristics & PeConstants.FileDll) != 0 ? BinaryKind.SharedLibrary
        : (characteristics & PeConstants.FileExecutableImage) != 0 ? BinaryKind.Executable
        : BinaryKind.Unknown;
}
