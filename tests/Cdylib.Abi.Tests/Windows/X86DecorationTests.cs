using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Emitters.Windows;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Tests.Windows;

/// <summary>
/// The decorated x86 names in our import library and .def are the ones C compilers reference: an
/// object that takes the address of every function declared by our header, compiled for 32-bit
/// Windows by mingw-w64 gcc and by clang as MSVC (what cl.exe would decorate), needs exactly the
/// symbols our import library defines — <c>_name</c> for cdecl, <c>_name@N</c> for stdcall and
/// "system", N counted by the compiler, never typed in the test.
/// </summary>
public sealed class X86DecorationTests
{
    [Fact]
    public void Compilers_reference_the_symbols_our_import_library_defines()
    {
        string directory = WindowsTools.WorkDirectory("x86-decoration");
        var compilers = new[]
        {
            ("mingw-gcc", WindowsTools.Find("i686-w64-mingw32-gcc"), Array.Empty<string>(), WindowsTools.Find("i686-w64-mingw32-nm")),
            ("clang-msvc", WindowsTools.Find("clang"), new[] { "--target=i686-pc-windows-msvc", "-ffreestanding" }, WindowsTools.Newest("llvm-nm")),
        };
        foreach (AbiLibrary library in new[] { WindowsModels.Library }.Concat(WindowsModels.Golden()))
        {
            File.WriteAllText(Path.Combine(directory, library.Name + ".h"), CHeader.Emit(library));
            string source = Path.Combine(directory, library.Name + "_refs.c");
            File.WriteAllText(source, $"#include \"{library.Name}.h\"\n\nvoid* const {library.Prefix}_refs[] = {{\n"
                + string.Concat(library.Functions.Select(f => $"    (void*)&{f.Name},\n")) + "};\n");

            var expected = WindowsExports.For(library, WindowsMachine.X86).Select(e => e.Symbol).OrderBy(s => s, StringComparer.Ordinal).ToList();
            foreach (var (name, compiler, flags, nm) in compilers)
            {
                string obj = Path.Combine(directory, $"{library.Name}.{name}.o");
                WindowsTools.Run(compiler, flags.Concat(new[] { "-c", "-o", obj, source }), directory);
                var referenced = Undefined(WindowsTools.Run(nm, obj)).Select(s => s.StartsWith("__imp_", StringComparison.Ordinal) ? s.Substring(6) : s)
                    .OrderBy(s => s, StringComparer.Ordinal).ToList();
                Assert.True(expected.SequenceEqual(referenced),
                    $"{library.Name}, {name}:\n--- ours\n{string.Join("\n", expected)}\n--- the compiler's\n{string.Join("\n", referenced)}");
            }
        }
    }

    [Fact]
    public void Stack_bytes_count_every_C_parameter_the_header_declares()
    {
        // The expansion (span → pointer + length, out_result, out_len) is CSignature's: one 4-byte slot per
        // C parameter unless the parameter is an 8-byte value or a struct.
        foreach (AbiLibrary library in new[] { WindowsModels.Library }.Concat(WindowsModels.Golden()))
        {
            foreach (AbiFunction function in library.Functions)
            {
                int parameters = CSignature.Parameters(function).Count;
                int bytes = X86Decoration.StackBytes(function, library);
                Assert.True(bytes >= 4 * parameters && bytes % 4 == 0, $"{function.Name}: {bytes} bytes for {parameters} parameters");
            }
        }
    }

    private static IEnumerable<string> Undefined(string nmOutput) =>
        nmOutput.Split('\n').Select(line => Regex.Match(line, @"^\s+U (\S+)$")).Where(m => m.Success).Select(m => m.Groups[1].Value);
}
