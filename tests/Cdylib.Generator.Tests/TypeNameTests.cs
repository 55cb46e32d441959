using System.Linq;
using System.Text.RegularExpressions;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Model;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The C names of structs, enums and handle types carry the library's prefix, as cbindgen's
/// <c>[export] prefix</c> does (issue 13: <c>Point</c> and <c>VALUE_KIND_*</c> collide easily, and
/// macOS has a <c>Point</c>): <c>lib_Point</c>, <c>LIB_COLOR_RED</c>. <c>[CExport("name")]</c> on the
/// type gives its C name verbatim; MSBuild's <c>CdylibTypePrefix</c> changes the prefix, and
/// <c>none</c> keeps the C# names.
/// </summary>
public sealed class TypeNameTests
{
    private const string Source = """
        using Cdylib;

        namespace Shapes;

        public enum Color : byte { Red = 1, DarkBlue = 2 }
        public enum ValueKind { Int, Text }
        public struct Point { public int X; public int Y; }
        public struct Box { public Point Min; public Point Max; public Color Fill; }

        [CExport]
        public sealed class Canvas
        {
            [CExport("canvas_new")] public static Canvas Create() => new();
            [CExport("canvas_fill")] public Color Fill(Box box, ValueKind kind) => box.Fill;
        }

        public static class Api
        {
            [CExport("corner")] public static Point Corner(Box box) => box.Max;
            [CExport("guid_first")] public static uint First(System.Guid id) => 0;
        }
        """;

    private static GeneratorRun Run(string source, string? typePrefix = null, string library = "lib")
    {
        GeneratorRun run = GeneratorHarness.RunWithTypePrefix(library, source, typePrefix);
        return run;
    }

    [Fact]
    public void Types_and_constants_carry_the_library_prefix_by_default()
    {
        GeneratorRun run = Run(Source);
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
        string header = run.Header;
        Assert.Contains("typedef uint8_t lib_Color;\n#define LIB_COLOR_RED ((lib_Color)1)\n#define LIB_COLOR_DARK_BLUE ((lib_Color)2)\n", header);
        Assert.Contains("typedef int32_t lib_ValueKind;\n#define LIB_VALUE_KIND_INT ((lib_ValueKind)0)\n", header);
        Assert.Contains("typedef struct lib_Point {\n", header);
        Assert.Contains("} lib_Point;\n", header);
        Assert.Contains("    lib_Point Min;\n", header);
        Assert.Contains("    lib_Color Fill;\n", header);
        Assert.Contains("typedef struct lib_Canvas lib_Canvas;\n", header);
        Assert.Contains("typedef struct lib_Guid {\n", header);
        Assert.Contains("LIB_API lib_Point LIB_CALL_C corner(lib_Box box);", header);
        Assert.Contains("LIB_API lib_Color LIB_CALL_C canvas_fill(lib_Canvas* self, lib_Box box, lib_ValueKind kind);", header);
        // The free function keeps its name from the C# class, whatever the C type is called.
        Assert.Contains("LIB_API void LIB_CALL_C lib_canvas_free(lib_Canvas* handle);", header);

        // The ABI file names the C types as the header does; the C# names stay in "managed".
        AbiLibrary abi = run.Abi;
        Assert.Equal(new[] { "lib_Box", "lib_Point", "lib_Guid" }.Order(), abi.Structs.Select(s => s.Name).Order());
        Assert.Equal("Shapes.Point", abi.Structs.Single(s => s.Name == "lib_Point").Managed);
        Assert.Equal(new[] { "lib_Color", "lib_ValueKind" }, abi.Enums.Select(e => e.Name).Order());
        Assert.Equal(new[] { "LIB_COLOR_RED", "LIB_COLOR_DARK_BLUE" }, abi.Enums.Single(e => e.Name == "lib_Color").Members.Select(m => m.CName));
        Assert.Equal(new[] { "Red", "DarkBlue" }, abi.Enums.Single(e => e.Name == "lib_Color").Members.Select(m => m.Name));
        Assert.Equal("lib_Canvas", Assert.Single(abi.Handles).Name);
        Assert.Equal("Shapes.Canvas", abi.Handles[0].Managed);
        Assert.Contains("\"c\": \"lib_Point\"", run.AbiJsonText);

        // Every name the header declares is the library's: lib_ or LIB_ (or a C keyword or type).
        foreach (Match declared in Regex.Matches(header, @"(?:#define|typedef struct|\} ) ?([A-Za-z_][A-Za-z0-9_]*)"))
        {
            string name = declared.Groups[1].Value;
            Assert.True(name.StartsWith("lib_", System.StringComparison.Ordinal) || name.StartsWith("LIB_", System.StringComparison.Ordinal) || name.StartsWith("CDYLIB_", System.StringComparison.Ordinal),
                $"the header declares '{name}', which is not the library's");
        }
    }

    [Fact]
    public void The_prefix_follows_CdylibName()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation("lib", Source), cdylibName: "my-store");
        run.AssertNoDiagnostics();
        Assert.Contains("typedef struct my_store_Point {", run.Header);
        Assert.Contains("#define MY_STORE_COLOR_RED ((my_store_Color)1)", run.Header);
        Assert.Contains("typedef struct my_store_Canvas my_store_Canvas;", run.Header);
    }

    [Fact]
    public void An_explicit_name_on_the_type_is_its_C_name_verbatim()
    {
        GeneratorRun run = Run(Source
            .Replace("public enum ValueKind", "[CExport(\"ValueKind\")] public enum ValueKind")
            .Replace("public struct Point", "[CExport(\"Point\")] public struct Point")
            .Replace("[CExport]\npublic sealed class Canvas", "[CExport(\"kv_canvas\")]\npublic sealed class Canvas"));
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
        string header = run.Header;
        // The bare names the project asked for; the others keep the prefix.
        Assert.Contains("typedef int32_t ValueKind;\n#define VALUE_KIND_INT ((ValueKind)0)\n#define VALUE_KIND_TEXT ((ValueKind)1)\n", header);
        Assert.Contains("typedef struct Point {\n", header);
        Assert.Contains("    Point Min;\n", header);
        Assert.Contains("typedef uint8_t lib_Color;", header);
        Assert.Contains("typedef struct kv_canvas kv_canvas;", header);
        Assert.Contains("LIB_API void LIB_CALL_C lib_canvas_free(kv_canvas* handle);", header);
        Assert.Contains("LIB_API kv_canvas* LIB_CALL_C canvas_new(void);", header);
        AssertHeaderCompiles(header);
    }

    [Theory]
    [InlineData("Kv", "KvPoint", "KV_COLOR_RED", "KvCanvas")]
    [InlineData("kv_", "kv_Point", "KV_COLOR_RED", "kv_Canvas")]
    [InlineData("HTTP", "HTTPPoint", "HTTP_COLOR_RED", "HTTPCanvas")]
    [InlineData("none", "Point", "COLOR_RED", "Canvas")]
    public void CdylibTypePrefix_changes_the_prefix_and_none_keeps_the_CSharp_names(string typePrefix, string point, string red, string canvas)
    {
        GeneratorRun run = Run(Source, typePrefix);
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
        Assert.Contains($"typedef struct {point} {{\n", run.Header);
        Assert.Contains($"#define {red} (", run.Header);
        Assert.Contains($"typedef struct {canvas} {canvas};", run.Header);
        AssertHeaderCompiles(run.Header);
    }

    [Theory]
    [InlineData("my-")]
    [InlineData("1st")]
    [InlineData("Größe")]
    public void An_invalid_CdylibTypePrefix_is_CDY0019(string typePrefix)
    {
        GeneratorRun run = Run(Source, typePrefix);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0019", diagnostic.Id);
        Assert.Contains($"CdylibTypePrefix is '{typePrefix}', but it must be 'none' or the start of a C identifier", diagnostic.GetMessage());
        // The rest of the library keeps the default names, so the other errors are still the real ones.
        Assert.Contains("typedef struct lib_Point {", run.Header);
    }

    [Theory]
    [InlineData("struct", "has space", "a C identifier has only ASCII letters, digits and '_'")]
    [InlineData("enum", "int", "it is a C or C++ keyword")]
    [InlineData("struct", "size_t", "the header, the C library or the compiler already gives that name a meaning")]
    [InlineData("enum", "linux", "the header, the C library or the compiler already gives that name a meaning")]
    [InlineData("struct", "__P", "names starting with '__' or '_' and a capital letter are reserved for the C implementation")]
    public void An_invalid_explicit_name_is_CDY0018_at_the_attribute(string kind, string name, string why)
    {
        string declaration = kind == "struct" ? $"[CExport(\"{name}\")] public struct Named {{ public int X; }}" : $"[CExport(\"{name}\")] public enum Named {{ A }}";
        string source = $$"""
            using Cdylib;
            {{declaration}}
            public static class Api { [CExport] public static void Take(Named value) { } }
            """;
        GeneratorRun run = Run(source);
        Diagnostic diagnostic = run.Diagnostics.First();
        Assert.Equal("CDY0018", diagnostic.Id);
        Assert.Contains($"'{name}' cannot be the C name of 'Named': {why}", diagnostic.GetMessage());
        Assert.Equal($"CExport(\"{name}\")", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.DoesNotContain("Take", run.ExportNames);
    }

    [Fact]
    public void A_type_whose_CSharp_name_is_no_C_identifier_crosses_under_an_explicit_name()
    {
        const string source = """
            using Cdylib;
            public struct Größe { public int Wert; }
            [CExport("Size")] public struct Größe2 { public int Wert; }
            public static class Api
            {
                [CExport] public static void Take(Größe value) { }
                [CExport] public static void Fine(Größe2 value) { }
            }
            """;
        GeneratorRun run = Run(source);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0005", diagnostic.Id);
        Assert.Contains("its C name would be 'lib_Größe', which is not valid", diagnostic.GetMessage());
        Assert.Contains("give it another with [CExport(\"name\")] on the struct", diagnostic.GetMessage());
        Assert.Contains("LIB_API void LIB_CALL_C Fine(Size value);", run.Header);
    }

    [Theory]
    [InlineData("public enum Error { None, Bad }", "LIB_ERROR_NONE", "the member 'Error.None'", "a name the header itself defines")]
    [InlineData("public enum Abi { Version }", "LIB_ABI_VERSION", "the member 'Abi.Version'", "a name the header itself defines")]
    [InlineData("public enum Call { C }", "LIB_CALL_C", "the member 'Call.C'", "a name the header itself defines")]
    public void An_enum_constant_named_like_a_macro_of_the_header_is_CDY0020(string declaration, string name, string what, string taken)
    {
        GeneratorRun run = Run($$"""
            using Cdylib;
            {{declaration}}
            public static class Api { [CExport] public static void Take({{declaration.Split(' ')[2]}} value) { } }
            """);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0020", diagnostic.Id);
        Assert.Contains($"'{name}', the C name of {what}, is already {taken}", diagnostic.GetMessage());
        Assert.DoesNotContain("Take", run.ExportNames);
    }

    [Fact]
    public void An_enum_kept_bare_still_cannot_reuse_the_headers_macros() =>
        // With the prefix there is no clash: LIB_ERROR_* is the library's, LIB_ERROR_KIND_* the enum's.
        Run("""
            using Cdylib;
            public enum ErrorKind { None }
            public static class Api { [CExport] public static void Take(ErrorKind value) { } }
            """).AssertNoDiagnostics();

    [Fact]
    public void Two_enums_whose_constants_meet_are_CDY0020()
    {
        GeneratorRun run = Run("""
            using Cdylib;
            public enum Color { RedX }
            public enum ColorRed { X }
            public static class Api
            {
                [CExport] public static void First(Color value) { }
                [CExport] public static void Second(ColorRed value) { }
            }
            """);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0020", diagnostic.Id);
        Assert.Contains("'LIB_COLOR_RED_X', the C name of the member 'ColorRed.X', is already the C name of the member 'Color.RedX'", diagnostic.GetMessage());
        Assert.Contains("First", run.ExportNames);
        Assert.DoesNotContain("Second", run.ExportNames);
    }

    [Fact]
    public void A_function_named_like_a_type_is_CDY0020_whichever_comes_first()
    {
        GeneratorRun run = Run("""
            using Cdylib;
            public struct Point { public int X; }
            public static class Api
            {
                [CExport] public static void Take(Point value) { }
                [CExport("lib_Point")] public static int Clash() => 0;
            }
            """);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0020", diagnostic.Id);
        Assert.Contains("'lib_Point', the C name of the function 'Api.Clash', is already the C name of the struct 'Point'", diagnostic.GetMessage());

        run = Run("""
            using Cdylib;
            [CExport("Widget")] public sealed class Gadget { }
            public static class Api
            {
                [CExport] public static int Widget() => 0;
            }
            """);
        diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0020", diagnostic.Id);
        Assert.Contains("'Widget', the C name of the function 'Api.Widget', is already the C name of the handle type 'Gadget'", diagnostic.GetMessage());
    }

    [Fact]
    public void Two_types_given_one_C_name_are_CDY0015()
    {
        GeneratorRun run = Run("""
            using Cdylib;
            [CExport("Same")] public struct First { public int X; }
            [CExport("Same")] public enum Second { A }
            public static class Api { [CExport] public static void Take(First a, Second b) { } }
            """);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0015", diagnostic.Id);
        Assert.Contains("The types 'Second' and 'First' would both be the C type 'Same': rename one of them, or give one another C name with [CExport(\"name\")]", diagnostic.GetMessage());
    }

    [Fact]
    public void A_handle_type_and_a_struct_given_one_C_name_are_CDY0015()
    {
        GeneratorRun run = Run("""
            using Cdylib;
            public struct Thing { public int X; }
            [CExport("lib_Thing")] public sealed class Other { }
            public static class Api { [CExport] public static void Take(Thing a) { } }
            """);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0015", diagnostic.Id);
        Assert.Contains("would both be the C type 'lib_Thing'", diagnostic.GetMessage());
    }

    // The point of the prefix: two libraries with a Point, a Color, a Guid and a handle type of one
    // name each, in one C or C++ translation unit (and beside a platform Point).
    [Theory]
    [InlineData(CCompiler.Gcc, "c99")]
    [InlineData(CCompiler.Clang, "c11")]
    [InlineData(CCompiler.Gxx, "c++11")]
    [InlineData(CCompiler.Clangxx, "c++17")]
    public void Two_libraries_with_the_same_type_names_share_a_translation_unit(string compiler, string standard)
    {
        string first = GeneratorHarness.Run(GeneratorHarness.Compilation("first", Source), cdylibName: "first").Header;
        // The functions are the author's names, which the author keeps apart; the types are the point.
        string second = GeneratorHarness.Run(GeneratorHarness.Compilation("second", Source.Replace("[CExport(\"", "[CExport(\"other_")), cdylibName: "second").Header;
        using var directory = new TempDirectory();
        directory.Write("first.h", first);
        directory.Write("second.h", second);
        string unit = """
            typedef struct Point { short h, v; } Point; /* as QuickDraw's MacTypes.h declares it */
            #include "first.h"
            #include "second.h"

            int check(void);
            int check(void)
            {
                first_Point a = {1, 2};
                second_Point b = {3, 4};
                Point c = {5, 6};
                first_Color red = FIRST_COLOR_RED;
                second_Guid id = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
                void (*free_first)(first_Canvas*) = &first_canvas_free;
                void (*free_second)(second_Canvas*) = &second_canvas_free;
                (void)free_first;
                (void)free_second;
                return a.X + b.Y + c.v + red + (int)id.a;
            }

            """;
        string source = directory.Write(CCompiler.IsCxx(compiler) ? "unit.cpp" : "unit.c", unit);
        (int exitCode, string output) = CCompiler.Compile(compiler, directory.Path, source,
            new[] { $"-std={standard}", "-Wall", "-Wextra", "-Werror", "-pedantic", "-c", "-o", System.IO.Path.Combine(directory.Path, "unit.o") });
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Every_macro_the_header_defines_is_reserved_or_an_enum_constant()
    {
        // The generator refuses a constant named like one of the header's macros (CDY0020) from
        // CHeader.ReservedNames: that list must name every macro the header writes.
        foreach (GoldenCase golden in GoldenCase.All)
        {
            GeneratorRun run = golden.Run();
            var constants = run.Abi.Enums.SelectMany(e => e.Members).Select(m => m.CName).ToHashSet();
            var reserved = CHeader.ReservedNames(run.Abi.Prefix, run.Abi.ErrorCodes).ToHashSet();
            foreach (Match define in Regex.Matches(run.Header, @"#define ([A-Za-z_][A-Za-z0-9_]*)"))
            {
                string name = define.Groups[1].Value;
                Assert.True(constants.Contains(name) || reserved.Contains(name), $"{golden.Name}: the header defines {name}, which CHeader.ReservedNames does not list");
            }
        }
    }

    private static void AssertHeaderCompiles(string header)
    {
        using var directory = new TempDirectory();
        directory.Write("lib.h", header);
        foreach ((string compiler, string standard) in new[] { (CCompiler.Gcc, "c99"), (CCompiler.Gxx, "c++11") })
        {
            string source = directory.Write(CCompiler.IsCxx(compiler) ? "use.cpp" : "use.c", "#include \"lib.h\"\n");
            (int exitCode, string output) = CCompiler.Compile(compiler, directory.Path, source,
                new[] { $"-std={standard}", "-Wall", "-Wextra", "-Werror", "-pedantic", "-c", "-o", "/dev/null" });
            Assert.True(exitCode == 0, output + "\n" + header);
        }
    }
}
