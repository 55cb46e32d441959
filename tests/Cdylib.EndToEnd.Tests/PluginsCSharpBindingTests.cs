using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The C# binding of a library that takes interfaces its caller implements (examples/plugins, whose build
/// writes plug.Native.cs): the binding declares ILogger, and examples/plugins/plugins_bindings.cs, compiled
/// warning-free against it, implements it in C# and passes it to every export — the Native AOT library's C#
/// code calling the program's C# code through the table, from 8 threads for a kept logger, the
/// implementation's exceptions reaching the library with their codes and messages — and counts every table
/// released exactly once after the library's collections.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class PluginsCSharpBindingTests : IClassFixture<PluginsFixture>
{
    private readonly BuiltLibrary _library;

    public PluginsCSharpBindingTests(PluginsFixture fixture) => _library = fixture.Library;

    [Fact]
    public void A_dotnet_program_implements_the_interface_the_library_takes()
    {
        string output = BindingConsumers.Dotnet(_library, "plugins_bindings.cs").Output;
        Assert.Equal("plugins_bindings.cs: all checks passed (10 implementations released once each)\n", output);
    }

    [Fact]
    public void Every_function_of_the_abi_file_is_called_by_the_csharp_consumer()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "plugins_bindings.cs")), "csharp");
        Assert.True(uncalled.Count == 0, $"plugins_bindings.cs does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void The_interface_has_the_shape_of_the_csharp_one_and_the_table_is_the_bindings_own()
    {
        string binding = File.ReadAllText(Path.Combine(_library.Directory, "bindings", "plug.Native.cs"));
        Assert.Contains("public unsafe interface ILogger", binding);
        Assert.Contains("    void Log(string line, bool important);", binding);
        Assert.Contains("    int Level { get; set; }", binding);
        Assert.Contains("    long Count();", binding);
        // A member with a default body stays the library's.
        Assert.DoesNotContain("Note(", binding);
        // An export takes the object (null where the table may be NULL: the library refuses it where it may not).
        Assert.Contains("public static int PlugLogLines(ILogger? logger, string text, int level)", binding);
        Assert.Contains("public static void PlugKeep(ILogger? logger)", binding);
        // The error function is the trampolines' own: no wrapper for it.
        Assert.DoesNotContain("PlugSetCallbackError(", binding);
        Assert.Contains("public static partial int plug_log_lines(ILogger.NativeTable* logger, byte* text, int level);", binding);
    }
}
