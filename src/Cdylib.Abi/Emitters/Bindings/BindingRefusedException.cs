using System;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// A language's binding cannot be written for this library: it has something that binding cannot
/// call correctly yet. Refused as a whole, never written with the part left out or guessed.
/// </summary>
public sealed class BindingRefusedException(string message) : Exception(message)
{
    /// <summary>The exit code of <c>cdylib bindings</c> and <c>cdylib package</c> for it (docs/cli.md).</summary>
    public const int ExitCode = 8;
}
