using System.Linq;
using Cdylib.Abi.Emitters.Bindings;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The C# binding of async exports of every result shape the generator accepts — the ones examples/tasks
/// does not run (a struct, an enum, a Half, a double, a Guid, a ValueTask) beside the ones it does —
/// compiles without a warning: each is a Task-returning NameAsync method whose completion callback is
/// spelled as the raw declaration spells the function pointer. TasksCSharpBindingTests runs the real thing.
/// </summary>
public sealed class CSharpAsyncBindingTests
{
    private const string Source = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Cdylib;

        public struct Pair { public int A; public int B; }

        public enum Shade : byte { Light = 1, Dark = 2 }

        [CExport]
        public sealed class Box
        {
            [CExport("lib_box_later")]
            public async Task<int> Later(CancellationToken cancel) { await Task.Yield(); return 1; }
        }

        public static class Api
        {
            [CExport("lib_number")] public static Task<int> Number(int cancellationToken, CancellationToken cancel) => Task.FromResult(cancellationToken);
            [CExport("lib_text")] public static ValueTask<string> Text(string name) => new(name);
            [CExport("lib_flag")] public static Task<bool> Flag() => Task.FromResult(true);
            [CExport("lib_pair")] public static Task<Pair> MakePair() => Task.FromResult(new Pair());
            [CExport("lib_shade")] public static Task<Shade> MakeShade() => Task.FromResult(Shade.Dark);
            [CExport("lib_half")] public static Task<Half> MakeHalf() => Task.FromResult((Half)1);
            [CExport("lib_ratio")] public static Task<double> Ratio(double x) => Task.FromResult(x);
            [CExport("lib_id")] public static Task<Guid> Id() => Task.FromResult(Guid.Empty);
            [CExport("lib_box")] public static Task<Box> MakeBox() => Task.FromResult(new Box());
            [CExport("lib_nothing")] public static ValueTask Nothing() => default;
        }
        """;

    [Fact]
    public void Every_result_shape_becomes_a_task_and_compiles_without_a_warning()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", Source);
        run.AssertNoDiagnostics();
        string binding = BindingLanguages.Emit("csharp", run.Abi, LibraryLocation.Beside)["lib.Native.cs"];

        Assert.Contains("public static Task<Pair> LibPairAsync(CancellationToken cancellationToken = default)", binding);
        Assert.Contains("public static Task<Shade> LibShadeAsync(CancellationToken cancellationToken = default)", binding);
        Assert.Contains("public static Task<Half> LibHalfAsync(CancellationToken cancellationToken = default)", binding);
        Assert.Contains("public static Task<Guid> LibIdAsync(CancellationToken cancellationToken = default)", binding);
        Assert.Contains("public static Task LibNothingAsync(CancellationToken cancellationToken = default)", binding);
        // The export's own parameter keeps the name; the token takes another.
        Assert.Contains("public static Task<int> LibNumberAsync(int cancellationToken, CancellationToken cancellationToken_ = default)", binding);
        Assert.Contains("public Task<int> LaterAsync(CancellationToken cancellationToken = default) =>", binding);

        CSharpBindingCompilation.AssertCompiles(binding);
    }
}
