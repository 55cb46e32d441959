using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Cdylib.Abi.Model;
using Cdylib.Generator.Diagnostics;
using Cdylib.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// Reads one <c>[CExport]</c> method into an <see cref="ExportResult"/>: the C function it becomes,
/// its shim, and a diagnostic for everything that stops it from being exported.
/// </summary>
internal static class ExportParser
{
    internal static readonly SymbolDisplayFormat ManagedNameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType);

    public static ExportResult Parse(GeneratorAttributeSyntaxContext context, TypeNaming naming, CancellationToken cancellationToken)
    {
        // '/' everywhere, so the order (and the header) is the same whichever OS built it.
        string sortKey = $"{context.TargetNode.SyntaxTree.FilePath.Replace('\\', '/')}:{context.TargetNode.SpanStart:D10}";
        if (context.TargetSymbol is INamedTypeSymbol { TypeKind: TypeKind.Interface } contract)
        {
            return CallbackInterfaceParser.Parse(contract, context.TargetNode.GetLocation(), naming, sortKey, cancellationToken);
        }
        if (context.TargetSymbol is INamedTypeSymbol type)
        {
            return type.TypeKind is TypeKind.Struct or TypeKind.Enum
                ? NamedType(type, context.Attributes[0], sortKey)
                : HandleTypeParser.Parse(type, context.TargetNode.GetLocation(), naming, sortKey, cancellationToken);
        }

        var method = (IMethodSymbol)context.TargetSymbol;
        AttributeData attribute = context.Attributes[0];
        Location location = context.TargetNode.GetLocation();
        Location nameLocation = method.Locations.FirstOrDefault() ?? location;
        string managedName = method.ToDisplayString(ManagedNameFormat);
        var diagnostics = new List<DiagnosticInfo>();

        ExportResult Result(AbiFunction? function, ShimMethod? shim) =>
            new(sortKey, managedName, LocationInfo.From(nameLocation), function, shim, diagnostics.ToEquatableArray());

        if (method.MethodKind == MethodKind.LocalFunction)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.MustBeMethodOfType, nameLocation, managedName));
            return Result(null, null);
        }

        CheckShape(method, managedName, nameLocation, diagnostics);
        string exportName = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? method.Name;
        if (CNames.WhyInvalid(exportName) is { } why)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidName, AttributeLocation(attribute) ?? nameLocation, exportName, managedName, why));
        }
        AbiCallingConvention? convention = CallingConventionOf(attribute, managedName, nameLocation, diagnostics);

        if (method.IsGenericMethod)
        {
            return Result(null, null); // its signature mentions type parameters: CDY0002 says it all
        }

        DocComments docs = DocComments.For(method, cancellationToken);
        var types = new TypeMapper(method.ContainingAssembly, naming);
        bool returnsStatus = NamedArgument(attribute, "ReturnsStatus") is true;
        AsyncExport? async = AsyncExport.Of(method);
        ITypeSymbol? iteratorItem = async is null ? IteratorExport.ItemOf(method) : null;
        ValueMarshalling? returns =
            async is not null ? MapWrappedResult(method, managedName, types, returnsStatus, diagnostics, async.Result, "an async export",
                "whose status arrives with its result through the completion callback", "starts an operation on the runtime", AsyncExport.WhyNotResult)
            : iteratorItem is not null ? MapWrappedResult(method, managedName, types, returnsStatus, diagnostics, iteratorItem, "an iterator export",
                "whose next function says itself whether an item came", "returns a sequence the runtime enumerates", IteratorExport.WhyNotItem)
            : MapReturn(method, managedName, types, returnsStatus, diagnostics);
        // An instance method of a [CExport] class takes the object's handle first, as `self`.
        var parameters = new List<(string Name, ValueMarshalling Marshalling, string? Doc)>();
        var declared = new List<(IParameterSymbol Symbol, ValueMarshalling Marshalling)>();
        bool hasReceiver = !method.IsStatic;
        if (hasReceiver)
        {
            parameters.Add(("self", types.Self(method.ContainingType), $"The {method.ContainingType.Name} whose {method.Name} is called."));
        }
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (async is not null && async.Supplies(parameter))
            {
                continue; // the operation's own token: NAME_op_cancel sets it
            }
            if (MapParameter(parameter, managedName, types, diagnostics) is { } marshalling)
            {
                parameters.Add((parameter.Name, marshalling, docs.Parameter(parameter.Name)));
                declared.Add((parameter, marshalling));
            }
        }
        bool transitionFree = TransitionFreeExport.IsRequested(method);
        if (transitionFree && diagnostics.Count == 0)
        {
            diagnostics.AddRange(TransitionFreeExport.Refusals(method, managedName, returnsStatus, returns, declared, context.SemanticModel, cancellationToken));
        }

        if (diagnostics.Count > 0 || convention is null)
        {
            return Result(null, null);
        }

        if (async is not null)
        {
            var callback = AsyncExport.CallbackType(returns);
            parameters.Add((AsyncExport.CallbackName, new ValueMarshalling(callback, AsyncExport.CallbackShimType(returns), "", MarshalDirection.Untouched),
                "Called once when the operation ended, on the thread it ended on (possibly before this function returns): user_data, the status (0, or the error code, also the thread's last error)"
                + (returns is null ? "" : ", and the result (owned by the callback as a return value would be; zero on failure)") + ". NULL to use the wait function instead."));
            parameters.Add((AsyncExport.UserDataName, new ValueMarshalling(AbiType.VoidPointer, "void*", "void*", MarshalDirection.Untouched), "Passed to the callback as it is."));
        }
        IReadOnlyList<string> cNames = CNames.Parameters(parameters.Select(p => (p.Name, p.Marshalling.Kind == MarshalKind.SpanIn)));
        // Values that convert without checks, and a body that cannot throw: the catch would be vacuous.
        bool catches = !transitionFree && !(parameters.All(p => p.Marshalling.Kind is MarshalKind.Identity or MarshalKind.Bool)
            && returns?.Kind is null or MarshalKind.Identity or MarshalKind.Bool
            && ThrowAnalysis.CannotThrow(method, context.TargetNode, context.SemanticModel, cancellationToken));
        string target = hasReceiver ? EscapeIdentifier(method.Name) : $"{method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}.{EscapeIdentifier(method.Name)}";
        if (async is not null)
        {
            (AbiFunction start, ShimMethod startShim) = async.Start(
                exportName, convention.Value, managedName, target, docs.Function, returns,
                cNames.Zip(parameters, (cName, p) => (cName, p.Marshalling, p.Doc)).ToList());
            return Result(start, startShim with { HasReceiver = hasReceiver }) with { Enums = types.Enums.ToEquatableArray(), Structs = types.Structs.ToEquatableArray() };
        }
        var function = new AbiFunction(
            exportName,
            convention.Value,
            returns?.Abi ?? AbiType.Void,
            cNames.Zip(parameters, (cName, p) => new AbiParameter(cName, p.Marshalling.Abi, p.Doc)).ToEquatableArray(),
            AbiFunctionOrigin.Declared,
            managedName,
            docs.Function,
            returnsStatus);
        var shim = new ShimMethod(
            exportName,
            convention.Value,
            target,
            returns,
            cNames.Zip(parameters, (cName, p) => new ShimParameter(cName, p.Marshalling)).ToEquatableArray(),
            catches,
            returnsStatus,
            hasReceiver,
            transitionFree);
        if (iteratorItem is not null)
        {
            (function, shim) = IteratorExport.Start(function, shim with { CatchesExceptions = true }, returns!);
        }
        return Result(function, shim) with { Enums = types.Enums.ToEquatableArray(), Structs = types.Structs.ToEquatableArray() };
    }

    /// <summary>
    /// <c>[CExport("name")]</c> on a struct or enum: the C name the header gives it (the type itself
    /// crosses when an export uses it). Only the name is checked here, at the attribute.
    /// </summary>
    private static ExportResult NamedType(INamedTypeSymbol type, AttributeData attribute, string sortKey)
    {
        string display = type.ToDisplayString();
        Location location = AttributeLocation(attribute) ?? type.Locations.First();
        var diagnostics = new List<DiagnosticInfo>();
        if (TypeNaming.ExplicitName(type) is { } name && CNames.WhyInvalidTypeName(name) is { } why)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidTypeName, location, name, display, why));
        }
        return new ExportResult(sortKey, display, LocationInfo.From(location), null, null, diagnostics.ToEquatableArray());
    }

    private static object? NamedArgument(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(argument => argument.Key == name).Value.Value;

    private static void CheckShape(IMethodSymbol method, string managedName, Location location, List<DiagnosticInfo> diagnostics)
    {
        // A static abstract or virtual interface member has no body to call without a type argument;
        // an instance method needs an object, which only a [CExport] class's handle provides.
        bool onHandle = !method.IsStatic && method.ContainingType.TypeKind == TypeKind.Class && TypeMapper.IsHandleType(method.ContainingType);
        if ((!method.IsStatic && !onHandle) || method.IsAbstract || (method.IsStatic && method.IsVirtual))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.MustBeStatic, location, managedName));
        }
        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.MustNotBeGeneric, location, managedName));
        }
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.TypeParameters.Length > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.MustNotBeInGenericType, location, managedName, type.ToDisplayString()));
                break;
            }
        }
        if (Unreachable(method) is { } blocker)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.MustBeAccessible, location, managedName, blocker.Symbol.Name, blocker.Why));
        }
        if (method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.UnmanagedCallersOnlyAttribute"))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.AlreadyUnmanagedCallersOnly, location, managedName));
        }
    }

    /// <summary>The method or containing type that hides the method from a shim elsewhere in the assembly, and why.</summary>
    private static (ISymbol Symbol, string Why)? Unreachable(IMethodSymbol method)
    {
        for (ISymbol? symbol = method; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            switch (symbol)
            {
                case INamedTypeSymbol { IsFileLocal: true }:
                    return (symbol, "file-local");
                case { DeclaredAccessibility: Accessibility.Private }:
                    return (symbol, "private");
                case { DeclaredAccessibility: Accessibility.Protected }:
                    return (symbol, "protected");
                case { DeclaredAccessibility: Accessibility.ProtectedAndInternal }:
                    return (symbol, "private protected");
            }
        }
        return null;
    }

    private static AbiCallingConvention? CallingConventionOf(AttributeData attribute, string managedName, Location location, List<DiagnosticInfo> diagnostics)
    {
        var convention = CallingConvention.Cdecl;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == "CallingConvention" && named.Value.Value is int value)
            {
                convention = (CallingConvention)value;
            }
        }
        switch (convention)
        {
            case CallingConvention.Cdecl:
                return AbiCallingConvention.C;
            case CallingConvention.Winapi:
                return AbiCallingConvention.System;
            case CallingConvention.StdCall:
                return AbiCallingConvention.Stdcall;
            default:
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedCallingConvention, AttributeLocation(attribute) ?? location, managedName, convention.ToString()));
                return null;
        }
    }

    private static ValueMarshalling? MapReturn(IMethodSymbol method, string managedName, TypeMapper types, bool returnsStatus, List<DiagnosticInfo> diagnostics)
    {
        if (method.ReturnsVoid)
        {
            return null;
        }
        ValueMarshalling? marshalling = types.Return(method.ReturnType, out Refusal why);
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            // The value itself may cross: then it is the replacement, else what it has against it.
            why = marshalling is null
                ? why.After("a ref return has no C form, and neither has its value")
                : Refusal.Use("a ref return has no C form", method.ReturnType.ToDisplayString(), $"the value; or a pointer to it, '{method.ReturnType.ToDisplayString()}*'");
            marshalling = null;
        }
        if (marshalling is { Kind: MarshalKind.ArrayOut } && returnsStatus)
        {
            why = "the status form cannot return an array (it already has an out_len); drop ReturnsStatus, the array's NULL says it failed";
            marshalling = null;
        }
        if (marshalling is null)
        {
            Location location = (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax)?.ReturnType.GetLocation()
                ?? method.Locations.First();
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedReturn, location, managedName, method.ReturnType.ToDisplayString(), why.Reason) with { Replacement = why.Replacement });
        }
        return marshalling;
    }

    /// <summary>
    /// What an async export awaits or an iterator export yields (<paramref name="inner"/>; null for
    /// Task and ValueTask), or null with a diagnostic when it cannot cross or the export asks for
    /// what does not apply to it.
    /// </summary>
    private static ValueMarshalling? MapWrappedResult(IMethodSymbol method, string managedName, TypeMapper types, bool returnsStatus, List<DiagnosticInfo> diagnostics,
        ITypeSymbol? inner, string kind, string statusElsewhere, string onRuntime, System.Func<ValueMarshalling, string?> whyNot)
    {
        string? why = null;
        ValueMarshalling? result = null;
        if (returnsStatus)
        {
            why = $"ReturnsStatus does not apply to {kind}, {statusElsewhere}; remove ReturnsStatus";
        }
        else if (TransitionFreeExport.IsRequested(method))
        {
            why = $"{kind} {onRuntime}, so it cannot be transition-free; remove [SuppressGCTransition]";
        }
        else if (inner is not null)
        {
            result = types.Return(inner, out Refusal refusal);
            why = result is null ? $"its {(kind == "an iterator export" ? "items" : "result")} '{inner.ToDisplayString()}' cannot: {refusal.Reason}" : whyNot(result);
        }
        if (why is not null)
        {
            Location location = (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax)?.ReturnType.GetLocation()
                ?? method.Locations.First();
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedReturn, location, managedName, method.ReturnType.ToDisplayString(), why));
            return null;
        }
        return result;
    }

    private static ValueMarshalling? MapParameter(IParameterSymbol parameter, string managedName, TypeMapper types, List<DiagnosticInfo> diagnostics)
    {
        Refusal why = default;
        ValueMarshalling? marshalling = AsyncExport.IsCancellationToken(parameter.Type)
            ? null
            : types.Parameter(parameter, out why);
        if (AsyncExport.IsCancellationToken(parameter.Type))
        {
            why = "a CancellationToken is taken as the last parameter of an async export (one returning Task or ValueTask), where its operation's cancel function sets it; make it the last parameter, by value";
        }
        if (marshalling is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedParameter, parameter.Locations.FirstOrDefault(), parameter.Name, managedName, parameter.Type.ToDisplayString(), why.Reason) with { Replacement = why.Replacement });
        }
        return marshalling;
    }

    private static Location? AttributeLocation(AttributeData attribute) => attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation();

    /// <summary>Method and parameter names that are C# keywords need '@' in generated C#.</summary>
    internal static string EscapeIdentifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
}
