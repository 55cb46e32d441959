using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

/// <summary>examples/hello_world's function, exported by hand.</summary>
public static class Lib
{
    /// <summary>Returns 123. "system" is the C convention on every 64-bit platform.</summary>
    [UnmanagedCallersOnly(EntryPoint = "HelloWorld", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static int HelloWorld() => 123;
}
