using System;
using System.IO;
using System.Linq;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Emitters.Bindings;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Tests;

/// <summary>
/// What the bindings read from the model the same way: their file, crate and namespace names, which
/// callbacks a closure can stand for, which functions are methods, and what ctypes cannot pass. The
/// bindings themselves run against real libraries in the end-to-end tests (BoundaryTests, BindingNamesTests).
/// </summary>
public sealed class BindingShapeTests
{
    private static AbiLibrary Names() =>
        AbiJson.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "Names", "my-lib.abi.json")));

    [Fact]
    public void A_library_named_my_lib_gets_the_module_crate_and_namespace_my_lib_shows()
    {
        AbiLibrary library = Names();
        Assert.Equal(("my-lib", "my_lib"), (library.Name, library.Prefix));
        Assert.Equal(new[] { "my_lib.py" }, BindingLanguages.Emit("python", library, LibraryLocation.Beside).Keys);
        Assert.Equal(new[] { "Cargo.toml", "build.rs", "lib.rs" }.Select(file => file == "lib.rs" ? Path.Combine("my_lib", "src", file) : Path.Combine("my_lib", file)),
            BindingLanguages.Emit("rust", library, LibraryLocation.Beside).Keys);
        Assert.Contains("name = \"my_lib\"\n", BindingLanguages.Emit("rust", library, LibraryLocation.Beside)[Path.Combine("my_lib", "Cargo.toml")]);
        string csharp = BindingLanguages.Emit("csharp", library, LibraryLocation.Beside)["my-lib.Native.cs"];
        Assert.Contains("namespace MyLib.Native;", csharp);
        Assert.Contains("public static unsafe partial class MyLibLibrary", csharp);
        // The C name checked is a C# keyword: the raw declaration and the wrapper's parameters escape.
        Assert.Contains("public static partial int @checked(int @object, int @lock, int @params);", csharp);
    }

    // The prefix is the generator's (CNames.Prefix): the name with every character that is not an
    // identifier's as '_', and a '_' in front of a leading digit.
    [Theory]
    [InlineData("3d", "_3d", "_3d", "_3d", "_3d")]
    [InlineData("Hello.World", "Hello_World", "Hello_World", "hello_world", "HelloWorld")]
    [InlineData("lambda", "lambda", "lambda_", "lambda", "Lambda")]
    [InlineData("fn", "fn", "fn", "fn_", "Fn")]
    public void Names_follow_each_languages_rules(string name, string prefix, string module, string crate, string csharp)
    {
        AbiLibrary library = Models.Library(Array.Empty<AbiFunction>()) with { Name = name, Prefix = prefix };
        Assert.Equal((module, crate, csharp), (BindingShapes.PythonModule(library), BindingShapes.RustCrate(library), BindingShapes.CSharpName(library)));
    }

    [Fact]
    public void A_closure_stands_for_a_callback_whose_user_data_follows_it()
    {
        var callback = new FunctionPointerType(Models.Int32, new AbiType[] { Models.Int32, AbiType.VoidPointer }.ToEquatableArray());
        var noUserData = new FunctionPointerType(Models.Int32, new AbiType[] { Models.Int32 }.ToEquatableArray());
        AbiFunction paired = Models.Function("f", Models.Int32, Models.Int32, callback, AbiType.VoidPointer, callback, AbiType.VoidPointer);
        Assert.Equal(new[] { (1, 2), (3, 4) }, BindingShapes.Closures(paired).Select(pair => (pair.Key, pair.Value)).OrderBy(pair => pair));
        Assert.Empty(BindingShapes.Closures(Models.Function("g", Models.Int32, callback, Models.Int32, AbiType.VoidPointer)));
        Assert.Empty(BindingShapes.Closures(Models.Function("h", Models.Int32, noUserData, AbiType.VoidPointer)));
        Assert.Equal("int32_t (*)(int32_t, void*)", CSpelling.Of(callback));
        Assert.Equal("void (*)(void)", CSpelling.Of(new FunctionPointerType(AbiType.Void, EquatableArray<AbiType>.Empty)));
    }

    [Fact]
    public void Python_refuses_a_packed_struct_by_value_and_passes_one_by_pointer()
    {
        // { uint8_t a; int32_t b; } packed to 1: five bytes, b at 1; ctypes would hand libffi eight bytes with b at 4.
        var packed = new AbiStruct("Packed", "Lib.Packed", new[]
        {
            new AbiField("a", Models.Byte, 0, 0, null),
            new AbiField("b", Models.Int32, 1, 1, null),
        }.ToEquatableArray(), new AbiLayout(5, 1), new AbiLayout(5, 1), null) { Pack = 1 };
        // Pack = 4 over the same fields changes nothing: ctypes passes it as it is.
        var harmless = new AbiStruct("Loose", "Lib.Loose", new[]
        {
            new AbiField("a", Models.Byte, 0, 0, null),
            new AbiField("b", Models.Int32, 4, 4, null),
        }.ToEquatableArray(), new AbiLayout(8, 4), new AbiLayout(8, 4), null) { Pack = 4 };
        AbiType byValue = new StructRef("Packed");
        AbiType byPointer = new ReferenceType(ReferenceKind.Ref, byValue);
        AbiType loose = new StructRef("Loose");
        AbiLibrary library = Models.Library(new[]
        {
            Models.Function("make", byValue, Models.Int32),
            Models.Function("take", Models.Int32, byValue),
            Models.Function("edit", AbiType.Void, byPointer),
            Models.Function("loose", loose, loose),
        }, structs: new[] { packed, harmless });

        string module = BindingLanguages.Emit("python", library, LibraryLocation.Beside)["lib.py"];
        Assert.Contains("def make(p0):\n    \"\"\"Api.make Not callable from ctypes: see the error.\"\"\"\n    raise NotImplementedError(\"make passes the packed struct Packed by value", module);
        Assert.Contains("def take(p0):\n    \"\"\"Api.take Not callable from ctypes", module);
        Assert.Contains("_lib.edit.argtypes = [ctypes.POINTER(Packed)]", module);
        Assert.Contains("_lib.loose.argtypes = [Loose]", module);
    }
}
