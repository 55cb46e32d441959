using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// How the header names the library's structs, enums and handle types, and the enums' constants:
/// <c>bnd_Point</c>, <c>BND_COLOR_RED</c> by default, as cbindgen's <c>[export] prefix</c> does, so
/// they cannot collide with another library's or the platform's (macOS has a <c>Point</c>).
/// </summary>
/// <param name="TypePrefix">Put before a type's C# name: MSBuild's <c>CdylibTypePrefix</c>, by default the library's C prefix and '_' (<c>bnd_</c>); empty for <c>none</c>.</param>
/// <param name="ConstantPrefix">Put before an enum's constants (<c>BND_</c>): the type prefix in upper snake case, with one '_'.</param>
/// <param name="Configured">The value of <c>CdylibTypePrefix</c> as the project set it, for CDY0019; null when unset.</param>
internal sealed record TypeNaming(string TypePrefix, string ConstantPrefix, string? Configured = null)
{
    /// <summary>The <c>CdylibTypePrefix</c> value that keeps the C# names bare (MSBuild cannot tell an empty property from an unset one).</summary>
    public const string None = "none";

    public static TypeNaming Default(string libraryPrefix) => new(libraryPrefix + "_", libraryPrefix.ToUpperInvariant() + "_");

    /// <summary>The naming for a library whose C prefix is <paramref name="libraryPrefix"/> and whose project sets <c>CdylibTypePrefix</c> to <paramref name="configured"/>.</summary>
    public static TypeNaming From(string libraryPrefix, string? configured)
    {
        string? value = string.IsNullOrWhiteSpace(configured) ? null : configured!.Trim();
        if (value is null)
        {
            return Default(libraryPrefix);
        }
        if (value == None)
        {
            return new TypeNaming("", "", value);
        }
        if (WhyInvalidPrefix(value) is not null)
        {
            // Reported as CDY0019 by the library; the default keeps the rest of the build meaningful.
            return Default(libraryPrefix) with { Configured = value };
        }
        string constants = CNames.UpperSnake(value).TrimEnd('_');
        return new TypeNaming(value, constants.Length == 0 ? "" : constants + "_", value);
    }

    /// <summary>The naming MSBuild's properties ask for (<c>CdylibName</c> or the assembly name gives the library prefix).</summary>
    public static TypeNaming From(AnalyzerConfigOptionsProvider options, string? assemblyName) =>
        From(CNames.Prefix(LibraryParser.Name(options, assemblyName)), options.GlobalOptions.TryGetValue("build_property.CdylibTypePrefix", out string? value) ? value : null);

    /// <summary>Why <paramref name="prefix"/> cannot start C type names, or null.</summary>
    public static string? WhyInvalidPrefix(string prefix) =>
        prefix.Length > 0 && (prefix[0] is >= '0' and <= '9' || !prefix.All(c => c == '_' || c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'))
            ? "it must be 'none' or the start of a C identifier: ASCII letters, digits and '_', not starting with a digit"
            : null;

    /// <summary>
    /// The C name of a struct, enum or handle class: the name its <c>[CExport("name")]</c> gives,
    /// verbatim, or <see cref="TypePrefix"/> and its C# name.
    /// </summary>
    public (string Name, bool Explicit) CName(INamedTypeSymbol type) =>
        ExplicitName(type) is { } name ? (name, true) : (TypePrefix + type.Name, false);

    /// <summary>The prefix of an enum's constants: its explicit C name in upper snake case, or <see cref="ConstantPrefix"/> and its C# name's.</summary>
    public string ConstantsOf(INamedTypeSymbol enumType) =>
        ExplicitName(enumType) is { } name ? CNames.UpperSnake(name) : ConstantPrefix + CNames.UpperSnake(enumType.Name);

    /// <summary>The name a type's own <c>[CExport("name")]</c> gives it, or null.</summary>
    public static string? ExplicitName(INamedTypeSymbol type) =>
        type.GetAttributes()
            .FirstOrDefault(attribute => attribute.AttributeClass?.ToDisplayString() == CExportGenerator.AttributeName)
            ?.ConstructorArguments.FirstOrDefault().Value as string;
}
