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
            .Select(field => new AbiErrorCode(UpperSnake(field.Name), (int)field.ConstantValue!, Description(field)))
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
        return new LibraryInfo(name, CNames.Prefix(name), assemblyName, codes, diagnostics.ToEquatableArray());
    }

    // NullArgument → NULL_ARGUMENT, InvalidUtf8 → INVALID_UTF8.
    private static string UpperSnake(string name)
    {
        var text = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                text.Append('_');
            }
            text.Append(char.ToUpperInvariant(name[i]));
        }
        return text.ToString();
    }

    // The runtime puts the header's text in a [Description] on each code: attribute arguments are in
    // the metadata, while XML docs of a referenced assembly reach the compiler only sometimes.
    private static string? Description(IFieldSymbol field) =>
        field.GetAttributes()
            .FirstOrDefault(attribute => attribute.AttributeClass?.ToDisplayString() == "System.ComponentModel.DescriptionAttribute")
            ?.ConstructorArguments.FirstOrDefault().Value as string;
}
