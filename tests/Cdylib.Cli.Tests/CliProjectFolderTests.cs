using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Model;

namespace Cdylib.Cli.Tests;

/// <summary>
/// Every verb that takes a library also takes the project folder (or its .csproj), as <c>cdylib build</c> does:
/// the newer of target/debug/ and target/release/, or target/release/ with <c>--release</c>; and whatever cannot
/// be found is one line naming what the user gave. The project folders here are laid out as <c>cdylib build</c>
/// lays them out, with libdemo.so (built by gcc) standing for the library.
/// </summary>
public sealed class CliProjectFolderTests
{
    private static readonly string[] InspectVerbs = ["exports", "imports", "deps", "headers"];

    /// <summary>What libdemo.so exports, declared as functions, so that <c>cdylib check</c> finds it exact.</summary>
    private static readonly string[] DemoExports =
    [
        "demo_add", "demo_call_back", "demo_counter", "demo_ifunc", "demo_name", "demo_print", "demo_protected",
        "demo_sqrt", "demo_tls", "demo_versioned", "demo_weak",
    ];

    private static (int ExitCode, string Output, string Error) Run(params string[] args) => InspectCli.Run(args);

    [Fact]
    public void Inspect_verbs_read_the_newer_build_of_a_project_folder_or_the_release_one()
    {
        var project = DemoProject.Create();
        project.MakeNewer("release");
        foreach (string verb in InspectVerbs)
        {
            var (exitCode, output, error) = Run(verb, project.Root);
            Assert.True(exitCode == 0, $"{verb}: {error}");
            Assert.StartsWith($"Dump of file {project.Library("release")}\n", output);
        }

        project.MakeNewer("debug");
        foreach (string verb in InspectVerbs)
        {
            Assert.StartsWith($"Dump of file {project.Library("debug")}\n", Run(verb, project.Root).Output);
            var (exitCode, output, _) = Run(verb, project.Root, "--release");
            Assert.Equal(0, exitCode);
            Assert.StartsWith($"Dump of file {project.Library("release")}\n", output);
        }

        // The .csproj names the same project; a folder and a file can be given together.
        var (both, listing, _) = Run("exports", project.ProjectFile, project.Library("release"));
        Assert.Equal(0, both);
        Assert.Contains($"Dump of file {project.Library("debug")}\n", listing);
        Assert.Contains($"Dump of file {project.Library("release")}\n", listing);
        Assert.Contains("demo_add", listing);
    }

    [Fact]
    public void Check_takes_the_project_folder()
    {
        var project = DemoProject.Create();
        project.MakeNewer("debug");

        var (exitCode, output, error) = Run("check", project.Root);
        Assert.True(exitCode == 0, error);
        Assert.Equal($"ok: {project.Library("debug")} exports the {DemoExports.Length} functions demo.abi.json declares, "
            + "and nothing else but the runtime's DotNetRuntimeDebugHeader\n", output);

        // The release build's ABI file declares one function more than its library exports.
        var (mismatch, report, _) = Run("check", project.Root, "--release");
        Assert.Equal(3, mismatch);
        Assert.StartsWith($"{project.Library("release")} does not match ", report);
        Assert.Contains("  missing     demo_extra   (declared, not exported)", report);
    }

    [Fact]
    public void Diff_takes_project_folders_for_old_and_new()
    {
        var project = DemoProject.Create();
        string debugAbi = Path.Combine(project.Root, "target", "debug", "demo.abi.json");

        project.MakeNewer("release");
        var (exitCode, output, error) = Run("diff", debugAbi, project.Root);
        Assert.True(exitCode == 5, error);
        Assert.Contains("demo_extra", output);
        Assert.EndsWith("implied version bump: minor\nABI version: 1\nverdict: compatible, exit code 5\n", output);

        project.MakeNewer("debug");
        Assert.Equal("no changes: the interfaces are the same\n", Run("diff", debugAbi, project.Root).Output);
        Assert.Equal("no changes: the interfaces are the same\n", Run("diff", project.Root, project.Root, "--release").Output);

        var (json, document, _) = Run("diff", project.Root, project.Library("release"), "--format", "json");
        Assert.Equal(5, json);
        using var parsed = JsonDocument.Parse(document);
        Assert.Equal(project.Library("debug"), parsed.RootElement.GetProperty("old").GetString());
        Assert.Equal("minor", parsed.RootElement.GetProperty("bump").GetString());
    }

    [Fact]
    public void Bindings_take_the_project_folder_and_go_beside_its_library()
    {
        var project = DemoProject.Create();
        project.MakeNewer("release");

        var (exitCode, output, error) = Run("bindings", "--lang", "python", project.Root);
        Assert.True(exitCode == 0, error);
        string module = Path.Combine(project.Root, "target", "release", "demo.py");
        Assert.Equal($"    Wrote {module}\n", output);
        Assert.Contains("_lib.demo_extra", File.ReadAllText(module));

        project.MakeNewer("debug");
        Assert.Equal(0, Run("bindings", "--lang", "c", project.Root, "--release").ExitCode);
        Assert.Contains("demo_extra(", File.ReadAllText(Path.Combine(project.Root, "target", "release", "demo.h")));
    }

    [Fact]
    public void A_missing_library_or_folder_is_named_as_given()
    {
        string folder = TemporaryFolder("missing");
        string missingFolder = Path.Combine(folder, "mylib");
        string missingFile = Path.Combine(folder, "z.so");
        string abi = DemoProject.Create().AbiFile("debug");
        foreach (string[] verb in VerbsTakingALibrary())
        {
            Assert.Equal((2, "", $"cdylib: error: {missingFolder}: no such file or folder\n"), Run([.. verb, missingFolder]));
            Assert.Equal((2, "", $"cdylib: error: {missingFile}: no such file\n"), Run([.. verb, missingFile]));
        }

        // diff names whichever of the two is missing.
        Assert.Equal((2, "", $"cdylib: error: {missingFile}: no such file\n"), Run("diff", abi, missingFile));
        // Relative names stay as they were typed.
        Assert.Equal((2, "", "cdylib: error: no-such-dir/z.so: no such file\n"), Run("check", "no-such-dir/z.so"));

        // JSON stays one document, the file's entry carrying the same message.
        var (exitCode, output, _) = Run("exports", "--format", "json", missingFolder);
        Assert.Equal(2, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal($"{missingFolder}: no such file or folder", json.RootElement.GetProperty("files")[0].GetProperty("error").GetString());
    }

    [Fact]
    public void A_project_not_built_yet_says_how_to_build_it()
    {
        var project = DemoProject.Create(debug: false, release: false);
        string built = DemoProject.Create(release: false).Root;
        foreach (string[] verb in VerbsTakingALibrary())
        {
            Assert.Equal(
                (2, "", $"cdylib: error: {project.Root} has no built library (none in target/debug/ or target/release/): run `cdylib build {project.Root}`\n"),
                Run([.. verb, project.Root]));
            Assert.Equal(
                (2, "", $"cdylib: error: {built} has no release build (no library in {Path.Combine(built, "target", "release")}): run `cdylib build {built} --release`\n"),
                Run([.. verb, built, "--release"]));
        }
    }

    [Fact]
    public void A_folder_without_a_project_is_not_taken_for_one()
    {
        string folder = TemporaryFolder("no-project");
        foreach (string[] verb in VerbsTakingALibrary())
        {
            Assert.Equal(
                (2, "", $"cdylib: error: {folder} has no .csproj file: it is not a project folder (`cdylib new NAME` makes one)\n"),
                Run([.. verb, folder]));
        }
    }

    [Fact]
    public void A_library_without_its_ABI_file_says_what_to_give_instead()
    {
        string folder = TemporaryFolder("no-abi");
        string library = Path.Combine(folder, "libz.so");
        File.Copy(NativeFixtures.Shared.Library, library);

        Assert.Equal((2, "", $"cdylib: error: {library} has no ABI file beside it (z.abi.json); give --abi or --header\n"), Run("check", library));
        Assert.Equal((2, "", $"cdylib: error: {library} has no ABI file beside it (z.abi.json); give the ABI file itself\n"), Run("bindings", "--lang", "python", library));
        string missingAbi = Path.Combine(folder, "z.abi.json");
        Assert.Equal((2, "", $"cdylib: error: {missingAbi}: no such file\n"), Run("check", library, "--abi", missingAbi));
        Assert.Equal((2, "", $"cdylib: error: {Path.Combine(folder, "z.h")}: no such file\n"), Run("check", library, "--header", Path.Combine(folder, "z.h")));

        // diff compares a library without its ABI file by export table, as before.
        Assert.Equal((0, "no changes: the interfaces are the same\n", ""), Run("diff", library, library));

        // Found through the project's name when the folder has no ABI file: exports works, check asks for one.
        File.WriteAllText(Path.Combine(folder, "z.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        string debug = Path.Combine(folder, "target", "debug");
        Directory.CreateDirectory(debug);
        File.Move(library, Path.Combine(debug, "libz.so"));
        Assert.StartsWith($"Dump of file {Path.Combine(debug, "libz.so")}\n", Run("exports", folder).Output);
        Assert.Equal((2, "", $"cdylib: error: {Path.Combine(debug, "libz.so")} has no ABI file beside it (z.abi.json); give --abi or --header\n"), Run("check", folder));
    }

    /// <summary>A new empty folder, deleted with the other fixtures when the test run ends.</summary>
    private static string TemporaryFolder(string name) =>
        Directory.CreateDirectory(NativeFixtures.Shared.PathFor(name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>Each verb that takes one library, with what it needs before the library argument.</summary>
    private static string[][] VerbsTakingALibrary() =>
    [
        .. InspectVerbs.Select(verb => new[] { verb }),
        ["check"],
        ["bindings", "--lang", "python"],
        ["diff", DemoProject.Create().AbiFile("debug")],
    ];

    /// <summary>
    /// A project folder as <c>cdylib build</c> leaves it: demo_project.csproj, and in target/debug/ and
    /// target/release/ libdemo.so with demo.abi.json (the library name is CdylibName, not the project's).
    /// The release ABI file declares one function more.
    /// </summary>
    private sealed class DemoProject
    {
        private DemoProject(string root) => Root = root;

        public string Root { get; }

        public string ProjectFile => Path.Combine(Root, "demo_project.csproj");

        public static DemoProject Create(bool debug = true, bool release = true)
        {
            var project = new DemoProject(NativeFixtures.Shared.PathFor("project-" + Guid.NewGuid().ToString("N")[..8]));
            Directory.CreateDirectory(project.Root);
            File.WriteAllText(project.ProjectFile, "<Project Sdk=\"Microsoft.NET.Sdk\" />");
            if (debug)
            {
                project.Lay("debug", DemoExports);
            }
            if (release)
            {
                project.Lay("release", [.. DemoExports, "demo_extra"]);
            }
            return project;
        }

        public string Library(string profile) => Path.Combine(Root, "target", profile, "libdemo.so");

        public string AbiFile(string profile) => Path.Combine(Root, "target", profile, "demo.abi.json");

        /// <summary>Makes the library of <paramref name="profile"/> the newer of the two.</summary>
        public void MakeNewer(string profile)
        {
            DateTime now = DateTime.UtcNow;
            File.SetLastWriteTimeUtc(Library("debug"), profile == "debug" ? now : now.AddHours(-1));
            File.SetLastWriteTimeUtc(Library("release"), profile == "release" ? now : now.AddHours(-1));
        }

        private void Lay(string profile, string[] functions)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Library(profile))!);
            File.Copy(NativeFixtures.Shared.Library, Library(profile));
            var library = new AbiLibrary("demo", "demo", "demo", EquatableArray<AbiErrorCode>.Empty,
                functions.Select(name => new AbiFunction(name, AbiCallingConvention.C, AbiType.Int32, EquatableArray<AbiParameter>.Empty,
                    AbiFunctionOrigin.Declared, "Api." + name, AbiDoc.None)).ToEquatableArray());
            File.WriteAllText(AbiFile(profile), AbiJson.Write(library));
        }
    }
}
