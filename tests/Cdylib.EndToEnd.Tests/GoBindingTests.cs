using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The Go package (<c>--lang go</c>) against the real boundary library: examples/boundary/bindings_consumer.go
/// calls every function through it (strings, spans, arrays, out/ref/in, enums, structs, handles with
/// methods and Close, Go funcs as callbacks with a panic passed on, the status form, errors with codes).
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class GoBindingTests : IClassFixture<BoundaryFixture>
{
    private readonly BuiltLibrary _library;

    public GoBindingTests(BoundaryFixture fixture) => _library = fixture.Library;

    [Fact]
    public void A_go_program_calls_every_function_through_the_generated_package()
    {
        // The package the build wrote into target/debug/bindings/go/bnd/ links the library one folder up
        // the tree from bindings/, with an rpath: no LD_LIBRARY_PATH, no copy.
        string package = Path.Combine(_library.Directory, "bindings", "go", "bnd");
        Assert.True(File.Exists(Path.Combine(package, "go.mod")));
        Assert.Equal(File.ReadAllText(_library.HeaderPath), File.ReadAllText(Path.Combine(package, "bnd.h")));
        Assert.Equal("bindings_consumer.go: all checks passed\n", BindingConsumers.Go(_library, "bindings_consumer.go").Output);
        // go vet finds nothing either (no handle converted from a number, no Go pointer kept by C).
        var environment = new System.Collections.Generic.Dictionary<string, string>
        {
            ["GOFLAGS"] = "-mod=mod", ["GOPROXY"] = "off", ["GOCACHE"] = Path.Combine(Run.TemporaryDirectory("go-vet"), "cache"),
        };
        ProcessRunner.Run("go", new[] { "vet", "." }, package, environment).Succeeded();
    }

    [Fact]
    public void The_package_written_elsewhere_records_the_library_folder_relative_to_itself()
    {
        string folder = Run.TemporaryDirectory("go-package");
        Run.Cdylib("bindings", "--lang", "go", _library.LibraryPath, "--output", folder).Succeeded();
        string relative = Path.GetRelativePath(Path.Combine(folder, "go", "bnd"), _library.Directory);
        string built = File.ReadAllText(Path.Combine(_library.Directory, "bindings", "go", "bnd", "bnd.go"));
        Assert.Equal(built.Replace("../../..", relative), File.ReadAllText(Path.Combine(folder, "go", "bnd", "bnd.go")));
    }

    [Fact]
    public void Every_function_of_the_abi_file_is_called_by_the_go_consumer()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "bindings_consumer.go")), "go");
        Assert.True(uncalled.Count == 0, $"bindings_consumer.go does not call {string.Join(", ", uncalled)}");
    }
}
