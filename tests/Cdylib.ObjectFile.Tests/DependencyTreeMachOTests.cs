using System;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Loading;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// deps --tree on the Mach-O fixtures (tests/fixtures/macho, built by make.sh) laid out as an
/// application: bin/app with LC_RPATH @executable_path/../lib, lib/libfixture.dylib with LC_RPATH
/// @loader_path/../lib, lib/libdep.dylib; under an empty root, so /usr/lib/libSystem.B.dylib is missing
/// as it is on any disk since macOS 11. Each slice of the fat files is searched for its own architecture.
/// </summary>
public sealed class DependencyTreeMachOTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cdylib-deptree-macho-").FullName;

    public DependencyTreeMachOTests()
    {
        string fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures", "macho");
        Directory.CreateDirectory(Path.Combine(_folder, "bin"));
        Directory.CreateDirectory(Path.Combine(_folder, "lib"));
        Directory.CreateDirectory(Path.Combine(_folder, "root"));
        File.Copy(Path.Combine(fixtures, "app"), Path.Combine(_folder, "bin", "app"));
        File.Copy(Path.Combine(fixtures, "libfixture.dylib"), Path.Combine(_folder, "lib", "libfixture.dylib"));
        File.Copy(Path.Combine(fixtures, "libdep.dylib"), Path.Combine(_folder, "lib", "libdep.dylib"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    public void Rpath_and_loader_path_find_the_dylibs_and_each_import_binds_to_its_ordinals_library(string architecture)
    {
        string app = Path.Combine(_folder, "bin", "app");
        var options = new LoaderOptions { Root = Path.Combine(_folder, "root") };
        using var tree = DependencyTree.Build(app, BinaryContainer.Open(app).Select(architecture).Read(), options);

        var fixture = tree.Root.Dependencies.Single(d => d.Dependency.Name == "@rpath/libfixture.dylib");
        Assert.Equal((ResolutionStatus.Found, Path.Combine(_folder, "bin") + "/../lib/libfixture.dylib"), (fixture.Status, fixture.Path));
        Assert.Equal("@rpath = @executable_path/../lib (LC_RPATH of app)", fixture.Rule);
        Assert.Equal(tree.Root.File.Summary.Machine, fixture.Library!.File.Summary.Machine);

        var system = tree.Root.Dependencies.Single(d => d.Dependency.Name == "/usr/lib/libSystem.B.dylib");
        Assert.Equal(ResolutionStatus.NotFound, system.Status);
        Assert.Equal(Path.Combine(_folder, "root") + "/usr/lib/libSystem.B.dylib", system.Attempts.Single().Candidate);
        Assert.Contains("dyld shared cache", system.Problem!, StringComparison.Ordinal);

        // libfixture needs libdep too: the app (its weak dylib) loaded it first.
        var dep = fixture.Library.Dependencies.Single(d => d.Dependency.Name == "@rpath/libdep.dylib");
        Assert.Equal(ResolutionStatus.AlreadyLoaded, dep.Status);

        var imports = tree.Root.Imports.ToDictionary(i => i.Import.Name);
        Assert.Same(fixture.Library, imports["_fixture_add"].Provider);
        Assert.Same(dep.Library, imports["_dep_optional"].Provider);
        Assert.All(tree.Root.Imports.Where(i => i.Import.Library == "/usr/lib/libSystem.B.dylib"), i => Assert.Equal(ProviderStatus.LibraryMissing, i.Status));
        Assert.DoesNotContain(tree.Root.Imports, i => i.Status == ProviderStatus.NotProvided);
    }

    [Fact]
    public void A_dylibs_own_rpath_with_loader_path_finds_its_dependency()
    {
        string library = Path.Combine(_folder, "lib", "libfixture.dylib");
        using var tree = DependencyTree.Build(library, BinaryContainer.Open(library).Select("arm64").Read(), new LoaderOptions { Root = Path.Combine(_folder, "root") });
        var dep = tree.Root.Dependencies.Single(d => d.Dependency.Name == "@rpath/libdep.dylib");
        Assert.Equal((ResolutionStatus.Found, Path.Combine(_folder, "lib") + "/../lib/libdep.dylib"), (dep.Status, dep.Path));
        Assert.Equal("@rpath = @loader_path/../lib (LC_RPATH of libfixture.dylib)", dep.Rule);

        // The re-exported /usr/local/lib/libmore.dylib is not under the root: searched there, not found.
        var more = tree.Root.Dependencies.Single(d => d.Dependency.Kind == DependencyKind.Reexport);
        Assert.Equal((ResolutionStatus.NotFound, Path.Combine(_folder, "root") + "/usr/local/lib/libmore.dylib"), (more.Status, more.Attempts.Single().Candidate));
        Assert.Contains(tree.Notes, n => n.Contains("@executable_path cannot be expanded", StringComparison.Ordinal));
    }
}
