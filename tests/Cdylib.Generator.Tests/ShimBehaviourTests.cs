using System;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Threading;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The generated shims do what the header promises, called the way C calls them (through
/// unmanaged function pointers, in this process): results pass through, <c>bool</c> is one byte,
/// no exception escapes, and a failure records the thread's last error (code and UTF-8 message)
/// and returns zero, false or NULL.
/// </summary>
public sealed unsafe class ShimBehaviourTests : IDisposable
{
    private const string Source = """
        using System;
        using Cdylib;

        public static unsafe class Api
        {
            [CExport]
            public static int Divide(int a, int b) => a / b;

            [CExport]
            public static bool Negate(bool flag) => !flag;

            [CExport]
            public static void Fail(int code) => throw new CExportException(code, "custom failure: ü");

            [CExport]
            public static void* NeedsPointer(void* pointer) => pointer != null ? pointer : throw new ArgumentNullException(nameof(pointer));

            [CExport]
            public static long Square(long value) => checked(value * value);

            [CExport]
            public static bool IsNegative(double value) => value < 0 ? true : throw new InvalidOperationException("not negative");

            // Pointers by reference (issue 13: the shim passed T* as a type argument and did not compile).
            [CExport]
            public static void Advance(ref int* cursor, in byte* limit, out void* previous)
            {
                previous = cursor;
                cursor = cursor + 1 <= (int*)limit ? cursor + 1 : cursor;
            }
        }
        """;

    private readonly AssemblyLoadContext _context = new("cdylib-shims", isCollectible: true);
    private readonly Type _exports;

    public ShimBehaviourTests()
    {
        _exports = GeneratorHarness.Run("shims", Source).LoadExports(_context);
        Clear();
    }

    public void Dispose() => _context.Unload();

    // The shim for entry point NAME is the method Shim_NAME.
    private IntPtr Entry(string name) =>
        _exports.GetMethod("Shim_" + name, BindingFlags.NonPublic | BindingFlags.Static)!.MethodHandle.GetFunctionPointer();

    private int Code() => ((delegate* unmanaged[Cdecl]<int>)Entry("shims_last_error_code"))();

    private string? Message() => Marshal.PtrToStringUTF8((IntPtr)((delegate* unmanaged[Cdecl]<byte*>)Entry("shims_last_error_message"))());

    private void Clear() => ((delegate* unmanaged[Cdecl]<void>)Entry("shims_clear_last_error"))();

    private int Divide(int a, int b) => ((delegate* unmanaged[Cdecl]<int, int, int>)Entry("Divide"))(a, b);

    [Fact]
    public void A_successful_call_returns_the_result_and_records_nothing()
    {
        Assert.Equal(3, Divide(7, 2));
        Assert.Equal((int)ErrorCode.None, Code());
        Assert.Equal("", Message());
    }

    [Fact]
    public void An_exception_becomes_the_last_error_and_the_failure_value()
    {
        Assert.Equal(0, Divide(1, 0));
        Assert.Equal((int)ErrorCode.Exception, Code());
        Assert.StartsWith("System.DivideByZeroException: ", Message());
    }

    [Fact]
    public void The_last_error_stays_until_cleared_like_errno()
    {
        Divide(1, 0);
        Assert.Equal(5, Divide(10, 2));
        Assert.Equal((int)ErrorCode.Exception, Code());
        Clear();
        Assert.Equal((int)ErrorCode.None, Code());
        Assert.Equal("", Message());
    }

    [Fact]
    public void The_last_error_belongs_to_the_calling_thread()
    {
        Divide(1, 0);
        int otherThreadCode = -1;
        var thread = new Thread(() => otherThreadCode = Code());
        thread.Start();
        thread.Join();
        Assert.Equal((int)ErrorCode.None, otherThreadCode);
        Assert.Equal((int)ErrorCode.Exception, Code());
    }

    [Fact]
    public void Bool_crosses_as_one_byte()
    {
        var negate = (delegate* unmanaged[Cdecl]<byte, byte>)Entry("Negate");
        Assert.Equal(1, negate(0));
        Assert.Equal(0, negate(1));
        // C's bool is 0 or 1, but any non-zero byte is true, as in C.
        Assert.Equal(0, negate(2));
    }

    [Fact]
    public void A_failing_bool_function_returns_false()
    {
        var isNegative = (delegate* unmanaged[Cdecl]<double, byte>)Entry("IsNegative");
        Assert.Equal(1, isNegative(-1));
        Assert.Equal(0, isNegative(1));
        Assert.Equal((int)ErrorCode.InvalidOperation, Code());
        Assert.Equal("System.InvalidOperationException: not negative", Message());
    }

    [Fact]
    public void CExportException_sets_its_own_code_and_message()
    {
        var fail = (delegate* unmanaged[Cdecl]<int, void>)Entry("Fail");
        fail(1234);
        Assert.Equal(1234, Code());
        Assert.Equal("custom failure: ü", Message());
        fail(0); // 0 means "no error", so it cannot be a failure's code
        Assert.Equal((int)ErrorCode.Exception, Code());
    }

    [Fact]
    public void A_failing_pointer_function_returns_NULL()
    {
        var needsPointer = (delegate* unmanaged[Cdecl]<void*, void*>)Entry("NeedsPointer");
        int local = 0;
        Assert.True(needsPointer(&local) == &local);
        Assert.True(needsPointer(null) == null);
        Assert.Equal((int)ErrorCode.NullArgument, Code());
    }

    [Fact]
    public void Overflow_is_classified()
    {
        var square = (delegate* unmanaged[Cdecl]<long, long>)Entry("Square");
        Assert.Equal(81, square(9));
        Assert.Equal(0, square(long.MaxValue));
        Assert.Equal((int)ErrorCode.Overflow, Code());
    }

    [Fact]
    public void Pointers_cross_by_reference_and_NULL_is_refused()
    {
        var advance = (delegate* unmanaged[Cdecl]<int**, byte**, void**, void>)Entry("Advance");
        int* items = stackalloc int[2];
        int* cursor = items;
        byte* limit = (byte*)(items + 1);
        void* previous = null;
        advance(&cursor, &limit, &previous);
        Assert.True(cursor == items + 1 && previous == items);
        Assert.Equal((int)ErrorCode.None, Code());

        advance(null, &limit, &previous);
        Assert.Equal((int)ErrorCode.NullArgument, Code());
        Assert.Equal("'cursor' must not be NULL", Message());
        Clear();
        advance(&cursor, &limit, null);
        Assert.Equal((int)ErrorCode.NullArgument, Code());
        Assert.Equal("'previous' must not be NULL", Message());
    }
}
