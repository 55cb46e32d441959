using System.Collections.Generic;
using Cdylib.ObjectFile.Loading;

namespace Cdylib.Cli.Inspect;

/// <summary>What an inspecting verb is asked to do, however its command line was read (<see cref="InspectCommands"/>, <see cref="QuickInspectLine"/>).</summary>
/// <param name="Report">The verb's report.</param>
/// <param name="Files">The files (or project folders) to inspect.</param>
/// <param name="Format">--format.</param>
/// <param name="Architecture">--arch: a fat Mach-O file's slice; null for every slice.</param>
/// <param name="Release">--release: for a project folder, its library in target/release/ rather than the newest one.</param>
/// <param name="Names">How exports and imports write their names: as stored (null too), or also demangled (--demangle).</param>
/// <param name="Tree">deps --tree: the loader's settings, and each file's dependency tree is built and reported; null otherwise.</param>
internal sealed record InspectRequest(
    InspectReport Report,
    IReadOnlyList<string> Files,
    OutputFormat Format = OutputFormat.Text,
    string? Architecture = null,
    bool Release = false,
    NameStyle? Names = null,
    LoaderOptions? Tree = null);
