using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The Node package (<c>--lang node</c>, over koffi) against the real boundary library: the one the build
/// wrote into target/debug/bindings/bnd/ runs examples/boundary/bindings_consumer.js, which calls every
/// function; <c>cdylib bindings --output</c> writes the same package, recording the library's folder.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class NodeBindingTests : IClassFixture<BoundaryFixture>
{
    private const string Loaded = "const bnd = require('bnd'); console.log(bnd.bnd_greet('js'), bnd.LIBRARY_PATH);";

    private readonly BuiltLibrary _library;

    public NodeBindingTests(BoundaryFixture fixture) => _library = fixture.Library;

    [Fact]
    public void A_node_program_calls_every_function_through_the_generated_package()
    {
        string built = Path.Combine(_library.Directory, "bindings", "node", "bnd");
        foreach (string file in new[] { "package.json", "index.js", "index.d.ts" })
        {
            Assert.True(File.Exists(Path.Combine(built, file)), file);
        }
        Assert.Equal("bindings_consumer.js: all checks passed\n", NodePackages.Consumer(_library, "bindings_consumer.js").Output);
    }

    [Fact]
    public void The_node_package_finds_the_library_wherever_it_was_written_and_after_the_tree_moves()
    {
        string folder = Run.TemporaryDirectory("node-bindings");
        Assert.Equal($"    Wrote {Path.Combine(folder, "node", "bnd", "package.json")}\n    Wrote {Path.Combine(folder, "node", "bnd", "index.js")}\n    Wrote {Path.Combine(folder, "node", "bnd", "index.d.ts")}\n",
            Run.Cdylib("bindings", "--lang", "node", _library.LibraryPath, "--output", folder).Succeeded().Output);
        string relative = Path.GetRelativePath(Path.Combine(folder, "node", "bnd"), _library.Directory);
        string built = Path.Combine(_library.Directory, "bindings", "node", "bnd");
        Assert.Equal(File.ReadAllText(Path.Combine(built, "index.js")).Replace("LIBRARY_FOLDER = \"../../..\"", $"LIBRARY_FOLDER = \"{relative}\""),
            File.ReadAllText(Path.Combine(folder, "node", "bnd", "index.js")));
        Assert.Equal(File.ReadAllText(Path.Combine(built, "index.d.ts")), File.ReadAllText(Path.Combine(folder, "node", "bnd", "index.d.ts")));
        Assert.Equal($"Hello, js! {_library.LibraryPath}\n", Node(Path.Combine(folder, "node")).Output);

        // The whole output folder moved (library, bindings/node/bnd/): the library it was built beside is loaded.
        string moved = Path.Combine(Run.TemporaryDirectory("node-moved"), "debug");
        string package = Path.Combine(moved, "bindings", "node", "bnd");
        Directory.CreateDirectory(package);
        foreach (string file in new[] { "package.json", "index.js", "index.d.ts" })
        {
            File.Copy(Path.Combine(built, file), Path.Combine(package, file));
        }
        File.Copy(_library.LibraryPath, Path.Combine(moved, "libbnd.so"));
        Assert.Equal($"Hello, js! {Path.Combine(moved, "libbnd.so")}\n", Node(Path.Combine(moved, "bindings", "node")).Output);

        // Beside the package wins over the recorded folder; BND_LIBRARY over both.
        File.Copy(_library.LibraryPath, Path.Combine(package, "libbnd.so"));
        Assert.Equal($"Hello, js! {Path.Combine(package, "libbnd.so")}\n", Node(Path.Combine(moved, "bindings", "node")).Output);
        var chosen = NodePackages.Environment(Path.Combine(moved, "bindings", "node"), "BND");
        chosen["BND_LIBRARY"] = _library.LibraryPath;
        Assert.Equal($"Hello, js! {_library.LibraryPath}\n", Run.Program("node", ["-e", Loaded], chosen).Succeeded().Output);

        // Nowhere to be found: one error naming the places tried and the variable.
        File.Delete(Path.Combine(moved, "libbnd.so"));
        File.Delete(Path.Combine(package, "libbnd.so"));
        ProcessResult missing = Run.Program("node", ["-e", Loaded], NodePackages.Environment(Path.Combine(moved, "bindings", "node"), "BND"));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains($"cannot load libbnd.so: not at {Path.Combine(package, "libbnd.so")} or {Path.Combine(moved, "libbnd.so")}", missing.Transcript);
        Assert.Contains("Set BND_LIBRARY to the library's path.", missing.Transcript);
    }

    private static ProcessResult Node(string folder) => Run.Program("node", ["-e", Loaded], NodePackages.Environment(folder, "BND")).Succeeded();
}

/// <summary>
/// .NET's own structs through the Node package of examples/layout: Int128/UInt128 as bigints, Guid as
/// its text form, Half over its bits, NFloat, and the structs that hold them (a struct with a 128-bit
/// integer laid out by hand, since koffi aligns no field to 16), checked by bindings_consumer.js.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class NodeLayoutTests : IClassFixture<LayoutFixture>
{
    private readonly BuiltLibrary _library;

    public NodeLayoutTests(LayoutFixture fixture) => _library = fixture.Library;

    [Fact]
    public void A_node_program_checks_every_layout_through_the_generated_package()
    {
        Assert.Equal("bindings_consumer.js: all checks passed\n", NodePackages.Consumer(_library, "bindings_consumer.js").Output);
    }
}
