namespace Cdylib.Cli.Packaging;

/// <summary>Why <c>cdylib package</c> wrote nothing: one line for stderr and the exit code it stands for.</summary>
internal sealed class PackageException(int exitCode, string message) : Exception(message)
{
    /// <summary>A folder, library or ABI file is missing or unreadable, or a tool a format needs failed (docs/cli.md: 2).</summary>
    public const int Missing = 2;

    /// <summary>The builds' ABI files differ: refused (docs/cli.md: 7).</summary>
    public const int AbiMismatch = 7;

    public int ExitCode { get; } = exitCode;
}
