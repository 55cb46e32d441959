using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable: users suppress and search for them.
/// Each message names the member and says what to do instead.
/// </summary>
internal static class Descriptors
{
    private const string Category = "Cdylib";

    public static readonly DiagnosticDescriptor MustBeStatic = Error(
        "CDY0001", "Exported method must be static",
        "'{0}' must be a static method with a body to be exported with [CExport]: make it static (not abstract or virtual), or export a static method that calls it; an instance method can also be exported by marking its (non-static) class [CExport], so C passes the object's handle as 'self'");

    public static readonly DiagnosticDescriptor MustNotBeGeneric = Error(
        "CDY0002", "Exported method must not be generic",
        "'{0}' is generic, but a C function has exactly one signature: export a non-generic method for each type argument you need");

    public static readonly DiagnosticDescriptor MustNotBeInGenericType = Error(
        "CDY0003", "Exported method must not be in a generic type",
        "'{0}' is declared in the generic type '{1}': move it to a non-generic type");

    public static readonly DiagnosticDescriptor MustBeAccessible = Error(
        "CDY0004", "Exported method must be reachable from the generated entry point",
        "'{0}' cannot be called by its generated entry point because '{1}' is {2}: make it internal or public");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Error(
        "CDY0005", "Parameter type cannot cross the C ABI",
        "Parameter '{0}' of '{1}' has type '{2}', which cannot cross the C ABI: {3}");

    public static readonly DiagnosticDescriptor UnsupportedReturn = Error(
        "CDY0006", "Return type cannot cross the C ABI",
        "'{0}' returns '{1}', which cannot cross the C ABI: {2}");

    public static readonly DiagnosticDescriptor InvalidName = Error(
        "CDY0007", "Export name is not a valid C identifier",
        "'{0}' cannot be the exported name of '{1}': {2}");

    public static readonly DiagnosticDescriptor DuplicateName = Error(
        "CDY0008", "Export name is used twice",
        "'{0}' is exported by both '{1}' and '{2}': give one of them another name with [CExport(\"name\")]");

    public static readonly DiagnosticDescriptor ReservedName = Error(
        "CDY0009", "Export name is taken by a generated helper",
        "'{0}', the exported name of '{1}', is the name of a function Cdylib generates for library '{2}': choose another name with [CExport(\"name\")]");

    public static readonly DiagnosticDescriptor UnsupportedCallingConvention = Error(
        "CDY0010", "Calling convention is not supported",
        "'{0}' asks for CallingConvention.{1}: use Cdecl (Rust's \"C\", the default), Winapi (Rust's \"system\") or StdCall");

    public static readonly DiagnosticDescriptor AlreadyUnmanagedCallersOnly = Error(
        "CDY0011", "Exported method must not be [UnmanagedCallersOnly]",
        "'{0}' has both [CExport] and [UnmanagedCallersOnly]: remove [UnmanagedCallersOnly], the generated shim is the entry point and catches exceptions");

    public static readonly DiagnosticDescriptor MustBeMethodOfType = Error(
        "CDY0012", "Only methods of a type can be exported",
        "'{0}' is a local function: move it to a static method of a class to export it");

    public static readonly DiagnosticDescriptor RuntimeMissing = Error(
        "CDY0013", "The Cdylib runtime is not referenced",
        "The generated entry points need the Cdylib library ('{0}' was not found): reference the Cdylib package instead of the generator alone");

    public static readonly DiagnosticDescriptor UnsafeCodeDisabled = Error(
        "CDY0014", "The generated entry points need unsafe code",
        "The project sets AllowUnsafeBlocks to false, but the generated entry points use pointers: remove the setting or set <AllowUnsafeBlocks>true</AllowUnsafeBlocks>");

    public static readonly DiagnosticDescriptor TypeNameClash = Error(
        "CDY0015", "Two types share a C name",
        "The types '{0}' and '{1}' would both be the C type '{2}': rename one of them, or give one another C name with [CExport(\"name\")]");

    public static readonly DiagnosticDescriptor InvalidAbiVersion = Error(
        "CDY0016", "CdylibAbiVersion is not a number",
        "CdylibAbiVersion is '{0}', but it must be a whole number from 0 to 4294967295");

    public static readonly DiagnosticDescriptor InvalidHandleType = Error(
        "CDY0017", "The class cannot be a handle type",
        "'{0}' cannot be exported as an opaque handle type: {1}");

    public static readonly DiagnosticDescriptor InvalidTypeName = Error(
        "CDY0018", "The C name given to a type is not valid",
        "'{0}' cannot be the C name of '{1}': {2}");

    public static readonly DiagnosticDescriptor InvalidTypePrefix = Error(
        "CDY0019", "CdylibTypePrefix is not valid",
        "CdylibTypePrefix is '{0}', but {1}");

    public static readonly DiagnosticDescriptor CNameTaken = Error(
        "CDY0020", "A C name in the header is taken",
        "'{0}', the C name of {1}, is already {2}: rename one of them, or give the type another C name with [CExport(\"name\")]");

    public static readonly DiagnosticDescriptor NotTransitionFree = Error(
        "CDY0021", "The export cannot run without the GC transition",
        "'{0}' is marked [SuppressGCTransition], so it is exported without the GC transition, but {1}");

    public static readonly DiagnosticDescriptor CouldBeTransitionFree = Info(
        "CDY0022", "The export could run without the GC transition",
        "'{0}' takes and returns only plain values and cannot allocate or throw: mark it [SuppressGCTransition] to export it without the GC transition (a call costs a third, and a process that calls only such exports never starts the runtime)");

    public static readonly DiagnosticDescriptor UnsupportedInterfaceMember = Error(
        "CDY0024", "Interface member cannot be implemented from C",
        "'{0}' of '{1}' cannot be implemented by a C caller: {2}");

    public static readonly DiagnosticDescriptor TransitionFreeNeeds64Bit = Error(
        "CDY0023", "Exports without the GC transition need a 64-bit target",
        "'{0}' is marked [SuppressGCTransition], but on {1} the managed calling convention is not the C one, so C cannot call it directly: remove [SuppressGCTransition] for this target");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    // A suggestion: the code is fine as it is.
    private static DiagnosticDescriptor Info(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Info, isEnabledByDefault: true);
}
