using System.CommandLine;
using Cdylib.Cli.Projects;

namespace Cdylib.Cli.Inspect;

/// <summary>
/// The inspecting verbs, the counterparts of <c>dumpbin /exports</c> and <c>dumpbin /imports</c> for
/// ELF, PE/COFF and Mach-O.
/// </summary>
public static class InspectCommands
{
    // The verbs' and options' names, which QuickInspectLine reads too.
    internal const string ExportsVerb = "exports", ImportsVerb = "imports", DependenciesVerb = "deps", HeadersVerb = "headers";
    internal const string FormatOption = "--format", ArchitectureOption = "--arch", DemangleOption = "--demangle";

    private const string ExitCodes = "Exit code 0 when every file was read, 1 for bad usage, 2 when a file is unreadable or malformed (what could be read is still printed). "
        + "A fat (universal) Mach-O file is reported one slice at a time, each like a separate file, unless --arch picks one.";

    /// <summary><c>cdylib exports FILE... [--format text|json] [--arch ARCH] [--demangle]</c></summary>
    public static Command Exports() => Create(
        InspectReport.Exports,
        ExportsVerb,
        "List the symbols a native binary exports: address, binding, type, version (like dumpbin /exports). " + ExitCodes,
        offersDemangle: true);

    /// <summary><c>cdylib imports FILE... [--format text|json] [--arch ARCH] [--demangle]</c></summary>
    public static Command Imports() => Create(
        InspectReport.Imports,
        ImportsVerb,
        "List the symbols a native binary imports, grouped by the library they are bound to (like dumpbin /imports; PE delay-load imports apart). " + ExitCodes,
        offersDemangle: true);

    /// <summary><c>cdylib deps FILE... [--format text|json] [--arch ARCH]</c></summary>
    public static Command Dependencies()
    {
        var tree = new TreeOptions();
        var command = Create(
            tree,
            InspectReport.Dependencies,
            DependenciesVerb,
            "List the libraries a native binary needs, with how it needs them (needed, delay-load, weak, re-export, upward; Mach-O versions), and its own name and search paths (like dumpbin /dependents, otool -L), then its platform floor: the highest GLIBC_ (GLIBCXX_, CXXABI_, GCC_) version it requires (ELF), the minimum OS version (Mach-O), the subsystem and its version (PE). "
            + "With --tree: every library it loads, resolved as the platform's loader would (ld.so, dyld, the Windows loader), with the rule that found each or the places tried, and the library each import binds to (like libtree, ldd -r). " + ExitCodes);
        tree.AddTo(command);
        return command;
    }

    /// <summary><c>cdylib headers FILE... [--format text|json] [--arch ARCH]</c></summary>
    public static Command Headers() => Create(
        InspectReport.Headers,
        HeadersVerb,
        "Show a native binary's headers: the file header, then ELF program and section headers, PE optional header, data directories and sections, Mach-O segments, sections and load commands, or an archive's members (like dumpbin /headers, readelf -h -l -S, otool -h -l). " + ExitCodes);

    private static Command Create(InspectReport report, string name, string description, bool offersDemangle = false) =>
        Create(null, report, name, description, offersDemangle);

    private static Command Create(TreeOptions? tree, InspectReport report, string name, string description, bool offersDemangle = false)
    {
        var files = new Argument<string[]>("FILE")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "The binaries to inspect (ELF shared libraries, executables, objects; PE DLLs and EXEs; COFF objects; Mach-O dylibs, executables and bundles, thin or fat; "
                + "ar archives: static libraries (.a, .lib) and import libraries (.lib, .dll.a)). " + LibraryArgument.FolderForm,
            // The tokens as they are. System.CommandLine's own conversion makes the array through
            // Array.CreateInstance, whose first use (type information built by reflection) was a
            // third of a millisecond of every inspecting run.
            CustomParser = result =>
            {
                var values = new string[result.Tokens.Count];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = result.Tokens[i].Value;
                }
                return values;
            },
        };
        // System.CommandLine hands an unknown "--flag" to a variadic argument; a misspelt option is a usage error, not a missing file.
        files.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-')
                {
                    result.AddError($"Unrecognized option '{token.Value}' (for a file whose name starts with '-', write ./{token.Value}).");
                }
            }
        });

        var format = new Option<string>(FormatOption)
        {
            Description = "Output format: text (readable, dumpbin-like) or json (schema 1, for scripts).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");

        var architecture = new Option<string?>(ArchitectureOption)
        {
            Description = "Mach-O: report only this architecture's slice of a fat file (x86_64, arm64, i386, … or x86-64, aarch64, x86); "
                + "a thin Mach-O file of another architecture is an error. Default: every slice. Not used for ELF and PE files.",
            HelpName = "ARCH",
        };

        var release = LibraryArgument.ReleaseOption();

        var demangle = new Option<bool>(DemangleOption)
        {
            Description = "Also show each mangled name as its language writes it: Itanium C++ (ELF, Mach-O), Microsoft C++ (PE, COFF, import libraries), "
                + "Rust legacy and v0. Text: \"NAME (DEMANGLED)\" where they differ; JSON: a \"demangled\" property on every symbol (null when the name is not mangled).",
        };

        var command = new Command(name, description) { files, format, architecture, release };
        if (offersDemangle)
        {
            command.Options.Add(demangle);
        }

        command.SetAction(parseResult => InspectRunner.Run(
            new InspectRequest(
                report,
                parseResult.GetValue(files) ?? [],
                parseResult.GetValue(format) == "json" ? OutputFormat.Json : OutputFormat.Text,
                parseResult.GetValue(architecture),
                parseResult.GetValue(release),
                offersDemangle && parseResult.GetValue(demangle) ? NameStyle.Demangled : NameStyle.Stored,
                tree?.From(parseResult)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }
}
