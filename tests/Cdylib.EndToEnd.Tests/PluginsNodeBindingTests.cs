using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The Node package of examples/plugins (written by the build, CdylibBindings) lends JavaScript objects
/// as ILogger tables: examples/plugins/plugins_bindings.js checks every member with a plain object and a
/// class instance, a logger kept and called from 8 of the library's threads through plug_log_kept.async
/// (the call on a worker thread, the main thread free to run the logger), the logger's failures with
/// their codes and messages, a logger that calls back in, refused objects, one release per lent object,
/// and no handle and no allocation left.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class PluginsNodeBindingTests : IClassFixture<PluginsFixture>
{
    private readonly BuiltLibrary _library;

    public PluginsNodeBindingTests(PluginsFixture fixture) => _library = fixture.Library;

    [Fact]
    public void Javascript_objects_implement_the_interface_through_the_node_package()
    {
        Assert.Equal("plugins_bindings.js: all checks passed\n", NodePackages.Consumer(_library, "plugins_bindings.js").Output);
    }

    [Fact]
    public void The_node_consumer_calls_every_function_of_the_abi_file()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "plugins_bindings.js")), "node");
        Assert.True(uncalled.Count == 0, $"plugins_bindings.js does not call {string.Join(", ", uncalled)}");
    }
}
