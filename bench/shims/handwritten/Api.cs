using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Bench.Handwritten;

// The same functions as ../ours/Api.cs, written by hand over raw pointers.
public static unsafe class Api
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The baseline: no try/catch, the body inline.
    [UnmanagedCallersOnly(EntryPoint = "add", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static int Add(int a, int b) => a + b;

    // Not a benchmark function: add() wrapped exactly as the generated shim wraps it (the body in
    // its own method, its result in a local, a catch that records the exception and returns 0), so
    // the driver can show what that wrapping costs on its own.
    [UnmanagedCallersOnly(EntryPoint = "add_try_catch", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static int AddTryCatch(int a, int b)
    {
        try
        {
            var result = Sum(a, b);
            return result;
        }
        catch (Exception exception)
        {
            s_lastError = exception;
            return default;
        }
    }

    [ThreadStatic]
    private static Exception? s_lastError;

    public static int Sum(int a, int b) => a + b;

    // A careful author: NULL and invalid UTF-8 return 0 instead of ending the process, and nothing escapes.
    [UnmanagedCallersOnly(EntryPoint = "str_len", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static nuint StrLen(byte* text)
    {
        if (text == null)
        {
            return 0;
        }
        try
        {
            string value = StrictUtf8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text));
            return (nuint)Encoding.UTF8.GetByteCount(value);
        }
        catch (Exception)
        {
            return 0;
        }
    }

    // NULL is fine only with length 0; a length a span cannot hold returns 0.
    [UnmanagedCallersOnly(EntryPoint = "span_sum", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static ulong SpanSum(byte* data, nuint length)
    {
        if (data == null || length > int.MaxValue)
        {
            return 0;
        }
        ulong sum = 0;
        foreach (byte b in new ReadOnlySpan<byte>(data, (int)length))
        {
            sum += b;
        }
        return sum;
    }
}

// The handle method call as a careful author writes it without Cdylib: the object behind a
// GCHandle, C holds GCHandle.ToIntPtr. NULL and a handle to another type return 0; nothing
// escapes. (A freed or forged non-NULL handle is undefined behaviour here: GCHandle cannot tell.)
public sealed class Counter
{
    private long _value;

    public long Add(long amount) => _value += amount;

    [UnmanagedCallersOnly(EntryPoint = "counter_new", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static nint CounterNew(long start)
    {
        try
        {
            var counter = new Counter();
            counter._value = start;
            return GCHandle.ToIntPtr(GCHandle.Alloc(counter));
        }
        catch (Exception)
        {
            return 0;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "counter_add", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static long CounterAdd(nint handle, long amount)
    {
        if (handle == 0)
        {
            return 0;
        }
        try
        {
            return GCHandle.FromIntPtr(handle).Target is Counter counter ? counter.Add(amount) : 0;
        }
        catch (Exception)
        {
            return 0;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "counter_free", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static void CounterFree(nint handle)
    {
        if (handle == 0)
        {
            return;
        }
        try
        {
            GCHandle.FromIntPtr(handle).Free();
        }
        catch (Exception)
        {
        }
    }
}
