// A .NET program that uses liblay through the C# binding `cdylib bindings --lang csharp` writes
// (lay.Native.cs): no [DllImport] by hand. Every function of the library is called and each value
// checked both ways. .NET's own Guid, Int128, UInt128, Half and NFloat cross as themselves, since their
// layout is the library's; the structs that hold them are laid out as the library lays them out. It is
// the Program.cs of a console project that compiles lay.Native.cs beside it and copies liblay.so next to
// the program; the tests build and run it so (tests/Cdylib.EndToEnd.Tests/LayoutTests.cs).
// Exits non-zero on failure.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lay.Native;

LayLibrary.LayInit();
Expect(LayLibrary.LayAbiVersion(), LayLibrary.AbiVersion);
Expect(LayLibrary.LayApiHash(), LayLibrary.ApiHash);

// Issue 13's repro: a struct with a Guid, by value both ways; the Guid is System.Guid itself.
Rec made = LayLibrary.LayMakeRec(42);
Expect(made.N, 42);
Expect(made.Id, new Guid("00112233-4455-6677-8899-aabbccddeeff"));
Expect(LayLibrary.LayRecN(made), 42);
Expect(LayLibrary.LayRecN(new Rec { Id = Guid.NewGuid(), N = 7 }), 7);
Expect(LayLibrary.LayRecId(made), "00112233-4455-6677-8899-aabbccddeeff");
Expect(ExpectThrows<LayException>(() => LayLibrary.LayMakeRecChecked(-1), "must not be negative").Code, LayErrorCodes.InvalidArgument);
Expect(LayLibrary.LayMakeRecChecked(5).N, 5);
Expect(LayLibrary.LayRecSum([new Rec { N = 1 }, new Rec { Id = made.Id, N = 20 }, new Rec { N = 300 }]), 321L);
Expect(Unsafe.SizeOf<Rec>(), 20);

// Guid's field order is .NET's own, so the text form survives both ways.
Guid parsed = LayLibrary.LayGuidParse("0a0b0c0d-1a1b-2a2b-3132-333435363738");
Expect(parsed, new Guid("0a0b0c0d-1a1b-2a2b-3132-333435363738"));
Expect(parsed, new Guid(0x0a0b0c0d, 0x1a1b, 0x2a2b, (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7', (byte)'8'));
Guid mine = new(0xdeadbeef, 0x0102, 0xfffe, 1, 2, 3, 4, 5, 6, 7, 8);
Expect(LayLibrary.LayGuidFormat(mine), "deadbeef-0102-fffe-0102-030405060708");
ExpectThrows<LayException>(() => LayLibrary.LayGuidParse("not a guid"), "");

// Int128 and UInt128: the extremes cross whole, both ways.
LayLibrary.LayInt128Max(out Int128 max);
Expect(max, Int128.MaxValue);
LayLibrary.LayInt128Min(out Int128 min);
Expect(min, Int128.MinValue);
LayLibrary.LayUint128Max(out UInt128 umax);
Expect(umax, UInt128.MaxValue);
LayLibrary.LayInt128Add(ulong.MaxValue, 1, out Int128 sum);
Expect(sum, (Int128)1 << 64);
LayLibrary.LayInt128Add(Int128.MaxValue, 1, out sum);
Expect(sum, Int128.MinValue); // wraps, as the library's C# code does
Int128 big = ((Int128)1 << 100) + 5;
Expect(LayLibrary.LayInt128Format(big), "1267650600228229401496703205381");
Expect(LayLibrary.LayInt128Format(-big), "-1267650600228229401496703205381");
Expect(LayLibrary.LayInt128Format(Int128.MaxValue), "170141183460469231731687303715884105727");

// A struct holding 128-bit integers: 48 bytes, the integers at 16 and 32.
unsafe
{
    Wide probe = default;
    Expect((sizeof(Wide), (int)((byte*)&probe.Value - (byte*)&probe), (int)((byte*)&probe.Mask - (byte*)&probe)), (48, 16, 32));
}
LayLibrary.LayWideMake(9, out Wide wide);
Expect((wide.Tag, wide.Value, wide.Mask), ((byte)9, Int128.MinValue + 1, UInt128.MaxValue - 1));
Expect(LayLibrary.LayWideFormat(new Wide { Tag = 200, Value = -big, Mask = (UInt128)1 << 127 }),
    "200 -1267650600228229401496703205381 170141183460469231731687303715884105728");

// Half: System.Half, its bits as C's uint16_t.
Expect(LayLibrary.LayHalfOf(1.0f), (Half)1.0f);
Expect(BitConverter.HalfToUInt16Bits(LayLibrary.LayHalfOf(1.0f)), (ushort)0x3c00);
Expect(BitConverter.HalfToUInt16Bits(LayLibrary.LayHalfOf(-2.0f)), (ushort)0xc000);
Expect(LayLibrary.LayHalfOf(65504.0f), Half.MaxValue);
Expect(LayLibrary.LayHalfOf(1.0e6f), Half.PositiveInfinity);
Expect(LayLibrary.LayHalfValue(BitConverter.UInt16BitsToHalf(0x3555)), 0.333251953125f);
Expect(LayLibrary.LayHalfValue(Half.Epsilon), 5.9604644775390625e-8f);

// NFloat: a double on this 64-bit machine, so no precision is lost.
Expect(NFloat.Size, 8);
Expect(LayLibrary.LayNfloatScale((NFloat)0.1, 3.0f), (NFloat)(0.1 * 3.0));
Expect(LayLibrary.LayNfloatScale((NFloat)1e300, 10.0f), (NFloat)1e301);

// A struct of a Half, an NFloat and an nint, by value both ways.
Mixed mixed = LayLibrary.LayMixedMake((Half)2.5f, 2.5f, -7);
Expect((mixed.H, mixed.F, mixed.N), ((Half)2.5f, (NFloat)2.5, (nint)(-7)));
Expect(Unsafe.SizeOf<Mixed>(), 24);
Expect(LayLibrary.LayMixedFormat(mixed), "2.5 2.5 -7");
Expect(LayLibrary.LayMixedFormat(new Mixed { H = (Half)0.5f, F = (NFloat)1e300, N = unchecked((nint)(1L << 40)) }), "0.5 1E+300 1099511627776");

Expect(LayLibrary.LayLiveAllocations(), 0L);
Expect(LayLibrary.LayLiveHandles(), 0L);
Console.WriteLine("bindings_consumer.cs: all checks passed");

static void Expect<T>(T actual, T expected, [CallerArgumentExpression(nameof(actual))] string what = "")
{
    if (!EqualityComparer<T>.Default.Equals(actual, expected))
    {
        throw new InvalidOperationException($"{what}: {actual} is not {expected}");
    }
}

static TException ExpectThrows<TException>(Action action, string message, [CallerArgumentExpression(nameof(action))] string what = "")
    where TException : Exception
{
    try
    {
        action();
    }
    catch (TException error) when (error.Message.Contains(message, StringComparison.Ordinal))
    {
        return error;
    }
    throw new InvalidOperationException($"{what} did not throw {typeof(TException).Name} with \"{message}\"");
}
