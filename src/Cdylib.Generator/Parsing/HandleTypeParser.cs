using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Cdylib.Abi.Model;
using Cdylib.Generator.Diagnostics;
using Cdylib.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Parsing;

/// <summary>Reads a <c>[CExport]</c> class: the opaque handle type it declares, or why it cannot be one.</summary>
internal static class HandleTypeParser
{
    public static ExportResult Parse(INamedTypeSymbol type, Location location, TypeNaming naming, string sortKey, CancellationToken cancellationToken)
    {
        Location nameLocation = type.Locations.FirstOrDefault() ?? location;
        string display = type.ToDisplayString();
        var diagnostics = new List<DiagnosticInfo>();
        (string cName, bool isExplicit) = naming.CName(type);
        string? why =
            type.TypeKind != TypeKind.Class || type.IsStatic ? "only a class whose objects C can hold can be a handle type; remove [CExport] from the type, or make it a non-static class"
            : type.IsGenericType ? "a generic class has no single C type; export a non-generic class"
            : type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal || type.IsFileLocal ? "the class must be internal or public"
            : CNames.WhyInvalidTypeName(cName) is { } invalid
                ? isExplicit
                    ? $"'{cName}', the C name its [CExport(\"name\")] gives, is not valid: {invalid}"
                    : $"its C name would be '{cName}', which is not valid: {invalid}; give it another with [CExport(\"name\")]"
            : null;
        if (why is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidHandleType, nameLocation, display, why));
        }
        var result = new ExportResult(sortKey, display, LocationInfo.From(nameLocation), null, null, diagnostics.ToEquatableArray());
        return why is not null ? result : result with
        {
            Handle = new HandleType(type.Name, cName, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), display, DocComments.For(type, cancellationToken).Function.Summary),
        };
    }

    /// <summary>
    /// The free function of a handle type: <c>PREFIX_snake_name_free</c> after the class's C# name
    /// (whatever its C type name), and its shim.
    /// </summary>
    public static (AbiFunction Function, ShimMethod Shim, AbiHandle Handle) FreeFunction(HandleType handle, string prefix) =>
        FreeFunction(handle, $"{prefix}_{CNames.UpperSnake(handle.Name).ToLowerInvariant()}_free", prefix);

    /// <summary>
    /// A handle type the generator makes for an async or iterator export (its class nested in the
    /// generated <c>CExports</c>), and its free function <paramref name="freeName"/> with its own docs.
    /// </summary>
    public static (AbiFunction Function, ShimMethod Shim, AbiHandle Handle) Generated(
        string className, string cName, string display, string doc, string freeName, string prefix, string freeSummary, string freeRemarks)
    {
        string managed = $"global::Cdylib.Generated.{Emission.ShimEmitter.ClassName}.{className}";
        (AbiFunction free, ShimMethod shim, AbiHandle handle) = FreeFunction(new HandleType(className, cName, managed, display, doc), freeName, prefix);
        string invalid = $"The other functions refuse a freed handle with {prefix.ToUpperInvariant()}_ERROR_INVALID_HANDLE.";
        return (free with { Doc = new AbiDoc(freeSummary, null, freeRemarks + " " + invalid) }, shim, handle);
    }

    /// <summary>The free function <paramref name="name"/> of a handle type, and its shim.</summary>
    public static (AbiFunction Function, ShimMethod Shim, AbiHandle Handle) FreeFunction(HandleType handle, string name, string prefix)
    {
        var type = new HandleRef(handle.CName);
        var function = new AbiFunction(
            name,
            AbiCallingConvention.C,
            AbiType.Void,
            new[] { new AbiParameter("handle", type, "The handle to free (one owner of it); NULL is ignored.") }.ToEquatableArray(),
            AbiFunctionOrigin.Helper,
            $"Cdylib.Runtime.Handles.Free<{handle.Display}>",
            new AbiDoc(
                $"Frees one owner of a {handle.CName} handle: every return of the handle is an owner, the same object always comes back as the same handle, and only the last free ends it and disposes its object if it is IDisposable. NULL is ignored.",
                null,
                $"A handle with no owner left (freed as often as it was returned), or one never handed out, is refused with {prefix.ToUpperInvariant()}_ERROR_INVALID_HANDLE; using a handle after its last free is refused the same way."))
        {
            Role = AbiHelperRole.HandleFree,
        };
        var shim = new ShimMethod(
            name,
            AbiCallingConvention.C,
            $"global::Cdylib.Runtime.Handles.Free<{handle.Managed}>",
            null,
            new[] { new ShimParameter("handle", new ValueMarshalling(type, "void*", "void*", MarshalDirection.Untouched)) }.ToEquatableArray(),
            CatchesExceptions: true);
        return (function, shim, new AbiHandle(handle.CName, handle.Display, name, handle.Doc));
    }
}
