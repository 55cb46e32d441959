using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Cdylib.Abi.Model;
using Cdylib.Generator.Diagnostics;
using Cdylib.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// <c>[CExport]</c> with <c>[SuppressGCTransition]</c>: the method is exported as it is, with no shim
/// and no GC transition (see <see cref="TransitionFreeRules"/> for what that demands of its body).
/// Its signature must therefore already be C's: plain values that need no conversion.
/// </summary>
internal static class TransitionFreeExport
{
    public const string AttributeName = "System.Runtime.InteropServices.SuppressGCTransitionAttribute";

    public static bool IsRequested(IMethodSymbol method) =>
        method.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == AttributeName);

    /// <summary>Why the export cannot run without the GC transition: one CDY0021 per construct, where it is.</summary>
    public static List<DiagnosticInfo> Refusals(
        IMethodSymbol method,
        string managedName,
        bool returnsStatus,
        ValueMarshalling? returns,
        IReadOnlyList<(IParameterSymbol Symbol, ValueMarshalling Marshalling)> parameters,
        SemanticModel model,
        CancellationToken cancellationToken)
    {
        var problems = new List<(Location? Location, string Reason)>();
        Location nameLocation = method.Locations.FirstOrDefault() ?? Location.None;
        if (!method.IsStatic)
        {
            problems.Add((nameLocation, "an instance method is called on the object behind its handle, which only the runtime can look up: export a static method that takes plain values"));
        }
        if (returnsStatus)
        {
            problems.Add((nameLocation, "the status form reports exceptions, and a transition-free export cannot throw: drop ReturnsStatus"));
        }
        foreach ((IParameterSymbol parameter, ValueMarshalling marshalling) in parameters)
        {
            if (WhyConverted(marshalling, parameter.Type.ToDisplayString()) is { } why)
            {
                problems.Add((parameter.Locations.FirstOrDefault(), $"parameter '{parameter.Name}' {why}"));
            }
        }
        if (returns is not null && WhyConverted(returns, method.ReturnType.ToDisplayString()) is { } returnWhy)
        {
            problems.Add((nameLocation, $"its result {returnWhy}"));
        }
        if (problems.Count == 0)
        {
            problems.AddRange(TransitionFreeRules.Check(method, model, cancellationToken).Select(v => ((Location?)v.Location, v.Reason)));
        }
        return problems
            .Select(problem => DiagnosticInfo.Create(Descriptors.NotTransitionFree, problem.Location ?? nameLocation, managedName, problem.Reason))
            .ToList();
    }

    /// <summary>Whether an export without the attribute would pass every rule (for the CDY0022 suggestion).</summary>
    public static bool Qualifies(IMethodSymbol method, TypeMapper types, SemanticModel model, CancellationToken cancellationToken)
    {
        if (!method.IsStatic || method.IsGenericMethod || method.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }
        if (!method.ReturnsVoid && (method.ReturnsByRef || method.ReturnsByRefReadonly || types.Return(method.ReturnType, out _) is not { } returns || WhyConverted(returns, "") is not null))
        {
            return false;
        }
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (types.Parameter(parameter, out _) is not { } marshalling || WhyConverted(marshalling, "") is not null)
            {
                return false;
            }
        }
        return TransitionFreeRules.Check(method, model, cancellationToken).Count == 0;
    }

    // Only values C and C# lay out and pass the same way cross without a shim to convert them.
    private static string? WhyConverted(ValueMarshalling marshalling, string type) => marshalling.Kind switch
    {
        MarshalKind.Identity => null,
        MarshalKind.Bool => "is 'bool', which C# and C store differently (the shim converts it): use 'byte' (0 or 1)",
        MarshalKind.Reference => $"is '{type}' by reference, which the shim checks for NULL: use a pointer",
        _ => $"is '{type}', which the shim converts from its C form ({CSpelling.Of(marshalling.Abi)}): a transition-free export takes only numbers, pointers, enums and structs of those",
    };
}
