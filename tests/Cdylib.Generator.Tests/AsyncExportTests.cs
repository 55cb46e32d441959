using System.Linq;
using Cdylib.Abi.Model;

namespace Cdylib.Generator.Tests;

/// <summary>
/// Async exports in the model the generator writes: each start function returns its operation's
/// handle and takes the completion callback and its user data last, and brings its operation handle
/// type and its wait, cancel and free functions, named after it; the ABI file carries the operation;
/// the generated code compiles for every result shape. examples/tasks runs them (TasksTests).
/// </summary>
public sealed class AsyncExportTests
{
    private const string Source = """
        using System.Threading;
        using System.Threading.Tasks;
        using Cdylib;

        public struct Pair { public int A; public int B; }

        [CExport]
        public sealed class Box
        {
            [CExport("lib_box_later")]
            public async Task<int> Later() { await Task.Yield(); return 1; }
        }

        public static class Api
        {
            [CExport("lib_number")] public static Task<int> Number(int done, CancellationToken cancel) => Task.FromResult(done);
            [CExport("lib_text")] public static ValueTask<string> Text(string name) => new(name);
            [CExport("lib_flag")] public static Task<bool> Flag() => Task.FromResult(true);
            [CExport("lib_pair")] public static Task<Pair> MakePair() => Task.FromResult(new Pair());
            [CExport("lib_box")] public static Task<Box> MakeBox() => Task.FromResult(new Box());
            [CExport("lib_nothing")] public static ValueTask Nothing() => default;
        }
        """;

    [Fact]
    public void Every_result_shape_compiles_and_declares_its_operation()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", Source);
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
        AbiLibrary abi = run.Abi;
        foreach (string name in new[] { "lib_box_later", "lib_number", "lib_text", "lib_flag", "lib_pair", "lib_box", "lib_nothing" })
        {
            AbiFunction start = abi.Functions.Single(function => function.Name == name);
            AbiOperation operation = Assert.IsType<AbiOperation>(start.Operation);
            Assert.Equal(new AbiOperation(name + "_op", operation.Result, name + "_op_wait", name + "_op_cancel", name + "_op_free", name == "lib_number"), operation);
            Assert.Equal(new HandleRef(name + "_op"), start.ReturnType);
            var callback = Assert.IsType<FunctionPointerType>(start.Parameters[^2].Type);
            Assert.Equal(AbiType.VoidPointer, start.Parameters[^1].Type);
            Assert.Equal(operation.Result is PrimitiveType { Primitive: Primitive.Void } ? 2 : 3, callback.Parameters.Count);

            AbiFunction wait = abi.Functions.Single(function => function.Name == operation.Wait);
            Assert.Equal((AbiFunctionOrigin.Helper, AbiHelperRole.OperationWait, true), (wait.Origin, wait.Role, wait.ReturnsStatus));
            Assert.Equal(operation.Result, wait.ReturnType);
            Assert.Equal(AbiHelperRole.OperationCancel, abi.Functions.Single(function => function.Name == operation.Cancel).Role);
            Assert.Equal(AbiHelperRole.HandleFree, abi.Functions.Single(function => function.Name == operation.Free).Role);
            Assert.Equal(operation.Free, abi.Handles.Single(handle => handle.Name == operation.Handle).FreeFunction);
        }
        // The results as the synchronous export would return them.
        Assert.Equal(AbiType.Int32, Operation(abi, "lib_number").Result);
        Assert.Equal(new StringType(Ownership.Owned), Operation(abi, "lib_text").Result);
        Assert.Equal(new PrimitiveType(Primitive.Bool), Operation(abi, "lib_flag").Result);
        Assert.Equal(new StructRef("lib_Pair"), Operation(abi, "lib_pair").Result);
        Assert.Equal(new HandleRef("lib_Box"), Operation(abi, "lib_box").Result);
        // The method's own parameter named "done" keeps its name; the callback takes another.
        Assert.Equal(new[] { "done", "done_", "user_data" }, abi.Functions.Single(f => f.Name == "lib_number").Parameters.Select(p => p.Name));
        Assert.Contains("lib_number_op* LIB_CALL_C lib_number(int32_t done, void (*done_)(void*, int32_t, int32_t), void* user_data);", run.Header);
    }

    [Fact]
    public void A_name_an_operation_function_would_take_is_refused()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", """
            using System.Threading.Tasks;
            using Cdylib;

            public static class Api
            {
                [CExport("lib_job_op_wait")] public static int Wait() => 0;
                [CExport("lib_job")] public static Task Job() => Task.CompletedTask;
            }
            """);
        Assert.Equal("CDY0020", Assert.Single(run.Diagnostics).Id);
        Assert.DoesNotContain("lib_job", run.ExportNames);
    }

    [Theory]
    [InlineData("Task<int> Run(int x) => Task.FromResult(x)", "Task<long> Run(int x) => Task.FromResult((long)x)", "breaking",
        "function lib_run: signature lib_run_op*(int32_t, void (*)(void*, int32_t, int32_t), void*) → lib_run_op*(int32_t, void (*)(void*, int32_t, int64_t), void*)")]
    [InlineData("Task<int> Run(int x) => Task.FromResult(x)", "int Run(int x) => x", "breaking", "function lib_run_op_wait: removed")]
    [InlineData("Task Run(int x) => Task.CompletedTask", "Task Run(int x, CancellationToken cancel) => Task.CompletedTask", "compatible",
        "function lib_run: its operation's cancel now sets the method's CancellationToken (the method decides how it ends)")]
    [InlineData("int Run(int x) => x", "Task<int> Run(int x) => Task.FromResult(x)", "breaking", "function lib_run: signature int32_t(int32_t) → lib_run_op*(int32_t, void (*)(void*, int32_t, int32_t), void*)")]
    public void Diff_classifies_changes_to_async_signatures(string before, string after, string worst, string expected)
    {
        AbiLibrary Version(string method) => GeneratorHarness.Run("lib", $$"""
            using System.Threading;
            using System.Threading.Tasks;
            using Cdylib;

            public static class Api
            {
                [CExport("lib_run")] public static {{method}};
            }
            """).Abi;
        var changes = Cdylib.Abi.Checks.AbiDiff.Compare(Version(before), Version(after));
        Assert.Contains(expected, changes.Select(change => $"{change.Subject}: {change.Description}"));
        Assert.Equal(worst, Cdylib.Abi.Checks.AbiDiff.Worst(changes).ToString().ToLowerInvariant());
    }

    private static AbiOperation Operation(AbiLibrary abi, string name) => abi.Functions.Single(function => function.Name == name).Operation!;
}
