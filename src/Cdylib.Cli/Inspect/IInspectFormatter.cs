using Cdylib.ObjectFile;

namespace Cdylib.Cli.Inspect;

/// <summary>
/// Writes the report of an inspecting verb, one file at a time, in one output format. Formatters only
/// format: reading, error handling and exit codes belong to <see cref="InspectRunner"/>.
/// </summary>
internal interface IInspectFormatter : IDisposable
{
    /// <summary>Writes the report for a file that was read (possibly with warnings), with its dependency tree for deps --tree.</summary>
    void WriteFile(string path, BinaryFile file, DependencyTree? tree = null);

    /// <summary>Records a file that could not be read. The runner has already told stderr.</summary>
    void WriteError(string path, string message);

    /// <summary>Finishes the document (closes the JSON, flushes).</summary>
    void Complete();
}
