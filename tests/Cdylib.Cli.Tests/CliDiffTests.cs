using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Model;

namespace Cdylib.Cli.Tests;

/// <summary>
/// <c>cdylib diff</c> as a CI gate: 0 when the interfaces are the same to a caller (cosmetic changes
/// included), 5 for compatible changes only (0 with <c>--allow compatible</c>), 6 for breaking ones;
/// the verdict in the text and the JSON, and a warning when breaking changes keep the ABI version.
/// </summary>
public sealed class CliDiffTests
{
    private static readonly StringType Text = new(Ownership.Borrowed);

    private static AbiFunction Function(string name, AbiType parameter, string? doc = null) =>
        new(name, AbiCallingConvention.C, AbiType.Int32, new[] { new AbiParameter("text", parameter, doc) }.ToEquatableArray(),
            AbiFunctionOrigin.Declared, "Api." + name, AbiDoc.None);

    private static readonly AbiLibrary Base = new("demo", "demo", "demo", EquatableArray<AbiErrorCode>.Empty,
        new[] { Function("demo_greet", Text with { Nullable = true }), Function("demo_count", Text) }.ToEquatableArray());

    private static string Write(string name, AbiLibrary library)
    {
        string folder = Directory.CreateDirectory(NativeFixtures.Shared.PathFor("diff-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        string path = Path.Combine(folder, name + ".abi.json");
        File.WriteAllText(path, AbiJson.Write(library));
        return path;
    }

    private static AbiLibrary With(params AbiFunction[] functions) => Base with { Functions = functions.ToEquatableArray() };

    public static TheoryData<string> SchemaOneFiles() =>
        new(Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "abi", "schema1"), "*.abi.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    /// <summary>An ABI file of schema 1 (written before types were structure) against the same library's schema-2 file: the same interface but for the error codes added since.</summary>
    [Theory]
    [MemberData(nameof(SchemaOneFiles))]
    public void A_schema_1_file_and_a_schema_2_file_of_the_same_library_differ_only_by_the_error_codes_added_since(string file)
    {
        string schema1 = Path.Combine(AppContext.BaseDirectory, "abi", "schema1", file);
        string schema2 = Path.Combine(AppContext.BaseDirectory, "abi", "schema2", file);
        Assert.Contains("\"schema\": 1", File.ReadAllText(schema1), StringComparison.Ordinal);
        Assert.Contains("\"schema\": 2", File.ReadAllText(schema2), StringComparison.Ordinal);
        // Only the two error codes the runtime gained since schema 1 (CANCELLED and TIMEOUT, for async exports) differ.
        Assert.Equal((5, "  compatible error code CANCELLED added\n  compatible error code TIMEOUT added\n"
            + "implied version bump: minor\nABI version: 1\nverdict: compatible, exit code 5\n", ""), InspectCli.Run(["diff", schema1, schema2]));
    }

    [Fact]
    public void The_same_interface_exits_0_and_cosmetic_changes_count_as_the_same()
    {
        string old = Write("demo", Base);
        Assert.Equal((0, "no changes: the interfaces are the same\n", ""), InspectCli.Run(["diff", old, old]));

        // New docs: listed, and still exit 0.
        string documented = Write("demo", With(Function("demo_greet", Text with { Nullable = true }, doc: "Who."), Base.Functions[1]));
        var (exitCode, output, error) = InspectCli.Run(["diff", old, documented]);
        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Equal("  cosmetic   function demo_greet: documentation or parameter names changed\n"
            + "implied version bump: patch\nABI version: 1\nverdict: same, exit code 0\n", output);
    }

    [Fact]
    public void Compatible_changes_exit_5_or_0_when_allowed()
    {
        string old = Write("demo", Base);
        // demo_count starts accepting NULL; demo_new is added.
        string added = Write("demo", With(Base.Functions[0], Function("demo_count", Text with { Nullable = true }), Function("demo_new", Text)));
        var (exitCode, output, error) = InspectCli.Run(["diff", old, added]);
        Assert.Equal((5, ""), (exitCode, error));
        Assert.Equal("  compatible function demo_count: parameter 'text' now accepts NULL (string → string?)\n"
            + "  compatible function demo_new added\n"
            + "implied version bump: minor\nABI version: 1\nverdict: compatible, exit code 5\n", output);

        var (allowed, allowedOutput, _) = InspectCli.Run(["diff", old, added, "--allow", "compatible"]);
        Assert.Equal(0, allowed);
        Assert.EndsWith("verdict: compatible (allowed), exit code 0\n", allowedOutput);
    }

    [Fact]
    public void Breaking_changes_exit_6_even_when_compatible_ones_are_allowed_and_warn_without_a_new_ABI_version()
    {
        string old = Write("demo", Base);
        // demo_greet starts refusing NULL: a caller passing NULL now fails.
        AbiLibrary strict = With(Function("demo_greet", Text), Base.Functions[1]);
        string tightened = Write("demo", strict);
        const string Warning = "cdylib: warning: breaking changes, but the ABI version is still 1: raise CdylibAbiVersion (to 2) so consumers "
            + "that check it (demo_abi_version(), find_package(demo 1), a versioned SONAME) do not take this library for the old one\n";
        var (exitCode, output, error) = InspectCli.Run(["diff", old, tightened]);
        Assert.Equal(6, exitCode);
        Assert.Equal(Warning, error);
        Assert.Equal("  breaking   function demo_greet: parameter 'text' no longer accepts NULL (string? → string)\n"
            + "implied version bump: major\nABI version: 1\nverdict: breaking, exit code 6\n", output);
        Assert.Equal(6, InspectCli.Run(["diff", old, tightened, "--allow", "compatible"]).ExitCode);

        // With the ABI version raised, the same change is still breaking, without the warning.
        string bumped = Write("demo", strict with { AbiVersion = 2 });
        var (bumpedExit, bumpedOutput, bumpedError) = InspectCli.Run(["diff", old, bumped]);
        Assert.Equal((6, ""), (bumpedExit, bumpedError));
        Assert.Contains("ABI version: 1 → 2\n", bumpedOutput);
    }

    [Fact]
    public void The_JSON_states_the_verdict_the_exit_code_the_ABI_versions_and_the_warnings()
    {
        string old = Write("demo", Base);
        string tightened = Write("demo", With(Function("demo_greet", Text), Base.Functions[1]));
        var (exitCode, output, _) = InspectCli.Run(["diff", old, tightened, "--format", "json"]);
        Assert.Equal(6, exitCode);
        using var json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal("breaking", root.GetProperty("verdict").GetString());
        Assert.Equal(6, root.GetProperty("exitCode").GetInt32());
        Assert.Equal("major", root.GetProperty("bump").GetString());
        Assert.Equal((1, 1), (root.GetProperty("abiVersion").GetProperty("old").GetInt32(), root.GetProperty("abiVersion").GetProperty("new").GetInt32()));
        Assert.StartsWith("breaking changes, but the ABI version is still 1", Assert.Single(root.GetProperty("warnings").EnumerateArray()).GetString());
        JsonElement change = Assert.Single(root.GetProperty("changes").EnumerateArray());
        Assert.Equal("parameter 'text' no longer accepts NULL (string? → string)", change.GetProperty("description").GetString());
        Assert.Contains("'text'", output);   // readable JSON: no \u0027 escapes

        var (same, sameOutput, _) = InspectCli.Run(["diff", old, old, "--format", "json", "--allow", "compatible"]);
        Assert.Equal(0, same);
        using var sameJson = JsonDocument.Parse(sameOutput);
        Assert.Equal(("same", 0), (sameJson.RootElement.GetProperty("verdict").GetString(), sameJson.RootElement.GetProperty("exitCode").GetInt32()));
        Assert.Empty(sameJson.RootElement.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void An_unknown_allow_value_is_bad_usage()
    {
        string old = Write("demo", Base);
        var (exitCode, _, error) = InspectCli.Run(["diff", old, old, "--allow", "breaking"]);
        Assert.Equal(1, exitCode);
        Assert.Contains("'breaking'", error);
    }

    [Fact]
    public void Libraries_without_ABI_files_are_compared_by_export_table_with_the_same_exit_codes()
    {
        string folder = Directory.CreateDirectory(NativeFixtures.Shared.PathFor("diff-exports-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        string library = Path.Combine(folder, "libz.so");
        File.Copy(NativeFixtures.Shared.Library, library);
        string other = Path.Combine(folder, "liby.so");
        File.Copy(NativeFixtures.Shared.Library, other);
        Assert.Equal(0, InspectCli.Run(["diff", library, other]).ExitCode);

        // An ABI file on one side only: its functions against the other's export table, with no ABI version to speak of.
        string abi = Write("z", Base);
        var (exitCode, output, error) = InspectCli.Run(["diff", library, abi, "--format", "json"]);
        Assert.Equal(6, exitCode);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("abiVersion").ValueKind);
    }
}
