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

/// <summary>Reads the library-wide facts: its name (MSBuild's <c>CdylibName</c>, else the assembly name) and the runtime's error codes.</summary>
internal static class LibraryParser
{
    private const string ErrorCodeType = "Cdylib.ErrorCode";

    public static LibraryInfo Parse(Compilation compilation, AnalyzerConfigOptionsProvider options)
    {
        // On Unix the compiled file is libNAME.dll (the native library is named after it), so the
        // project's AssemblyName, when MSBuild passes it, is the better name to record.
        string assemblyName = options.GlobalOptions.TryGetValue("build_property.AssemblyName", out string? msbuildName) && !string.IsNullOrWhiteSpace(msbuildName)
            ? msbuildName.Trim()
            : compilation.AssemblyName ?? "library";
        string name = options.GlobalOptions.TryGetValue("build_property.CdylibName", out string? configured) && !string.IsNullOrWhiteSpace(configured)
            ? configured.Trim()
            : assemblyName;

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
        return new LibraryInfo(name, CNames.Prefix(name), assemblyName, codes, diagnostics.ToEquatableArray(), abiVersion);
    }

    // The runtime puts the header's text in a [Description] on each code: attribute arguments are in
    // the metadata, while XML docs of a referenced assembly reach the compiler only sometimes.
    private static string? Description(IFieldSymbol field) =>
        field.GetAttributes()
            .FirstOrDefault(attribute => attribute.AttributeClass?.ToDisplayString() == "System.ComponentModel.DescriptionAttribute")
            ?.ConstructorArguments.FirstOrDefault().Value as string;
}
