using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Model;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// A library whose name is no identifier: <c>my-lib</c>, the generator's golden case "Names" (C# keywords
/// and C++ keywords as names too). Each binding is named by its own language's rules after the C prefix
/// <c>my_lib</c>, and is imported (Python), built and run (Rust, .NET) against a C stand-in of the library
/// that exports every symbol of the ABI file.
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
}
