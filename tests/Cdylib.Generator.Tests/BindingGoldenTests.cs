using System.Collections.Generic;
using System.Linq;
using Cdylib.Abi.Emitters.Bindings;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The Python, Rust, C#, Go, Java and Node bindings of each <see cref="GoldenCase"/>'s model against the committed files
/// under <c>Golden/CASE/bindings/LANGUAGE/</c> (<c>CDYLIB_UPDATE_GOLDEN=1</c> rewrites them), so a change
/// to a binding writer shows as a diff; the end-to-end tests run the bindings against real libraries.
/// </summary>
public sealed class BindingGoldenTests
{
    public static IEnumerable<object[]> Cases =>
        from golden in GoldenCase.All
        from language in new[] { "python", "rust", "csharp", "go", "java", "node" }
        select new object[] { golden.Name, language };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bindings_match_the_golden_files(string name, string language)
    {
        GoldenCase golden = GoldenCase.Get(name);
        var files = BindingLanguages.Emit(language, golden.Run().Abi, LibraryLocation.Between("/out/bindings", "/out/lib"));
        foreach (KeyValuePair<string, string> file in files.OrderBy(file => file.Key, System.StringComparer.Ordinal))
        {
            Golden.Verify(name, $"bindings/{language}/{file.Key.Replace('\\', '/')}", file.Value);
        }
    }
}
