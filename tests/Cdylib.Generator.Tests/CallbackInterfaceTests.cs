using System.Linq;
using Cdylib.Abi.Model;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Tests;

/// <summary>
/// Interfaces implemented by the caller in the model: a <c>[CExport]</c> interface is a C table
/// (<c>user_data</c>, a status-returning function per abstract member, <c>release</c>) laid out as
/// pointers; a parameter of that interface takes a <c>const TABLE*</c>; the library gets
/// <c>PREFIX_set_callback_error</c>; what C cannot implement is CDY0024 at the member.
/// examples/plugins runs them (PluginsTests).
/// </summary>
public sealed class CallbackInterfaceTests
{
    [Fact]
    public void The_table_has_a_function_per_member_and_the_generated_proxy_compiles()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", """
            using Cdylib;

            public enum Mood { Calm, Loud }
            public struct Pair { public int A; public int B; }

            [CExport]
            public interface ISink
            {
                void Put(string? text, bool flag, Mood mood, Pair pair, double value);
                int Size { get; }
                Mood Current { get; set; }
                Pair Last();
                void Twice(string text) { Put(text, false, Mood.Calm, default, 0); Put(text, false, Mood.Calm, default, 0); }
                static int Unused() => 0;
            }

            public static class Api
            {
                [CExport("lib_fill")] public static int Fill(ISink sink, ISink? other) { sink.Twice("x"); return sink.Size; }
            }
            """);
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
        AbiStruct table = run.Abi.Structs.Single(s => s.Name == "lib_ISink");
        Assert.Equal(new[] { "user_data", "put", "get_size", "get_current", "set_current", "last", "release" }, table.Fields.Select(f => f.Name));
        Assert.Equal(new[] { 0, 8, 16, 24, 32, 40, 48 }, table.Fields.Select(f => f.Offset64));
        Assert.Equal((new AbiLayout(56, 8), new AbiLayout(28, 4)), (table.Layout64, table.Layout32));
        // What each function is in C#, for the bindings that fill the table from their own objects; it survives the ABI file.
        Assert.Equal(
            new[]
            {
                new AbiInterfaceMember("put", "Put", AbiInterfaceMemberKind.Method, null),
                new AbiInterfaceMember("get_size", "Size", AbiInterfaceMemberKind.Getter, AbiType.Int32),
                new AbiInterfaceMember("get_current", "Current", AbiInterfaceMemberKind.Getter, new EnumRef("lib_Mood", AbiType.Int32)),
                new AbiInterfaceMember("set_current", "Current", AbiInterfaceMemberKind.Setter, null),
                new AbiInterfaceMember("last", "Last", AbiInterfaceMemberKind.Method, new StructRef("lib_Pair")),
            },
            table.Interface!.Members);
        Assert.Equal(table, Cdylib.Abi.Emitters.AbiJson.Read(Cdylib.Abi.Emitters.AbiJson.Write(run.Abi)).Structs.Single(s => s.Name == "lib_ISink"));
        Assert.All(run.Abi.Structs.Where(s => s.Name != "lib_ISink"), s => Assert.Null(s.Interface));
        Assert.Contains("int32_t (*put)(void*, const char*, bool, lib_Mood, lib_Pair, double);", run.Header);
        Assert.Contains("int32_t (*last)(void*, lib_Pair*);", run.Header);
        Assert.Contains("int32_t LIB_CALL_C lib_fill(const lib_ISink* sink, const lib_ISink* other);", run.Header);
        AbiFunction setError = run.Abi.Functions.Single(f => f.Role == AbiHelperRole.SetCallbackError);
        Assert.Equal("lib_set_callback_error", setError.Name);
    }

    [Fact]
    public void A_library_without_such_interfaces_has_no_error_function()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", "public static class Api { [Cdylib.CExport] public static int One() => 1; }");
        Assert.DoesNotContain(run.Abi.Functions, f => f.Role == AbiHelperRole.SetCallbackError);
    }

    [Theory]
    [InlineData("event System.Action Changed;", "Changed", "only methods and properties can be implemented from C")]
    [InlineData("int this[int i] { get; }", "this[]", "an indexer has no C function")]
    [InlineData("void Take<T>(T value);", "Take", "a generic method has no single C function")]
    [InlineData("string Name();", "Name", "its result (string) cannot come back from C here")]
    [InlineData("void Fill(out int value);", "Fill", "its parameter 'value' (int) cannot be passed to C here")]
    [InlineData("void Nest(IOther other);", "Nest", "its parameter 'other' (IOther) cannot be passed to C here")]
    public void What_C_cannot_implement_is_CDY0024_at_the_member(string member, string name, string why)
    {
        GeneratorRun run = GeneratorHarness.Run("lib", $$"""
            using Cdylib;

            [CExport] public interface IOther { void Ping(); }

            [CExport]
            public interface IThing
            {
                {{member}}
            }
            """);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0024", diagnostic.Id);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith($"'{name}' of 'IThing' cannot be implemented by a C caller: ", message);
        Assert.Contains(why, message);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void An_interface_not_marked_CExport_is_refused_where_it_is_taken()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", """
            public interface IPlain { void Ping(); }
            public static class Api { [Cdylib.CExport] public static void Use(IPlain plain) => plain.Ping(); }
            """);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0005", diagnostic.Id);
        Assert.Contains("C can implement an interface only when it is marked [CExport]", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
