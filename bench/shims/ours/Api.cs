using System;
using System.Runtime.InteropServices;
using System.Text;
using Cdylib;

namespace Bench.Ours;

// The same functions as ../handwritten/Api.cs and ../rust/src/lib.rs, with identical bodies.
public static unsafe class Api
{
    /// <summary>a + b, wrapping.</summary>
    [CExport("add")]
    public static int Add(int a, int b) => a + b;

    /// <summary>The UTF-8 byte count of a NUL-terminated UTF-8 string (0 with the error set for NULL or invalid UTF-8).</summary>
    [CExport("str_len")]
    public static nuint StrLen(string text) => (nuint)Encoding.UTF8.GetByteCount(text);

    /// <summary>
    /// str_len over <see cref="Utf8Text"/>: the same checks (NULL and invalid UTF-8 give 0 with the
    /// error set) but the caller's bytes are read in place, as Rust's <c>CStr::to_str</c> reads them:
    /// no UTF-16 string, so the byte count is the text's length.
    /// </summary>
    [CExport("str_len_utf8")]
    public static nuint StrLenUtf8(Utf8Text text) => (nuint)text.Length;

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

    /// <summary>add without the GC transition: the same body, exported as a plain C function.</summary>
    [CExport("add_fast"), SuppressGCTransition]
    public static int AddFast(int a, int b) => a + b;

    /// <summary>
    /// span_sum without the GC transition, with Rust's span_sum semantics: 0 for NULL, else the sum
    /// of the <paramref name="len"/> bytes. A transition-free export takes no span, so it walks the
    /// pointer itself.
    /// </summary>
    [CExport("span_sum_fast"), SuppressGCTransition]
    public static ulong SpanSumFast(byte* data, nuint len)
    {
        if (data == null)
        {
            return 0;
        }
        ulong sum = 0;
        for (nuint i = 0; i < len; i++)
        {
            sum += data[i];
        }
        return sum;
    }
}

/// <summary>A counter C holds as an opaque handle (counter_new, counter_add, bench_ours_counter_free).</summary>
[CExport]
public sealed class Counter
{
    private long _value;

    /// <summary>A new counter starting at <paramref name="start"/>.</summary>
    [CExport("counter_new")]
    public static Counter Create(long start) => new() { _value = start };

    /// <summary>Adds <paramref name="amount"/> (wrapping) and returns the new value.</summary>
    [CExport("counter_add")]
    public long Add(long amount) => _value += amount;
}
