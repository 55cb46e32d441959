using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>Builds examples/plugins once: a [CExport] interface its caller implements (ILogger).</summary>
public sealed class PluginsFixture() : ExampleFixture("plugins", "plug");

/// <summary>
/// Interfaces implemented by the caller, from C (examples/plugins/plugins.c, -Wall -Wextra -Werror
/// -pedantic): C# calls the C functions of the table (methods, a getter and a setter; a default member
/// stays C#'s), keeps one past the call and calls it from 8 threads, sees the caller's failures with its
/// code and message, an implementation calls back in, NULL and a missing function are refused, and
/// every table is released exactly once. Also the header's table and the bindings' refusal.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class PluginsTests : IClassFixture<PluginsFixture>
{
    private readonly BuiltLibrary _library;

    public PluginsTests(PluginsFixture fixture) => _library = fixture.Library;

    [Fact]
    public void The_header_declares_the_table_and_the_error_function()
    {
        string header = File.ReadAllText(_library.HeaderPath);
        Assert.Contains("""
            typedef struct plug_ILogger {
                void* user_data; /* Passed as it is to every function below. */
                int32_t (*log)(void*, const char*, bool); /* Writes one line. */
                int32_t (*get_level)(void*, int32_t*); /* The least level written; lower ones are dropped. */
                int32_t (*set_level)(void*, int32_t); /* The least level written; lower ones are dropped. */
                int32_t (*count)(void*, int64_t*); /* Lines written so far. */
            """.Replace("\r", ""), header);
        Assert.Contains("PLUG_API int32_t PLUG_CALL_C plug_log_lines(const plug_ILogger* logger, const char* text, int32_t level);", header);
        Assert.Contains("PLUG_API void PLUG_CALL_C plug_set_callback_error(int32_t code, const char* message);", header);
    }

    [Theory]
    [InlineData("gcc")]
    [InlineData("clang")]
    public void Every_call_through_a_C_implementation_works(string compiler)
    {
        string program = Run.Consumer(compiler, "c11", Path.Combine(Repo.Examples, "plugins", "plugins.c"), _library.Directory, _library.Name,
            Path.Combine(Run.TemporaryDirectory("plugins-" + compiler), "plugins"));
        ProcessResult run = Run.Program(program, []);
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("every interface call: ok\n", run.Output);
    }

    [Theory]
    [InlineData("go")]
    [InlineData("java")]
    public void A_binding_that_does_not_implement_interfaces_refuses_the_library_with_exit_code_8(string language) =>
        BindingRefusals.AssertRefused(_library, language, "cannot implement the interfaces the library takes from its caller yet (plug_ILogger");
}
