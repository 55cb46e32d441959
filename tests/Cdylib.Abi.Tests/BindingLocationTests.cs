using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Abi.Emitters.Bindings;
using Cdylib.Abi.Model;
using Cdylib.Tests.Shared;

namespace Cdylib.Abi.Tests;

/// <summary>
/// Where the bindings look for the library: the folder they record, relative to themselves, for
/// the build's target/PROFILE/bindings/, for <c>cdylib bindings --output DIR</c> and beside.
/// </summary>
public sealed class BindingLocationTests
{
    [Theory]
    [InlineData("/p/target/debug/bindings", "/p/target/debug", "..")]
    [InlineData("/p/target/debug", "/p/target/debug", ".")]
    [InlineData("/p/target/debug/", "/p/target/debug", ".")]
    [InlineData("/tmp/out", "/p/target/release", "../../p/target/release")]
    [InlineData("/p", "/p/target/debug", "target/debug")]
    [InlineData("/", "/p", "p")]
    public void The_library_folder_is_recorded_relative_to_the_bindings(string bindings, string library, string expected)
    {
        Assert.Equal(expected, LibraryLocation.Between(bindings, library).Folder);
        // The same answer as .NET's own (netstandard2.0, where the emitters live, has no Path.GetRelativePath).
        Assert.Equal(Path.GetRelativePath(bindings, library), expected);
    }

    [Theory]
    [InlineData(".", "bnd", "..")]
    [InlineData("..", "bnd", "../..")]
    [InlineData("target/debug", "bnd", "../target/debug")]
    [InlineData("..", "a/b", "../../..")]
    public void A_crate_folder_inside_the_bindings_sees_the_library_one_level_further(string folder, string subfolder, string expected) =>
        Assert.Equal(expected, LibraryLocation.Between("/b", Path.GetFullPath(Path.Combine("/b", folder))).From(subfolder).Folder);

    [Fact]
    public void The_python_module_and_the_rust_crate_record_the_folder_and_the_csharp_binding_does_not()
    {
        AbiLibrary library = Models.Library(new[] { Models.Function("lib_add", Models.Int32, Models.Int32, Models.Int32) });
        LibraryLocation location = LibraryLocation.Between("/p/target/debug/bindings", "/p/target/debug");

        Assert.Contains("\n_LIBRARY_FOLDER = \"..\"\n", BindingLanguages.Emit("python", library, location)["lib.py"]);
        Assert.Contains("\nconst LIBRARY_FOLDER: &str = \"../..\";\n", BindingLanguages.Emit("rust", library, location)[Path.Combine("lib", "build.rs")]);
        Assert.Equal(BindingLanguages.Emit("csharp", library, LibraryLocation.Beside)["lib.Native.cs"], BindingLanguages.Emit("csharp", library, location)["lib.Native.cs"]);
    }

    [Fact]
    public void A_folder_name_python_or_rust_would_misread_is_escaped()
    {
        const string Odd = "we\"ird\\dir é\tx";
        AbiLibrary library = Models.Library(new[] { Models.Function("lib_add", Models.Int32, Models.Int32, Models.Int32) });
        LibraryLocation location = LibraryLocation.Between("/b", "/b/" + Odd);
        Assert.Equal(Odd, location.Folder);

        string module = BindingLanguages.Emit("python", library, location)["lib.py"];
        string line = module.Split('\n').Single(l => l.StartsWith("_LIBRARY_FOLDER = ", System.StringComparison.Ordinal));
        ProcessResult python = ProcessRunner.Run("python3", new[] { "-c", "import ast, sys; sys.stdout.buffer.write(ast.literal_eval(sys.argv[1]).encode())", line["_LIBRARY_FOLDER = ".Length..] },
            Path.GetTempPath(), new Dictionary<string, string> { ["PYTHONIOENCODING"] = "utf-8" });
        Assert.True(python.ExitCode == 0, python.Transcript);
        Assert.Equal(Odd, python.Output);

        string buildScript = BindingLanguages.Emit("rust", library, location)[Path.Combine("lib", "build.rs")];
        Assert.Contains("const LIBRARY_FOLDER: &str = \"../we\\\"ird\\\\dir é\\x09x\";", buildScript);
    }
}
