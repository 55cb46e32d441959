using System.Linq;
using System.Text;
using Cdylib.Abi.Model;
using Cdylib.Generator.Diagnostics;
using Cdylib.Generator.Model;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cdylib.Generator.Parsing;

/// <summary>Reads the library-wide facts: its name (MSBuild's <c>CdylibName</c>, else the assembly name), the runtime's error codes, and whether <c>CdylibAbiVersion</c> and <c>CdylibTypePrefix</c> are valid.</summary>
internal static class LibraryParser
{
    private const string ErrorCodeType = "Cdylib.ErrorCode";
    private const string RuntimeExportAttribute = "System.Runtime.RuntimeExportAttribute";

    /// <summary>The assembly's name: MSBuild's <c>AssemblyName</c> when it passes one, else the compilation's.</summary>
    public static string AssemblyName(AnalyzerConfigOptionsProvider options, string? compilationAssemblyName) =>
        // On Unix the compiled file is libNAME.dll (the native library is named after it), so the
        // project's AssemblyName, when MSBuild passes it, is the better name to record.
        options.GlobalOptions.TryGetValue("build_property.AssemblyName", out string? msbuildName) && !string.IsNullOrWhiteSpace(msbuildName)
            ? msbuildName.Trim()
            : compilationAssemblyName ?? "library";

    /// <summary>The library's name: MSBuild's <c>CdylibName</c>, else the assembly's.</summary>
    public static string Name(AnalyzerConfigOptionsProvider options, string? compilationAssemblyName) =>
        options.GlobalOptions.TryGetValue("build_property.CdylibName", out string? configured) && !string.IsNullOrWhiteSpace(configured)
            ? configured.Trim()
            : AssemblyName(options, compilationAssemblyName);

    public static LibraryInfo Parse(Compilation compilation, AnalyzerConfigOptionsProvider options)
    {
        string assemblyName = AssemblyName(options, compilation.AssemblyName);
        string name = Name(options, compilation.AssemblyName);

        INamedTypeSymbol? errorCode = compilation.GetTypeByMetadataName(ErrorCodeType);
        var codes = errorCode?.GetMembers().OfType<IFieldSymbol>()
            .Where(field => field.HasConstantValue)
            .Select(field => new AbiErrorCode(CNames.UpperSnake(field.Name), (int)field.ConstantValue!, Description(field)))
            .ToEquatableArray() ?? EquatableArray<AbiErrorCode>.Empty;

        var diagnostics = new List<DiagnosticInfo>();
        if (errorCode is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.RuntimeMissing, null, ErrorCodeType));
        }
        if (compilation is CSharpCompilation { Options.AllowUnsafe: false })
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsafeCodeDisabled, null));
        }
        uint abiVersion = 1;
        if (options.GlobalOptions.TryGetValue("build_property.CdylibAbiVersion", out string? version) && !string.IsNullOrWhiteSpace(version)
            && !uint.TryParse(version.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out abiVersion))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidAbiVersion, null, version));
            abiVersion = 1;
        }
        TypeNaming naming = TypeNaming.From(options, compilation.AssemblyName);
        if (naming.Configured is { } typePrefix && TypeNaming.WhyInvalidPrefix(typePrefix) is { } why && typePrefix != TypeNaming.None)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidTypePrefix, null, typePrefix, why));
        }
        options.GlobalOptions.TryGetValue("build_property.RuntimeIdentifier", out string? runtimeIdentifier);
        return new LibraryInfo(name, CNames.Prefix(name), assemblyName, codes, diagnostics.ToEquatableArray(), abiVersion)
        {
            RuntimeIdentifier = string.IsNullOrWhiteSpace(runtimeIdentifier) ? null : runtimeIdentifier!.Trim(),
            DeclaresRuntimeExportAttribute = compilation.Assembly.GetTypeByMetadataName(RuntimeExportAttribute) is not null,
        };
    }

    // The runtime puts the header's text in a [Description] on each code: attribute arguments are in
    // the metadata, while XML docs of a referenced assembly reach the compiler only sometimes.
    private static string? Description(IFieldSymbol field) =>
        field.GetAttributes()
            .FirstOrDefault(attribute => attribute.AttributeClass?.ToDisplayString() == "System.ComponentModel.DescriptionAttribute")
            ?.ConstructorArguments.FirstOrDefault().Value as string;
}
