using System.IO;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What a binding says when it cannot be written for a library yet (async, iterator or
/// caller-implemented interface exports it does not drive): exit code 8 and one line naming why.
/// </summary>
internal static class BindingRefusals
{
    /// <summary><c>cdylib bindings --lang LANGUAGE</c> on the library's ABI file is refused with exit code 8 and <paramref name="why"/> in its message.</summary>
    public static void AssertRefused(BuiltLibrary library, string language, string why)
    {
        ProcessResult run = Run.Cdylib(["bindings", "--lang", language, Path.Combine(library.Directory, library.Name + ".abi.json"),
            "--output", Run.TemporaryDirectory(library.Name + "-bindings")]);
        Assert.True(run.ExitCode == 8, run.Transcript);
        Assert.Contains($"the {language} binding {why}", run.Error);
    }
}
