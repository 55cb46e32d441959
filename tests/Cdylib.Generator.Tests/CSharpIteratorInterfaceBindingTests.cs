using Cdylib.Abi.Emitters.Bindings;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The C# binding of iterator exports and caller-implemented interfaces of every shape the generator
/// accepts — the ones examples/sequences and examples/plugins do not run (enum, Half, Guid, double and
/// nullable items; an iterator taking a span, an out value and a callback; interface members taking
/// structs, enums, nullable strings and pointers, results of every kind; an async export and an iterator
/// export taking an implementation) — compiles without a warning. SequencesCSharpBindingTests and
/// PluginsCSharpBindingTests run the real thing.
/// </summary>
public sealed class CSharpIteratorInterfaceBindingTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Cdylib;

        public struct Pair { public int A; public int B; }

        public enum Shade : byte { Light = 1, Dark = 2 }

        [CExport]
        public interface ISink
        {
            void Put(string? text, bool flag, Shade shade, Pair pair, double value);
            int Size { get; }
            Shade Current { get; set; }
            bool Full { get; }
            Pair Last();
            Half Ratio(Half scale);
            nint Raw(nint pointer);
            void Twice(string text) => Put(text, false, Shade.Light, default, 0);
        }

        [CExport]
        public interface IEmpty
        {
            void Touch();
        }

        [CExport]
        public sealed class Box
        {
            [CExport("lib_box_items")]
            public IEnumerable<Box> Items(int count) { yield return this; }
        }

        public static class Api
        {
            [CExport("lib_numbers")] public static IEnumerable<double> Numbers(ReadOnlySpan<int> values, out int count) { count = values.Length; return new double[values.Length]; }
            [CExport("lib_texts")] public static IEnumerable<string?> Texts() => new string?[] { "a", null };
            [CExport("lib_shades")] public static IEnumerable<Shade> Shades() => new[] { Shade.Dark };
            [CExport("lib_halves")] public static IEnumerable<Half> Halves() => new[] { (Half)1 };
            [CExport("lib_ids")] public static IEnumerable<Guid> Ids() => new[] { Guid.Empty };
            [CExport("lib_pairs")] public static IEnumerable<Pair> Pairs() => new[] { new Pair() };
            [CExport("lib_boxes")] public static IEnumerable<Box?> Boxes() => new Box?[] { null };
            [CExport("lib_fill")] public static int Fill(ISink sink, ISink? other, IEmpty empty) { sink.Twice("x"); return sink.Size; }
            [CExport("lib_fill_later")] public static Task<int> FillLater(ISink sink) => Task.FromResult(sink.Size);
            [CExport("lib_sizes")] public static IEnumerable<int> Sizes(ISink sink) { yield return sink.Size; }
            [CExport("lib_each")] public static unsafe IEnumerable<int> Each(delegate* unmanaged<int, void*, void> callback, void* userData) => new[] { 1 };
        }
        """;

    [Fact]
    public void Every_item_and_member_shape_compiles_without_a_warning()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", Source);
        run.AssertNoDiagnostics();
        string binding = BindingLanguages.Emit("csharp", run.Abi, LibraryLocation.Beside)["lib.Native.cs"];

        Assert.Contains("public static IEnumerable<double> LibNumbers(ReadOnlySpan<int> values, out int count)", binding);
        Assert.Contains("public static IEnumerable<string?> LibTexts()", binding);
        Assert.Contains("public static IEnumerable<Shade> LibShades()", binding);
        Assert.Contains("public static IEnumerable<Half> LibHalves()", binding);
        Assert.Contains("public static IEnumerable<Guid> LibIds()", binding);
        Assert.Contains("public static IEnumerable<Box?> LibBoxes()", binding);
        Assert.Contains("public IEnumerable<Box> Items(int count) =>", binding);
        Assert.Contains("public static IEnumerable<int> LibEach(Action<int> callback)", binding);
        Assert.Contains("    void Put(string? text, bool flag, Shade shade, Pair pair, double value);", binding);
        Assert.Contains("    Shade Current { get; set; }", binding);
        Assert.Contains("    bool Full { get; }", binding);
        Assert.Contains("    Half Ratio(Half scale);", binding);
        Assert.Contains("public static int LibFill(ISink? sink, ISink? other, IEmpty? empty)", binding);
        Assert.Contains("public static Task<int> LibFillLaterAsync(ISink? sink, CancellationToken cancellationToken = default)", binding);
        Assert.Contains("public static IEnumerable<int> LibSizes(ISink? sink)", binding);

        CSharpBindingCompilation.AssertCompiles(binding);
    }
}
