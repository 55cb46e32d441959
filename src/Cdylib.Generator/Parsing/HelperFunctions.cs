using System.Collections.Generic;
using Cdylib.Abi.Model;
using Cdylib.Generator.Model;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// The functions every library exports besides its author's, named with the library's prefix so
/// two Cdylib libraries in one process never collide.
/// </summary>
internal static class HelperFunctions
{
    private const string LastError = "global::Cdylib.Runtime.LastError";

    public static IEnumerable<(AbiFunction Function, ShimMethod Shim)> For(string prefix)
    {
        yield return Helper(
            $"{prefix}_last_error_code", AbiType.Int32, "int", $"{LastError}.GetCode",
            new AbiDoc(
                $"The code of the last error recorded on the calling thread: {prefix.ToUpperInvariant()}_ERROR_NONE (0) when none.",
                null,
                "A failing call sets it and a successful call leaves it as it was, like errno: read it after a call returned its failure value, or clear it before the call."));
        yield return Helper(
            $"{prefix}_last_error_message", AbiType.ConstCharPointer, "byte*", $"{LastError}.GetMessage",
            new AbiDoc(
                "The message of the last error recorded on the calling thread, as NUL-terminated UTF-8; an empty string when none.",
                null,
                "The library owns the text: it stays valid until the next error on this thread or the next clear; never free it."));
        yield return Helper(
            $"{prefix}_clear_last_error", AbiType.Void, null, $"{LastError}.Clear",
            new AbiDoc("Forgets the last error of the calling thread.", null, null));
    }

    private static (AbiFunction, ShimMethod) Helper(string name, AbiType returns, string? shimType, string target, AbiDoc doc)
    {
        var function = new AbiFunction(name, AbiCallingConvention.C, returns, EquatableArray<AbiParameter>.Empty, AbiFunctionOrigin.Helper, target.Replace("global::", ""), doc);
        ValueMarshalling? marshalling = shimType is null ? null : new ValueMarshalling(returns, shimType, shimType, MarshalKind.Identity);
        var shim = new ShimMethod(name, AbiCallingConvention.C, target, marshalling, EquatableArray<ShimParameter>.Empty, CatchesExceptions: false);
        return (function, shim);
    }
}
