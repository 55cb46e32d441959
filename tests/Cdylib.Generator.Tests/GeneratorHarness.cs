using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;

namespace Cdylib.Generator.Tests;

/// <summary>
/// Drives <see cref="CExportGenerator"/> the way the compiler does, without the Roslyn testing
/// packages: a compilation over the runtime's framework assemblies and the Cdylib runtime, a
/// <see cref="CSharpGeneratorDriver"/> with step tracking, and the results read back through the
/// generator's public surface (generated sources, diagnostics, tracked steps, the manifest constant).
/// </summary>
internal static class GeneratorHarness
{
    public const string ShimsHintName = "CExports.g.cs";

    /// <summary>The helper exports every library has, in export order, without the library's prefix.</summary>
    public static readonly string[] HelperSuffixes =
    {
        "init", "last_error_code", "last_error_message", "clear_last_error", "free_string", "free_buffer", "live_allocations", "live_handles", "abi_version", "api_hash",
    };

    public const int HelperCount = 10;

    public static string[] Helpers(string prefix) => HelperSuffixes.Select(suffix => $"{prefix}_{suffix}").ToArray();
    public const string ManifestHintName = "CdylibManifest.g.cs";

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_framework = new(LoadFramework);

    /// <summary>The framework assemblies the test itself runs on (not its NuGet or project dependencies).</summary>
    public static ImmutableArray<MetadataReference> Framework => s_framework.Value;

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_referencePack = new(LoadReferencePack);

    /// <summary>
    /// The reference assemblies a real build compiles against (the SDK's Microsoft.NETCore.App.Ref
    /// pack for the running runtime): private struct fields are placeholders there
    /// (<c>_dummyPrimitive</c>), unlike in <see cref="Framework"/>'s implementation assemblies.
    /// </summary>
    public static ImmutableArray<MetadataReference> ReferencePack => s_referencePack.Value;

    /// <summary>The Cdylib runtime: <c>CExportAttribute</c>, <c>ErrorCode</c>, <c>LastError</c>.</summary>
    public static MetadataReference CdylibRuntime { get; } = MetadataReference.CreateFromFile(typeof(CExportAttribute).Assembly.Location);

    public static CSharpParseOptions ParseOptions(DocumentationMode documentation = DocumentationMode.Parse) =>
        new(LanguageVersion.Latest, documentation);

    public static SyntaxTree Parse(string source, string path = "/src/Api.cs", DocumentationMode documentation = DocumentationMode.Parse) =>
        CSharpSyntaxTree.ParseText(source, ParseOptions(documentation), path);

    public static CSharpCompilation Compilation(string assemblyName, IEnumerable<SyntaxTree> trees, bool withRuntime = true, IEnumerable<MetadataReference>? framework = null) =>
        CSharpCompilation.Create(
            assemblyName,
            trees,
            withRuntime ? (framework ?? Framework).Append(CdylibRuntime) : framework ?? Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, deterministic: true, nullableContextOptions: NullableContextOptions.Enable));

    public static CSharpCompilation Compilation(string assemblyName, params string[] sources) =>
        Compilation(assemblyName, sources.Select((source, i) => Parse(source, i == 0 ? "/src/Api.cs" : $"/src/File{i}.cs")));

    /// <summary>The MSBuild properties the generator reads, as the compiler passes them (<c>build_property.*</c>).</summary>
    public static AnalyzerConfigOptionsProvider Options(string? cdylibName = null, string? msbuildAssemblyName = null, string? typePrefix = null, string? runtimeIdentifier = null)
    {
        var properties = new Dictionary<string, string>();
        if (runtimeIdentifier is not null)
        {
            properties["build_property.RuntimeIdentifier"] = runtimeIdentifier;
        }
        if (typePrefix is not null)
        {
            properties["build_property.CdylibTypePrefix"] = typePrefix;
        }
        if (cdylibName is not null)
        {
            properties["build_property.CdylibName"] = cdylibName;
        }
        if (msbuildAssemblyName is not null)
        {
            properties["build_property.AssemblyName"] = msbuildAssemblyName;
        }
        return new OptionsProvider(properties);
    }

    public static GeneratorDriver Driver(string? cdylibName = null, string? msbuildAssemblyName = null, DocumentationMode documentation = DocumentationMode.Parse, string? typePrefix = null, string? runtimeIdentifier = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new CExportGenerator().AsSourceGenerator() },
            additionalTexts: null,
            parseOptions: ParseOptions(documentation),
            optionsProvider: Options(cdylibName, msbuildAssemblyName, typePrefix, runtimeIdentifier),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(Compilation compilation, string? cdylibName = null, DocumentationMode documentation = DocumentationMode.Parse) =>
        Run(Driver(cdylibName, documentation: documentation), compilation);

    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(driver, compilation, output, diagnostics);
    }

    public static GeneratorRun Run(string assemblyName, string source, string? cdylibName = null) =>
        Run(Compilation(assemblyName, source), cdylibName);

    /// <summary>Runs with MSBuild's <c>CdylibTypePrefix</c> set (<c>none</c> keeps the C# names).</summary>
    public static GeneratorRun RunWithTypePrefix(string assemblyName, string source, string? typePrefix, string? cdylibName = null) =>
        Run(Driver(cdylibName, typePrefix: typePrefix), Compilation(assemblyName, source));

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        // The trusted platform assemblies hold the framework and the test's own dependencies
        // (Roslyn, xunit, Cdylib itself): keep the framework only, so a test can leave Cdylib out.
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string paths = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "";
        return paths.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private static ImmutableArray<MetadataReference> LoadReferencePack()
    {
        // shared/Microsoft.NETCore.App/10.0.x → packs/Microsoft.NETCore.App.Ref/10.0.x/ref/net10.0
        var runtime = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        string root = runtime.Parent!.Parent!.Parent!.FullName;
        Version version = Environment.Version;
        string packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        string? pack = Directory.Exists(packs)
            ? Directory.GetDirectories(packs)
                .Where(directory => Version.TryParse(Path.GetFileName(directory).Split('-')[0], out Version? v) && v.Major == version.Major && v.Minor == version.Minor)
                .OrderByDescending(directory => Version.Parse(Path.GetFileName(directory).Split('-')[0]))
                .FirstOrDefault()
            : null;
        string directory = pack is null ? "" : Path.Combine(pack, "ref", $"net{version.Major}.{version.Minor}");
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"The SDK's reference pack for .NET {version.Major}.{version.Minor} is not under {packs}");
        }
        return Directory.GetFiles(directory, "*.dll")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private sealed class OptionsProvider(IReadOnlyDictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        private static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;
    }

    private sealed class DictionaryOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            if (values.TryGetValue(key, out string? found))
            {
                value = found;
                return true;
            }
            value = "";
            return false;
        }
    }
}

/// <summary>One generator run and everything a test reads from it.</summary>
internal sealed class GeneratorRun(GeneratorDriver driver, Compilation input, Compilation output, ImmutableArray<Diagnostic> diagnostics)
{
    public GeneratorDriver Driver { get; } = driver;

    public Compilation Input { get; } = input;

    public Compilation Output { get; } = output;

    /// <summary>What the generator reported.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; } = diagnostics;

    public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

    public string Source(string hintName) =>
        Result.GeneratedSources.Single(source => source.HintName == hintName).SourceText.ToString();

    /// <summary>The generated <c>[UnmanagedCallersOnly]</c> entry points.</summary>
    public string Shims => Source(GeneratorHarness.ShimsHintName);

    /// <summary>The ABI JSON the generator stored in <c>Cdylib.Generated.CdylibManifest.AbiJson</c>.</summary>
    public string AbiJsonText
    {
        get
        {
            INamedTypeSymbol manifest = Output.GetTypeByMetadataName("Cdylib.Generated.CdylibManifest")
                ?? throw new InvalidOperationException("the generator emitted no Cdylib.Generated.CdylibManifest");
            var constant = (IFieldSymbol)manifest.GetMembers("AbiJson").Single();
            Assert.True(constant.IsConst, "CdylibManifest.AbiJson must be a constant, the build task reads it from metadata");
            return (string)constant.ConstantValue!;
        }
    }

    public AbiLibrary Abi => AbiJson.Read(AbiJsonText);

    public string Header => CHeader.Emit(Abi);

    /// <summary>Errors in the compilation with the generated sources added.</summary>
    public IReadOnlyList<Diagnostic> OutputErrors =>
        Output.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();

    /// <summary>The exported names in export order, helpers included.</summary>
    public IReadOnlyList<string> ExportNames => Abi.Functions.Select(function => function.Name).ToList();

    public void AssertNoDiagnostics()
    {
        Assert.True(Diagnostics.IsEmpty, "generator diagnostics:\n" + string.Join("\n", Diagnostics));
    }

    public void AssertOutputCompiles()
    {
        Assert.True(OutputErrors.Count == 0, "the generated code does not compile:\n" + string.Join("\n", OutputErrors)
            + "\n\n" + Shims);
    }

    /// <summary>
    /// The generated <c>Cdylib.Generated.CExports</c> class, compiled and loaded into <paramref name="context"/>.
    /// The assembly binds to the Cdylib runtime the test already loaded, so a shim's last error is the
    /// one <c>LastError</c> holds in the test too.
    /// </summary>
    public Type LoadExports(AssemblyLoadContext context)
    {
        AssertNoDiagnostics();
        using var image = new MemoryStream();
        EmitResult emitted = Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return context.LoadFromStream(image).GetType("Cdylib.Generated.CExports", throwOnError: true)!;
    }
}
