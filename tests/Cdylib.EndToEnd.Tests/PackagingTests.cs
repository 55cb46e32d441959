using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The packages as a new user gets them: <c>dotnet pack Cdylib.slnx -o feed</c> packs all four into a
/// feed (scripts/pack.sh, which does the same with a version suffix, is run by
/// <see cref="ReadmePackagesTests"/>); in a folder outside the repository, with its own NuGet cache and template store, the user installs
/// the tool and the template from that feed, creates a library with <c>dotnet new cdylib</c>, builds
/// it with the installed <c>cdylib</c> and calls it from C.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class PackagingTests : IClassFixture<PackagingTests.InstalledPackages>
{
    private readonly InstalledPackages _packages;

    public PackagingTests(InstalledPackages packages) => _packages = packages;

    [Fact]
    public void The_feed_holds_the_four_packages_and_symbols_for_the_libraries()
    {
        string v = InstalledPackages.Version;
        Assert.Equal(
            new[]
            {
                $"Cdylib.{v}.nupkg", $"Cdylib.{v}.snupkg", $"Cdylib.ObjectFile.{v}.nupkg", $"Cdylib.ObjectFile.{v}.snupkg",
                $"Cdylib.Templates.{v}.nupkg", $"Cdylib.Tool.{v}.nupkg",
            },
            Directory.EnumerateFiles(_packages.Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        Assert.Contains("lib/net8.0/Cdylib.pdb", Entries(_packages.Package("Cdylib", ".snupkg")));
        Assert.Contains("lib/net8.0/Cdylib.ObjectFile.pdb", Entries(_packages.Package("Cdylib.ObjectFile", ".snupkg")));
    }

    [Theory]
    [InlineData("Cdylib", null)]
    [InlineData("Cdylib.ObjectFile", null)]
    [InlineData("Cdylib.Tool", "DotnetTool")]
    [InlineData("Cdylib.Templates", "Template")]
    public void Every_package_has_complete_metadata(string id, string? packageType)
    {
        string package = _packages.Package(id);
        XElement metadata = Nuspec(package);
        string Text(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value.Trim() ?? "";
        XElement Element(string name) => metadata.Elements().Single(e => e.Name.LocalName == name);

        Assert.Equal(id, Text("id"));
        Assert.Equal(InstalledPackages.Version, Text("version"));
        Assert.NotEqual("", Text("authors"));
        Assert.True(Text("description").Length > 40, $"{id}: the description is missing or too short");
        Assert.Equal("expression", Element("license").Attribute("type")?.Value);
        Assert.Equal("MIT", Text("license"));
        Assert.Equal("git", Element("repository").Attribute("type")?.Value);
        Assert.StartsWith("https://", Element("repository").Attribute("url")?.Value);
        Assert.StartsWith("https://", Text("projectUrl"));
        Assert.Contains("cdylib", Text("tags").Split(' '));
        Assert.True(Text("tags").Split(' ').Length >= 4, $"{id}: too few tags");

        // The readme the nuspec names is in the package, and it is a readme.
        Assert.Equal("README.md", Text("readme"));
        string readme = Read(package, "README.md");
        Assert.StartsWith("# ", readme);
        Assert.True(readme.Length > 300, $"{id}: the readme is too short");

        string[] types = metadata.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => e.Attribute("name")!.Value).ToArray();
        Assert.Equal(packageType is null ? Array.Empty<string>() : new[] { packageType }, types);
    }

    [Fact]
    public void The_Cdylib_package_is_one_reference_and_the_tool_carries_it()
    {
        // Runtime, generator, build task and MSBuild logic in one package, with no dependencies.
        string cdylib = _packages.Package("Cdylib");
        IReadOnlyList<string> entries = Entries(cdylib);
        foreach (string expected in new[]
                 {
                     "lib/net8.0/Cdylib.dll", "lib/net8.0/Cdylib.xml", "analyzers/dotnet/cs/Cdylib.Generator.dll", "analyzers/dotnet/cs/Cdylib.Abi.dll",
                     "tasks/netstandard2.0/Cdylib.Build.dll", "tasks/netstandard2.0/Cdylib.Abi.dll", "build/Cdylib.props", "build/Cdylib.targets",
                     "build/Cdylib.LazyLibm.targets", "build/Cdylib.LazyLibm.c",
                 })
        {
            Assert.Contains(expected, entries);
        }
        Assert.DoesNotContain(Nuspec(cdylib).Descendants(), e => e.Name.LocalName == "dependency");
        Assert.Contains("lib/net8.0/Cdylib.ObjectFile.dll", Entries(_packages.Package("Cdylib.ObjectFile")));

        // The tool: the `cdylib` command, and beside it the very Cdylib package of the feed.
        string tool = _packages.Package("Cdylib.Tool");
        Assert.Contains("<Command Name=\"cdylib\" EntryPoint=\"cdylib.dll\"", Read(tool, "tools/net10.0/any/DotnetToolSettings.xml"));
        using (ZipArchive archive = ZipFile.OpenRead(tool))
        using (var carried = new MemoryStream())
        {
            archive.GetEntry($"tools/net10.0/any/packages/Cdylib.{InstalledPackages.Version}.nupkg")!.Open().CopyTo(carried);
            Assert.Equal(File.ReadAllBytes(cdylib), carried.ToArray());
        }

        // The template: `dotnet new cdylib`, its project naming the Cdylib package of the same version.
        string templates = _packages.Package("Cdylib.Templates");
        Assert.Contains("\"shortName\": \"cdylib\"", Read(templates, "content/cdylib/.template.config/template.json"));
        Assert.Contains($"<PackageReference Include=\"Cdylib\" Version=\"{InstalledPackages.Version}\" />", Read(templates, "content/cdylib/Cdylib.1.csproj"));
    }

    [Fact]
    public void A_dotnet_new_project_built_by_the_installed_tool_is_a_library_C_can_call()
    {
        string workspace = _packages.Workspace;
        ProcessResult build = _packages.NewLibrary.Value;
        Assert.Contains("Finished `debug` profile", build.Output);
        Assert.True(File.Exists(Path.Combine(_packages.PackageCache, "cdylib", InstalledPackages.Version, $"cdylib.{InstalledPackages.Version}.nupkg")),
            "the Cdylib package was not restored from the feed into the isolated cache");

        string library = Path.Combine(workspace, "mylib", "target", "debug");
        string source = Path.Combine(workspace, "main.c");
        File.WriteAllText(source, """
            #include <stdio.h>
            #include <string.h>
            #include "mylib.h"
            int main(void) {
                int32_t sum = mylib_add(40, 2);
                mylib_clear_last_error();
                int32_t overflow = mylib_add(INT32_MAX, 1);
                int32_t code = mylib_last_error_code();
                printf("%d %d %d %s\n", sum, overflow, code == MYLIB_ERROR_OVERFLOW, strstr(mylib_last_error_message(), "OverflowException") ? "OverflowException" : "?");
                return sum == 42 && overflow == 0 && code == MYLIB_ERROR_OVERFLOW ? 0 : 1;
            }
            """);
        string program = Run.Consumer("gcc", "c99", source, library, "mylib", Path.Combine(workspace, "main"));
        Assert.Equal("42 0 1 OverflowException\n", Run.Program(program, Array.Empty<string>()).Succeeded().Output);

        // The installed tool reads what it built.
        Assert.Contains("mylib_add", _packages.InstalledCdylib("exports", Path.Combine(library, "libmylib.so")).Succeeded().Output);
    }

    /// <summary>
    /// The new user: the library made by `dotnet new cdylib` and built by the installed tool is
    /// consumed from C through CMake's find_package and through pkg-config, from Python, Rust and .NET
    /// through the bindings the installed tool writes; in each, an overflow raised in C# surfaces as
    /// that language's own error.
    /// </summary>
    [Fact]
    public void A_new_user_consumes_the_library_from_every_language()
    {
        _packages.NewLibrary.Value.Succeeded();
        string workspace = _packages.Workspace;
        string library = Path.Combine(workspace, "mylib", "target", "debug");
        var environment = new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = library };

        // C through CMake: find_package(mylib CONFIG) gives the imported target mylib::mylib.
        string cmake = Path.Combine(workspace, "consumer-cmake");
        Directory.CreateDirectory(cmake);
        File.WriteAllText(Path.Combine(cmake, "main.c"), CProgram);
        File.WriteAllText(Path.Combine(cmake, "CMakeLists.txt"), """
            cmake_minimum_required(VERSION 3.16)
            project(consumer C)
            find_package(mylib 1 CONFIG REQUIRED)
            add_executable(consumer main.c)
            target_compile_options(consumer PRIVATE -Wall -Wextra -Werror)
            target_link_libraries(consumer PRIVATE mylib::mylib)
            """);
        string build = Path.Combine(cmake, "build");
        Run.Program("cmake", ["-S", cmake, "-B", build, "-DCMAKE_PREFIX_PATH=" + library]).Succeeded();
        Run.Program("cmake", ["--build", build]).Succeeded();
        Assert.Equal("42 overflow 1\n", Run.Program(Path.Combine(build, "consumer"), []).Succeeded().Output);

        // C through pkg-config.
        var pkgConfig = new Dictionary<string, string> { ["PKG_CONFIG_PATH"] = library };
        string[] flags = Run.Program("pkg-config", ["--cflags", "--libs", "mylib"], pkgConfig).Succeeded().Output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string source = Path.Combine(workspace, "consumer-pkg-config.c");
        File.WriteAllText(source, CProgram);
        string program = Path.Combine(workspace, "consumer-pkg-config");
        Run.Program("gcc", ["-std=c99", "-Wall", "-Wextra", "-Werror", source, "-o", program, .. flags]).Succeeded();
        Assert.Equal("42 overflow 1\n", Run.Program(program, []).Succeeded().Output);

        // Python, through the module the installed tool writes.
        string python = Path.Combine(workspace, "consumer-python");
        _packages.InstalledCdylib("bindings", "--lang", "python", Path.Combine(library, "libmylib.so"), "--output", python).Succeeded();
        File.Copy(Path.Combine(library, "libmylib.so"), Path.Combine(python, "libmylib.so"), overwrite: true);
        File.WriteAllText(Path.Combine(python, "main.py"), """
            import mylib
            print(mylib.mylib_add(40, 2))
            try:
                mylib.mylib_add(2**31 - 1, 1)
            except mylib.Error as error:
                print("overflow", error.code == mylib.ErrorCode.OVERFLOW)
            """);
        Assert.Equal("42\noverflow True\n", Run.Program("python3", [Path.Combine(python, "main.py")], new Dictionary<string, string> { ["PYTHONPATH"] = python }).Succeeded().Output);

        // Rust, through the crate the installed tool writes, built offline.
        string rust = Path.Combine(workspace, "consumer-rust");
        _packages.InstalledCdylib("bindings", "--lang", "rust", Path.Combine(library, "libmylib.so"), "--output", rust).Succeeded();
        string rustOutput = Run.RustConsumer(rust, "mylib", "MYLIB_LIB_DIR", library, """
            fn main() {
                println!("{}", mylib::mylib_add(40, 2).expect("a sum"));
                let error = mylib::mylib_add(i32::MAX, 1).unwrap_err();
                println!("overflow {}", error.code == mylib::error_codes::OVERFLOW);
            }
            """).Output;
        Assert.Equal("42\noverflow true\n", rustOutput);

        // .NET, through the [LibraryImport] binding the installed tool writes.
        string dotnet = Path.Combine(workspace, "consumer-dotnet");
        _packages.InstalledCdylib("bindings", "--lang", "csharp", Path.Combine(library, "libmylib.so"), "--output", dotnet).Succeeded();
        File.Copy(Path.Combine(library, "libmylib.so"), Path.Combine(dotnet, "libmylib.so"), overwrite: true);
        File.WriteAllText(Path.Combine(dotnet, "consumer.csproj"), Run.DotnetConsumerProject("libmylib.so"));
        File.WriteAllText(Path.Combine(dotnet, "Program.cs"), """
            using System;
            using Mylib.Native;

            Console.WriteLine(MylibLibrary.MylibAdd(40, 2));
            try
            {
                MylibLibrary.MylibAdd(int.MaxValue, 1);
            }
            catch (MylibException error)
            {
                Console.WriteLine($"overflow {error.Code == MylibErrorCodes.Overflow}");
            }
            """);
        Assert.Equal("42\noverflow True\n", Run.Program("dotnet", ["run", "--project", dotnet], environment).Succeeded().Output);
    }

    /// <summary>The C consumer of the template's library: a sum, then an overflow recorded as MYLIB_ERROR_OVERFLOW.</summary>
    private const string CProgram = """
        #include <stdint.h>
        #include <stdio.h>
        #include "mylib.h"
        int main(void) {
            int32_t sum = mylib_add(40, 2);
            mylib_clear_last_error();
            (void)mylib_add(INT32_MAX, 1);
            printf("%d overflow %d\n", sum, mylib_last_error_code() == MYLIB_ERROR_OVERFLOW);
            return 0;
        }
        """;

    [Theory]
    [InlineData("mylib2")]
    [InlineData("Hello.World-2")]
    public void Cdylib_new_by_the_installed_tool_writes_the_template_s_files_and_a_nuget_config(string name)
    {
        string fromTool = Path.Combine(_packages.Workspace, "by-tool", name);
        string fromTemplate = Path.Combine(_packages.Workspace, "by-template", name);
        _packages.InstalledCdylib("new", name, "--path", fromTool).Succeeded();
        _packages.DotnetNew("cdylib", "-n", name, "-o", fromTemplate).Succeeded();

        Dictionary<string, string> tool = FilesIn(fromTool);
        Dictionary<string, string> template = FilesIn(fromTemplate);
        Assert.Equal(new[] { ".gitignore", "Lib.cs", $"{name}.csproj", Path.Combine(".github", "workflows", "release.yml") }.Order(StringComparer.Ordinal), template.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(template.Keys.Append("nuget.config").Order(StringComparer.Ordinal), tool.Keys.Order(StringComparer.Ordinal));
        foreach ((string file, string content) in template)
        {
            Assert.True(content == tool[file], $"{file} differs:\n--- dotnet new cdylib\n{content}\n--- cdylib new\n{tool[file]}");
        }

        // The one extra file points at the Cdylib package the installed tool carries.
        string packages = XDocument.Parse(tool["nuget.config"]).Descendants("add").Single().Attribute("value")!.Value;
        Assert.StartsWith(Path.Combine(_packages.Workspace, "tools", ".store"), packages);
        Assert.True(File.Exists(Path.Combine(packages, $"Cdylib.{InstalledPackages.Version}.nupkg")));

        string prefix = name.Replace('.', '_').Replace('-', '_');
        Assert.Contains($"[CExport(\"{prefix}_add\")]", template["Lib.cs"]);
        Assert.Contains($"namespace {name.Replace('-', '_')};", template["Lib.cs"]);
    }

    private static Dictionary<string, string> FilesIn(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(folder, path), File.ReadAllText);

    private static IReadOnlyList<string> Entries(string package)
    {
        using ZipArchive archive = ZipFile.OpenRead(package);
        return archive.Entries.Select(entry => entry.FullName).ToList();
    }

    private static string Read(string package, string entry)
    {
        using ZipArchive archive = ZipFile.OpenRead(package);
        ZipArchiveEntry found = archive.GetEntry(entry) ?? throw new Xunit.Sdk.XunitException($"{Path.GetFileName(package)} has no {entry}");
        using var reader = new StreamReader(found.Open());
        return reader.ReadToEnd();
    }

    private static XElement Nuspec(string package)
    {
        using ZipArchive archive = ZipFile.OpenRead(package);
        ZipArchiveEntry nuspec = archive.Entries.Single(entry => !entry.FullName.Contains('/') && entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream stream = nuspec.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    /// <summary>
    /// Packs once with <c>dotnet pack -o feed</c> (the configuration and version of this test build, so
    /// nothing is rebuilt) into a feed in a workspace outside the repository, then installs the tool
    /// into <c>tools/</c> and the template into the workspace's own template store, with a NuGet
    /// cache of the workspace's own (the machine's cache only as a read-only fallback, so the Native
    /// AOT compiler is not downloaded again).
    /// </summary>
    public sealed class InstalledPackages
    {
        /// <summary>What a plain local build is: <c>VersionPrefix</c> of Directory.Build.props, no suffix.</summary>
        public const string Version = "0.1.0";

        private static readonly string Configuration =
            typeof(InstalledPackages).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

        private readonly Dictionary<string, string> _environment;

        public InstalledPackages()
        {
            Workspace = Run.TemporaryDirectory("packaging");
            Feed = Path.Combine(Workspace, "feed");
            PackageCache = Path.Combine(Workspace, "nuget-packages");
            // `dotnet pack -o DIR` as a user types it: a folder relative to where they stand, no trailing
            // slash. The environment is the machine's: the repository's own restore is left as it was.
            ProcessRunner.Run("dotnet", ["pack", Path.Combine(Repo.Root, "Cdylib.slnx"), "--configuration", Configuration, "-o", "feed", "--nologo"], Workspace)
                .Succeeded();

            // The user's NuGet.Config: the feed the packages were published to, the machine cache as fallback.
            UserHome.WriteLocalFeedConfig(Workspace, "cdylib-feed", Feed);
            _environment = new Dictionary<string, string>
            {
                ["NUGET_PACKAGES"] = PackageCache,
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            };

            Dotnet("tool", "install", "--tool-path", Path.Combine(Workspace, "tools"), "--add-source", Feed, "Cdylib.Tool", "--version", Version).Succeeded();
            DotnetNew("install", Package("Cdylib.Templates")).Succeeded();
            NewLibrary = new Lazy<ProcessResult>(() =>
            {
                DotnetNew("cdylib", "-n", "mylib").Succeeded();
                return InstalledCdylib("build", "mylib");
            });
        }

        /// <summary>`dotnet new cdylib -n mylib` built by the installed tool into mylib/target/debug/, once for the class.</summary>
        internal Lazy<ProcessResult> NewLibrary { get; }

        public string Workspace { get; }

        public string Feed { get; }

        public string PackageCache { get; }

        public string Package(string id, string extension = ".nupkg") => Path.Combine(Feed, $"{id}.{Version}{extension}");

        /// <summary><c>dotnet new</c> in the workspace, against the workspace's own template store (the user's is never touched).</summary>
        internal ProcessResult DotnetNew(params string[] arguments) =>
            Dotnet(new[] { "new" }.Concat(arguments).Concat(new[] { "--debug:custom-hive", Path.Combine(Workspace, "template-store") }).ToArray());

        /// <summary>The <c>cdylib</c> command installed from the feed, started in the workspace.</summary>
        internal ProcessResult InstalledCdylib(params string[] arguments) =>
            ProcessRunner.Run(Path.Combine(Workspace, "tools", "cdylib"), arguments, Workspace, _environment);

        private ProcessResult Dotnet(params string[] arguments) => ProcessRunner.Run("dotnet", arguments, Workspace, _environment);
    }
}
