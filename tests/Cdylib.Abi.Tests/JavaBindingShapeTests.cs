using System.IO;
using System.Linq;
using Cdylib.Abi.Emitters.Bindings;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Tests;

/// <summary>The Java package's names: the prefix as the package, Pascal case for the classes, keywords escaped, files under java/PACKAGE/.</summary>
public sealed class JavaBindingShapeTests
{
    private static AbiLibrary Library(string name, string prefix, params AbiFunction[] functions) =>
        new(name, prefix, name, EquatableArray<AbiErrorCode>.Empty, functions.ToEquatableArray());

    [Fact]
    public void A_library_named_my_lib_is_the_package_my_lib_with_the_facade_MyLib()
    {
        AbiLibrary library = Library("my-lib", "my_lib");
        var files = BindingLanguages.Emit("java", library, LibraryLocation.Beside);
        Assert.Equal(
            new[] { "MyLib.java", "MyLibException.java", "MyLibLibrary.java", "MyLibSupport.java" }.Select(file => Path.Combine("java", "my_lib", file)),
            files.Keys.Order());
        Assert.StartsWith("// my-lib: Java bindings", files[Path.Combine("java", "my_lib", "MyLib.java")]);
        Assert.Contains("package my_lib;\n", files[Path.Combine("java", "my_lib", "MyLib.java")]);
        // Seen from java/my_lib/, the library beside the bindings' folder is two levels up.
        Assert.Contains("LIBRARY_FOLDER = \"../..\";", files[Path.Combine("java", "my_lib", "MyLibSupport.java")]);
        Assert.Contains("System.mapLibraryName(\"my-lib\")", files[Path.Combine("java", "my_lib", "MyLibSupport.java")]);
    }

    [Fact]
    public void Keywords_are_escaped_and_text_is_ascii()
    {
        Assert.Equal("package_", JavaBinding.Package(Library("package", "package")));
        var parameter = new AbiParameter("class", AbiType.Int32, "A \u00e9 doc with */ and \\u0041.");
        var function = new AbiFunction("int_", AbiCallingConvention.C, AbiType.Int32, new[] { parameter }.ToEquatableArray(), AbiFunctionOrigin.Declared, "Api.Int",
            new AbiDoc("Returns \u00e9 */ \\u0041.", null, null));
        string facade = BindingLanguages.Emit("java", Library("lib", "lib", function), LibraryLocation.Beside)[Path.Combine("java", "lib", "Lib.java")];
        Assert.Contains("public static int int_(int class_) {", facade);
        Assert.Contains("/** Returns \\u00e9 *&#47; &#92;u0041. */", facade);
        Assert.All(facade, c => Assert.True(c < 0x80, $"{(int)c:x4} is not ASCII"));
    }
}
