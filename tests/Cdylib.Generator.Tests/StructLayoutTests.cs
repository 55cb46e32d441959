using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using Cdylib.Abi.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Cdylib.Generator.Tests;

/// <summary>
/// Every struct the header declares has the layout .NET gives it (issue 13: a <c>Guid</c> field
/// was laid out from the reference assembly's placeholder <c>_dummyPrimitive</c>, so C and the
/// library disagreed on <c>Rec</c>'s size and <c>make_rec</c>'s shim wrote its result through a
/// pointer C never passed). The generator is run as a real build runs it, against the SDK's
/// reference pack, and as the other tests run it, against the implementation assemblies; the
/// layouts are compared with what this runtime computes for the compiled types. .NET structs
/// without a C form, structs of other assemblies and 128-bit integers by value are refused.
/// </summary>
public sealed class StructLayoutTests
{
    private const string Usings = "using System;\nusing System.Numerics;\nusing System.Runtime.InteropServices;\nusing Cdylib;\n\n";

    private const string Repro = """
        using System;
        using Cdylib;

        public struct Rec { public Guid Id; public int N; }

        public static class Api
        {
            [CExport("rec_n")] public static int RecN(Rec r) => r.N;
            [CExport("make_rec")] public static Rec MakeRec(int n) => new Rec { N = n };
        }
        """;

    public static IEnumerable<object[]> Frameworks => new[] { new object[] { "reference pack" }, new object[] { "implementation" } };

    public static IEnumerable<object[]> CasesAndFrameworks =>
        from golden in GoldenCase.All
        from framework in Frameworks
        select new object[] { golden.Name, framework[0] };

    private static IEnumerable<MetadataReference> FrameworkNamed(string framework) =>
        framework == "reference pack" ? GeneratorHarness.ReferencePack : GeneratorHarness.Framework;

    private static GeneratorRun Run(string source, string framework, string? cdylibName = null, string assemblyName = "layout") =>
        GeneratorHarness.Run(GeneratorHarness.Compilation(assemblyName, new[] { GeneratorHarness.Parse(source) }, framework: FrameworkNamed(framework)), cdylibName);

    // ---- the repro ----------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void A_Guid_field_has_the_16_bytes_dotnet_gives_it_not_a_placeholder(string framework)
    {
        GeneratorRun run = Run(Repro, framework);
        run.AssertNoDiagnostics();
        AbiStruct rec = run.Abi.Structs.Single(s => s.Name == "layout_Rec");
        Assert.Equal(new AbiLayout(20, 4), rec.Layout64);
        Assert.Equal(new AbiLayout(20, 4), rec.Layout32);
        Assert.Equal(new[] { 0, 16 }, rec.Fields.Select(f => f.Offset64));
        AbiStruct guid = run.Abi.Structs.Single(s => s.Name == "layout_Guid");
        Assert.Equal("System.Guid", guid.Managed);
        Assert.Equal(new[] { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k" }, guid.Fields.Select(f => f.Name));
        Assert.Equal(new[] { "uint32_t", "uint16_t", "uint16_t" }, guid.Fields.Take(3).Select(f => CSpelling.Of(f.Type)));
        Assert.Equal(new AbiLayout(16, 4), guid.Layout64);
        Assert.DoesNotContain("_dummy", run.Header);
        Assert.DoesNotContain("_dummy", run.AbiJsonText);
        Assert.Contains("LAYOUT_STATIC_ASSERT(sizeof(layout_Rec) == 20, ", run.Header);
        Assert.Contains("LAYOUT_STATIC_ASSERT(offsetof(layout_Rec, N) == 16, ", run.Header);
    }

    // ---- the header's layouts are the runtime's ----------------------------------------------

    [Theory]
    [MemberData(nameof(CasesAndFrameworks))]
    public void Every_struct_of_a_golden_case_has_the_layout_the_runtime_gives_it(string name, string framework)
    {
        GoldenCase golden = GoldenCase.Get(name);
        GeneratorRun run = GeneratorHarness.Run(
            GeneratorHarness.Compilation(golden.AssemblyName, new[] { GeneratorHarness.Parse(golden.Input, $"/src/{name}/Input.cs") }, framework: FrameworkNamed(framework)),
            golden.CdylibName);
        run.AssertNoDiagnostics();
        AssertLayoutsAreTheRuntimes(run);
    }

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void The_repro_has_the_layout_the_runtime_gives_it(string framework) => AssertLayoutsAreTheRuntimes(Run(Repro, framework));

    // What this runtime (the same layout rules as Native AOT's compiler, 64-bit) computes for each struct the ABI declares.
    private static void AssertLayoutsAreTheRuntimes(GeneratorRun run)
    {
        Assembly assembly = Load(run);
        foreach (AbiStruct structure in run.Abi.Structs)
        {
            Type type = structure.Managed == "System.Guid" ? typeof(Guid) : assembly.GetTypes().Single(t => t.FullName!.Replace('+', '.') == structure.Managed);
            Assert.True(RuntimeLayout.SizeOf(type) == structure.Layout64.Size, $"{structure.Name}: the header says {structure.Layout64.Size} bytes, the runtime {RuntimeLayout.SizeOf(type)}");
            Assert.True(RuntimeLayout.AlignmentOf(type) == structure.Layout64.Alignment, $"{structure.Name}: the header says alignment {structure.Layout64.Alignment}, the runtime {RuntimeLayout.AlignmentOf(type)}");
            FieldInfo[] fields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            Assert.Equal(fields.Length, structure.Fields.Count);
            foreach (AbiField field in structure.Fields)
            {
                FieldInfo managed = fields.Single(f => f.Name == field.Name || f.Name == "_" + field.Name || f.Name == field.Name.TrimEnd('_') || f.Name == $"<{field.Name}>k__BackingField");
                Assert.True(RuntimeLayout.OffsetOf(managed) == field.Offset64, $"{structure.Name}.{field.Name}: the header says offset {field.Offset64}, the runtime {RuntimeLayout.OffsetOf(managed)}");
            }
        }
    }

    private static Assembly Load(GeneratorRun run)
    {
        using var image = new MemoryStream();
        EmitResult emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return Assembly.Load(image.ToArray());
    }

    // ---- .NET structs with a C form ----------------------------------------------------------

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void Well_known_dotnet_structs_have_their_documented_C_types(string framework)
    {
        GeneratorRun run = Run(Usings + """
            public static unsafe class Api
            {
                [CExport] public static Half H(Half value) => value;
                [CExport] public static NFloat F(NFloat value) => value;
                [CExport] public static Guid G(Guid value) => value;
                [CExport] public static void I(in Int128 a, out UInt128 b) => b = (UInt128)a;
                [CExport] public static void P(Int128* a, ReadOnlySpan<UInt128> b) { }
                [CExport] public static Guid[] Many() => new Guid[1];
                [CExport] public static bool Has(Int128? value) => value.HasValue;
                [CExport] public static nint N(nint a, nuint b) => a;
            }
            """, framework);
        run.AssertNoDiagnostics();
        AbiFunction Function(string name) => run.Abi.Functions.Single(f => f.Name == name);
        Assert.Equal("uint16_t", CSpelling.Of(Function("H").ReturnType));
        Assert.Equal("uint16_t", CSpelling.Of(Function("H").Parameters[0].Type));
        Assert.Equal(WellKnownTypes.NFloatC, CSpelling.Of(Function("F").ReturnType));
        Assert.Equal("layout_Guid", CSpelling.Of(Function("G").ReturnType));
        Assert.Equal(new[] { "const cdylib_int128_t*", "cdylib_uint128_t*" }, Function("I").Parameters.Select(p => CSpelling.Of(p.Type)));
        Assert.Equal(new[] { "cdylib_int128_t*", "const cdylib_uint128_t*" }, Function("P").Parameters.Take(2).Select(p => CSpelling.Of(p.Type)));
        Assert.Equal("layout_Guid*", CSpelling.Of(Function("Many").ReturnType));
        Assert.Equal("const cdylib_int128_t*", CSpelling.Of(Function("Has").Parameters[0].Type));
        Assert.Equal(new[] { "intptr_t", "uintptr_t" }, Function("N").Parameters.Select(p => CSpelling.Of(p.Type)));
        Assert.Contains("__extension__ typedef __int128 cdylib_int128_t;", run.Header);
        Assert.Contains("typedef double cdylib_nfloat_t;", run.Header);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void A_header_without_128_bit_integers_or_NFloat_does_not_declare_them()
    {
        string header = GoldenCase.Get("Boundary").Run().Header;
        Assert.DoesNotContain("cdylib_int128_t", header);
        Assert.DoesNotContain("cdylib_nfloat_t", header);
    }

    // ---- refused: .NET structs without a C form ----------------------------------------------

    public static IEnumerable<object[]> RefusedDotNetStructs =>
        from refused in new[]
        {
            new[] { "TimeSpan", "System.TimeSpan", "use 'long' instead: TimeSpan.Ticks" },
            new[] { "DateTime", "System.DateTime", "use 'long' instead: DateTime.Ticks" },
            new[] { "DateTimeOffset", "System.DateTimeOffset", "ToUnixTimeMilliseconds()" },
            new[] { "DateOnly", "System.DateOnly", "DateOnly.DayNumber" },
            new[] { "TimeOnly", "System.TimeOnly", "use 'long' instead: TimeOnly.Ticks" },
            new[] { "Range", "System.Range", "pass its start and end as two ints" },
            new[] { "Index", "System.Index", "use 'int' instead (Index.Value)" },
            new[] { "Complex", "System.Numerics.Complex", "two doubles" },
            new[] { "GCHandle", "System.Runtime.InteropServices.GCHandle", "use 'nint' instead: GCHandle.ToIntPtr(handle)" },
            new[] { "CLong", "System.Runtime.InteropServices.CLong", "use 'int' or 'long'" },
            new[] { "CULong", "System.Runtime.InteropServices.CULong", "use 'uint' or 'ulong'" },
            new[] { "Vector3", "System.Numerics.Vector3", "declare a struct of your own with its float fields (X, Y, Z)" },
            new[] { "BigInteger", "System.Numerics.BigInteger", "pass its bytes instead: 'System.ReadOnlySpan<byte>' as a parameter, 'byte[]' as a result" },
            new[] { "Guid?", "System.Guid?", "C has no nullable values" },
            new[] { "System.Drawing.Point", "System.Drawing.Point", "pass its parts as numbers, or declare a struct of your own" },
            new[] { "System.Collections.Generic.KeyValuePair<int, int>", "System.Collections.Generic.KeyValuePair<int, int>", "pass its parts as numbers, or declare a struct of your own" },
        }
        from framework in new[] { "reference pack", "implementation" }
        select new object[] { refused[0], refused[1], refused[2], framework };

    [Theory]
    [MemberData(nameof(RefusedDotNetStructs))]
    public void A_dotnet_struct_without_a_C_form_is_refused_as_a_parameter(string type, string displayed, string instead, string framework)
    {
        // Guid? as a parameter is a nullable value (a pointer); as a field it is refused.
        if (type == "Guid?")
        {
            return;
        }
        Diagnostic diagnostic = Expect(framework, "CDY0005", $$"""
            public static class Api
            {
                [CExport]
                public static void Take(int first, {{type}} value) { }
            }
            """, at: "value");
        AssertMessage(diagnostic, $"Parameter 'value' of 'Api.Take' has type '{displayed}', which cannot cross the C ABI: ",
            "is a .NET type, and .NET does not promise its layout", instead);
    }

    [Theory]
    [MemberData(nameof(RefusedDotNetStructs))]
    public void A_dotnet_struct_without_a_C_form_is_refused_as_a_result(string type, string displayed, string instead, string framework)
    {
        Diagnostic diagnostic = Expect(framework, "CDY0006", $$"""
            public static class Api
            {
                [CExport]
                public static {{type}} Give() => default;
            }
            """, at: type);
        AssertMessage(diagnostic, $"'Api.Give' returns '{displayed}', which cannot cross the C ABI: ", type == "Guid?" ? "a nullable result has no C form" : instead);
    }

    [Theory]
    [MemberData(nameof(RefusedDotNetStructs))]
    public void A_dotnet_struct_without_a_C_form_is_refused_as_a_field(string type, string displayed, string instead, string framework)
    {
        Diagnostic diagnostic = Expect(framework, "CDY0005", $$"""
            public struct Holder { public int Before; public {{type}} Inside; }

            public static class Api
            {
                [CExport]
                public static void Take(Holder value) { }
            }
            """, at: "value");
        AssertMessage(diagnostic, "Parameter 'value' of 'Api.Take' has type 'Holder', which cannot cross the C ABI: ",
            $"field 'Inside' has type '{displayed}', which has no C form: ", type == "Guid?" ? "use the value and a byte field" : instead);
    }

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void A_struct_nested_in_a_struct_names_the_field_that_has_no_C_form(string framework)
    {
        Diagnostic diagnostic = Expect(framework, "CDY0006", """
            public struct Inner { public TimeSpan Span; }
            public struct Outer { public Inner Inner; }

            public static class Api
            {
                [CExport]
                public static Outer Give() => default;
            }
            """, at: "Outer");
        AssertMessage(diagnostic, "'Api.Give' returns 'Outer'", "field 'Inner' has type 'Inner', which has no C form: field 'Span' has type 'System.TimeSpan', which has no C form: ", "TimeSpan.Ticks");
    }

    // ---- refused: 128-bit integers by value ---------------------------------------------------

    [Theory]
    [InlineData("Int128", "it is Int128", "pass it by reference instead: 'in System.Int128' (const cdylib_int128_t* in C)")]
    [InlineData("UInt128", "it is UInt128", "'in System.UInt128' (const cdylib_uint128_t* in C)")]
    [InlineData("Wide", "field 'Value' of 'Wide' is Int128", "pass it by reference instead: 'in Wide' (const layout_Wide* in C)")]
    [InlineData("Outer", "field 'Value' of 'Wide' is Int128", "'in Outer' (const layout_Outer* in C)")]
    public void A_128_bit_integer_by_value_is_refused_as_a_parameter(string type, string where, string instead)
    {
        Diagnostic diagnostic = Expect("reference pack", "CDY0005", $$"""
            public struct Wide { public byte Tag; public Int128 Value; }
            public struct Outer { public Wide Wide; }

            public static class Api
            {
                [CExport]
                public static void Take({{type}} value) { }
            }
            """, at: "value");
        AssertMessage(diagnostic, $"{where}, which .NET does not yet pass by value the way C passes a 128-bit integer (dotnet/runtime#74209)", instead);
    }

    [Theory]
    [InlineData("Int128", "return it through a parameter instead: 'out System.Int128' (cdylib_int128_t* in C)")]
    [InlineData("Wide", "'out Wide' (layout_Wide* in C)")]
    public void A_128_bit_integer_by_value_is_refused_as_a_result(string type, string instead)
    {
        Diagnostic diagnostic = Expect("reference pack", "CDY0006", $$"""
            public struct Wide { public byte Tag; public Int128 Value; }

            public static class Api
            {
                [CExport]
                public static {{type}} Give() => default;
            }
            """, at: type);
        AssertMessage(diagnostic, "dotnet/runtime#74209", instead);
    }

    [Fact]
    public void A_128_bit_integer_by_value_is_refused_in_a_callback()
    {
        Diagnostic diagnostic = Expect("reference pack", "CDY0005", """
            public static unsafe class Api
            {
                [CExport]
                public static void Each(delegate* unmanaged<Int128, void> value) { }
            }
            """, at: "value");
        AssertMessage(diagnostic, "dotnet/runtime#74209", "pass a pointer to it");
    }

    // ---- refused: structs of other assemblies, and layouts C cannot state -------------------

    [Theory]
    [InlineData(true, "is declared in the reference assembly 'Shapes', whose private fields are placeholders,")]
    [InlineData(false, "is declared in the referenced assembly 'Shapes'")]
    public void A_struct_of_another_assembly_is_refused(bool referenceAssembly, string where)
    {
        // Another project of the user's: a real build compiles against its reference assembly.
        CSharpCompilation shapes = GeneratorHarness.Compilation("Shapes", new[] { GeneratorHarness.Parse("""
            namespace Shapes;
            public struct Pt { public int X; private int _y; public int Y => _y; }
            """, "/src/Shapes.cs") }, withRuntime: false, framework: GeneratorHarness.ReferencePack);
        using var image = new MemoryStream();
        EmitResult emitted = shapes.Emit(image, options: new EmitOptions(metadataOnly: referenceAssembly, includePrivateMembers: !referenceAssembly));
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        MetadataReference reference = MetadataReference.CreateFromImage(image.ToArray());

        string source = Usings + """
            public static class Api
            {
                [CExport]
                public static void Take(Shapes.Pt value) { }
            }
            """;
        CSharpCompilation compilation = GeneratorHarness.Compilation("user", new[] { GeneratorHarness.Parse(source) }, framework: GeneratorHarness.ReferencePack.Add(reference));
        if (referenceAssembly)
        {
            Assert.Contains(compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly ? assembly.GetAttributes() : default, a => a.AttributeClass?.Name == "ReferenceAssemblyAttribute");
        }
        GeneratorRun run = GeneratorHarness.Run(compilation);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0005", diagnostic.Id);
        AssertMessage(diagnostic, "Parameter 'value' of 'Api.Take' has type 'Shapes.Pt', which cannot cross the C ABI: 'Shapes.Pt' ", where,
            "the compiler does not show its StructLayout, so its real layout cannot be seen; declare a struct with the same fields in this project and convert");
    }

    [Theory]
    [InlineData("[System.Runtime.CompilerServices.InlineArray(4)] public struct Four { private int _first; }", "Four",
        "an [InlineArray] struct repeats its field, which is not supported yet; use separate fields")]
    [InlineData("[StructLayout(LayoutKind.Sequential, Size = 16)] public struct Padded { public int X; }", "Padded",
        "StructLayout.Size makes it 16 bytes, more than its fields take, and a C struct cannot state that padding")]
    [InlineData("[StructLayout(LayoutKind.Auto)] public struct Reordered { public byte A; public long B; }", "Reordered",
        "only LayoutKind.Sequential (the default) has a C layout the header can state")]
    [InlineData("public struct Empty { public static int Shared; public const int Limit = 1; }", "Empty",
        "a struct without fields has no C form (C forbids an empty struct, .NET makes it 1 byte)")]
    public void A_struct_whose_layout_C_cannot_state_is_refused(string declaration, string type, string why)
    {
        Diagnostic diagnostic = Expect("reference pack", "CDY0005", declaration + $$"""


            public static class Api
            {
                [CExport]
                public static void Take({{type}} value) { }
            }
            """, at: "value");
        AssertMessage(diagnostic, why);
    }

    [Fact]
    public void A_StructLayout_Size_no_larger_than_the_fields_changes_nothing_and_is_accepted()
    {
        GeneratorRun run = Run(Usings + """
            [StructLayout(LayoutKind.Sequential, Size = 4)]
            public struct Small { public int X; public int Y; }

            public static class Api
            {
                [CExport]
                public static void Take(Small value) { }
            }
            """, "reference pack");
        run.AssertNoDiagnostics();
        AssertLayoutsAreTheRuntimes(run);
    }

    [Theory]
    [InlineData("Mine.Guid value, System.Guid other", "Mine.Guid", "System.Guid", "layout_Guid")]
    [InlineData("Mine.Point a, Theirs.Point b", "Mine.Point", "Theirs.Point", "layout_Point")]
    public void Two_structs_of_one_C_name_in_one_export_are_refused_not_merged(string parameters, string first, string second, string name)
    {
        GeneratorRun run = Run(Usings + $$"""
            namespace Mine { public struct Guid { public byte X; } public struct Point { public int X; } }
            namespace Theirs { public struct Point { public long X; public long Y; } }

            public static class Api
            {
                [CExport]
                public static void Take({{parameters}}) { }
            }
            """, "reference pack");
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0015", diagnostic.Id);
        AssertMessage(diagnostic, $"The types '{first}' and '{second}' would both be the C type '{name}'");
        Assert.DoesNotContain("Take", run.ExportNames);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Diagnostic Expect(string framework, string id, string body, string at)
    {
        string source = Usings + body;
        GeneratorRun run = Run(source, framework);
        Assert.True(run.Diagnostics.Length == 1 && run.Diagnostics[0].Id == id,
            $"expected exactly {id}, got:\n" + string.Join("\n", run.Diagnostics));
        Diagnostic diagnostic = run.Diagnostics[0];
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        int attribute = source.IndexOf("[CExport", StringComparison.Ordinal);
        int start = source.IndexOf(at, attribute, StringComparison.Ordinal);
        Assert.Equal(source.Substring(0, start).Count(c => c == '\n'), diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.DoesNotContain("Take", run.ExportNames);
        Assert.DoesNotContain("Give", run.ExportNames);
        run.AssertOutputCompiles();
        return diagnostic;
    }

    private static void AssertMessage(Diagnostic diagnostic, params string[] fragments)
    {
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string fragment in fragments)
        {
            Assert.True(message.Contains(fragment, StringComparison.Ordinal), $"the {diagnostic.Id} message lacks \"{fragment}\":\n{message}");
        }
    }
}

/// <summary>Sizes, alignments and field offsets as this runtime lays out a type (for value types: their unboxed layout).</summary>
internal static class RuntimeLayout
{
    public static int SizeOf(Type type)
    {
        var method = new DynamicMethod("size", typeof(int), Type.EmptyTypes, typeof(RuntimeLayout).Module, skipVisibility: true);
        ILGenerator il = method.GetILGenerator();
        il.Emit(OpCodes.Sizeof, type);
        il.Emit(OpCodes.Ret);
        return (int)method.Invoke(null, null)!;
    }

    /// <summary>Where a field of <paramref name="type"/> goes after one byte: the type's alignment.</summary>
    public static int AlignmentOf(Type type) => OffsetOf(typeof(AfterByte<>).MakeGenericType(type).GetField(nameof(AfterByte<int>.Value))!);

    public static unsafe int OffsetOf(FieldInfo field)
    {
        var method = new DynamicMethod("offset", typeof(int), new[] { typeof(IntPtr) }, typeof(RuntimeLayout).Module, skipVisibility: true);
        ILGenerator il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldflda, field);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Sub);
        il.Emit(OpCodes.Conv_I4);
        il.Emit(OpCodes.Ret);
        void* memory = NativeMemory.AlignedAlloc((nuint)Math.Max(SizeOf(field.DeclaringType!), 1), 64);
        try
        {
            return (int)method.Invoke(null, new object[] { (IntPtr)memory })!;
        }
        finally
        {
            NativeMemory.AlignedFree(memory);
        }
    }

    private struct AfterByte<T>
    {
#pragma warning disable CS0649 // only their offsets are read
        public byte Before;
        public T Value;
#pragma warning restore CS0649
    }
}
