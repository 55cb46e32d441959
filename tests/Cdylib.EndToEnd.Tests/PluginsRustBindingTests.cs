using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The Rust crate of a library taking interfaces its caller implements (examples/plugins): ILogger is
/// a <c>Send + Sync</c> trait, and each function taking a logger takes an <c>Arc&lt;dyn ILogger&gt;</c> (or
/// <c>None</c>). examples/plugins/plugins_bindings.rs implements it, has C# call every member (methods,
/// getter, setter; the default member stays C#'s), keep one past the call and log through it from 8
/// threads, sees its errors (with and without a message) and a panic come back with their codes, calls
/// back in from inside a call, and proves each table released exactly once: every <c>Arc</c>'s strong
/// count returns to 1 after collections, and a logger only C# held is dropped on the finalizer thread.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class PluginsRustBindingTests : IClassFixture<PluginsFixture>
{
    private readonly BuiltLibrary _library;

    public PluginsRustBindingTests(PluginsFixture fixture) => _library = fixture.Library;

    [Fact]
    public void A_rust_implementation_of_the_interface_is_called_and_released_through_the_generated_crate()
    {
        // Warnings are errors, in the crate as in the program.
        Assert.Equal("plugins_bindings.rs: all checks passed\n", BindingConsumers.Rust(_library, "plugins_bindings.rs", denyWarnings: true).Output);
    }

    [Fact]
    public void Every_function_of_the_abi_file_is_called_by_the_rust_consumer()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "plugins_bindings.rs")), "rust");
        Assert.True(uncalled.Count == 0, $"plugins_bindings.rs does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void The_crate_turns_the_interface_into_a_trait_and_keeps_the_table_in_ffi()
    {
        string crate = File.ReadAllText(Path.Combine(_library.Directory, "bindings", "plug", "src", "lib.rs"));
        Assert.Contains("""
            pub trait ILogger: Send + Sync {
                /// Writes one line.
                fn log(&self, line: &str, important: bool) -> Result<(), Error>;
                /// The least level written; lower ones are dropped.
                fn level(&self) -> Result<i32, Error>;
                /// The least level written; lower ones are dropped.
                fn set_level(&self, value: i32) -> Result<(), Error>;
                /// Lines written so far.
                fn count(&self) -> Result<i64, Error>;
            }
            """.Replace("\r", ""), crate);
        Assert.Contains("pub fn plug_keep(logger: impl Into<Option<std::sync::Arc<dyn ILogger>>>) -> Result<(), Error> {", crate);
        Assert.Contains("        pub fn plug_log_lines(logger: *const ffi::ILogger, text: *const c_char, level: i32) -> i32;", crate);
        // The error function is the trampolines' own: a safe wrapper of it would only confuse the next failure.
        Assert.DoesNotContain("\npub fn plug_set_callback_error(", crate);
    }
}
