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
    private static readonly AbiType I16 = new(AbiTypeKind.SignedInteger, "int16_t", "short", 2);
    private static readonly AbiType I64 = new(AbiTypeKind.SignedInteger, "int64_t", "long", 8);
    private static readonly AbiType U8 = new(AbiTypeKind.UnsignedInteger, "uint8_t", "byte", 1);
    private static readonly AbiType Double = new(AbiTypeKind.Float, "double", "double", 8);
    private static readonly AbiType Bool = new(AbiTypeKind.Bool, "bool", "bool", 1);
    private static readonly AbiType ByteSpan = new(AbiTypeKind.Span, "const uint8_t*", "ReadOnlySpan<byte>", -1) { Element = U8 };

    // { int32_t x; double y; uint8_t z; }: 24 bytes on Windows x86 too (a double is 8-aligned in structs there).
    private static readonly AbiStruct PointStruct = Struct("Point", (AbiType.Int32, "x"), (Double, "y"), (U8, "z"));
    private static readonly AbiStruct PairStruct = Struct("Pair", (AbiType.Int32, "a"), (AbiType.Int32, "b"));
    private static readonly AbiType Point = new(AbiTypeKind.Struct, "Point", "Lib.Point", 24) { Name = "Point" };
    private static readonly AbiType Pair = new(AbiTypeKind.Struct, "Pair", "Lib.Pair", 8) { Name = "Pair" };

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
