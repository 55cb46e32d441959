using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// deps --tree as text, in the manner of libtree: the libraries as a tree (each expanded where it was
/// first loaded, later needs marked "already loaded"), the rule that found each in brackets, the places
/// tried under a library that was not found; then the root's imports with the library each binds to,
/// the imports of other libraries that nothing provides, the counts and the search's notes.
/// </summary>
internal static class DependencyTreeText
{
    public static void Write(TextWriter output, DependencyTree tree)
    {
        output.WriteLine("  Dependency tree");
        output.WriteLine();
        output.WriteLine($"    {tree.Root.Path}");
        WriteChildren(output, tree.Root, "    ");

        output.WriteLine();
        output.WriteLine("  Imports");
        output.WriteLine();
        var table = new TextTable("Symbol", "Version", "Status", "Provided by");
        foreach (var import in tree.Root.Imports)
        {
            table.Add(import.Import.Name.Length > 0 ? import.Import.Name : $"#{import.Import.Ordinal}", import.Import.Version?.Name ?? "", ModelNames.Provider(import.Status), Provider(import));
        }

        if (table.Count == 0)
        {
            output.WriteLine("    (none)");
        }
        else
        {
            table.Write(output, "    ");
        }

        var failing = tree.LoadOrder.Skip(1).SelectMany(l => l.Imports.Where(i => i.Status == ProviderStatus.NotProvided).Select(i => (Library: l, Import: i))).ToList();
        if (failing.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("  Imports of loaded libraries that nothing provides");
            output.WriteLine();
            var others = new TextTable("Library", "Symbol", "Why");
            foreach (var (library, import) in failing)
            {
                others.Add(library.Path, import.Import.Name, import.Detail ?? "");
            }

            others.Write(output, "    ");
        }

        output.WriteLine();
        output.WriteLine("  Summary");
        output.WriteLine();
        var links = tree.LoadOrder.SelectMany(l => l.Dependencies).ToList();
        var imports = tree.LoadOrder.SelectMany(l => l.Imports).ToList();
        output.WriteLine($"    {tree.LoadOrder.Count,8} {(tree.LoadOrder.Count == 1 ? "file" : "files")} loaded, {links.Count(l => l.Status == ResolutionStatus.NotFound)} not found, {links.Count(l => l.Status == ResolutionStatus.Unloadable)} unloadable, {links.Count(l => l.Status == ResolutionStatus.ApiSet)} API sets unresolved");
        output.WriteLine($"    {imports.Count,8} imports: " + string.Join(", ", imports.GroupBy(i => i.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {ModelNames.Provider(g.Key)}")));
        if (tree.Notes.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("  Notes");
            output.WriteLine();
            foreach (string note in tree.Notes)
            {
                output.WriteLine($"    {note}");
            }
        }
    }

    private static void WriteChildren(TextWriter output, LoadedLibrary library, string indent)
    {
        var dependencies = library.Dependencies;
        for (int i = 0; i < dependencies.Count; i++)
        {
            bool last = i == dependencies.Count - 1;
            var dependency = dependencies[i];
            output.WriteLine($"{indent}{(last ? "└── " : "├── ")}{Line(dependency)}");
            string inner = indent + (last ? "    " : "│   ");
            if (dependency.Status is ResolutionStatus.NotFound or ResolutionStatus.Unloadable)
            {
                foreach (var attempt in dependency.Attempts)
                {
                    output.WriteLine($"{inner}┊ {attempt.Rule}: {attempt.Candidate}{(attempt.Rejection is null ? "" : $" ({attempt.Rejection})")}");
                }

                if (dependency.Problem is string problem)
                {
                    output.WriteLine($"{inner}┊ {problem}");
                }
            }
            else if (dependency.Status == ResolutionStatus.Found && dependency.Library is LoadedLibrary child && FirstLoadedHere(library, child))
            {
                WriteChildren(output, child, inner);
            }
        }
    }

    /// <summary>A library's dependencies are shown under the one dependency that loaded it (each library has one).</summary>
    private static bool FirstLoadedHere(LoadedLibrary parent, LoadedLibrary child) => child.LoadedBy == parent || child.LoadedBy is null;

    private static string Line(ResolvedDependency dependency)
    {
        string kind = dependency.Dependency.Kind == DependencyKind.Needed ? "" : $" ({ModelNames.DependencyKind(dependency.Dependency.Kind)})";
        return dependency.Status switch
        {
            ResolutionStatus.Found => $"{dependency.Dependency.Name}{kind} => {dependency.Path} [{dependency.Rule}]",
            ResolutionStatus.AlreadyLoaded => $"{dependency.Dependency.Name}{kind} => {dependency.Path} ({dependency.Rule})",
            ResolutionStatus.ApiSet => $"{dependency.Dependency.Name}{kind}: API set (provided by the system)",
            ResolutionStatus.Unloadable => $"{dependency.Dependency.Name}{kind} => cannot be loaded",
            _ => $"{dependency.Dependency.Name}{kind} => not found" + (dependency.Dependency.Kind is DependencyKind.Weak or DependencyKind.DelayLoad ? " (allowed: the file loads without it)" : ""),
        };
    }

    private static string Provider(ImportProvider import) =>
        import.Provider is LoadedLibrary library
            ? library.Path + (import.Detail is null ? "" : $" ({import.Detail})")
            : import.Detail ?? "";
}
