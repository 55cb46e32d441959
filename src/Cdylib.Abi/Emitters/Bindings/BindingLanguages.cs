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
    private static readonly Dictionary<string, Func<AbiLibrary, IReadOnlyDictionary<string, string>>> Emitters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["c"] = library => One(library.Name + ".h", CHeader.Emit(library)),
        ["python"] = library => One(library.Name + ".py", PythonModule.Emit(library)),
        ["csharp"] = library => One(library.Name + ".Native.cs", CSharpBinding.Emit(library)),
        // A crate folder named after the library's prefix.
        ["rust"] = library => RustCrate.Emit(library).ToDictionary(file => Path.Combine(library.Prefix.ToLowerInvariant(), file.Key), file => file.Value),
    };

    public static IReadOnlyCollection<string> Names => Emitters.Keys;

    public static bool IsKnown(string language) => Emitters.ContainsKey(language);

    /// <summary>The files of <paramref name="language"/>'s bindings for <paramref name="library"/>.</summary>
    public static IReadOnlyDictionary<string, string> Emit(string language, AbiLibrary library) => Emitters[language](library);

    /// <summary>
    /// Helpers a binding calls itself rather than exposing: the last-error functions, the free
    /// functions (the binding frees what it copies) and each handle type's free (its close/Dispose/Drop).
    /// </summary>
    public static bool IsUsedInternally(AbiFunction function) =>
        function.Origin == AbiFunctionOrigin.Helper && (function.Name.EndsWith("_last_error_code", StringComparison.Ordinal)
            || function.Name.EndsWith("_last_error_message", StringComparison.Ordinal) || function.Name.EndsWith("_clear_last_error", StringComparison.Ordinal)
            || function.Name.EndsWith("_free_string", StringComparison.Ordinal) || function.Name.EndsWith("_free_buffer", StringComparison.Ordinal)
            || function.Name.EndsWith("_free", StringComparison.Ordinal));

    private static IReadOnlyDictionary<string, string> One(string path, string content) => new Dictionary<string, string> { [path] = content };
}
