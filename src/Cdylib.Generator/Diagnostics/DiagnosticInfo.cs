using System.Collections.Immutable;
using System.Linq;
using Cdylib.Abi.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Cdylib.Generator.Diagnostics;

/// <summary>
/// Where a diagnostic points, kept as plain values: a <see cref="Location"/> holds its syntax tree
/// alive and compares by reference, which would defeat the generator's caching.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}

/// <summary>A diagnostic as data: it travels beside the model through the pipeline and is reported at the end, never thrown.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    /// <summary>
    /// C# that replaces the refused parameter's modifiers and type, or the return type, and compiles
    /// (see <see cref="Parsing.Refusal"/>): reported as the diagnostic property <c>Replacement</c>.
    /// </summary>
    public string? Replacement { get; init; }

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        new(descriptor, LocationInfo.From(location), arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(
            Descriptor,
            Location?.ToLocation(),
            Replacement is null ? null : ImmutableDictionary<string, string?>.Empty.Add(Parsing.Refusal.PropertyName, Replacement),
            Arguments.Cast<object>().ToArray());
}
