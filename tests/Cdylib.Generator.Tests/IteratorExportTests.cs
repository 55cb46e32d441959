using System.Linq;
using Cdylib.Abi.Model;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Tests;

/// <summary>
/// Iterator exports in the model: the function returns its iterator's handle and brings its handle
/// type and next and free functions, named after it; the ABI file carries the iterator; the generated
/// code compiles for every item shape; what cannot be an item, or does not apply, is CDY0006.
/// examples/sequences runs them (SequencesTests).
/// </summary>
public sealed class IteratorExportTests
{
    [Fact]
    public void Every_item_shape_compiles_and_declares_its_iterator()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", """
            using System.Collections.Generic;
            using Cdylib;

            public struct Pair { public int A; public int B; }

            [CExport]
            public sealed class Box
            {
                [CExport("lib_box_items")] public IEnumerable<int> Items() { yield return 1; }
            }

            public static class Api
            {
                [CExport("lib_numbers")] public static IEnumerable<int> Numbers(int count) => Enumerable.Range(0, count);
                [CExport("lib_words")] public static IEnumerable<string?> Words(string text) => text.Split(' ');
                [CExport("lib_flags")] public static IEnumerable<bool> Flags() => new[] { true };
                [CExport("lib_pairs")] public static IEnumerable<Pair> Pairs() => new Pair[1];
                [CExport("lib_boxes")] public static IEnumerable<Box> Boxes() => new[] { new Box() };
            }
            """.Replace("Enumerable.Range", "System.Linq.Enumerable.Range"));
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
        AbiLibrary abi = run.Abi;
        foreach (string name in new[] { "lib_box_items", "lib_numbers", "lib_words", "lib_flags", "lib_pairs", "lib_boxes" })
        {
            AbiFunction function = abi.Functions.Single(f => f.Name == name);
            AbiIterator iterator = Assert.IsType<AbiIterator>(function.Iterator);
            Assert.Equal(new AbiIterator(name + "_iter", iterator.Item, name + "_iter_next", name + "_iter_free"), iterator);
            Assert.Equal(new HandleRef(name + "_iter"), function.ReturnType);
            AbiFunction next = abi.Functions.Single(f => f.Name == iterator.Next);
            Assert.Equal((AbiFunctionOrigin.Helper, AbiHelperRole.IteratorNext), (next.Origin, next.Role));
            Assert.Equal(new ReferenceType(ReferenceKind.Out, iterator.Item), next.Parameters[1].Type);
            Assert.Equal(iterator.Free, abi.Handles.Single(handle => handle.Name == iterator.Handle).FreeFunction);
        }
        Assert.Equal(new StringType(Ownership.Owned, Nullable: true), abi.Functions.Single(f => f.Name == "lib_words").Iterator!.Item);
        Assert.Equal(new HandleRef("lib_Box"), abi.Functions.Single(f => f.Name == "lib_boxes").Iterator!.Item);
        Assert.Contains("bool LIB_CALL_C lib_words_iter_next(lib_words_iter* it, char** out_item);", run.Header);
    }

    [Theory]
    [InlineData("[CExport] public static IEnumerable<int[]> Give() => null!;", "IEnumerable<int[]>", "an iterator's items come out one value each through out_item, and an array needs a length too")]
    [InlineData("[CExport] public static IEnumerable<object> Give() => null!;", "IEnumerable<object>", "its items 'object' cannot: ", "wrap it in a class of yours marked [CExport]")]
    [InlineData("[CExport(ReturnsStatus = true)] public static IEnumerable<int> Give() => null!;", "IEnumerable<int>", "ReturnsStatus does not apply to an iterator export")]
    [InlineData("[CExport, System.Runtime.InteropServices.SuppressGCTransition] public static IEnumerable<int> Give() => null!;", "IEnumerable<int>", "an iterator export returns a sequence the runtime enumerates, so it cannot be transition-free")]
    public void What_cannot_be_an_item_or_does_not_apply_is_CDY0006(string method, string at, params string[] fragments)
    {
        string source = $$"""
            using System.Collections.Generic;
            using Cdylib;

            public static class Api
            {
                {{method}}
            }
            """;
        GeneratorRun run = GeneratorHarness.Run("lib", source);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0006", diagnostic.Id);
        Assert.Equal(at, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(fragments, fragment => Assert.Contains(fragment, message));
        Assert.DoesNotContain("Give", run.ExportNames);
        run.AssertOutputCompiles();
    }

    [Theory]
    [InlineData("IEnumerable<int> Items(int n) => null!", "IEnumerable<long> Items(int n) => null!", "breaking",
        "function lib_items_iter_next: signature bool(lib_items_iter*, int32_t*) → bool(lib_items_iter*, int64_t*)")]
    [InlineData("IEnumerable<string> Items(int n) => null!", "IEnumerable<string?> Items(int n) => null!", "breaking",
        "function lib_items_iter_next: what parameter 'out_item' receives may now be NULL for null, not only on failure (string → string?)")]
    [InlineData("IEnumerable<string?> Items(int n) => null!", "IEnumerable<string> Items(int n) => null!", "compatible",
        "function lib_items_iter_next: what parameter 'out_item' receives is now NULL only on failure (string? → string)")]
    [InlineData("IEnumerable<int> Items(int n) => null!", "int Items(int n) => n", "breaking", "function lib_items_iter_next: removed")]
    [InlineData("int Items(int n) => n", "IEnumerable<int> Items(int n) => null!", "breaking", "function lib_items: signature int32_t(int32_t) → lib_items_iter*(int32_t)")]
    public void Diff_classifies_changes_to_iterator_signatures(string before, string after, string worst, string expected)
    {
        AbiLibrary Version(string method) => GeneratorHarness.Run("lib", $$"""
            using System.Collections.Generic;
            using Cdylib;

            public static class Api
            {
                [CExport("lib_items")] public static {{method}};
            }
            """).Abi;
        var changes = Cdylib.Abi.Checks.AbiDiff.Compare(Version(before), Version(after));
        Assert.Contains(expected, changes.Select(change => $"{change.Subject}: {change.Description}"));
        Assert.Equal(worst, Cdylib.Abi.Checks.AbiDiff.Worst(changes).ToString().ToLowerInvariant());
        // The item's type is told at next, once: the function that returns the iterator did not change for it.
        Assert.DoesNotContain(changes, change => change.Subject == "function lib_items" && change.Kind == Cdylib.Abi.Checks.ChangeKind.Cosmetic);
    }
}
