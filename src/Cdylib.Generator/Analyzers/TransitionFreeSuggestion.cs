using System.Collections.Immutable;
using System.Linq;
using Cdylib.Generator.Diagnostics;
using Cdylib.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cdylib.Generator.Analyzers;

/// <summary>
/// CDY0022: a <c>[CExport]</c> that would pass every rule of <see cref="TransitionFreeRules"/> is
/// suggested <c>[SuppressGCTransition]</c>. An analyzer rather than part of the generator: a
/// suggestion carries its location, and in the generator's model every edit that moves an export
/// would change the model and re-emit every file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TransitionFreeSuggestion : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CouldBeTransitionFree);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? export = start.Compilation.GetTypeByMetadataName(CExportGenerator.AttributeName);
            start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.RuntimeIdentifier", out string? runtimeIdentifier);
            if (export is null || !TargetRuntime.PassesPlainValuesAsC(string.IsNullOrWhiteSpace(runtimeIdentifier) ? null : runtimeIdentifier))
            {
                return;
            }
            TypeNaming naming = TypeNaming.From(start.Options.AnalyzerConfigOptionsProvider, start.Compilation.AssemblyName);
            start.RegisterSyntaxNodeAction(node => Analyze(node, export, naming), Microsoft.CodeAnalysis.CSharp.SyntaxKind.MethodDeclaration);
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol export, TypeNaming naming)
    {
        if (context.SemanticModel.GetDeclaredSymbol((MethodDeclarationSyntax)context.Node, context.CancellationToken) is not IMethodSymbol method)
        {
            return;
        }
        AttributeData? attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, export));
        if (attribute is null || TransitionFreeExport.IsRequested(method)
            || attribute.NamedArguments.Any(argument => argument.Key == "ReturnsStatus" && argument.Value.Value is true))
        {
            return;
        }
        if (TransitionFreeExport.Qualifies(method, new TypeMapper(method.ContainingAssembly, naming), context.SemanticModel, context.CancellationToken))
        {
            string managedName = method.ToDisplayString(ExportParser.ManagedNameFormat);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CouldBeTransitionFree, method.Locations.FirstOrDefault(), managedName));
        }
    }
}
