using System;
using System.Collections.Generic;
using Cdylib.Cli.Inspect.Json;
using Cdylib.Cli.Inspect.Text;
using Cdylib.Cli.Projects;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.Loading;

namespace Cdylib.Cli.Inspect;

/// <summary>
/// Runs an inspecting verb over its files: reads each, hands it to the formatter, reports problems on
/// stderr as single lines, and decides the exit code. A file is reported image by image (a fat Mach-O
/// file slice by slice, each like a separate file, or only the slice <c>--arch</c> names).
/// </summary>
internal static class InspectRunner
{
    public const int Success = 0;
    public const int UnreadableOrMalformed = 2;

    /// <summary>Runs <paramref name="request"/>, writing the report to <paramref name="output"/> and problems to <paramref name="error"/>.</summary>
    /// <returns>0 when every file was read completely; 2 when any file could not be read or had damaged parts (its readable part is still reported).</returns>
    public static int Run(InspectRequest request, TextWriter output, TextWriter error)
    {
        var (report, paths, format, architecture, release, names, tree) = request;
        names ??= NameStyle.Stored;
        using IInspectFormatter formatter = format == OutputFormat.Json
            ? new JsonInspectFormatter(output, report, names)
            : new TextInspectFormatter(output, report, names);

        int exitCode = Success;
        foreach (var given in paths)
        {
            // A project folder stands for the library its build laid out; what cannot be found is named as given.
            if (!LibraryArgument.TryResolve(given, release, out var path, out var problem))
            {
                error.WriteLine($"cdylib: error: {OneLine(problem)}");
                formatter.WriteError(given, problem);
                exitCode = UnreadableOrMalformed;
                continue;
            }

            // The map stays open while the file's images are formatted: readers slice it without copying.
            using var mapped = Map(path, out var unreadable);
            foreach (var (label, read) in unreadable is null ? Images(path, mapped!.Memory, architecture) : [(path, () => throw unreadable)])
            {
                BinaryFile file;
                try
                {
                    file = read();
                }
                catch (Exception e)
                {
                    // ObjectFileException is the expected case; anything else is a reader bug, and a bug still
                    // gets one line, never a stack trace.
                    string message = e is ObjectFileException ? e.Message : $"internal error while reading the file: {e.Message}";
                    error.WriteLine($"cdylib: error: {label}: {OneLine(message)}");
                    formatter.WriteError(path, message);
                    exitCode = UnreadableOrMalformed;
                    continue;
                }

                if (tree is null)
                {
                    formatter.WriteFile(path, file);
                }
                else if (!WriteTree(formatter, path, label, file, tree, error))
                {
                    exitCode = UnreadableOrMalformed;
                }

                foreach (var warning in file.Warnings)
                {
                    error.WriteLine($"cdylib: warning: {label}: {OneLine(warning.Message)}");
                    exitCode = UnreadableOrMalformed;
                }
            }
        }

        formatter.Complete();
        tree?.Cache?.Dispose();
        return exitCode;
    }

    /// <summary>Builds and reports the dependency tree of one image; false (with one line on stderr) when it cannot be built.</summary>
    private static bool WriteTree(IInspectFormatter formatter, string path, string label, BinaryFile file, LoaderOptions options, TextWriter error)
    {
        DependencyTree tree;
        try
        {
            tree = DependencyTree.Build(path, file, options);
        }
        catch (Exception e)
        {
            // ObjectFileException is the expected case (a file no loader loads); anything else is a bug, and a bug
            // still gets one line, never a stack trace.
            string message = e is ObjectFileException ? e.Message : $"internal error while building the dependency tree: {e.Message}";
            error.WriteLine($"cdylib: error: {label}: {OneLine(message)}");
            formatter.WriteFile(path, file);
            return false;
        }

        formatter.WriteFile(path, file, tree);
        return true;
    }

    /// <summary>
    /// The images to report for a path (<see cref="BinaryContainer"/>), each with the label its messages
    /// carry and a reader that throws what reading it would: the file's one image, each slice of a fat
    /// Mach-O file (labelled "PATH (architecture ARCH)"), or the one <paramref name="architecture"/> names.
    /// </summary>
    private static IEnumerable<(string Label, Func<BinaryFile> Read)> Images(string path, ReadOnlyMemory<byte> data, string? architecture)
    {
        BinaryContainer container;
        try
        {
            container = BinaryContainer.Parse(data, path);
        }
        catch (ObjectFileException e)
        {
            return [(path, () => throw e)];
        }

        if (architecture is not null)
        {
            return [(container.IsFat ? $"{path} (architecture {architecture})" : path, () => container.Select(architecture).Read())];
        }

        // A loop rather than Select/ToList: LINQ over a tuple of a string and a delegate is generic code the
        // process runs once, and its first run (type and dispatch resolution) showed in a short listing.
        var images = new List<(string Label, Func<BinaryFile> Read)>();
        foreach (var image in container.Images)
        {
            images.Add((image.Architecture is string slice ? $"{path} (architecture {slice})" : path, image.Read));
        }

        return images;
    }

    /// <summary>The file mapped, or null and the error <see cref="BinaryFile.Open"/> gives for a file it cannot read.</summary>
    private static MappedFile? Map(string path, out ObjectFileException? error)
    {
        try
        {
            error = null;
            return MappedFile.Open(path);
        }
        catch (ObjectFileException e)
        {
            error = e;
            return null;
        }
    }

    /// <summary>Messages may quote names from the file; a newline in one must not break the one-line promise.</summary>
    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
