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
        ["rust"] = (library, location) => InFolder(BindingShapes.RustCrate(library), location, folderLocation => RustCrate.Emit(library, folderLocation)),
        // Package folders LANG/PACKAGE (the Rust crate has PACKAGE/ already), so the library is two levels further up.
        ["go"] = (library, location) => InFolder("go/" + BindingShapes.GoPackage(library), location, folderLocation => GoPackage.Emit(library, folderLocation)),
        ["java"] = (library, location) => InFolder("java/" + JavaBinding.Package(library), location, folderLocation => JavaBinding.Emit(library, folderLocation)),
        ["node"] = (library, location) => InFolder("node/" + BindingShapes.NodePackage(library), location, folderLocation => NodeModule.Emit(library, folderLocation)),
    };

    public static IReadOnlyCollection<string> Names => Emitters.Keys;

    public static bool IsKnown(string language) => Emitters.ContainsKey(language);

    /// <summary>
    /// The files of <paramref name="language"/>'s bindings for <paramref name="library"/>, paths relative
    /// to the folder they go to; <paramref name="location"/> is where the library is seen from that
    /// folder, which the Python module, the Rust crate and the Go package record to find it.
    /// </summary>
    /// <exception cref="BindingRefusedException">The binding cannot be written for this library (docs/cli.md, exit code 8).</exception>
    public static IReadOnlyDictionary<string, string> Emit(string language, AbiLibrary library, LibraryLocation location)
    {
        // An iterator export is a handle and its next/free functions: as plain functions a binding would
        // hand out a raw handle and items it could not own correctly, so no binding writes them yet.
        var iterators = library.Functions.Where(function => function.Iterator is not null).Select(function => function.Name).ToList();
        if (iterators.Count > 0 && !language.Equals("c", StringComparison.OrdinalIgnoreCase))
        {
            throw new BindingRefusedException(
                $"the {language} binding cannot call iterator exports yet ({string.Join(", ", iterators)}): call them through the C header "
                + "(docs/abi.md#iterator-exports), or build the bindings of a library without them");
        }
        // An interface C implements is a struct of function pointers a binding would have to fill from its
        // own objects (and keep alive until release): no binding does that yet.
        if (library.Functions.Any(function => function.Role == AbiHelperRole.SetCallbackError) && !language.Equals("c", StringComparison.OrdinalIgnoreCase))
        {
            throw new BindingRefusedException(
                $"the {language} binding cannot implement the interfaces the library takes from its caller yet: implement them in C "
                + "(docs/abi.md#interfaces-implemented-by-the-caller), or build the bindings of a library without them");
        }
        return Emitters[language](library, location);
    }

    /// <summary>
    /// The files a binding writes into <paramref name="folder"/> (a relative path, <c>/</c>-separated), with
    /// the library's location seen from that folder, as paths relative to the output folder.
    /// </summary>
    private static IReadOnlyDictionary<string, string> InFolder(string folder, LibraryLocation location, Func<LibraryLocation, IReadOnlyDictionary<string, string>> emit) =>
        emit(location.From(folder)).ToDictionary(file => Path.Combine(folder.Replace('/', Path.DirectorySeparatorChar), file.Key), file => file.Value);

    private static IReadOnlyDictionary<string, string> One(string path, string content) => new Dictionary<string, string> { [path] = content };
}
