namespace Cdylib.Cli.Inspect;

/// <summary>Which table of a binary an inspecting verb reports.</summary>
internal enum InspectReport
{
    Exports,
    Imports,

    /// <summary>The libraries a file needs (dumpbin /dependents, otool -L, readelf -d's NEEDED).</summary>
    Dependencies,

    /// <summary>The file's headers: file header, segments or sections, load commands (dumpbin /headers, readelf -h -l -S, otool -h -l).</summary>
    Headers,
}

/// <summary>The output formats every inspecting verb offers through --format.</summary>
internal enum OutputFormat
{
    Text,
    Json,
}
