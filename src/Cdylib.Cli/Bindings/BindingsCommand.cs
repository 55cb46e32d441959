using System.Collections.Generic;
using System.CommandLine;
using Cdylib.Abi.Emitters.Bindings;
using Cdylib.Abi.Model;
using Cdylib.Cli.Checks;
using Cdylib.Cli.Projects;

namespace Cdylib.Cli.Bindings;

/// <summary><c>cdylib bindings --lang LANG LIB|NAME.abi.json|DIR [--release] [--output DIR]</c>: consumer-side code from the ABI file.</summary>
public static class BindingsCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("LIB") { Description = "The library (its NAME.abi.json beside it is read), the ABI file itself, or a project folder. " + LibraryArgument.FolderForm };
        var language = new Option<string>("--lang") { Description = "The language: " + string.Join(", ", BindingLanguages.Names) + ".", Required = true };
        language.AcceptOnlyFromAmong(BindingLanguages.Names.ToArray());
        var output = new Option<string?>("--output", "-o") { Description = "The folder to write into (default: the ABI file's folder)." };
        var release = LibraryArgument.ReleaseOption();
        var command = new Command("bindings", "Write the bindings a consumer in another language needs, from the library's ABI file. Exit code 0, 1 for bad usage, 2 when the ABI file is unreadable.")
        {
            source, language, output, release,
        };
        command.SetAction(result => Run(result.GetValue(source)!, result.GetValue(release), result.GetValue(language)!, result.GetValue(output), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string given, bool release, string language, string? output, TextWriter stdout, TextWriter error)
    {
        if (!LibraryArgument.TryResolve(given, release, out string? source, out string? unresolved))
        {
            error.WriteLine($"cdylib: error: {unresolved}");
            return 2;
        }
        string abiPath;
        AbiLibrary library;
        try
        {
            abiPath = source.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? source
                : DeclaredInterface.ExistingAbiFileBeside(source, "give the ABI file itself");
            library = DeclaredInterface.ReadAbi(abiPath);
        }
        catch (CheckException problem)
        {
            error.WriteLine($"cdylib: error: {problem.Message}");
            return 2;
        }
        // The library is beside its ABI file (where the build put both); the bindings record where that is from their folder.
        string libraryFolder = Path.GetDirectoryName(Path.GetFullPath(abiPath))!;
        string folder = output ?? libraryFolder;
        IReadOnlyDictionary<string, string> files;
        try
        {
            files = BindingLanguages.Emit(language, library, LibraryLocation.Between(folder, libraryFolder));
        }
        catch (BindingRefusedException refused)
        {
            error.WriteLine($"cdylib: error: {refused.Message}");
            return BindingRefusedException.ExitCode;
        }
        foreach ((string relative, string content) in files)
        {
            string path = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            stdout.WriteLine($"    Wrote {path}");
        }
        return 0;
    }
}
