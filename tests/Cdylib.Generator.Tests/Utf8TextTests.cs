using System;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text;
using Cdylib.Abi.Model;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Tests;

/// <summary>
/// <c>Utf8Text</c> parameters: C passes the same <c>const char*</c> as for a <c>string</c>, and the
/// shim checks it the same way (not NULL, strictly valid UTF-8), but hands the method the caller's own
/// bytes: no copy, no UTF-16, no allocation. Called as C calls them, through unmanaged function pointers.
/// </summary>
public sealed unsafe class Utf8TextTests : IDisposable
{
    private const string Source = """
        using System;
        using Cdylib;

        public static unsafe class Api
        {
            [CExport]
            public static int CountBytes(Utf8Text text) => text.Length;

            [CExport]
            public static bool IsHello(Utf8Text text) => text.Equals("hello"u8);

            [CExport]
            public static nint Address(Utf8Text text)
            {
                fixed (byte* bytes = text.Bytes)
                {
                    return (nint)bytes;
                }
            }

            [CExport]
            public static string Upper(Utf8Text text) => text.ToString().ToUpperInvariant();

            [CExport]
            public static int CountString(string text) => Encoding.UTF8.GetByteCount(text);

            [CExport]
            public static int CountPointer(byte* text) => text == null ? 0 : 1;
        }
        """;

    private readonly AssemblyLoadContext _context = new("cdylib-utf8text", isCollectible: true);
    private readonly GeneratorRun _run;
    private readonly Type _exports;

    public Utf8TextTests()
    {
        _run = GeneratorHarness.Run("utf", Source.Replace("using Cdylib;", "using System.Text;\nusing Cdylib;", StringComparison.Ordinal));
        _exports = _run.LoadExports(_context);
    }

    public void Dispose() => _context.Unload();

    private IntPtr Entry(string name) =>
        _exports.GetMethod("Shim_" + name, BindingFlags.NonPublic | BindingFlags.Static)!.MethodHandle.GetFunctionPointer();

    private int Code() => ((delegate* unmanaged[Cdecl]<int>)Entry("utf_last_error_code"))();

    private string? Message() => Marshal.PtrToStringUTF8((IntPtr)((delegate* unmanaged[Cdecl]<byte*>)Entry("utf_last_error_message"))());

    private void Clear() => ((delegate* unmanaged[Cdecl]<void>)Entry("utf_clear_last_error"))();

    private int CountBytes(byte* text) => ((delegate* unmanaged[Cdecl]<byte*, int>)Entry("CountBytes"))(text);

    [Fact]
    public void C_sees_the_same_const_char_pointer_as_for_a_string()
    {
        AbiFunction utf8 = _run.Abi.Functions.Single(f => f.Name == "CountBytes");
        AbiFunction text = _run.Abi.Functions.Single(f => f.Name == "CountString");
        Assert.Equal(text.Parameters.Single().Type, utf8.Parameters.Single().Type);
        Assert.Contains("int32_t UTF_CALL_C CountBytes(const char* text);", _run.Header);
        Assert.Contains("global::Cdylib.Runtime.Boundary.Utf8In(text, \"text\")", _run.Shims);
    }

    [Fact]
    public void The_method_reads_the_callers_bytes_where_they_are()
    {
        // The last error is the thread's, and the runtime that keeps it is shared by every test run on
        // this thread: start from none, so the check at the end sees only these calls.
        Clear();
        byte[] utf8 = Encoding.UTF8.GetBytes("grüße\0");
        fixed (byte* text = utf8)
        {
            Assert.Equal(7, CountBytes(text));
            Assert.Equal((nint)text, ((delegate* unmanaged[Cdecl]<byte*, nint>)Entry("Address"))(text));
            Assert.Equal(1, ((delegate* unmanaged[Cdecl]<byte*, byte>)Entry("IsHello"))((byte*)Marshal.StringToCoTaskMemUTF8("hello")));
        }
        byte* upper = ((delegate* unmanaged[Cdecl]<byte*, byte*>)Entry("Upper"))((byte*)Marshal.StringToCoTaskMemUTF8("grüße"));
        Assert.Equal("GRÜßE", Marshal.PtrToStringUTF8((IntPtr)upper));
        Assert.Equal((int)ErrorCode.None, Code());
    }

    [Fact]
    public void A_call_allocates_no_more_than_one_taking_a_bare_pointer()
    {
        byte* text = (byte*)Marshal.StringToCoTaskMemUTF8(new string('x', 1024));
        try
        {
            // Calling through a function pointer from managed code costs the JIT's transition stubs
            // whatever the export does (in a Native AOT library, C calls it directly): the baseline.
            long baseline = Allocated("CountPointer", text);
            Assert.Equal(baseline, Allocated("CountBytes", text));
            Assert.True(Allocated("CountString", text) >= baseline + 1000 * 1024 * 2, "a string parameter makes a UTF-16 copy");
        }
        finally
        {
            Marshal.FreeCoTaskMem((IntPtr)text);
        }
    }

    private long Allocated(string entry, byte* text)
    {
        var call = (delegate* unmanaged[Cdecl]<byte*, int>)Entry(entry);
        call(text); // the first call initializes what the shims share
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            call(text);
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void NULL_is_refused_naming_the_parameter()
    {
        Clear();
        Assert.Equal(0, CountBytes(null));
        Assert.Equal((int)ErrorCode.NullArgument, Code());
        Assert.Contains("'text'", Message());
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', (byte)'b', 0xC3, (byte)'(', 0 }, 2)]      // a lead byte without its continuation
    [InlineData(new byte[] { 0xC0, 0xAF, 0 }, 0)]                                  // an overlong '/'
    [InlineData(new byte[] { (byte)'x', 0xED, 0xA0, 0x80, 0 }, 1)]                 // a UTF-16 surrogate encoded as UTF-8
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80, 0 }, 0)]                      // past U+10FFFF
    public void Invalid_UTF8_is_refused_where_it_goes_wrong(byte[] bytes, int at)
    {
        Clear();
        byte[] terminated = bytes;
        fixed (byte* text = terminated)
        {
            Assert.Equal(0, CountBytes(text));
        }
        Assert.Equal((int)ErrorCode.InvalidUtf8, Code());
        Assert.Equal($"'text' is not valid UTF-8 (at byte {at})", Message());
    }

    [Fact]
    public void It_cannot_be_a_result()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", """
            using Cdylib;

            public static class Api
            {
                [CExport]
                public static Utf8Text Echo(int value) => default;
            }
            """);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0006", diagnostic.Id);
        Assert.Contains("a Utf8Text borrows the caller's text for the length of a call, so it cannot be a result; use 'string' instead", diagnostic.GetMessage(), StringComparison.Ordinal);
    }
}
