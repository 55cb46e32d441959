using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Cdylib.Tests.Shared;

namespace Cdylib.Cli.Tests;

/// <summary>
/// <c>cdylib diff</c> on two builds of a library that is not ours (no ABI file): one gcc- or mingw-built pair
/// per rule — symbol versions, needed libraries, the GLIBC floor, the SONAME, data sizes, the machine, PE
/// ordinals, forwarders and the subsystem version — each change classified and the exit code a CI gate reads.
/// Where a verdict claims a program breaks, the program is built and run to show it.
/// </summary>
public sealed class BinaryDiffRuleTests
{
    private readonly string _folder = Directory.CreateDirectory(NativeFixtures.Shared.PathFor("bindiff-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    private const string FooBar = "int foo(void) { return 1; }\nint bar(void) { return 2; }\n";

    [Fact]
    public void A_new_version_node_and_a_new_default_version_are_compatible_and_a_version_removed_is_breaking()
    {
        string unversioned = Elf("libplain.so", FooBar, "-Wl,-soname,libv.so.1");
        string one = Elf("libone.so", FooBar, Script("one.map", "V1 { global: foo; bar; local: *; };"), "-Wl,-soname,libv.so.1");
        // foo@V1 kept for programs linked against it, foo@@V2 for new links.
        string two = Elf("libtwo.so", "int foo_old(void) { return 1; }\nint foo_new(void) { return 10; }\nint bar(void) { return 2; }\n"
            + "__asm__(\".symver foo_old,foo@V1\");\n__asm__(\".symver foo_new,foo@@V2\");\n",
            Script("two.map", "V1 { global: foo; bar; local: *; };\nV2 { global: foo; } V1;"), "-Wl,-soname,libv.so.1");
        // foo@V1 dropped: only foo@@V2 is left (the node V1 stays, for bar).
        string three = Elf("libthree.so", FooBar, Script("three.map", "V1 { global: bar; local: *; };\nV2 { global: foo; } V1;"), "-Wl,-soname,libv.so.1");
        Assert.Equal(["foo@@V2", "foo@V1"], Versions(two, "foo"));
        Assert.Equal(["foo@@V2"], Versions(three, "foo"));

        Expect(5, new[]
        {
            ("compatible", "export bar", "now versioned (bar@@V1)"),
            ("compatible", "export foo", "now versioned (foo@@V1)"),
            ("compatible", "version V1", "added"),
        }, Diff(unversioned, one));
        Expect(5, new[]
        {
            ("compatible", "export foo", "version V2 added"),
            ("compatible", "export foo", "default version V1 → V2: new links bind to foo@@V2"),
            ("compatible", "version V2", "added"),
        }, Diff(one, two));
        Expect(6, new[] { ("breaking", "export foo", "version V1 removed: programs linked against foo@V1 of libv.so.1 no longer find it") }, Diff(two, three));

        // The verdicts hold for a program linked against libv.so.1 with foo@@V1: it runs with two, not with three.
        File.WriteAllText(Path.Combine(_folder, "main.c"), "int foo(void);\nint main(void) { return foo() == 1 ? 0 : 1; }\n");
        File.Copy(one, Path.Combine(_folder, "libv.so"));
        Tool.Run("gcc", "-Wall", "-Werror", "-o", Path.Combine(_folder, "main"), Path.Combine(_folder, "main.c"), "-L" + _folder, "-lv");
        Assert.Equal(0, RunWith(one).ExitCode);
        Assert.Equal(0, RunWith(two).ExitCode);   // foo@V1 is still there, and still returns 1
        ProcessResult broken = RunWith(three);
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("undefined symbol: foo, version V1", broken.Error);
    }

    [Fact]
    public void A_removed_version_node_is_breaking_and_the_loader_refuses_the_program()
    {
        string one = Elf("libone.so", FooBar, Script("one.map", "V1 { global: foo; bar; local: *; };"), "-Wl,-soname,libw.so.1");
        string renamed = Elf("librenamed.so", FooBar, Script("renamed.map", "V2 { global: foo; bar; local: *; };"), "-Wl,-soname,libw.so.1");
        var (exitCode, changes) = Diff(one, renamed);
        Assert.Equal(6, exitCode);
        Assert.Contains(("breaking", "version V1", "removed: programs that require V1 of libw.so.1 no longer load"), changes);
        Assert.Contains(("breaking", "export foo", "version V1 removed: programs linked against foo@V1 of libw.so.1 no longer find it"), changes);
        Assert.Contains(("compatible", "version V2", "added"), changes);

        File.WriteAllText(Path.Combine(_folder, "main.c"), "int bar(void);\nint main(void) { return bar() == 2 ? 0 : 1; }\n");
        File.Copy(one, Path.Combine(_folder, "libw.so"));
        Tool.Run("gcc", "-Wall", "-Werror", "-o", Path.Combine(_folder, "main"), Path.Combine(_folder, "main.c"), "-L" + _folder, "-lw");
        ProcessResult refused = RunWith(renamed, "libw.so.1");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("version `V1' not found", refused.Error);
    }

    [Fact]
    public void A_new_needed_library_is_compatible_a_raised_glibc_floor_and_a_grown_data_object_are_breaking()
    {
        const string Base = "#include <string.h>\nint table[4];\nvoid clear(void) { memset(table, 0, sizeof table); }\n";
        string before = Elf("libbase.so", Base, "-Wl,-soname,libb.so.1");
        // cos() brings libm; getrandom() is GLIBC_2.25; the table doubles.
        string after = Elf("libmore.so", "#include <math.h>\n#include <sys/random.h>\n" + Base.Replace("[4]", "[8]", StringComparison.Ordinal)
            + "double wave(double x) { return cos(x); }\n"
            + "long noise(void) { long n = 0; return getrandom(&n, sizeof n, 0) == (long)sizeof n ? n : -1; }\n", "-Wl,-soname,libb.so.1", "-lm");

        // The floors and needed libraries, as readelf states them.
        string oldGlibc = HighestGlibc(before), newGlibc = HighestGlibc(after);
        Assert.Equal("2.25", newGlibc);
        string[] added = Needed(after).Except(Needed(before)).ToArray();
        Assert.Equal(["libm.so.6"], added);

        Expect(6, new[]
        {
            ("breaking", "export table", "size 16 → 32 bytes: programs that copied it at link time keep 16"),
            ("breaking", "requires GLIBC", $"{oldGlibc} → {newGlibc}: raised, no longer loads on GLIBC before {newGlibc}"),
            ("compatible", "export noise", "added"),
            ("compatible", "export wave", "added"),
            ("compatible", "needed library libm.so.6", "new: the library now loads only where it is found"),
        }, Diff(before, after));

        // Back: every change the other way round is compatible but the data object, which shrinks.
        Expect(6, new[]
        {
            ("breaking", "export noise", "removed"),
            ("breaking", "export table", "size 32 → 16 bytes: programs that copied it at link time keep 32"),
            ("breaking", "export wave", "removed"),
            ("compatible", "needed library libm.so.6", "no longer needed"),
            ("compatible", "requires GLIBC", $"{newGlibc} → {oldGlibc}: lowered, now loads on GLIBC {oldGlibc} too"),
        }, Diff(after, before));
    }

    [Fact]
    public void A_changed_SONAME_is_breaking_and_a_first_one_compatible()
    {
        string none = Elf("libnone.so", FooBar);
        string first = Elf("libfirst.so", FooBar, "-Wl,-soname,libs.so.1");
        string second = Elf("libsecond.so", FooBar, "-Wl,-soname,libs.so.2");
        Assert.Equal(("SONAME", "libs.so.2"), Readelf.Dynamic(second).Single(entry => entry.Tag == "SONAME"));

        Expect(5, new[] { ("compatible", "SONAME", "none → libs.so.1: programs linked before recorded the file name; new links record libs.so.1") }, Diff(none, first));
        Expect(6, new[] { ("breaking", "SONAME", "libs.so.1 → libs.so.2: programs linked against the old library look for libs.so.1") }, Diff(first, second));
        Expect(6, new[] { ("breaking", "SONAME", "libs.so.1 → none: programs linked against the old library look for libs.so.1") }, Diff(first, none));
    }

    [Fact]
    public void Another_machine_or_class_is_breaking_and_nothing_else_is_compared()
    {
        string x64 = Elf("libx64.so", FooBar, "-Wl,-soname,libx.so.1");
        string arm64 = Path.Combine(_folder, "libarm64.so");
        Tool.Run("aarch64-linux-gnu-gcc", "-shared", "-fPIC", "-Wall", "-Werror", "-o", arm64, Source("arm64.c", FooBar), "-Wl,-soname,libx.so.1");
        Assert.Equal("AArch64", Readelf.Header(arm64)["Machine"]);

        Expect(6, new[] { ("breaking", "file", "ELF64 little-endian x86-64 → ELF64 little-endian aarch64: a process that loaded the old file cannot load this one") }, Diff(x64, arm64));
        string i386 = NativeFixtures.Shared.Library32;
        Assert.Equal("ELF32", Readelf.Header(i386)["Class"]);
        Expect(6, new[] { ("breaking", "file", "ELF64 little-endian x86-64 → ELF32 little-endian x86: a process that loaded the old file cannot load this one") }, Diff(x64, i386));
    }

    [Fact]
    public void PE_ordinals_forwarders_import_DLLs_and_the_subsystem_version()
    {
        const string Source = "int foo(void) { return 1; }\nint secret(void) { return 2; }\n";
        string before = Dll("w1.dll", Source, "LIBRARY w.dll\nEXPORTS\n  foo @1\n  secret @2 NONAME\n  pause = KERNEL32.Sleep\n");
        // bar comes first and takes ordinal 1; secret moves to ordinal 3; pause forwards elsewhere; ws2_32 is new; Windows 10 is required.
        string after = Dll("w2.dll", "#include <winsock2.h>\n" + Source + "int bar(void) { return (int)htons(1); }\n",
            "LIBRARY w.dll\nEXPORTS\n  bar @1\n  foo @2\n  secret @3 NONAME\n  pause = KERNEL32.SleepEx\n",
            "-lws2_32", "-Wl,--major-subsystem-version,10", "-Wl,--minor-subsystem-version,0");

        // What llvm-readobj says changed: ordinals of the named exports, the nameless one, the import DLLs, the subsystem version.
        var oldExports = CoffExports(before);
        var newExports = CoffExports(after);
        Assert.Equal((1u, 2u), (oldExports["foo"], newExports["foo"]));
        int renumbered = newExports.Keys.Count(name => !name.StartsWith('#') && oldExports.TryGetValue(name, out uint was) && was != newExports[name]);
        Assert.Equal([2u], oldExports.Where(export => export.Key.Length == 0 || export.Key.StartsWith('#')).Select(export => export.Value));
        string[] newDlls = CoffImports(after).Except(CoffImports(before), StringComparer.OrdinalIgnoreCase).ToArray();
        Assert.Equal(["WS2_32.dll"], newDlls);
        string oldSubsystem = SubsystemVersion(before), newSubsystem = SubsystemVersion(after);
        Assert.Equal("10.00", newSubsystem);

        Expect(6, new[]
        {
            ("breaking", "export ordinal 2", "removed: importers bind this export by its ordinal"),
            ("breaking", "minimum windows", $"{oldSubsystem} → {newSubsystem}: raised, no longer loads on windows before {newSubsystem}"),
            ("compatible", "export bar", "added"),
            ("compatible", "export ordinal 3", "added"),
            ("compatible", "export pause", "forwarded to KERNEL32.Sleep → KERNEL32.SleepEx: the loader now resolves it through another library"),
            ("compatible", "needed library WS2_32.dll", "new: the library now loads only where it is found"),
            ("cosmetic", "ordinals", $"{renumbered} named exports have another ordinal (foo 1 → 2, …): importers bind a named export by its name"),
        }, Diff(before, after));
    }

    [Fact]
    public void The_JSON_lists_the_same_changes_with_the_verdict_and_exit_code()
    {
        string first = Elf("libfirst.so", FooBar, "-Wl,-soname,libj.so.1");
        string second = Elf("libsecond.so", FooBar + "int baz(void) { return 3; }\n", "-Wl,-soname,libj.so.1");
        var (exitCode, output, error) = InspectCli.Run(["diff", first, second, "--format", "json"]);
        Assert.Equal((5, ""), (exitCode, error));
        using var json = JsonDocument.Parse(output);
        Assert.Equal(("compatible", 5, "minor"), (json.RootElement.GetProperty("verdict").GetString(), json.RootElement.GetProperty("exitCode").GetInt32(),
            json.RootElement.GetProperty("bump").GetString()));
        JsonElement change = Assert.Single(json.RootElement.GetProperty("changes").EnumerateArray());
        Assert.Equal(("compatible", "export baz", "added"), (change.GetProperty("kind").GetString(), change.GetProperty("subject").GetString(), change.GetProperty("description").GetString()));
        Assert.Equal(0, InspectCli.Run(["diff", first, second, "--allow", "compatible"]).ExitCode);
    }

    private static void Expect(int exitCode, (string, string, string)[] changes, (int ExitCode, (string Kind, string Subject, string Description)[] Changes) actual)
    {
        Assert.Equal(changes, actual.Changes);
        Assert.Equal(exitCode, actual.ExitCode);
    }

    /// <summary>The exit code and the changes of <c>cdylib diff OLD NEW --format json</c>, in the order the text lists them.</summary>
    internal static (int ExitCode, (string Kind, string Subject, string Description)[] Changes) Diff(string old, string now)
    {
        var (exitCode, output, error) = InspectCli.Run(["diff", old, now, "--format", "json"]);
        Assert.True(error.Length == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(exitCode, json.RootElement.GetProperty("exitCode").GetInt32());
        var changes = json.RootElement.GetProperty("changes").EnumerateArray()
            .Select(change => (change.GetProperty("kind").GetString()!, change.GetProperty("subject").GetString()!, change.GetProperty("description").GetString()!))
            .ToArray();
        return (exitCode, changes);
    }

    private string Source(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Script(string name, string text) => "-Wl,--version-script=" + Source(name, text);

    private string Elf(string name, string source, params string[] flags)
    {
        string library = Path.Combine(_folder, name);
        Tool.Run("gcc", ["-shared", "-fPIC", "-Wall", "-Werror", "-o", library, Source(Path.ChangeExtension(name, ".c"), source), .. flags]);
        return library;
    }

    private string Dll(string name, string source, string definitions, params string[] flags)
    {
        string library = Path.Combine(_folder, name);
        Tool.Run("x86_64-w64-mingw32-gcc", ["-shared", "-Wall", "-Werror", "-o", library, Source(Path.ChangeExtension(name, ".c"), source),
            Source(Path.ChangeExtension(name, ".def"), definitions), .. flags]);
        return library;
    }

    // main, linked against libNAME.so, run with LIBRARY in its place under the name the loader looks for.
    private ProcessResult RunWith(string library, string soname = "libv.so.1")
    {
        string run = Directory.CreateDirectory(Path.Combine(_folder, "run-" + Path.GetFileNameWithoutExtension(library))).FullName;
        File.Copy(library, Path.Combine(run, soname), overwrite: true);
        return ProcessRunner.Run(Path.Combine(_folder, "main"), [], environment: new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = run });
    }

    private static string[] Versions(string library, string name) =>
        Readelf.DynamicSymbols(library).Where(symbol => !symbol.IsUndefined && symbol.Name == name)
            .Select(symbol => name + (symbol.IsDefaultVersion ? "@@" : "@") + symbol.Version).Order(StringComparer.Ordinal).ToArray();

    internal static string[] Needed(string library) =>
        Readelf.Dynamic(library).Where(entry => entry.Tag == "NEEDED").Select(entry => entry.Value).ToArray();

    /// <summary>The highest GLIBC_ version <c>readelf -V</c> lists under the version needs.</summary>
    internal static string HighestGlibc(string library) =>
        Readelf.VersionNeeds(library).Select(need => need.Name).Where(name => name.StartsWith("GLIBC_", StringComparison.Ordinal) && char.IsAsciiDigit(name[6]))
            .Select(name => name[6..]).MaxBy(version => Version.Parse(version.Contains('.', StringComparison.Ordinal) ? version : version + ".0"))!;

    /// <summary><c>llvm-readobj --coff-exports</c>: name → ordinal ("#N" for an export without a name).</summary>
    internal static Dictionary<string, uint> CoffExports(string dll)
    {
        var exports = new Dictionary<string, uint>(StringComparer.Ordinal);
        uint? ordinal = null;
        foreach (string line in Tool.Run("llvm-readobj", "--coff-exports", dll).Split('\n').Select(line => line.Trim()))
        {
            if (line.StartsWith("Ordinal: ", StringComparison.Ordinal))
            {
                ordinal = uint.Parse(line["Ordinal: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Name:", StringComparison.Ordinal) && ordinal is uint number)
            {
                string name = line["Name:".Length..].Trim();
                exports[name.Length == 0 ? "#" + number : name] = number;
                ordinal = null;
            }
        }
        return exports;
    }

    /// <summary><c>llvm-readobj --coff-imports</c>: the DLLs imported from, delay-loaded ones included.</summary>
    internal static string[] CoffImports(string dll) =>
        Tool.Run("llvm-readobj", "--coff-imports", dll).Split('\n').Select(line => line.Trim())
            .Where(line => line.StartsWith("Name: ", StringComparison.Ordinal) && line.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(line => line["Name: ".Length..]).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary><c>llvm-readobj --file-headers</c>: MajorSubsystemVersion.MinorSubsystemVersion as dumpbin writes it ("6.00").</summary>
    internal static string SubsystemVersion(string image)
    {
        var fields = Tool.Run("llvm-readobj", "--file-headers", image).Split('\n').Select(line => line.Trim().Split(": ", 2))
            .Where(parts => parts.Length == 2).GroupBy(parts => parts[0]).ToDictionary(group => group.Key, group => group.First()[1]);
        return $"{fields["MajorSubsystemVersion"]}.{int.Parse(fields["MinorSubsystemVersion"], System.Globalization.CultureInfo.InvariantCulture):00}";
    }
}
