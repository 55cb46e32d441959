using System;
using System.Runtime.InteropServices;
using Cdylib;

namespace Primitives;

/// <summary>One export per primitive C type, plus the failure paths.</summary>
public static unsafe class Api
{
    /// <summary>Wrapping 8-bit signed addition.</summary>
    [CExport("prim_add_i8")] public static sbyte AddI8(sbyte a, sbyte b) => unchecked((sbyte)(a + b));

    /// <summary>Wrapping 8-bit unsigned addition.</summary>
    [CExport("prim_add_u8")] public static byte AddU8(byte a, byte b) => unchecked((byte)(a + b));

    /// <summary>Wrapping 16-bit signed addition.</summary>
    [CExport("prim_add_i16")] public static short AddI16(short a, short b) => unchecked((short)(a + b));

    /// <summary>Wrapping 16-bit unsigned addition.</summary>
    [CExport("prim_add_u16")] public static ushort AddU16(ushort a, ushort b) => unchecked((ushort)(a + b));

    /// <summary>Wrapping 32-bit signed addition.</summary>
    [CExport("prim_add_i32")] public static int AddI32(int a, int b) => unchecked(a + b);

    /// <summary>Wrapping 32-bit unsigned addition.</summary>
    [CExport("prim_add_u32")] public static uint AddU32(uint a, uint b) => unchecked(a + b);

    /// <summary>Wrapping 64-bit signed addition.</summary>
    [CExport("prim_add_i64")] public static long AddI64(long a, long b) => unchecked(a + b);

    /// <summary>Wrapping 64-bit unsigned addition.</summary>
    [CExport("prim_add_u64")] public static ulong AddU64(ulong a, ulong b) => unchecked(a + b);

    /// <summary>Pointer-sized signed addition.</summary>
    [CExport("prim_add_isize")] public static nint AddIsize(nint a, nint b) => unchecked(a + b);

    /// <summary>Pointer-sized unsigned addition.</summary>
    [CExport("prim_add_usize")] public static nuint AddUsize(nuint a, nuint b) => unchecked(a + b);

    /// <summary>Single-precision multiplication.</summary>
    [CExport("prim_mul_f32")] public static float MulF32(float a, float b) => a * b;

    /// <summary>Double-precision multiplication.</summary>
    [CExport("prim_mul_f64")] public static double MulF64(double a, double b) => a * b;

    /// <summary>Logical negation of a C99 bool.</summary>
    [CExport("prim_not")] public static bool Not(bool value) => !value;

    /// <summary>Whether all three flags are set.</summary>
    [CExport("prim_all")] public static bool All(bool a, bool b, bool c) => a && b && c;

    /// <summary>Sums <paramref name="count"/> integers.</summary>
    /// <param name="values">The integers; may be NULL only when <paramref name="count"/> is 0.</param>
    /// <param name="count">How many integers <paramref name="values"/> points to.</param>
    /// <returns>The sum; 0 with PRIM_ERROR_NULL_ARGUMENT when <paramref name="values"/> is NULL.</returns>
    [CExport("prim_sum")]
    public static long Sum(int* values, nuint count)
    {
        if (values == null && count != 0)
        {
            throw new ArgumentNullException(nameof(values));
        }
        long sum = 0;
        for (nuint i = 0; i < count; i++)
        {
            sum += values[i];
        }
        return sum;
    }

    /// <summary>Writes <paramref name="value"/> into every byte of the buffer.</summary>
    [CExport("prim_fill")]
    public static void Fill(byte* buffer, nuint length, byte value)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        new Span<byte>(buffer, checked((int)length)).Fill(value);
    }

    /// <summary>Returns the pointer it was given: void* round-trips untouched.</summary>
    [CExport("prim_identity")] public static void* Identity(void* pointer) => pointer;

    /// <summary>Reads through a pointer to a pointer.</summary>
    [CExport("prim_deref2")] public static int Deref2(int** pointer) => **pointer;

    /// <summary>Integer division; dividing by zero fails with PRIM_ERROR_EXCEPTION.</summary>
    [CExport("prim_divide")] public static int Divide(int a, int b) => a / b;

    /// <summary>Checked addition; overflow fails with PRIM_ERROR_OVERFLOW.</summary>
    [CExport("prim_checked_add")] public static int CheckedAdd(int a, int b) => checked(a + b);

    /// <summary>Always fails, with the library-defined <paramref name="code"/>.</summary>
    [CExport("prim_fail")] public static double Fail(int code) => throw new CExportException(code, $"failed on purpose with code {code}");

    /// <summary>Always fails with a bool result: the failure value is false.</summary>
    [CExport("prim_fail_bool")] public static bool FailBool() => throw new InvalidOperationException("no bool today");

    /// <summary>A void export that fails: there is no return value, only the recorded error.</summary>
    [CExport("prim_fail_void")] public static void FailVoid() => throw new NotSupportedException("nothing to do");

    /// <summary>Exported with the "system" convention, like the walkthrough's HelloWorld.</summary>
    [CExport("prim_system", CallingConvention = CallingConvention.Winapi)] public static int System(int x) => x * 2;

    /// <summary>Exported with stdcall (the same as C outside 32-bit Windows).</summary>
    [CExport("prim_stdcall", CallingConvention = CallingConvention.StdCall)] public static int Stdcall(int x) => x * 3;
}
