using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Cdylib.Abi.Emitters.Bindings;
using Cdylib.Abi.Model;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The programs an example has for each generated binding (a Python script, a cargo program's
/// <c>main.rs</c>, a console program's <c>Program.cs</c>), run against the bindings and library the
/// build wrote into <c>target/debug/</c>, and the check that they call every function of the ABI file.
/// </summary>
internal static class BindingConsumers
{
    /// <summary>
    /// The functions of <paramref name="abi"/> that <paramref name="source"/> does not call through the
    /// <paramref name="language"/> binding's wrapper (the helpers a binding uses itself aside: last error,
    /// free functions, a handle's free; and for C#, an operation's wait and cancel, which its task and
    /// CancellationToken drive). A call is the wrapper's name and "(" (for C#, an async export's is NameAsync).
    /// </summary>
    public static IReadOnlyList<string> Uncalled(AbiLibrary abi, string source, string language) =>
        abi.Functions
            .Where(function => !Cdylib.Abi.Lowering.BindingHelpers.IsUsedInternally(function))
            .Where(function => language != "csharp" || function.Role is not (AbiHelperRole.OperationWait or AbiHelperRole.OperationCancel))
            .Select(function => language switch
            {
                "csharp" => Pascal(function.Name) + (function.Operation is null ? "" : "Async"),
                "go" => Pascal(function.Name),
                "java" => Camel(function.Name),
                _ => function.Name,
            })
            .Where(name => !Regex.IsMatch(source, $@"\b{name}\s*\("))
            .ToList();

    /// <summary>Runs <paramref name="script"/> with the module the build wrote into target/debug/bindings/ (which finds the library itself).</summary>
    public static ProcessResult Python(BuiltLibrary library, string script) =>
        Run.Program("python3", new[] { Path.Combine(library.ProjectDirectory, script) }, PythonEnvironment(library)).Succeeded();

    /// <summary>What <c>import MODULE</c> needs to find the module the build wrote into target/debug/bindings/, and nothing that would find the library another way.</summary>
    public static Dictionary<string, string> PythonEnvironment(BuiltLibrary library) => new()
    {
        ["PYTHONPATH"] = Path.Combine(library.Directory, "bindings"),
        [library.Abi.MacroPrefix + "_LIBRARY"] = "",
        ["LD_LIBRARY_PATH"] = "",
    };

    /// <summary>
    /// Builds and runs <paramref name="main"/> as a cargo program using the crate the build wrote into
    /// target/debug/bindings/, which links the library where the build put it and hands its folder to the
    /// program's build script (DEP_NAME_LIB_DIR) for an rpath: no variable, no LD_LIBRARY_PATH.
    /// <paramref name="denyWarnings"/> fails the build on any warning in the crate or the program.
    /// </summary>
    public static ProcessResult Rust(BuiltLibrary library, string main, bool denyWarnings = false)
    {
        string crate = BindingShapes.RustCrate(library.Abi);
        string rpath = $$"""
            fn main() {
                println!("cargo:rustc-link-arg=-Wl,-rpath,{}", std::env::var("DEP_{{library.Abi.Name.ToUpperInvariant().Replace('-', '_')}}_LIB_DIR").unwrap());
            }
            """;
        return Run.RustConsumer(Path.Combine(library.Directory, "bindings"), crate, null, null, File.ReadAllText(Path.Combine(library.ProjectDirectory, main)), rpath, denyWarnings);
    }

    /// <summary>
    /// Builds and runs <paramref name="program"/> as a console program that compiles the C# binding the
    /// build wrote into target/debug/bindings/, with the library copied beside it.
    /// </summary>
    public static ProcessResult Dotnet(BuiltLibrary library, string program)
    {
        string folder = Run.TemporaryDirectory(library.Name + "-csharp-binding");
        string binding = library.Abi.Name + ".Native.cs";
        File.Copy(Path.Combine(library.Directory, "bindings", binding), Path.Combine(folder, binding));
        File.Copy(library.LibraryPath, Path.Combine(folder, Path.GetFileName(library.LibraryPath)));
        File.WriteAllText(Path.Combine(folder, "consumer.csproj"), Run.DotnetConsumerProject(Path.GetFileName(library.LibraryPath)));
        File.Copy(Path.Combine(library.ProjectDirectory, program), Path.Combine(folder, "Program.cs"));
        return Run.Program("dotnet", new[] { "run", "--project", folder }).Succeeded();
    }

    /// <summary>
    /// Builds and runs <paramref name="main"/> as a Go program (package main) using the package the build wrote
    /// into target/debug/bindings/go/PACKAGE/, which links the library where the build put it, with an rpath:
    /// no variable, no LD_LIBRARY_PATH. Offline: no module is downloaded (GOPROXY=off), and the build cache is
    /// the test's own.
    /// </summary>
    public static ProcessResult Go(BuiltLibrary library, string main)
    {
        string package = BindingShapes.GoPackage(library.Abi);
        string folder = Run.TemporaryDirectory(library.Name + "-go-binding");
        File.WriteAllText(Path.Combine(folder, "go.mod"),
            $"module consumer\n\ngo 1.19\n\nrequire {package} v0.0.0\n\nreplace {package} => {Path.Combine(library.Directory, "bindings", "go", package)}\n");
        File.Copy(Path.Combine(library.ProjectDirectory, main), Path.Combine(folder, "main.go"));
        var environment = new Dictionary<string, string>
        {
            ["GOFLAGS"] = "-mod=mod",
            ["GOPROXY"] = "off",
            ["GOCACHE"] = Path.Combine(folder, "cache"),
            ["GOPATH"] = Path.Combine(folder, "gopath"),
            ["CGO_ENABLED"] = "1",
            ["LD_LIBRARY_PATH"] = "",
        };
        ProcessRunner.Run("go", new[] { "build", "-o", Path.Combine(folder, "consumer"), "." }, folder, environment).Succeeded();
        return Run.Program(Path.Combine(folder, "consumer"), System.Array.Empty<string>(), environment).Succeeded();
    }

    // The Java facade's method: bnd_greet → bndGreet.
    private static string Camel(string name) => char.ToLowerInvariant(Pascal(name)[0]) + Pascal(name)[1..];

    private static string Pascal(string name) => string.Concat(name.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
