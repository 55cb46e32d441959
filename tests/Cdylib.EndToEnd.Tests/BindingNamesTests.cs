using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Emitters.Bindings;
using Cdylib.Abi.Model;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// A library whose name is no identifier: <c>my-lib</c>, the generator's golden case "Names" (C# keywords
/// and C++ keywords as names too). Each binding is named by its own language's rules after the C prefix
/// <c>my_lib</c>, and is imported (Python), built and run (Rust, .NET) against a C stand-in of the library
/// that exports every symbol of the ABI file. And a library whose C type names carry its prefix (C's
/// <c>BndPoint</c>, <c>BND_COLOR_RED</c>) keeps the C# names in every binding (<c>Point</c>, <c>Color</c>).
/// </summary>
public sealed class BindingNamesTests
{
    private static readonly string Golden = Path.Combine(Repo.Root, "tests", "Cdylib.Generator.Tests", "Golden", "Names", "my-lib.abi.json");

    [Fact]
    public void A_library_named_my_lib_gets_a_module_a_crate_and_a_namespace_its_languages_accept()
    {
        string folder = Run.TemporaryDirectory("my-lib");
        string abi = Path.Combine(folder, "my-lib.abi.json");
        File.Copy(Golden, abi);
        foreach (string language in new[] { "python", "rust", "csharp" })
        {
            Run.Cdylib("bindings", "--lang", language, abi).Succeeded();
        }
        Assert.True(File.Exists(Path.Combine(folder, "my_lib.py")));
        Assert.Contains("name = \"my_lib\"", File.ReadAllText(Path.Combine(folder, "my_lib", "Cargo.toml")));
        Assert.Contains("namespace MyLib.Native;", File.ReadAllText(Path.Combine(folder, "my-lib.Native.cs")));

        // The stand-in: every function returns 0 (so no error is ever recorded).
        AbiLibrary library = AbiJson.Read(File.ReadAllText(abi));
        string stub = Path.Combine(folder, "stub.c");
        File.WriteAllText(stub, string.Concat(library.Functions.Select(function => $"long {function.Name}(void) {{ return 0; }}\n")));
        Run.Program("gcc", ["-shared", "-fPIC", stub, "-o", Path.Combine(folder, "libmy-lib.so")]).Succeeded();

        // Python: `import my_lib`, which finds libmy-lib.so beside it.
        var python = new Dictionary<string, string> { ["PYTHONPATH"] = folder, ["MY_LIB_LIBRARY"] = "" };
        Assert.Equal("0 0 0\n", Run.Program("python3", ["-c", "import my_lib; print(my_lib.InGlobalNamespace(), my_lib.Nested(1, 2), my_lib.checked(1, 2, 3))"], python).Succeeded().Output);

        // Rust: the crate my_lib, offline, linked with -lmy-lib.
        string rust = Run.RustConsumer(folder, "my_lib", "MY_LIB_LIB_DIR", folder, """
            fn main() {
                println!("{} {}", my_lib::InGlobalNamespace().unwrap(), my_lib::Template(1, 2, 3, 4, 5).unwrap());
            }
            """).Output;
        Assert.Equal("0 0\n", rust);

        // .NET: the namespace MyLib.Native, its wrappers with C# keywords as parameter names.
        File.WriteAllText(Path.Combine(folder, "consumer.csproj"), Run.DotnetConsumerProject("libmy-lib.so"));
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            using MyLib.Native;

            System.Console.WriteLine($"{MyLibLibrary.InGlobalNamespace()} {MyLibLibrary.Checked(1, 2, 3)} {MyLibLibrary.Template(1, 2, 3, 4, 5)}");
            """);
        Assert.Equal("0 0 0\n", Run.Program("dotnet", ["run", "--project", folder]).Succeeded().Output);
    }

    [Fact]
    public void Types_whose_c_names_carry_the_prefix_keep_their_csharp_names_in_every_binding()
    {
        // The generator's golden Boundary model with every C type name prefixed (Point → BndPoint, the
        // constant COLOR_RED → BND_COLOR_RED), as a library whose C names carry its prefix has them.
        AbiLibrary golden = AbiJson.Read(File.ReadAllText(Path.Combine(Repo.Root, "tests", "Cdylib.Generator.Tests", "Golden", "Boundary", "bnd.abi.json")));
        AbiLibrary library = Prefixed(golden, "Bnd");
        var cNames = library.Structs.Select(structure => (structure.Name, structure.Managed))
            .Concat(library.Enums.Select(enumeration => (enumeration.Name, enumeration.Managed)))
            .Concat(library.Handles.Select(handle => (handle.Name, handle.Managed)))
            .ToList();
        Assert.All(cNames, type => Assert.NotEqual(BindingShapes.SimpleName(type.Managed), type.Name));
        Assert.Contains(cNames, type => type.Name.EndsWith("Point", System.StringComparison.Ordinal));
        string folder = Run.TemporaryDirectory("prefixed");
        string abi = Path.Combine(folder, "bnd.abi.json");
        File.WriteAllText(abi, AbiJson.Write(library));
        foreach (string language in new[] { "python", "rust", "csharp" })
        {
            Run.Cdylib("bindings", "--lang", language, abi).Succeeded();
        }
        string stub = Path.Combine(folder, "stub.c");
        File.WriteAllText(stub, string.Concat(library.Functions.Select(function => $"long {function.Name}(void) {{ return 0; }}\n")));
        Run.Program("gcc", ["-shared", "-fPIC", stub, "-o", Path.Combine(folder, "libbnd.so")]).Succeeded();

        // Python: the module imports (checking every struct's layout as it does) with the C# names.
        var python = new Dictionary<string, string> { ["PYTHONPATH"] = folder, ["BND_LIBRARY"] = "" };
        const string Script = "import bnd; print(bnd.Point(1, 2).Y, bnd.Color.GREEN.name, bnd.Shape.Origin.offset, bnd.Counter.__name__, hasattr(bnd, 'BndPoint'))";
        Assert.Equal("2 GREEN 4 Counter False\n", Run.Program("python3", ["-c", Script], python).Succeeded().Output);

        // Rust: the crate's types and its ffi block are the C# names (a doc comment may say the C name);
        // the crate asserts their layouts.
        var cName = new Regex($@"\b({string.Join("|", cNames.Select(type => Regex.Escape(type.Name)).Concat(library.Enums.SelectMany(e => e.Members.Select(member => Regex.Escape(member.CName)))))})\b");
        string rust = File.ReadAllText(Path.Combine(folder, "bnd", "src", "lib.rs"));
        Assert.DoesNotContain(rust.Split('\n'), line => !line.TrimStart().StartsWith("///", System.StringComparison.Ordinal) && cName.IsMatch(line));
        Assert.DoesNotContain(File.ReadAllText(Path.Combine(folder, "bnd.Native.cs")).Split('\n'), line => cName.IsMatch(line));
        Assert.Equal("Point { X: 1, Y: 2 } Red Shape Counter\n", Run.RustConsumer(folder, "bnd", "BND_LIB_DIR", folder, """
            fn main() {
                let shape: Option<bnd::Shape> = None;
                let counter: Option<bnd::Counter> = None;
                let _raw: unsafe extern "C" fn(bnd::Shape, *mut bnd::Point, *const bnd::Packed, usize) -> bnd::Shape = bnd::ffi::bnd_shapes;
                let _handle: unsafe extern "C" fn(*mut bnd::ffi::Counter, i64) -> i64 = bnd::ffi::bnd_counter_add;
                assert_eq!(bnd::bnd_abi_version().unwrap(), 0);
                println!("{:?} {:?} {} {}", bnd::Point { X: 1, Y: 2 }, bnd::Color::Red, shape.map_or("Shape", |_| ""), counter.map_or("Counter", |_| ""));
            }
            """).Output);

        // .NET: the namespace's types are the C# names too.
        File.WriteAllText(Path.Combine(folder, "consumer.csproj"), Run.DotnetConsumerProject("libbnd.so"));
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            using Bnd.Native;

            Point point = new() { X = 1, Y = 2 };
            Shape shape = new() { Fill = Color.Green, Origin = point };
            Counter? counter = null;
            System.Console.WriteLine($"{shape.Origin.Y} {shape.Fill} {counter is null} {BndLibrary.BndAbiVersion()}");
            """);
        Assert.Equal("2 Green True 0\n", Run.Program("dotnet", ["run", "--project", folder]).Succeeded().Output);
    }

    /// <summary><paramref name="library"/> with every enum, struct and handle type's C name (and enum constant) prefixed.</summary>
    private static AbiLibrary Prefixed(AbiLibrary library, string prefix)
    {
        var names = library.Enums.Select(e => e.Name).Concat(library.Structs.Select(s => s.Name)).Concat(library.Handles.Select(h => h.Name)).ToHashSet();
        AbiType Type(AbiType type) => AbiTypes.Rename(type, name => names.Contains(name) ? prefix + name : name);
        return library with
        {
            Enums = library.Enums.Select(e => e with
            {
                Name = prefix + e.Name,
                Members = e.Members.Select(member => member with { CName = prefix.ToUpperInvariant() + "_" + member.CName }).ToEquatableArray(),
            }).ToEquatableArray(),
            Structs = library.Structs.Select(s => s with { Name = prefix + s.Name, Fields = s.Fields.Select(field => field with { Type = Type(field.Type) }).ToEquatableArray() }).ToEquatableArray(),
            Handles = library.Handles.Select(h => h with { Name = prefix + h.Name }).ToEquatableArray(),
            Functions = library.Functions.Select(function => function with
            {
                ReturnType = Type(function.ReturnType),
                Parameters = function.Parameters.Select(parameter => parameter with { Type = Type(parameter.Type) }).ToEquatableArray(),
            }).ToEquatableArray(),
        };
    }
}
