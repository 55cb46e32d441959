using System;
using System.Collections.Generic;
using System.IO;
using Cdylib.Cli.Inspect.Json;
using Cdylib.Cli.Inspect.Text;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Inspect;

/// <summary>
/// Runs an inspecting verb over its files: reads each, hands it to the formatter, reports problems on
/// stderr as single lines, and decides the exit code.
/// </summary>
internal static class InspectRunner
{
    public const int Success = 0;
    public const int UnreadableOrMalformed = 2;

    /// <returns>0 when every file was read completely; 2 when any file could not be read or had damaged parts (its readable part is still reported).</returns>
    public static int Run(InspectReport report, IReadOnlyList<string> paths, OutputFormat format, TextWriter output, TextWriter error)
    {
        IInspectFormatter formatter = format == OutputFormat.Json
            ? new JsonInspectFormatter(output, report)
            : new TextInspectFormatter(output, report);

        int exitCode = Success;
        foreach (var path in paths)
        {
            BinaryFile file;
            try
            {
                file = BinaryFile.Open(path);
            }
            catch (Exception e)
            {
                // ObjectFileException is the expected case; anything else is a reader bug, and a bug still
                // gets one line, never a stack trace.
                string message = e is ObjectFileException ? e.Message : $"internal error while reading the file: {e.Message}";
                error.WriteLine($"cdylib: error: {path}: {OneLine(message)}");
                formatter.WriteError(path, message);
                exitCode = UnreadableOrMalformed;
                continue;
            }

            formatter.WriteFile(path, file);
            foreach (var warning in file.Warnings)
            {
                error.WriteLine($"cdylib: warning: {path}: {OneLine(warning)}");
                exitCode = UnreadableOrMalformed;
            }
        }

        formatter.Complete();
        return exitCode;
    }

    /// <summary>Messages may quote names from the file; a newline in one must not break the one-line promise.</summary>
    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
