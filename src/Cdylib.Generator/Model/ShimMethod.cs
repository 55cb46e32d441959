using Cdylib.Abi.Model;

namespace Cdylib.Generator.Model;

/// <summary>A parameter of a shim: its C name (the shim uses it too, escaped for C#) and how it is marshalled.</summary>
internal sealed record ShimParameter(string Name, ValueMarshalling Marshalling);

/// <summary>
/// One generated <c>[UnmanagedCallersOnly]</c> entry point: everything the shim emitter needs,
/// as plain equatable values.
/// </summary>
/// <param name="EntryPoint">The exported symbol.</param>
/// <param name="Target">The fully qualified method the shim calls (<c>global::Api.HelloWorld</c>).</param>
/// <param name="Return">How the result comes back, or <see langword="null"/> for <c>void</c>.</param>
/// <param name="CatchesExceptions">False only for generated helpers that cannot throw.</param>
/// <param name="ReturnsStatus">The status form: the shim returns the error code and stores the result in <c>out_result</c>.</param>
/// <param name="HasReceiver">An instance method: the first parameter is the handle of the object whose method <see cref="Target"/> names.</param>
/// <param name="TransitionFree">
/// <c>[SuppressGCTransition]</c>: exported through <c>System.Runtime.RuntimeExportAttribute</c>, which ILC
/// compiles with no GC transition; the parameters are plain values, so the entry point only calls the method.
/// </param>
internal sealed record ShimMethod(
    string EntryPoint,
    AbiCallingConvention CallingConvention,
    string Target,
    ValueMarshalling? Return,
    EquatableArray<ShimParameter> Parameters,
    bool CatchesExceptions,
    bool ReturnsStatus = false,
    bool HasReceiver = false,
    bool TransitionFree = false);
