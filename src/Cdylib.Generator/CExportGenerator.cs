using Cdylib.Generator.Emission;
using Cdylib.Generator.Model;
using Cdylib.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cdylib.Generator;

/// <summary>
/// [CExport] methods → one equatable <see cref="ExportResult"/> each → the library model → the
/// shims and the ABI manifest. Every step is equatable, so an edit that changes no export
/// re-emits nothing (the tests check the tracked steps stay cached).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CExportGenerator : IIncrementalGenerator
{
    public const string AttributeName = "Cdylib.CExportAttribute";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The C names of the types the exports use depend on CdylibName and CdylibTypePrefix.
        IncrementalValueProvider<TypeNaming> naming = context.AnalyzerConfigOptionsProvider
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName))
            .Select(static (pair, _) => TypeNaming.From(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Naming);

        // As LibraryImportGenerator does: the attribute's target with the settings it needs, then the
        // equatable result, so an edit that changes no export changes nothing after this step.
        IncrementalValuesProvider<ExportResult> exports = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeName,
                static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax or BaseTypeDeclarationSyntax,
                static (syntax, _) => syntax)
            .Combine(naming)
            .Select(static (pair, cancellationToken) => ExportParser.Parse(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Exports);

        IncrementalValueProvider<LibraryInfo> library = context.CompilationProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => LibraryParser.Parse(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Library);

        IncrementalValueProvider<LibraryResult> result = exports.Collect()
            .Combine(library)
            .Select(static (pair, _) => LibraryBuilder.Build(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Model);

        context.RegisterSourceOutput(result, static (output, library) =>
        {
            foreach (var diagnostic in library.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
            output.AddSource($"{ShimEmitter.ClassName}.g.cs", ShimEmitter.Emit(library));
            output.AddSource($"{ManifestEmitter.ClassName}.g.cs", ManifestEmitter.Emit(library.Abi));
        });
    }
}

/// <summary>The names of the pipeline steps, for the caching tests.</summary>
public static class TrackingNames
{
    public const string Naming = nameof(Naming);
    public const string Exports = nameof(Exports);
    public const string Library = nameof(Library);
    public const string Model = nameof(Model);
}
