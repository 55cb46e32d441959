using System;
using System.Collections.Generic;
using System.IO;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests.Infrastructure;

/// <summary>
/// koffi, which the generated Node packages require, installed once per test run with npm into a folder
/// the tests own (nothing global), and the runs of Node programs against a build's generated package.
/// </summary>
internal static class NodePackages
{
    private static readonly Lazy<string> Installed = new(Install);

    /// <summary>The <c>node_modules</c> folder that holds koffi.</summary>
    public static string NodeModules => Installed.Value;

    private static string Install()
    {
        string folder = Run.TemporaryDirectory("node-koffi");
        File.WriteAllText(Path.Combine(folder, "package.json"), "{ \"private\": true }\n");
        Run.Program("npm", new[] { "install", "--no-audit", "--no-fund", "--prefix", folder, "koffi@^3.1.0" }).Succeeded();
        return Path.Combine(folder, "node_modules");
    }

    /// <summary>
    /// Runs <paramref name="script"/> (in the example's folder) with the package the build wrote into
    /// target/debug/bindings/node/ on NODE_PATH beside koffi: the package finds the library itself, with
    /// NAME_LIBRARY and LD_LIBRARY_PATH empty.
    /// </summary>
    public static ProcessResult Consumer(BuiltLibrary library, string script) =>
        Run.Program("node", new[] { Path.Combine(library.ProjectDirectory, script) }, Environment(Path.Combine(library.Directory, "bindings", "node"), library.Abi.MacroPrefix)).Succeeded();

    /// <summary>A Node run that resolves packages from <paramref name="folder"/> and koffi's folder, with PREFIX_LIBRARY and LD_LIBRARY_PATH empty.</summary>
    public static Dictionary<string, string> Environment(string folder, string macroPrefix) => new()
    {
        ["NODE_PATH"] = folder + Path.PathSeparator + NodeModules,
        [macroPrefix + "_LIBRARY"] = "",
        ["LD_LIBRARY_PATH"] = "",
    };
}
