using System.Runtime.InteropServices;
using Cdylib;

/// <summary>The seed walkthrough's library.</summary>
public static class Lib
{
    /// <summary>Returns 123: the walkthrough's first exported function.</summary>
    /// <remarks>Exported verbatim as <c>HelloWorld</c> with the "system" calling convention, like
    /// Rust's <c>#[no_mangle] extern "system" fn HelloWorld() -> i32</c>.</remarks>
    [CExport(CallingConvention = CallingConvention.Winapi)]
    public static int HelloWorld() => 123;
}
