using System;
using System.IO;
using System.Linq;
using System.Text;

namespace Cdylib.ObjectFile.Tests.Infrastructure;

/// <summary>
/// Libraries with thousands of exports, built once per test run with the tools the fixture scripts use
/// (MinGW-w64 gcc for PE, clang and ld64.lld for Mach-O): 3,000 functions and 3,000 data symbols, and in
/// the DLL also a forwarder, an export by ordinal only and an alias.
/// </summary>
internal static class ManyExports
{
    public const int Functions = 3000;

    private static readonly Lazy<string> Directory = new(Build);

    public static string Dll => Path.Combine(Directory.Value, "many.dll");

    public static string Dylib => Path.Combine(Directory.Value, "libmany.dylib");

    /// <summary>The Mach-O object the dylib is linked from: its exports come from the symbol table (no trie).</summary>
    public static string MachOObject => Path.Combine(Directory.Value, "many.o");

    private static string Build()
    {
        string directory = System.IO.Directory.CreateTempSubdirectory("cdylib-many").FullName;
        var source = new StringBuilder();
        for (int i = 0; i < Functions; i++)
        {
            source.Append($"int f{i:D5}(void) {{ return {i}; }}\nint d{i:D5} = {i};\n");
        }

        source.Append("int hidden(void) { return 1; }\n");
        string c = Path.Combine(directory, "many.c");
        File.WriteAllText(c, source.ToString());

        string[] definitions =
        [
            "EXPORTS",
            .. Enumerable.Range(0, Functions).Select(i => $"f{i:D5}"),
            .. Enumerable.Range(0, Functions / 10).Select(i => $"d{i * 10:D5} DATA"),
            "fwd_sleep = KERNEL32.Sleep",
            "hidden @9000 NONAME",
            "alias_f0 = f00000",
        ];
        string def = Path.Combine(directory, "many.def");
        File.WriteAllLines(def, definitions);

        Tool.Run("x86_64-w64-mingw32-gcc", "-shared", "-O0", "-nostdlib", "-Wl,--no-insert-timestamp", "-o", Path.Combine(directory, "many.dll"), c, def);
        Tool.Run("clang-14", "--target=x86_64-apple-macos11", "-O0", "-c", "-o", Path.Combine(directory, "many.o"), c);
        Tool.Run("ld64.lld-19", "-arch", "x86_64", "-platform_version", "macos", "11.0", "11.0", "-dylib",
            "-install_name", "@rpath/libmany.dylib", "-o", Path.Combine(directory, "libmany.dylib"), Path.Combine(directory, "many.o"));
        return directory;
    }
}
