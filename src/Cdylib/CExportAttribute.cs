using System;
using System.Runtime.InteropServices;

namespace Cdylib;

/// <summary>
/// Exports a static method from the native library as a C function, the way Rust's
/// <c>#[no_mangle] extern "C" fn</c> does. The generated shim catches every exception, records it
/// as the calling thread's last error and returns the function's failure value instead.
/// </summary>
/// <remarks>
/// On a class, it makes the class an opaque handle type: C sees <c>typedef struct Name Name;</c>,
/// methods return and take <c>Name*</c>, the class's <c>[CExport]</c> instance methods take the
/// handle as their first parameter <c>self</c>, and a generated <c>PREFIX_name_free(Name*)</c>
/// frees it. An object has one handle at a time: each return of it (a singleton, <c>this</c>) gives
/// the same handle and one more owner to free, and the last free ends the handle and disposes the
/// object if it is <see cref="IDisposable"/>.
/// <para>
/// The header names structs, enums and handle types after the library, so they cannot collide with
/// another library's or the platform's: <c>Point</c> in library <c>bnd</c> is <c>bnd_Point</c>,
/// the constants of enum <c>Color</c> are <c>BND_COLOR_RED</c> (MSBuild's <c>CdylibTypePrefix</c>
/// changes the prefix for the whole library). <c>[CExport("name")]</c> on a class, struct or enum
/// gives its C name verbatim instead, e.g. <c>[CExport("Point")]</c> to keep the bare name; an
/// enum's constants are then that name in upper snake case.
/// </para>
/// <para>
/// On an interface, it lets C implement the interface: C fills a table of functions (its
/// <c>user_data</c>, one function per member, <c>release</c>) and passes it where the interface is
/// taken; C# code gets an object implementing the interface, whose finalizer calls <c>release</c>.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Interface, Inherited = false, AllowMultiple = false)]
public sealed class CExportAttribute : Attribute
{
    /// <summary>Exports the method under its own name, verbatim.</summary>
    public CExportAttribute()
    {
    }

    /// <summary>
    /// Exports the method under <paramref name="name"/>, which must be a valid C identifier; on a
    /// class, struct or enum, <paramref name="name"/> is its C type name, verbatim.
    /// </summary>
    public CExportAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The exported symbol name (or the type's C name), or <see langword="null"/> for the default.</summary>
    public string? Name { get; }

    /// <summary>
    /// The calling convention: <see cref="CallingConvention.Cdecl"/> (the default) is Rust's "C";
    /// <see cref="CallingConvention.Winapi"/> is Rust's "system" (stdcall on 32-bit x86 Windows,
    /// the C convention everywhere else); <see cref="CallingConvention.StdCall"/> is stdcall.
    /// </summary>
    public CallingConvention CallingConvention { get; set; } = CallingConvention.Cdecl;

    /// <summary>
    /// The status form: the C function returns an <c>int32_t</c> error code (0 on success) and the
    /// method's result goes through a trailing <c>out_result</c> pointer, so success and failure
    /// never share a value.
    /// </summary>
    public bool ReturnsStatus { get; set; }
}
