using System;
using System.Text;
using Cdylib;

namespace Bench.Ours;

// The same three functions as ../handwritten/Api.cs and ../rust/src/lib.rs, with identical bodies.
public static class Api
{
    /// <summary>a + b, wrapping.</summary>
    [CExport("add")]
    public static int Add(int a, int b) => a + b;

    /// <summary>The UTF-8 byte count of a NUL-terminated UTF-8 string (0 with the error set for NULL or invalid UTF-8).</summary>
    [CExport("str_len")]
    public static nuint StrLen(string text) => (nuint)Encoding.UTF8.GetByteCount(text);

    /// <summary>The sum of the bytes.</summary>
    [CExport("span_sum")]
    public static ulong SpanSum(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        foreach (byte b in data)
        {
            sum += b;
        }
        return sum;
    }
}
