using System.CommandLine;
using Cdylib.Cli.Projects;

namespace Cdylib.Cli.Packaging;

/// <summary>
/// <c>cdylib package [DIR] --format nuget|wheel|npm|prefix [--from DIR] [-o OUT] [--release]</c>: the
/// builds of a library for one or more RIDs (<see cref="PackageInputs"/>) as the packages of one ecosystem.
/// </summary>
public static class PackageCommand
{
    public const string DefaultOutput = "target/packages";

    public static Command Create()
    {
        var directory = new Argument<string?>("DIR")
        {
            Description = "The project folder (or .csproj) whose target/ holds the builds: target/PROFILE/ for this machine, target/RID/PROFILE/ for others (default: the current folder, unless --from is given).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var format = new Option<string>("--format")
        {
            Description = "What to write: nuget (one .nupkg, runtimes/RID/native/ + the C# binding as its assembly), wheel (one Python wheel per RID, manylinux/macosx tag from the library's platform floor), "
                + "npm (a main package with the Node binding + one package per platform under optionalDependencies), prefix (one NAME-VERSION-RID.tar.gz per RID: include/, lib/, lib/pkgconfig/, lib/cmake/NAME/).",
            Required = true,
        };
        format.AcceptOnlyFromAmong("nuget", "wheel", "npm", "prefix");
        var from = new Option<string?>("--from")
        {
            Description = "A folder with one folder per RID (linux-arm64/, win-x64/, …), each a copy of a target/RID/ folder (its release/ or debug/) or of the profile folder itself: builds brought from other machines.",
            HelpName = "DIR",
        };
        var output = new Option<string?>("--output", "-o") { Description = $"Where to write the packages (default: DIR/{DefaultOutput}).", HelpName = "OUT" };
        var release = new Option<bool>("--release") { Description = "Package release builds only (default: for each RID the newer of debug and release)." };
        var command = new Command("package", "Package the library built for one or more RIDs for an ecosystem; every package carries the ABI version. "
            + "Exit code 0, 1 for bad usage, 2 when a build or file is missing or a tool fails, 7 when the builds' ABI files differ (nothing is written).")
        {
            directory, format, from, output, release,
        };
        command.SetAction(result => Run(
            result.GetValue(directory),
            result.GetValue(format)!,
            result.GetValue(from),
            result.GetValue(output),
            result.GetValue(release),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string? directory, string format, string? from, string? output, bool release, TextWriter stdout, TextWriter error)
    {
        // With --from alone the builds come from there; the current folder counts only when it is given or nothing else is.
        string? project = directory ?? (from is null ? "." : null);
        try
        {
            var inputs = PackageInputs.Gather(project, from, release);
            string folder = output ?? Path.Combine(project is null ? "." : ProjectFolder.RootAsGiven(project), DefaultOutput);
            Directory.CreateDirectory(folder);
            var written = (format switch
            {
                "prefix" => PrefixArchive.Write(inputs, folder),
                "wheel" => PythonWheel.Write(inputs, folder),
                "npm" => NpmPackages.Write(inputs, folder),
                _ => NuGetPackage.Write(inputs, folder, error),
            }).ToList();
            stdout.WriteLine($"  Packaging {inputs.Library.Name} {inputs.Version} (ABI version {inputs.Library.AbiVersion}) for {string.Join(", ", inputs.Builds.Select(b => b.Rid))}");
            foreach (string path in written)
            {
                stdout.WriteLine($"    Wrote {path}");
            }
            return 0;
        }
        catch (PackageException problem)
        {
            error.WriteLine($"cdylib: error: {problem.Message}");
            return problem.ExitCode;
        }
        catch (Cdylib.Abi.Emitters.Bindings.BindingRefusedException refused)
        {
            error.WriteLine($"cdylib: error: {refused.Message}");
            return Cdylib.Abi.Emitters.Bindings.BindingRefusedException.ExitCode;
        }
        catch (IOException problem)
        {
            error.WriteLine($"cdylib: error: {problem.Message}");
            return PackageException.Missing;
        }
    }
}
