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
    // What each binding writes, and which kinds of export beyond plain functions it drives (the others refuse the library).
    private static readonly Dictionary<string, BindingLanguage> Languages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["c"] = new(BindingFeatures.All, (library, _) => One(library.Name + ".h", CHeader.Emit(library))),
        // Named so `import` can load it: the C prefix, an identifier (my-lib → my_lib.py).
        ["python"] = new(
            BindingFeatures.AsyncExports | BindingFeatures.IteratorExports | BindingFeatures.CallerInterfaces,
            (library, location) => One(BindingShapes.PythonModule(library) + ".py", PythonModule.Emit(library, location))),
        // Compiled into the consumer's program: where its source file lies means nothing at run time (see CSharpBinding).
        ["csharp"] = new(
            BindingFeatures.AsyncExports | BindingFeatures.IteratorExports | BindingFeatures.CallerInterfaces,
            (library, _) => One(library.Name + ".Native.cs", CSharpBinding.Emit(library))),
        // A crate folder named after the crate (the library's prefix in lower case), so the library is one level further up.
        ["rust"] = new(
            BindingFeatures.AsyncExports | BindingFeatures.IteratorExports | BindingFeatures.CallerInterfaces,
            (library, location) => InFolder(BindingShapes.RustCrate(library), location, folderLocation => RustCrate.Emit(library, folderLocation))),
        // Package folders LANG/PACKAGE (the Rust crate has PACKAGE/ already), so the library is two levels further up.
        ["go"] = new(
            BindingFeatures.AsyncExports,
            (library, location) => InFolder("go/" + BindingShapes.GoPackage(library), location, folderLocation => GoPackage.Emit(library, folderLocation))),
        ["java"] = new(
            BindingFeatures.None,
            (library, location) => InFolder("java/" + JavaBinding.Package(library), location, folderLocation => JavaBinding.Emit(library, folderLocation))),
        ["node"] = new(
            BindingFeatures.AsyncExports | BindingFeatures.IteratorExports | BindingFeatures.CallerInterfaces,
            (library, location) => InFolder("node/" + BindingShapes.NodePackage(library), location, folderLocation => NodeModule.Emit(library, folderLocation))),
    };

    public static IReadOnlyCollection<string> Names => Languages.Keys;

    public static bool IsKnown(string language) => Languages.ContainsKey(language);

    /// <summary>
    /// The files of <paramref name="language"/>'s bindings for <paramref name="library"/>, paths relative
    /// to the folder they go to; <paramref name="location"/> is where the library is seen from that
    /// folder, which the Python module, the Rust crate and the Go package record to find it.
    /// </summary>
    /// <exception cref="BindingRefusedException">The binding cannot be written for this library (docs/cli.md, exit code 8).</exception>
    public static IReadOnlyDictionary<string, string> Emit(string language, AbiLibrary library, LibraryLocation location)
    {
        BindingLanguage binding = Languages[language];
        BindingFeatureCheck.Refuse(language.ToLowerInvariant(), binding.Drives, library);
        return binding.Emit(library, location);
    }

    /// <summary>
    /// The files a binding writes into <paramref name="folder"/> (a relative path, <c>/</c>-separated), with
    /// the library's location seen from that folder, as paths relative to the output folder.
    /// </summary>
    private static IReadOnlyDictionary<string, string> InFolder(string folder, LibraryLocation location, Func<LibraryLocation, IReadOnlyDictionary<string, string>> emit) =>
        emit(location.From(folder)).ToDictionary(file => Path.Combine(folder.Replace('/', Path.DirectorySeparatorChar), file.Key), file => file.Value);

    private sealed record BindingLanguage(BindingFeatures Drives, Func<AbiLibrary, LibraryLocation, IReadOnlyDictionary<string, string>> Emit);

    private static IReadOnlyDictionary<string, string> One(string path, string content) => new Dictionary<string, string> { [path] = content };
}
