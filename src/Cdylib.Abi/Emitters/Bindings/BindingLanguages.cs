using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The languages bindings are written for, and the files each writes (paths relative to the output
/// folder). One registry for <c>cdylib bindings</c> and the build's <c>CdylibBindings</c> property.
/// </summary>
public static class BindingLanguages
{
    private static readonly Dictionary<string, Func<AbiLibrary, LibraryLocation, IReadOnlyDictionary<string, string>>> Emitters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["c"] = (library, _) => One(library.Name + ".h", CHeader.Emit(library)),
        // Named so `import` can load it: the C prefix, an identifier (my-lib → my_lib.py).
        ["python"] = (library, location) => One(BindingShapes.PythonModule(library) + ".py", PythonModule.Emit(library, location)),
        // Compiled into the consumer's program: where its source file lies means nothing at run time (see CSharpBinding).
        ["csharp"] = (library, _) => One(library.Name + ".Native.cs", CSharpBinding.Emit(library)),
        // A crate folder named after the crate (the library's prefix in lower case), so the library is one level further up.
        ["rust"] = (library, location) =>
        {
            string crate = BindingShapes.RustCrate(library);
            return RustCrate.Emit(library, location.From(crate)).ToDictionary(file => Path.Combine(crate, file.Key), file => file.Value);
        },
        // A package folder go/PACKAGE (the Rust crate has PACKAGE/ already), so the library is two levels further up.
        ["go"] = (library, location) =>
        {
            string folder = "go/" + BindingShapes.GoPackage(library);
            return GoPackage.Emit(library, location.From(folder)).ToDictionary(file => Path.Combine("go", BindingShapes.GoPackage(library), file.Key), file => file.Value);
        },
        // A source folder java/PACKAGE/ (a package named after the prefix): the recorded folder is seen from the package's folder.
        ["java"] = (library, location) =>
        {
            string folder = "java/" + JavaBinding.Package(library);
            return JavaBinding.Emit(library, location.From(folder)).ToDictionary(file => Path.Combine("java", JavaBinding.Package(library), file.Key), file => file.Value);
        },
        // A package folder node/PACKAGE (the prefix in lower case; the Rust crate has PACKAGE/ already).
        ["node"] = (library, location) =>
        {
            string package = BindingShapes.NodePackage(library);
            return NodeModule.Emit(library, location.From("node/" + package)).ToDictionary(file => Path.Combine("node", package, file.Key), file => file.Value);
        },
    };

    public static IReadOnlyCollection<string> Names => Emitters.Keys;

    public static bool IsKnown(string language) => Emitters.ContainsKey(language);

    /// <summary>
    /// The files of <paramref name="language"/>'s bindings for <paramref name="library"/>, paths relative
    /// to the folder they go to; <paramref name="location"/> is where the library is seen from that
    /// folder, which the Python module, the Rust crate and the Go package record to find it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Emit(string language, AbiLibrary library, LibraryLocation location) =>
        Emitters[language](library, location);

    private static IReadOnlyDictionary<string, string> One(string path, string content) => new Dictionary<string, string> { [path] = content };
}
