using System.Linq;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Json;
using Cdylib.Abi.Model;
using static Cdylib.Abi.Tests.Models;

namespace Cdylib.Abi.Tests;

/// <summary>The model's own rules: JSON round trips, the C layout, the API hash.</summary>
public sealed class ModelTests
{
    [Fact]
    public void An_abi_file_reads_back_to_the_same_model()
    {
        AbiLibrary library = Library(
            new[] { Function("add", Int32, Int32, Int32) },
            new[] { Color(("Red", "1")) },
            new[] { Point(Byte, Int64) }) with { ApiHash = 0xFEDCBA9876543210 };
        string json = AbiJson.Write(library);
        Assert.Equal(library, AbiJson.Read(json));
        Assert.Contains("\"apiHash\": \"0xfedcba9876543210\"", json);
    }

    [Theory]
    [InlineData("{}", "JSON member \"schema\" is missing")]
    [InlineData("{\"schema\": 99}", "ABI file schema 99 is not supported")]
    [InlineData("[1, 2", "Invalid JSON at offset 5")]
    [InlineData("{\"a\": \"\\x\"}", "invalid escape")]
    public void A_broken_abi_file_is_a_clear_error(string json, string message)
    {
        var error = Assert.Throws<System.FormatException>(() => AbiJson.Read(json));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        string json = new string('[', 100_000);
        Assert.Contains("nesting deeper than", Assert.Throws<System.FormatException>(() => JsonText.Parse(json)).Message);
    }

    [Theory]
    [InlineData(new[] { 1, 4 }, 0, new[] { 0, 4 }, 8, 4)]
    [InlineData(new[] { 1, 8, 1 }, 0, new[] { 0, 8, 16 }, 24, 8)]
    [InlineData(new[] { 1, 4 }, 1, new[] { 0, 1 }, 5, 1)]
    [InlineData(new[] { 1, 8 }, 2, new[] { 0, 2 }, 10, 2)]
    [InlineData(new int[0], 0, new int[0], 1, 1)]
    public void Fields_are_laid_out_as_C_does(int[] sizes, int pack, int[] offsets, int size, int alignment)
    {
        var fields = System.Array.ConvertAll(sizes, s => new AbiLayout(s, s));
        (int[] actual, AbiLayout layout) = CLayout.Compute(fields, pack);
        Assert.Equal(offsets, actual);
        Assert.Equal(new AbiLayout(size, alignment), layout);
    }

    [Fact]
    public void The_api_hash_follows_declarations_not_docs_or_parameter_names()
    {
        AbiLibrary library = Library(new[] { Function("add", Int32, Int32, Int32) });
        ulong hash = ApiHash.Compute(library);
        AbiFunction documented = library.Functions[0] with { Doc = new AbiDoc("Adds.", null, null), Parameters = library.Functions[0].Parameters.Select(p => p with { Name = "x" }).ToEquatableArray() };
        Assert.Equal(hash, ApiHash.Compute(library with { Functions = new[] { documented }.ToEquatableArray() }));
        Assert.NotEqual(hash, ApiHash.Compute(library with { Functions = new[] { Function("add", Int64, Int32, Int32) }.ToEquatableArray() }));
        Assert.NotEqual(hash, ApiHash.Compute(library with { AbiVersion = 2 }));
    }
}
