namespace Cdylib.Cli.Inspect;

/// <summary>Which table of a binary an inspecting verb reports.</summary>
internal enum InspectReport
{
    Exports,
    Imports,
}

/// <summary>The output formats every inspecting verb offers through --format.</summary>
internal enum OutputFormat
{
    Text,
    Json,
}
