using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Abi.Emitters.Bindings;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The Java package <c>cdylib bindings --lang java</c> (and the build's <c>CdylibBindings</c>) writes for
/// examples/boundary, compiled with javac (warnings as errors) against Debian's JNA and run by
/// examples/boundary/BindingsConsumer.java, which calls every function of the library.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class JavaBindingTests : IClassFixture<BoundaryFixture>
{
    private const string Jna = "/usr/share/java/jna.jar";

    private readonly BuiltLibrary _library;

    public JavaBindingTests(BoundaryFixture fixture) => _library = fixture.Library;

    [Fact]
    public void A_java_program_calls_every_function_through_the_generated_package_which_finds_the_library_where_it_was_recorded()
    {
        // cdylib bindings --output elsewhere writes the package the build wrote into target/debug/bindings/java/bnd/,
        // recording the library's folder relative to the package's folder instead.
        string folder = Run.TemporaryDirectory("java-binding");
        Run.Cdylib("bindings", "--lang", "java", _library.LibraryPath, "--output", folder).Succeeded();
        string built = Path.Combine(_library.Directory, "bindings", "java", "bnd");
        string written = Path.Combine(folder, "java", "bnd");
        string relative = Path.GetRelativePath(written, _library.Directory);
        Assert.Equal(Directory.GetFiles(built).Select(Path.GetFileName).Order(), Directory.GetFiles(written).Select(Path.GetFileName).Order());
        foreach (string file in Directory.GetFiles(built))
        {
            Assert.Equal(File.ReadAllText(file).Replace("LIBRARY_FOLDER = \"../../..\"", $"LIBRARY_FOLDER = \"{relative}\""),
                File.ReadAllText(Path.Combine(written, Path.GetFileName(file))));
        }

        // Compiled in place (the class files beside the sources), the package finds the library through the
        // recorded folder: no property, no BND_LIBRARY, no LD_LIBRARY_PATH.
        string java = Path.Combine(folder, "java");
        Compile(java, Directory.GetFiles(written, "*.java").Append(Path.Combine(_library.ProjectDirectory, "BindingsConsumer.java")));
        ProcessResult run = Run.Program("java", ["-cp", $"{Jna}:{java}", "BindingsConsumer"], NoLibraryPath).Succeeded();
        Assert.Equal("BindingsConsumer.java: all checks passed\n", run.Output);
    }

    [Fact]
    public void Compiled_elsewhere_the_package_takes_the_library_from_jna_library_path_or_an_explicit_path_and_says_what_it_tried()
    {
        string classes = Run.TemporaryDirectory("java-classes");
        string program = Path.Combine(classes, "Greet.java");
        File.WriteAllText(program, """
            public class Greet {
                public static void main(String[] args) {
                    System.out.println(bnd.Bnd.bndGreet("J\u00e9va").equals("Hello, J\u00e9va!"));
                }
            }
            """);
        Compile(classes, Directory.GetFiles(Path.Combine(_library.Directory, "bindings", "java", "bnd"), "*.java").Append(program));
        string classPath = $"{Jna}:{classes}";
        Assert.Equal("true\n", Run.Program("java", ["-cp", classPath, $"-Djna.library.path={_library.Directory}", "Greet"], NoLibraryPath).Succeeded().Output);
        Assert.Equal("true\n", Run.Program("java", ["-cp", classPath, $"-Dbnd.library={_library.LibraryPath}", "Greet"], NoLibraryPath).Succeeded().Output);
        var variable = new Dictionary<string, string>(NoLibraryPath) { ["BND_LIBRARY"] = _library.LibraryPath };
        Assert.Equal("true\n", Run.Program("java", ["-cp", classPath, "Greet"], variable).Succeeded().Output);

        ProcessResult missing = Run.Program("java", ["-cp", classPath, "Greet"], NoLibraryPath);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("cannot load libbnd.so: not at ", missing.Transcript);
        Assert.Contains("Set the system property bnd.library or BND_LIBRARY to the library's path.", missing.Transcript);
    }

    [Fact]
    public void Every_function_of_the_abi_file_is_called_by_the_java_consumer()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "BindingsConsumer.java")), "java");
        Assert.True(uncalled.Count == 0, $"BindingsConsumer.java does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void The_build_writes_the_java_package_cdylib_bindings_writes()
    {
        string folder = Run.TemporaryDirectory("java-beside");
        File.Copy(Path.Combine(_library.Directory, "bnd.abi.json"), Path.Combine(folder, "bnd.abi.json"));
        Run.Cdylib("bindings", "--lang", "java", Path.Combine(folder, "bnd.abi.json")).Succeeded();
        var files = BindingLanguages.Emit("java", _library.Abi, LibraryLocation.Beside);
        foreach (KeyValuePair<string, string> file in files)
        {
            Assert.Equal(file.Value, File.ReadAllText(Path.Combine(folder, file.Key)));
        }
    }

    private static Dictionary<string, string> NoLibraryPath => new() { ["BND_LIBRARY"] = "", ["LD_LIBRARY_PATH"] = "" };

    /// <summary>javac with every warning an error, sources read as UTF-8 (Java 17's default is the locale's).</summary>
    private static void Compile(string output, IEnumerable<string> sources) =>
        Run.Program("javac", new[] { "-encoding", "UTF-8", "-Xlint:all", "-Werror", "-cp", Jna, "-d", output }.Concat(sources)).Succeeded();
}
