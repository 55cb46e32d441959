using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The Python module of examples/plugins (written by the build, CdylibBindings) lets Python classes implement
/// the library's interfaces: examples/plugins/plugins_bindings.py passes subclasses of plug.ILogger, which the
/// library calls (methods, a property), keeps past the call and calls from 8 threads, whose exceptions reach
/// the caller with their codes and messages, which call back into the library, and which are released once
/// per call that passed them; nothing is left live.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class PluginsPythonBindingTests : IClassFixture<PluginsFixture>
{
    private readonly BuiltLibrary _library;

    public PluginsPythonBindingTests(PluginsFixture fixture) => _library = fixture.Library;

    [Fact]
    public void Every_call_through_a_python_implementation_works()
    {
        Assert.Equal("plugins_bindings.py: all checks passed\n", BindingConsumers.Python(_library, "plugins_bindings.py").Output);
    }

    [Fact]
    public void The_python_consumer_calls_every_function_of_the_abi_file()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "plugins_bindings.py")), "python");
        Assert.True(uncalled.Count == 0, $"plugins_bindings.py does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void An_interface_is_an_abstract_base_class_and_the_callback_error_function_is_not_exposed()
    {
        const string Shape = """
            import inspect, plug
            print(inspect.isabstract(plug.ILogger), sorted(plug.ILogger.__abstractmethods__))
            print(isinstance(plug.ILogger.level, property), hasattr(plug, "plug_set_callback_error"))
            """;
        ProcessResult run = Run.Program("python3", ["-c", Shape], BindingConsumers.PythonEnvironment(_library)).Succeeded();
        Assert.Equal("True ['count', 'level', 'log']\nTrue False\n", run.Output);
    }

    [Fact]
    public void A_python_process_exits_cleanly_while_the_library_keeps_a_logger()
    {
        ProcessResult run = Run.Program("python3", [Path.Combine(_library.ProjectDirectory, "plugins_bindings.py"), "exit"], BindingConsumers.PythonEnvironment(_library));
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("exiting with a logger kept\n", run.Output);
    }
}
