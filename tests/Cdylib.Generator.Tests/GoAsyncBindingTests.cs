using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Abi.Emitters.Bindings;
using Cdylib.Tests.Shared;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The Go package of async exports of every result shape the generator accepts — the ones examples/tasks
/// does not run (a struct, an enum, a Half, a double, a Guid, a nullable string, a ValueTask) beside the ones
/// it does — is as gofmt writes it and passes <c>go vet</c> (cgo over the header, the package type-checked):
/// each export is Name, NameContext and NameAsync, with parameters the wrappers' own names would shadow
/// renamed. An async export whose out values would be written after its start returned is refused.
/// TasksGoBindingTests runs the real thing.
/// </summary>
public sealed class GoAsyncBindingTests
{
    private const string Source = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Cdylib;

        public struct Pair { public int A; public int B; }

        public struct Result { public int Value; }

        public enum Shade : byte { Light = 1, Dark = 2 }

        [CExport]
        public sealed class Box
        {
            [CExport("lib_box_later")]
            public async Task<int> Later(CancellationToken cancel) { await Task.Yield(); return 1; }
        }

        public static class Api
        {
            [CExport("lib_number")] public static Task<int> Number(int ctx, int op, int userData, int results, int outcome, CancellationToken cancel) => Task.FromResult(ctx);
            [CExport("lib_text")] public static ValueTask<string> Text(string name) => new(name);
            [CExport("lib_maybe")] public static Task<string?> Maybe(string? name) => Task.FromResult(name);
            [CExport("lib_flag")] public static Task<bool> Flag() => Task.FromResult(true);
            [CExport("lib_pair")] public static Task<Pair> MakePair() => Task.FromResult(new Pair());
            [CExport("lib_result")] public static Task<Result> MakeResult() => Task.FromResult(new Result());
            [CExport("lib_shade")] public static Task<Shade> MakeShade() => Task.FromResult(Shade.Dark);
            [CExport("lib_half")] public static Task<Half> MakeHalf() => Task.FromResult((Half)1);
            [CExport("lib_ratio")] public static Task<double> Ratio(double x) => Task.FromResult(x);
            [CExport("lib_id")] public static Task<Guid> Id() => Task.FromResult(Guid.Empty);
            [CExport("lib_box")] public static Task<Box> MakeBox() => Task.FromResult(new Box());
            [CExport("lib_nothing")] public static ValueTask Nothing() => default;
        }
        """;

    [Fact]
    public void Every_result_shape_becomes_three_functions_that_gofmt_and_go_vet_accept()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", Source);
        run.AssertNoDiagnostics();
        IReadOnlyDictionary<string, string> files = BindingLanguages.Emit("go", run.Abi, LibraryLocation.Beside)
            .ToDictionary(file => Path.GetFileName(file.Key), file => file.Value);
        string package = files["lib.go"];

        Assert.Contains("func LibPair() (Pair, error) {", package);
        Assert.Contains("func LibPairContext(ctx context.Context) (Pair, error) {", package);
        Assert.Contains("func LibPairAsync(ctx context.Context) <-chan Result[Pair] {", package);
        Assert.Contains("func LibShadeAsync(ctx context.Context) <-chan Result[Shade] {", package);
        Assert.Contains("func LibMaybeAsync(ctx context.Context, name *string) <-chan Result[*string] {", package);
        Assert.Contains("func LibNothingAsync(ctx context.Context) <-chan error {", package);
        Assert.Contains("func (self *Box) LaterAsync(ctx context.Context) <-chan Result[int32] {", package);
        // The library's own Result struct steps aside for the package's generic one.
        Assert.Contains("type Result_ struct {", package);
        // Parameters named as the wrappers' locals are renamed; the generic names stay the package's.
        Assert.Contains("func LibNumberAsync(ctx context.Context, ctx_ int32, op_ int32, userData_ int32, results_ int32, outcome_ int32) <-chan Result[int32] {", package);

        string folder = Path.Combine(Path.GetTempPath(), "cdylib-go-format-" + System.Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "lib.go"), package);
        try
        {
            ProcessResult format = ProcessRunner.Run("gofmt", new[] { "-l", "lib.go" }, folder);
            Assert.True(format.ExitCode == 0 && format.Output.Length == 0, $"gofmt -l lists lib.go:\n{format.Transcript}\n{package}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        ProcessResult vet = GoFormatTests.Vet(files, "lib");
        Assert.True(vet.ExitCode == 0, vet.Transcript + "\n" + package);
    }

    [Fact]
    public void An_async_export_with_an_out_parameter_is_refused()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", """
            using System.Threading.Tasks;
            using Cdylib;

            public static class Api
            {
                [CExport("lib_split")] public static Task<int> Split(int value, out int rest) { rest = value; return Task.FromResult(value); }
            }
            """);
        run.AssertNoDiagnostics();
        var refusal = Assert.Throws<BindingRefusedException>(() => BindingLanguages.Emit("go", run.Abi, LibraryLocation.Beside));
        Assert.Contains("lib_split", refusal.Message);
        Assert.Contains("out and ref parameters", refusal.Message);
    }
}
