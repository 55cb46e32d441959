using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Tests.Windows;

/// <summary>One function of the test library: its model and the C body the test DLL gives it.</summary>
internal sealed record TestFunction(AbiFunction Function, string Body);

/// <summary>
/// The models the Windows artifacts are checked on: a small library with every kind of x86 argument
/// (cdecl and stdcall, "system", ints, doubles, int64, bool and small ints, pointers, a span, structs by
/// value in and out, a helper), with C bodies for a test DLL; and the generator's golden models.
/// </summary>
internal static class WindowsModels
{
    private static readonly AbiType I16 = new PrimitiveType(Primitive.Int16);
    private static readonly AbiType I64 = AbiType.Int64;
    private static readonly AbiType U8 = new PrimitiveType(Primitive.UInt8);
    private static readonly AbiType Double = new PrimitiveType(Primitive.Double);
    private static readonly AbiType Bool = AbiType.Bool;
    private static readonly AbiType ByteSpan = new SpanType(U8, Writable: false);

    // { int32_t x; double y; uint8_t z; }: 24 bytes on Windows x86 too (a double is 8-aligned in structs there).
    private static readonly AbiStruct PointStruct = Struct("Point", (AbiType.Int32, "x"), (Double, "y"), (U8, "z"));
    private static readonly AbiStruct PairStruct = Struct("Pair", (AbiType.Int32, "a"), (AbiType.Int32, "b"));
    private static readonly AbiType Point = new StructRef("Point");
    private static readonly AbiType Pair = new StructRef("Pair");

    public static IReadOnlyList<TestFunction> Functions { get; } = new[]
    {
        Make("HelloWorld", AbiCallingConvention.System, AbiType.Int32, [], "return 123;"),
        Make("add", AbiCallingConvention.C, AbiType.Int32, [(AbiType.Int32, "a"), (AbiType.Int32, "b")], "return a + b;"),
        Make("sub_stdcall", AbiCallingConvention.Stdcall, AbiType.Int32, [(AbiType.Int32, "a"), (AbiType.Int32, "b")], "return a - b;"),
        Make("scale", AbiCallingConvention.System, Double, [(Double, "x"), (I64, "n")], "return x * (double)n;"),
        Make("point_sum", AbiCallingConvention.System, Double, [(Point, "p")], "return p.x + p.y + p.z;"),
        Make("make_point", AbiCallingConvention.System, Point, [(AbiType.Int32, "v")], "Point p = { v, v / 2.0, (uint8_t)(v + 1) }; return p;"),
        Make("make_pair", AbiCallingConvention.System, Pair, [(AbiType.Int32, "v")], "Pair p = { v, -v }; return p;"),
        Make("span_sum", AbiCallingConvention.System, AbiType.UInt64, [(ByteSpan, "data")],
            "uint64_t sum = 0; for (size_t i = 0; i < data_len; i++) sum += data[i]; return sum;"),
        Make("mix", AbiCallingConvention.System, AbiType.Int32, [(Bool, "flag"), (U8, "b"), (I16, "s"), (Double, "d"), (AbiType.ConstCharPointer, "text")],
            "return flag ? b + s + (int32_t)d + (int32_t)strlen(text) : -1;"),
        Make("winabi_abi_version", AbiCallingConvention.C, AbiType.UInt32, [], "return 7u;", AbiFunctionOrigin.Helper),
    };

    public static AbiLibrary Library { get; } = new(
        "winabi", "winabi", "WinAbi", EquatableArray<AbiErrorCode>.Empty,
        Functions.Select(f => f.Function).ToEquatableArray(), 1, 0, default,
        new[] { PointStruct, PairStruct }.ToEquatableArray());

    /// <summary>What the consumer prints, one line per call, computed here from the bodies' meaning.</summary>
    public static string ExpectedOutput => string.Join("\n", new[]
    {
        "HelloWorld 123",
        "add 5",
        "sub_stdcall 7",
        "scale 10.000000",
        "point_sum 10.500000",
        "make_point 9 4.500000 10",
        "make_pair 6 -6",
        "span_sum 15",
        "mix 37",
        "winabi_abi_version 7",
        "ok",
    }) + "\n";

    /// <summary>The consumer: calls every function through the header and prints what it got.</summary>
    public static string ConsumerSource => """
        #include <stdio.h>
        #include <string.h>
        #include "winabi.h"

        int main(void)
        {
            Point p = { 3, 2.5, 5 };
            Point made = make_point(9);
            Pair pair = make_pair(6);
            const uint8_t bytes[] = { 1, 2, 3, 4, 5 };
            printf("HelloWorld %d\n", (int)HelloWorld());
            printf("add %d\n", (int)add(2, 3));
            printf("sub_stdcall %d\n", (int)sub_stdcall(10, 3));
            printf("scale %f\n", scale(2.5, 4));
            printf("point_sum %f\n", point_sum(p));
            printf("make_point %d %f %d\n", (int)made.x, made.y, (int)made.z);
            printf("make_pair %d %d\n", (int)pair.a, (int)pair.b);
            printf("span_sum %u\n", (unsigned)span_sum(bytes, sizeof bytes));
            printf("mix %d\n", (int)mix(true, 20, 10, 2.9, "hello"));
            printf("winabi_abi_version %u\n", (unsigned)winabi_abi_version());
            /* A wrong stdcall/cdecl pairing would have unbalanced the stack by now. */
            printf("ok\n");
            return 0;
        }
        """;

    /// <summary>
    /// The consumer as an MSVC-ABI program with no C runtime (this machine has no MSVC headers or CRT):
    /// compiled by clang for *-pc-windows-msvc, linked by lld-link, writing through kernel32 alone.
    /// </summary>
    public static string MsvcConsumerSource => """
        #include "winabi.h"

        __declspec(dllimport) void* __stdcall GetStdHandle(uint32_t which);
        __declspec(dllimport) int32_t __stdcall WriteFile(void* file, const void* data, uint32_t size, uint32_t* written, void* overlapped);
        __declspec(dllimport) void __stdcall ExitProcess(uint32_t code);

        int _fltused = 0; /* what the CRT would define once floating point is used */

        static void put(const char* text)
        {
            uint32_t length = 0, written;
            while (text[length]) length++;
            WriteFile(GetStdHandle((uint32_t)-11), text, length, &written, 0);
        }

        static void line(const char* name, int32_t value)
        {
            char digits[16];
            int at = 15;
            uint32_t magnitude = value < 0 ? 0u - (uint32_t)value : (uint32_t)value;
            digits[at] = 0;
            do { digits[--at] = (char)('0' + magnitude % 10); magnitude /= 10; } while (magnitude);
            if (value < 0) digits[--at] = '-';
            put(name); put(" "); put(digits + at); put("\n");
        }

        void start(void)
        {
            Point p, made;
            Pair pair;
            uint8_t bytes[5];
            p.x = 3; p.y = 2.5; p.z = 5;
            bytes[0] = 1; bytes[1] = 2; bytes[2] = 3; bytes[3] = 4; bytes[4] = 5;
            made = make_point(9);
            pair = make_pair(6);
            line("HelloWorld", HelloWorld());
            line("add", add(2, 3));
            line("sub_stdcall", sub_stdcall(10, 3));
            line("scale*1000", (int32_t)(scale(2.5, 4) * 1000));
            line("point_sum*1000", (int32_t)(point_sum(p) * 1000));
            line("make_point", made.x);
            line("make_point.y*1000", (int32_t)(made.y * 1000));
            line("make_point.z", made.z);
            line("make_pair", pair.a);
            line("make_pair.b", pair.b);
            line("span_sum", (int32_t)span_sum(bytes, 5));
            line("mix", mix(true, 20, 10, 2.9, "hello"));
            line("winabi_abi_version", (int32_t)winabi_abi_version());
            put("ok\n");
            ExitProcess(0);
        }
        """;

    public static string ExpectedMsvcOutput => string.Join("\n", new[]
    {
        "HelloWorld 123", "add 5", "sub_stdcall 7", "scale*1000 10000", "point_sum*1000 10500",
        "make_point 9", "make_point.y*1000 4500", "make_point.z 10", "make_pair 6", "make_pair.b -6",
        "span_sum 15", "mix 37", "winabi_abi_version 7", "ok",
    }) + "\n";

    /// <summary>The three kernel32 functions the MSVC consumer calls, as a model: its import library is ours too.</summary>
    public static AbiLibrary Kernel32 { get; } = new(
        "kernel32", "kernel32", "-", EquatableArray<AbiErrorCode>.Empty, new[]
        {
            Make("GetStdHandle", AbiCallingConvention.System, AbiType.VoidPointer, [(AbiType.UInt32, "which")], "").Function,
            Make("WriteFile", AbiCallingConvention.System, AbiType.Int32,
                [(AbiType.VoidPointer, "file"), (AbiType.VoidPointer, "data"), (AbiType.UInt32, "size"), (AbiType.VoidPointer, "written"), (AbiType.VoidPointer, "overlapped")], "").Function,
            Make("ExitProcess", AbiCallingConvention.System, AbiType.Void, [(AbiType.UInt32, "code")], "").Function,
        }.ToEquatableArray());

    /// <summary>The DLL: the header with WINABI_API as dllexport, and each function's body.</summary>
    public static string DllSource()
    {
        var source = new System.Text.StringBuilder("#define WINABI_API __declspec(dllexport)\n#include <string.h>\n#include \"winabi.h\"\n\n");
        string header = CHeader.Emit(Library);
        foreach (TestFunction function in Functions)
        {
            // The header's own declaration, turned into a definition.
            string declaration = header.Split('\n').Single(line => line.StartsWith("WINABI_API ", StringComparison.Ordinal) && line.Contains($" {function.Function.Name}(", StringComparison.Ordinal));
            source.Append(declaration.TrimEnd(';')).Append("\n{\n    ").Append(function.Body).Append("\n}\n\n");
        }
        return source.ToString();
    }

    /// <summary>The generator's golden models (real helpers, structs, spans, handles, status functions).</summary>
    public static IReadOnlyList<AbiLibrary> Golden()
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "Golden");
        var files = Directory.GetFiles(directory, "*.abi.json", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        return files.Select(file => AbiJson.Read(File.ReadAllText(file))).ToList();
    }

    private static TestFunction Make(string name, AbiCallingConvention convention, AbiType returns, (AbiType Type, string Name)[] parameters, string body,
        AbiFunctionOrigin origin = AbiFunctionOrigin.Declared) => new(
        new AbiFunction(name, convention, returns,
            parameters.Select(p => new AbiParameter(p.Name, p.Type, null)).ToEquatableArray(), origin, "Api." + name, AbiDoc.None),
        body);

    private static AbiStruct Struct(string name, params (AbiType Type, string Name)[] fields)
    {
        var layouts = fields.Select(f => new AbiLayout(f.Type.Size, f.Type.Size)).ToList();
        (int[] offsets, AbiLayout layout) = CLayout.Compute(layouts, 0);
        return new AbiStruct(name, "Lib." + name,
            fields.Select((f, i) => new AbiField(f.Name, f.Type, offsets[i], offsets[i], null)).ToEquatableArray(), layout, layout, null);
    }
}
