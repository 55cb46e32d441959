using System;
using System.IO;
using System.Linq;
using Cdylib.Abi.Checks;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Tests;

/// <summary>
/// NAME.abi.json schema 2 (structured types) and the schema-1 files older builds wrote (Fixtures/schema1,
/// the generator's golden models as schema 1 had them): the reader takes both into the same model, so
/// <c>cdylib diff</c> across the two finds nothing.
/// </summary>
public sealed class SchemaTests
{
    public static TheoryData<string> Files => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "schema1"), "*.abi.json").Select(Path.GetFileName)!);

    private static string Schema2(string file) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Golden"), file, SearchOption.AllDirectories).Single();

    [Theory]
    [MemberData(nameof(Files))]
    public void A_schema_1_file_reads_into_the_model_its_schema_2_file_holds(string file)
    {
        AbiLibrary old = AbiJson.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "schema1", file)));
        AbiLibrary current = AbiJson.Read(File.ReadAllText(Schema2(file)));
        // The runtime has gained two error codes since the schema-1 files were written (CANCELLED and
        // TIMEOUT, for async exports); with those left out, the library is the one the old file describes.
        Assert.Equal(new[] { "CANCELLED", "TIMEOUT" }, current.ErrorCodes.Where(code => !old.ErrorCodes.Contains(code)).Select(code => code.Name));
        AbiLibrary now = current with { ErrorCodes = current.ErrorCodes.Where(old.ErrorCodes.Contains).ToEquatableArray() };
        now = now with { ApiHash = ApiHash.Compute(now) };
        Assert.Equal(now.Functions.Select(f => f.Name), old.Functions.Select(f => f.Name));
        foreach ((AbiFunction expected, AbiFunction actual) in now.Functions.Zip(old.Functions))
        {
            Assert.Equal(expected, actual);
        }
        Assert.Equal(now, old);
        Assert.Empty(AbiDiff.Compare(old, now));
        Assert.Equal(ApiHash.Compute(now), ApiHash.Compute(old));
        Assert.Equal(now.ApiHash, ApiHash.Compute(old));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Schema_2_writes_structure_with_the_C_spelling_beside_it(string file)
    {
        string json = File.ReadAllText(Schema2(file));
        Assert.Contains("\"schema\": 2", json);
        Assert.DoesNotContain("\"managed\": \"int\"", json);
        Assert.Equal(json, AbiJson.Write(AbiJson.Read(json)));
    }

    [Fact]
    public void A_schema_it_does_not_know_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => AbiJson.Read("{\"schema\": 3}"));
        Assert.Equal("ABI file schema 3 is not supported (expected 1 or 2)", error.Message);
    }
}
