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
                new AbiInterfaceMember("put", "Put", AbiInterfaceMemberKind.Method, Names("text", "flag", "mood", "pair", "value"), null),
                new AbiInterfaceMember("get_size", "Size", AbiInterfaceMemberKind.Getter, Names(), AbiType.Int32),
                new AbiInterfaceMember("get_current", "Current", AbiInterfaceMemberKind.Getter, Names(), new EnumRef("lib_Mood", AbiType.Int32)),
                new AbiInterfaceMember("set_current", "Current", AbiInterfaceMemberKind.Setter, Names("value"), null),
                new AbiInterfaceMember("last", "Last", AbiInterfaceMemberKind.Method, Names(), new StructRef("lib_Pair")),
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

    [Theory]
    [InlineData("void Flush();", "breaking",
        "interface lib_ISink: function flush added to the table (Flush): a table filled for the old header lacks it, and release moved")]
    [InlineData("void Flush() { }", "cosmetic", null)]
    public void Diff_classifies_members_added_to_an_interface(string member, string worst, string? expected)
    {
        var changes = Cdylib.Abi.Checks.AbiDiff.Compare(Sink("void Put(string text); int Size { get; }", ""), Sink("void Put(string text); int Size { get; }", member));
        Assert.Equal(worst, Cdylib.Abi.Checks.AbiDiff.Worst(changes).ToString().ToLowerInvariant());
        if (expected is null)
        {
            Assert.DoesNotContain(changes, change => change.Kind != Cdylib.Abi.Checks.ChangeKind.Cosmetic);
        }
        else
        {
            Assert.Contains(expected, changes.Select(change => $"{change.Subject}: {change.Description}"));
        }
    }

    [Theory]
    [InlineData("void Put(string text);", "void Put(string? text);", "breaking", "interface lib_ISink: put may now be given NULL for 'text' (string → string?)")]
    [InlineData("void Put(string? text);", "void Put(string text);", "compatible", "interface lib_ISink: put is no longer given NULL for 'text' (string? → string)")]
    [InlineData("int Size { get; }", "long Size { get; }", "breaking", "interface lib_ISink: get_size (Size) int32_t (*)(void*, int32_t*) → int32_t (*)(void*, int64_t*)")]
    [InlineData("void Put(string text); void Take(int n);", "void Take(int n); void Put(string text);", "breaking", "interface lib_ISink: functions reordered put, take → take, put")]
    [InlineData("void Put(string text); void Take(int n);", "void Put(string text);", "breaking", "interface lib_ISink: function take removed from the table (Take): the functions after it moved")]
    public void Diff_classifies_changes_to_an_interfaces_members(string before, string after, string worst, string expected)
    {
        var changes = Cdylib.Abi.Checks.AbiDiff.Compare(Sink(before, ""), Sink(after, ""));
        Assert.Contains(expected, changes.Select(change => $"{change.Subject}: {change.Description}"));
        Assert.Equal(worst, Cdylib.Abi.Checks.AbiDiff.Worst(changes).ToString().ToLowerInvariant());
    }

    private static AbiLibrary Sink(string members, string more) => GeneratorHarness.Run("lib", $$"""
        using Cdylib;

        [CExport]
        public interface ISink
        {
            {{members}}
            {{more}}
        }

        public static class Api
        {
            [CExport("lib_use")] public static void Use(ISink sink) { }
        }
        """).Abi;

    private static EquatableArray<string> Names(params string[] names) => names.ToEquatableArray();
}
