using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Cdylib.ObjectFile.Loading;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// deps --tree on libraries gcc builds here to exercise each ld.so rule — RUNPATH with $ORIGIN, DT_RPATH
/// inherited by dependencies (and DT_RUNPATH not), LD_LIBRARY_PATH with a library of the wrong class
/// before the right one, a missing library, a file that is no ELF object, a symbol removed from a
/// library after the program was linked — each checked against ld.so's own trace (ldd, ldd -r).
/// </summary>
public sealed class DependencyTreeElfTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cdylib-deptree-").FullName;
    private readonly LibraryCache _cache = new();

    public void Dispose()
    {
        _cache.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Runpath_with_origin_finds_each_library_and_imports_bind_to_their_definitions()
    {
        Library("deep/libleaf.so", "int leaf_value(void) { return 7; }");
        Library("lib/libmid.so", "int leaf_value(void); int mid_value(void) { return leaf_value() + 1; }", "-L" + Path.Combine(_folder, "deep"), "-lleaf", "-Wl,--enable-new-dtags,-rpath,$ORIGIN/../deep");
        string app = Program("bin/app", "int mid_value(void); extern int maybe_there(void) __attribute__((weak));\nint main(void) { return mid_value() + (maybe_there ? maybe_there() : 0); }",
            "-L" + Path.Combine(_folder, "lib"), "-lmid", "-Wl,--enable-new-dtags,-rpath,$ORIGIN/../lib");

        var tree = Tree(app);
        AgreesWithLdd(tree, app);
        var mid = tree.Root.Dependencies.Single(d => d.Dependency.Name == "libmid.so");
        Assert.Equal((ResolutionStatus.Found, "RUNPATH", Path.Combine(_folder, "bin") + "/../lib/libmid.so"), (mid.Status, mid.Rule, mid.Path));
        var leaf = mid.Library!.Dependencies.Single(d => d.Dependency.Name == "libleaf.so");
        Assert.Equal((ResolutionStatus.Found, "RUNPATH", Path.Combine(_folder, "bin") + "/../lib/../deep/libleaf.so"), (leaf.Status, leaf.Rule, leaf.Path));
        Assert.Contains(tree.Root.Dependencies, d => d.Dependency.Name == "libc.so.6" && d.Rule == "ld.so.cache");

        var imports = tree.Root.Imports.ToDictionary(i => i.Import.Name);
        Assert.Same(mid.Library, imports["mid_value"].Provider);
        Assert.Equal(ProviderStatus.WeakMissing, imports["maybe_there"].Status);
        Assert.EndsWith("libc.so.6", imports["__libc_start_main"].Provider!.Path, StringComparison.Ordinal);
        Assert.Same(leaf.Library, mid.Library.Imports.Single(i => i.Import.Name == "leaf_value").Provider);
    }

    [Fact]
    public void Rpath_is_inherited_by_dependencies_and_runpath_is_not()
    {
        Library("deep2/libleaf2.so", "int leaf2(void) { return 2; }");
        Library("mid2/libmid2.so", "int leaf2(void); int mid2(void) { return leaf2(); }", "-L" + Path.Combine(_folder, "deep2"), "-lleaf2", "-Wl,--disable-new-dtags");
        string source = "int mid2(void); int main(void) { return mid2(); }";
        string[] link = ["-L" + Path.Combine(_folder, "mid2"), "-lmid2", "-Wl,-rpath-link," + Path.Combine(_folder, "deep2")];
        string withRpath = Program("bin/rpath", source, [.. link, "-Wl,--disable-new-dtags,-rpath," + Path.Combine(_folder, "mid2") + ":" + Path.Combine(_folder, "deep2")]);
        string withRunpath = Program("bin/runpath", source, [.. link, "-Wl,--enable-new-dtags,-rpath," + Path.Combine(_folder, "mid2") + ":" + Path.Combine(_folder, "deep2")]);

        var inherited = Tree(withRpath);
        AgreesWithLdd(inherited, withRpath);
        var leaf = inherited.LoadOrder.SelectMany(l => l.Dependencies).Single(d => d.Dependency.Name == "libleaf2.so");
        Assert.Equal(ResolutionStatus.Found, leaf.Status);
        Assert.Equal($"RPATH of {withRpath} (inherited)", leaf.Rule);

        var notInherited = Tree(withRunpath);
        AgreesWithLdd(notInherited, withRunpath);
        var missing = notInherited.LoadOrder.SelectMany(l => l.Dependencies).Single(d => d.Dependency.Name == "libleaf2.so");
        Assert.Equal(ResolutionStatus.NotFound, missing.Status);
        Assert.Contains(missing.Attempts, a => a.Rule == "default path" && a.Rejection == "no such file");
        Assert.Equal(ProviderStatus.NotProvided, notInherited.LoadOrder.Single(l => l.Path.EndsWith("libmid2.so", StringComparison.Ordinal)).Imports.Single(i => i.Import.Name == "leaf2").Status);
    }

    [Fact]
    public void A_library_of_the_wrong_class_on_LD_LIBRARY_PATH_is_passed_over()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "wrong"));
        File.WriteAllText(Path.Combine(_folder, "alt32.c"), "int alt(void) { return 32; }\n");
        Tool.Run("gcc", "-m32", "-shared", "-fPIC", "-nostdlib", "-o", Path.Combine(_folder, "wrong", "libalt.so"), Path.Combine(_folder, "alt32.c"));
        Library("right/libalt.so", "int alt(void) { return 64; }");
        string app = Program("bin/alt", "int alt(void); int main(void) { return alt(); }", "-L" + Path.Combine(_folder, "right"), "-lalt");
        string[] libraryPath = [Path.Combine(_folder, "wrong"), Path.Combine(_folder, "right")];

        using var tree = DependencyTree.Build(app, _cache.Read(app), new LoaderOptions { LibraryPath = libraryPath, Cache = _cache });
        var expected = LddTrace.Run([app], string.Join(':', libraryPath))[app];
        Assert.Equal(expected.Found.Order(), LddTrace.Of(tree).Found.Order());
        var alt = tree.Root.Dependencies.Single(d => d.Dependency.Name == "libalt.so");
        Assert.Equal((ResolutionStatus.Found, "LD_LIBRARY_PATH", Path.Combine(_folder, "right", "libalt.so")), (alt.Status, alt.Rule, alt.Path));
        Assert.Equal(new SearchAttempt(Path.Combine(_folder, "wrong", "libalt.so"), "LD_LIBRARY_PATH", "wrong ELF class: ELFCLASS32"), alt.Attempts[0]);
    }

    [Fact]
    public void A_symbol_removed_after_linking_is_not_provided_as_ldd_r_reports()
    {
        Library("sym/libsym.so", "int sym_a(void) { return 1; } int sym_b(void) { return 2; }");
        string app = Program("bin/sym", "int sym_a(void); int sym_b(void); int main(void) { return sym_a() + sym_b(); }",
            "-L" + Path.Combine(_folder, "sym"), "-lsym", "-Wl,-rpath," + Path.Combine(_folder, "sym"));
        Library("sym/libsym.so", "int sym_a(void) { return 1; }");

        var tree = Tree(app);
        var notProvided = tree.LoadOrder.SelectMany(l => l.Imports).Where(i => i.Status == ProviderStatus.NotProvided).Select(i => i.Import.Name).ToList();
        Assert.Equal(["sym_b"], notProvided);

        // ldd -r binds every symbol now and names each one that fails.
        var ldd = ProcessRunner.Run("ldd", ["-r", app]);
        var undefined = Regex.Matches(ldd.Output + ldd.Error, @"undefined symbol: (\S+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(notProvided, undefined);
    }

    [Fact]
    public void A_file_that_is_no_ELF_object_stops_the_search_as_ld_so_does()
    {
        Library("bad/libbad.so", "int bad(void) { return 0; }");
        string app = Program("bin/bad", "int bad(void); int main(void) { return bad(); }",
            "-L" + Path.Combine(_folder, "bad"), "-lbad", "-Wl,-rpath," + Path.Combine(_folder, "bad"));
        File.WriteAllText(Path.Combine(_folder, "bad", "libbad.so"), "This is not a library but a text file, longer than the 64 bytes of an ELF header.\n");

        var tree = Tree(app);
        var bad = tree.Root.Dependencies.Single(d => d.Dependency.Name == "libbad.so");
        Assert.Equal(ResolutionStatus.Unloadable, bad.Status);
        Assert.Equal(Path.Combine(_folder, "bad", "libbad.so") + ": invalid ELF header", bad.Problem);
        var ldd = ProcessRunner.Run("ldd", [app]);
        Assert.Contains("libbad.so: invalid ELF header", ldd.Output + ldd.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_or_damaged_library_in_the_tree_gives_a_result_not_an_exception()
    {
        string library = Library("cut/libcut.so", "int cut(void) { return 3; }");
        string app = Program("bin/cut", "int cut(void); int main(void) { return cut(); }",
            "-L" + Path.Combine(_folder, "cut"), "-lcut", "-Wl,-rpath," + Path.Combine(_folder, "cut"));
        byte[] whole = File.ReadAllBytes(library);

        // Cut at several lengths, and with the section and program header offsets pointed past the end.
        foreach (int length in new[] { 64, 200, whole.Length / 3, whole.Length / 2, whole.Length - 1 })
        {
            File.WriteAllBytes(library, whole[..length]);
            using var cache = new LibraryCache();
            using var tree = DependencyTree.Build(app, cache.Read(app), new LoaderOptions { Cache = cache });
            var cut = tree.Root.Dependencies.Single(d => d.Dependency.Name == "libcut.so");
            Assert.True(cut.Status is ResolutionStatus.Found or ResolutionStatus.Unloadable, $"{length} bytes: {cut.Status}");
            Assert.NotNull(tree.Root.Imports.Single(i => i.Import.Name == "cut"));
        }

        byte[] damaged = (byte[])whole.Clone();
        BitConverter.GetBytes(ulong.MaxValue - 7).CopyTo(damaged, 0x20);
        BitConverter.GetBytes(ulong.MaxValue - 7).CopyTo(damaged, 0x28);
        File.WriteAllBytes(library, damaged);
        using var damagedCache = new LibraryCache();
        using var damagedTree = DependencyTree.Build(app, damagedCache.Read(app), new LoaderOptions { Cache = damagedCache });
        Assert.Single(damagedTree.Root.Dependencies, d => d.Dependency.Name == "libcut.so");
    }

    private DependencyTree Tree(string path) => DependencyTree.Build(path, _cache.Read(path), new LoaderOptions { Cache = _cache });

    private static void AgreesWithLdd(DependencyTree tree, string path)
    {
        var expected = LddTrace.Run([path])[path];
        var (found, missing) = LddTrace.Of(tree);
        Assert.Equal(expected.Found.Order(), found.Order());
        Assert.Equal(expected.Missing.Order(), missing.Order());
    }

    private string Library(string relative, string source, params string[] link)
    {
        string output = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        string file = Path.Combine(_folder, Path.GetFileNameWithoutExtension(relative) + "-" + Guid.NewGuid().ToString("N")[..8] + ".c");
        File.WriteAllText(file, source + "\n");
        Tool.Run("gcc", ["-shared", "-fPIC", "-Wall", "-Werror", "-o", output, file, "-Wl,-soname," + Path.GetFileName(relative), .. link]);
        return output;
    }

    private string Program(string relative, string source, params string[] link)
    {
        string output = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        string file = output + ".c";
        File.WriteAllText(file, source + "\n");
        Tool.Run("gcc", ["-Wall", "-Werror", "-o", output, file, .. link]);
        return output;
    }
}
