using System.Collections.Generic;
using Cdylib.Abi.Model;
using Cdylib.Generator.Emission;
using Cdylib.Generator.Model;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// The functions every library exports besides its author's, named with the library's prefix so
/// two Cdylib libraries in one process never collide.
/// </summary>
internal static class HelperFunctions
{
    private const string LastError = "global::Cdylib.Runtime.LastError";
    private const string Allocations = "global::Cdylib.Runtime.NativeAllocations";
    private const string Manifest = "global::" + ManifestEmitter.Namespace + "." + ManifestEmitter.ClassName;

    public static IEnumerable<(AbiFunction Function, ShimMethod Shim)> For(string prefix)
    {
        string upper = prefix.ToUpperInvariant();
        yield return Helper(
            AbiHelperRole.Init, $"{prefix}_init", AbiType.Void, null, "global::Cdylib.Runtime.Startup.Initialize",
            new AbiDoc(
                "Starts the library's runtime now instead of on the first call (which otherwise takes about a millisecond longer).",
                null,
                "Optional, idempotent and safe to call from any thread, as often as you like."),
            canFail: true);
        yield return Helper(
            AbiHelperRole.LastErrorCode, $"{prefix}_last_error_code", AbiType.Int32, "int", $"{LastError}.GetCode",
            new AbiDoc(
                $"The code of the last error recorded on the calling thread: {upper}_ERROR_NONE (0) when none.",
                null,
                "A failing call sets it and a successful call leaves it as it was, like errno: read it after a call returned its failure value, or clear it before the call."));
        yield return Helper(
            AbiHelperRole.LastErrorMessage, $"{prefix}_last_error_message", AbiType.ConstCharPointer, "byte*", $"{LastError}.GetMessage",
            new AbiDoc(
                "The message of the last error recorded on the calling thread, as NUL-terminated UTF-8; an empty string when none.",
                null,
                "The library owns the text: it stays valid until the next error on this thread or the next clear; never free it."));
        yield return Helper(
            AbiHelperRole.ClearLastError, $"{prefix}_clear_last_error", AbiType.Void, null, $"{LastError}.Clear",
            new AbiDoc("Forgets the last error of the calling thread.", null, null));
        yield return Helper(
            AbiHelperRole.FreeString, $"{prefix}_free_string", AbiType.Void, null, $"{Allocations}.FreeString",
            new AbiDoc(
                "Frees a string this library returned. NULL is ignored.",
                null,
                $"Only this function may free the library's strings: it has its own allocator, so free() is never right. A pointer the library did not return, or returned and already took back, is refused with {upper}_ERROR_INVALID_ARGUMENT (as far as it can tell)."),
            new AbiParameter("text", AbiType.CharPointer, "The string to free."), "byte*", canFail: true);
        yield return Helper(
            AbiHelperRole.FreeBuffer, $"{prefix}_free_buffer", AbiType.Void, null, $"{Allocations}.FreeBuffer",
            new AbiDoc(
                "Frees an array this library returned. NULL is ignored.",
                null,
                $"Only this function may free the library's arrays; other pointers are refused with {upper}_ERROR_INVALID_ARGUMENT (as far as it can tell)."),
            new AbiParameter("buffer", AbiType.VoidPointer, "The array to free."), "void*", canFail: true);
        yield return Helper(
            AbiHelperRole.LiveAllocations, $"{prefix}_live_allocations", AbiType.Int64, "long", $"{Allocations}.GetLive",
            new AbiDoc("How many strings and arrays this library has returned that were not freed yet: 0 when nothing leaks.", null, null));
        yield return Helper(
            AbiHelperRole.LiveHandles, $"{prefix}_live_handles", AbiType.Int64, "long", "global::Cdylib.Runtime.Handles.GetLive",
            new AbiDoc("How many handles this library has handed out that were not freed yet: 0 when nothing leaks.", null, null));
        yield return Helper(
            AbiHelperRole.AbiVersion, $"{prefix}_abi_version", AbiType.UInt32, "uint", $"{Manifest}.{ManifestEmitter.AbiVersionMethod}",
            new AbiDoc($"The library's ABI version; {upper}_ABI_VERSION is the header's.", null, null));
        yield return Helper(
            AbiHelperRole.ApiHash, $"{prefix}_api_hash", AbiType.UInt64, "ulong", $"{Manifest}.{ManifestEmitter.ApiHashMethod}",
            new AbiDoc($"A hash of every declaration the library was built with; {upper}_API_HASH is the header's. They differ when the header does not describe the loaded library.", null, null));
    }

    /// <summary>
    /// <c>PREFIX_set_callback_error(code, message)</c>: a caller's implementation of a <c>[CExport]</c>
    /// interface calls it before returning a non-zero status, and C# throws that code and message.
    /// </summary>
    public static (AbiFunction Function, ShimMethod Shim) SetCallbackError(string prefix)
    {
        string name = $"{prefix}_set_callback_error";
        var function = new AbiFunction(
            name, AbiCallingConvention.C, AbiType.Void,
            new[]
            {
                new AbiParameter("code", AbiType.Int32, "The code the function is about to return (not 0)."),
                new AbiParameter("message", AbiType.ConstCharPointer, "What went wrong, as UTF-8 (copied); NULL for none."),
            }.ToEquatableArray(),
            AbiFunctionOrigin.Helper, "Cdylib.Runtime.CallerImplemented.SetError",
            new AbiDoc(
                "Called by your implementation of an interface this library takes, before it returns a non-zero status: C# sees an exception with this code and message.",
                null,
                "It applies to the status returned next on the calling thread; a status returned without it gets a message naming the member and the code."))
        {
            Role = AbiHelperRole.SetCallbackError,
        };
        var shim = new ShimMethod(name, AbiCallingConvention.C, "global::Cdylib.Runtime.CallerImplemented.SetError", null,
            new[]
            {
                new ShimParameter("code", new ValueMarshalling(AbiType.Int32, "int", "int", MarshalDirection.Untouched)),
                new ShimParameter("message", new ValueMarshalling(AbiType.ConstCharPointer, "byte*", "byte*", MarshalDirection.Untouched)),
            }.ToEquatableArray(),
            CatchesExceptions: true);
        return (function, shim);
    }

    /// <param name="canFail">The free functions refuse pointers and init starts things: their shims catch; the rest only read state.</param>
    private static (AbiFunction, ShimMethod) Helper(AbiHelperRole role, string name, AbiType returns, string? shimType, string target, AbiDoc doc,
        AbiParameter? parameter = null, string? parameterShimType = null, bool canFail = false)
    {
        var parameters = parameter is null ? EquatableArray<AbiParameter>.Empty : new[] { parameter }.ToEquatableArray();
        var shimParameters = parameter is null
            ? EquatableArray<ShimParameter>.Empty
            : new[] { new ShimParameter(parameter.Name, new ValueMarshalling(parameter.Type, parameterShimType!, parameterShimType!, MarshalDirection.Untouched)) }.ToEquatableArray();
        var function = new AbiFunction(name, AbiCallingConvention.C, returns, parameters, AbiFunctionOrigin.Helper, target.Replace("global::", ""), doc) { Role = role };
        ValueMarshalling? marshalling = shimType is null ? null : new ValueMarshalling(returns, shimType, shimType, MarshalDirection.Untouched);
        var shim = new ShimMethod(name, AbiCallingConvention.C, target, marshalling, shimParameters, CatchesExceptions: canFail);
        return (function, shim);
    }
}
