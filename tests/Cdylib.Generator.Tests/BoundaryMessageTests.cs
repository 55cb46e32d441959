using System;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The messages the boundary writes for its own errors (NULL, a NULL span with a length, a NULL handle,
/// a NULL <c>out_len</c>) are exactly its words, with no resource-made suffix that Release builds would
/// turn into a resource key; an <c>ArgumentException</c> of the library's names its parameter without a
/// resource too. (The end-to-end tests compare a Debug and a Release build of examples/boundary.)
/// </summary>
public sealed unsafe class BoundaryMessageTests : IDisposable
{
    private const string Source = """
        #nullable enable
        using System;
        using Cdylib;

        public static class Api
        {
            [CExport] public static int Length(string name) => name.Length;
            [CExport] public static int Count(ReadOnlySpan<byte> data) => data.Length;
            [CExport] public static int[] Squares(int count) => new int[count];
            [CExport] public static int Use(Counter counter) => 0;
            [CExport] public static int Centroid(int count) => throw new ArgumentException("no points", "points");
            [CExport] public static int Repeat(int count) => throw new ArgumentOutOfRangeException(nameof(count), "count must not be negative");
            [CExport] public static int Require(int value) => throw new ArgumentNullException(nameof(value));
        }

        [CExport]
        public sealed class Counter { }
        """;

    private readonly AssemblyLoadContext _context = new("cdylib-messages", isCollectible: true);
    private readonly Type _exports;

    public BoundaryMessageTests()
    {
        _exports = GeneratorHarness.Run("msgs", Source).LoadExports(_context);
    }

    public void Dispose() => _context.Unload();

    private IntPtr Entry(string name) =>
        _exports.GetMethod("Shim_" + name, BindingFlags.NonPublic | BindingFlags.Static)!.MethodHandle.GetFunctionPointer();

    private (int Code, string? Message) LastError()
    {
        int code = ((delegate* unmanaged[Cdecl]<int>)Entry("msgs_last_error_code"))();
        string? message = Marshal.PtrToStringUTF8((IntPtr)((delegate* unmanaged[Cdecl]<byte*>)Entry("msgs_last_error_message"))());
        ((delegate* unmanaged[Cdecl]<void>)Entry("msgs_clear_last_error"))();
        return (code, message);
    }

    [Fact]
    public void The_boundarys_own_errors_are_its_words_alone()
    {
        ((delegate* unmanaged[Cdecl]<byte*, int>)Entry("Length"))(null);
        Assert.Equal(((int)ErrorCode.NullArgument, "'name' must not be NULL"), LastError());

        ((delegate* unmanaged[Cdecl]<byte*, nuint, int>)Entry("Count"))(null, 5);
        Assert.Equal(((int)ErrorCode.NullArgument, "'data' is NULL but its length is 5"), LastError());

        ((delegate* unmanaged[Cdecl]<int, nuint*, int*>)Entry("Squares"))(3, null);
        Assert.Equal(((int)ErrorCode.NullArgument, "'out_len' must not be NULL"), LastError());

        ((delegate* unmanaged[Cdecl]<void*, int>)Entry("Use"))(null);
        Assert.Equal(((int)ErrorCode.NullArgument, "'counter' must not be NULL"), LastError());
    }

    [Fact]
    public void An_ArgumentException_of_the_library_names_its_parameter_without_a_resource()
    {
        ((delegate* unmanaged[Cdecl]<int, int>)Entry("Centroid"))(0);
        Assert.Equal(((int)ErrorCode.InvalidArgument, "System.ArgumentException: no points (Parameter 'points')"), LastError());

        ((delegate* unmanaged[Cdecl]<int, int>)Entry("Repeat"))(-1);
        Assert.Equal(((int)ErrorCode.InvalidArgument, "System.ArgumentOutOfRangeException: count must not be negative (Parameter 'count')"), LastError());

        // The default message is the runtime's (a resource key in Release builds); the parameter is named the same way.
        ((delegate* unmanaged[Cdecl]<int, int>)Entry("Require"))(1);
        (int code, string? message) = LastError();
        Assert.Equal((int)ErrorCode.NullArgument, code);
        Assert.StartsWith("System.ArgumentNullException: ", message);
        Assert.EndsWith(" (Parameter 'value')", message);
    }
}
