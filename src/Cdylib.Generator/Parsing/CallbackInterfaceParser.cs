using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Cdylib.Abi.Model;
using Cdylib.Generator.Diagnostics;
using Cdylib.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// Reads a <c>[CExport]</c> interface that C implements: the C table (<c>user_data</c>, one function per
/// member returning a status, <c>release</c>) and the proxy C# gets, or why a member cannot be
/// implemented from C (CDY0024).
/// </summary>
internal static class CallbackInterfaceParser
{
    /// <summary>Whether <paramref name="type"/> is an interface marked <c>[CExport]</c>.</summary>
    public static bool IsExported(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Interface } && type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == CExportGenerator.AttributeName);

    /// <summary>The interface's own export: its table struct and proxy model, or a diagnostic per member that cannot be.</summary>
    public static ExportResult Parse(INamedTypeSymbol type, Location location, TypeNaming naming, string sortKey, CancellationToken cancellationToken)
    {
        string display = type.ToDisplayString();
        Location nameLocation = type.Locations.FirstOrDefault() ?? location;
        var types = new TypeMapper(type.ContainingAssembly, naming);
        (CallbackInterface? model, AbiStruct? table, List<(ISymbol Member, string Why)> refusals) = Read(type, types, naming, cancellationToken);
        var diagnostics = refusals
            .Select(refusal => DiagnosticInfo.Create(Descriptors.UnsupportedInterfaceMember, refusal.Member.Locations.FirstOrDefault() ?? nameLocation, refusal.Member.Name, display, refusal.Why))
            .ToList();
        var result = new ExportResult(sortKey, display, LocationInfo.From(nameLocation), null, null, diagnostics.ToEquatableArray());
        return model is null ? result : result with
        {
            Interface = model,
            Enums = types.Enums.ToEquatableArray(),
            Structs = types.Structs.Where(s => s.Name != table!.Name).Append(table!).ToEquatableArray(),
        };
    }

    /// <summary>The table and proxy of <paramref name="type"/> (null when a member is refused), and the refusals.</summary>
    public static (CallbackInterface? Model, AbiStruct? Table, List<(ISymbol Member, string Why)> Refusals) Read(
        INamedTypeSymbol type, TypeMapper types, TypeNaming naming, CancellationToken cancellationToken)
    {
        // A parameter's `ILogger?` is the same interface: name and table come from its definition.
        type = type.OriginalDefinition;
        var refusals = new List<(ISymbol, string)>();
        var members = new List<CallbackMember>();
        var fields = new List<(string Name, AbiType Type, string? Doc)> { ("user_data", AbiType.VoidPointer, "Passed as it is to every function below.") };
        if (type.IsGenericType)
        {
            refusals.Add((type, "a generic interface has no single C table; export a non-generic interface"));
        }
        foreach (ISymbol member in new[] { type }.Concat(type.AllInterfaces).SelectMany(i => i.GetMembers()))
        {
            // Static members and members with a default body are C#'s own: C supplies only the abstract ones.
            if (member.IsStatic || !member.IsAbstract)
            {
                continue;
            }
            string? doc = DocComments.For(member, cancellationToken).Function.Summary;
            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Ordinary } method:
                    AddMethod(method, method.Name, AbiInterfaceMemberKind.Method, Snake(method.Name), doc);
                    break;
                case IPropertySymbol { IsIndexer: false } property:
                    if (property.GetMethod is { } getter)
                    {
                        AddMethod(getter, property.Name, AbiInterfaceMemberKind.Getter, "get_" + Snake(property.Name), doc);
                    }
                    if (property.SetMethod is { } setter)
                    {
                        AddMethod(setter, property.Name, AbiInterfaceMemberKind.Setter, "set_" + Snake(property.Name), doc);
                    }
                    break;
                case IMethodSymbol:
                    break; // accessors, seen through their property or event
                default:
                    refusals.Add((member, member is IPropertySymbol
                        ? "an indexer has no C function; use a method taking the index"
                        : "only methods and properties can be implemented from C; use a method taking a callback's parameters instead of an event"));
                    break;
            }
        }
        fields.Add(("release", new FunctionPointerType(AbiType.Void, new AbiType[] { AbiType.VoidPointer }.ToEquatableArray()),
            "Called once when C# no longer references the object made from this table (on the finalizer thread, at a time the GC decides); NULL when there is nothing to release."));
        if (refusals.Count > 0)
        {
            return (null, null, refusals);
        }

        string cName = naming.CName(type).Name;
        var table = new AbiStruct(
            cName,
            type.ToDisplayString(),
            fields.Select((field, i) => new AbiField(field.Name, field.Type, 8 * i, 4 * i, field.Doc)).ToEquatableArray(),
            new AbiLayout(8 * fields.Count, 8),
            new AbiLayout(4 * fields.Count, 4),
            (DocComments.For(type, cancellationToken).Function.Summary is { } summary ? summary + "\n\n" : "")
                + $"Implemented by the caller: pass a filled {cName} where {type.Name} is taken; C# copies it and calls its functions, from any thread. "
                + "Each function returns 0, or an error code (its message set first with the library's set_callback_error function), which C# sees as an exception.")
        {
            Interface = new AbiCallerInterface(members
                .Select(member => new AbiInterfaceMember(member.Field, member.Name, member.Kind, member.Parameters.Select(parameter => parameter.Name).ToEquatableArray(), member.Result?.Abi))
                .ToEquatableArray()),
        };
        return (new CallbackInterface(cName, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), type.ToDisplayString(), members.ToEquatableArray()), table, refusals);

        void AddMethod(IMethodSymbol method, string name, AbiInterfaceMemberKind kind, string field, string? doc)
        {
            string? why = method.IsGenericMethod ? "a generic method has no single C function" : null;
            var parameters = new List<ShimParameter>();
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                if (why is not null)
                {
                    break;
                }
                ValueMarshalling? marshalling = parameter.RefKind != RefKind.None || parameter.Type.TypeKind == TypeKind.Interface ? null : types.Parameter(parameter, out Refusal refusal);
                why = marshalling is { Kind: MarshalKind.Identity or MarshalKind.Bool } || marshalling is { Kind: MarshalKind.StringIn } && marshalling.ManagedType != TypeMapper.Utf8TextType
                    ? null
                    : $"its parameter '{parameter.Name}' ({parameter.Type.ToDisplayString()}) cannot be passed to C here: a caller-implemented member takes numbers, bool, enums, blittable structs, pointers and strings, by value";
                if (marshalling is not null && why is null)
                {
                    parameters.Add(new ShimParameter(parameter.Name, marshalling));
                }
            }
            ValueMarshalling? result = null;
            if (why is null && !method.ReturnsVoid)
            {
                result = method.ReturnsByRef || method.ReturnsByRefReadonly ? null : types.Return(method.ReturnType, out Refusal _);
                if (result is not { Kind: MarshalKind.Identity or MarshalKind.Bool })
                {
                    why = $"its result ({method.ReturnType.ToDisplayString()}) cannot come back from C here: a caller-implemented member returns numbers, bool, enums, blittable structs or pointers (a string would need C to keep it alive; return its length and fill a span, or take a callback)";
                }
            }
            if (why is not null)
            {
                refusals.Add((method.AssociatedSymbol ?? method, why));
                return;
            }
            var cParameters = new List<AbiType> { AbiType.VoidPointer };
            cParameters.AddRange(parameters.Select(p => p.Marshalling.Abi));
            if (result is not null)
            {
                cParameters.Add(new PointerType(result.Abi));
            }
            fields.Add((field, new FunctionPointerType(AbiType.Int32, cParameters.ToEquatableArray()), doc));
            members.Add(new CallbackMember(kind, name, field, parameters.ToEquatableArray(), result));
        }
    }

    private static string Snake(string name) => CNames.UpperSnake(name).ToLowerInvariant();
}
