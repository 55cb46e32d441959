using System.Reflection;
using System.Security;
using System.Text;

namespace Cdylib.Cli.Projects;

/// <summary><c>cdylib new NAME</c>: a class library that builds into <c>libNAME.so</c> / <c>NAME.dll</c>, like <c>cargo new --lib</c> with <c>crate-type = ["cdylib"]</c>.</summary>
internal static class NewProject
{
    public static int Run(string name, string? path, TextWriter output, TextWriter error)
    {
        if (WhyInvalid(name) is { } why)
        {
            error.WriteLine($"cdylib: error: '{name}' cannot be a library name: {why}");
            return 1;
        }
        string folder = Path.GetFullPath(path ?? name);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            error.WriteLine($"cdylib: error: {folder} already exists and is not empty; choose another --path");
            return 1;
        }
        if (!LocalPackages.Available)
        {
            error.WriteLine($"cdylib: error: the Cdylib {LocalPackages.Version} package is not beside this command (looked in {LocalPackages.Folder}); rebuild or reinstall cdylib");
            return 1;
        }

        Directory.CreateDirectory(folder);
        foreach ((string file, string content) in TemplateFiles(name))
        {
            Write(folder, file, content);
        }
        // The one file the template cannot write: where this command keeps its Cdylib package.
        Write(folder, "nuget.config", NuGetConfig());
        output.WriteLine($"    Creating library `{name}` in {folder}");
        output.WriteLine($"    Build it with: cdylib build {Path.GetRelativePath(Directory.GetCurrentDirectory(), folder)}");
        return 0;
    }

    // The project name becomes the library file, the helper prefix and the namespace: keep it a
    // plain identifier, dotted segments allowed (Hello.World), so the template's name forms stay
    // simple and agree with the generator's helper prefix.
    /// <summary>C#'s reserved keywords: the words a namespace part cannot be.</summary>
    private static readonly HashSet<string> CSharpKeywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit",
        "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int",
        "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out",
        "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed",
        "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try",
        "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    private static string? WhyInvalid(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return "it must start with an ASCII letter or '_'";
        }
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            return "use only ASCII letters, digits, '_', '-' and '.'";
        }
        if (!name.Split('.').All(part => part.Length > 0 && (char.IsAsciiLetter(part[0]) || part[0] == '_')))
        {
            return "each part between dots must start with an ASCII letter or '_'";
        }

        // The name becomes the C# namespace (dashes as '_'): a keyword there does not compile.
        string? keyword = name.Replace('-', '_').Split('.').FirstOrDefault(CSharpKeywords.Contains);
        return keyword is null ? null : $"'{keyword}' is a C# keyword, and the name is the project's namespace; choose another (e.g. {keyword}_lib)";
    }

    /// <summary>
    /// The files of the <c>dotnet new cdylib</c> template (templates/content/cdylib, embedded in this
    /// command), named and filled in the way the template engine does it for <c>-n NAME</c>.
    /// </summary>
    internal static IEnumerable<(string File, string Content)> TemplateFiles(string name)
    {
        Assembly assembly = typeof(NewProject).Assembly;
        foreach (string resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(TemplateResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string file = resource[TemplateResourcePrefix.Length..].Replace('\\', '/');
            yield return (Fill(file, name), Fill(reader.ReadToEnd(), name).Replace(VersionPlaceholder, LocalPackages.Version, StringComparison.Ordinal));
        }
    }

    private const string TemplateResourcePrefix = "cdylib-template/";

    // The template's sourceName and two of its forms (template.json): the engine replaces each form
    // of "Cdylib.1" with the same form of the user's name. For the names WhyInvalid accepts the forms
    // are: identity; safe_name (every character that is not a letter, digit or '_' becomes '_', which
    // is also the generator's helper prefix); safe_namespace ('-' becomes '_', dots stay).
    private const string SourceName = "Cdylib.1";
    private const string SourceSafeName = "Cdylib__1";
    private const string SourceSafeNamespace = "Cdylib._1";

    // Packing the template replaces it with the package version (templates/Cdylib.Templates.csproj).
    private const string VersionPlaceholder = "CDYLIB_PACKAGE_VERSION";

    private static string Fill(string text, string name)
    {
        string safeName = new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
        string safeNamespace = new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_').ToArray());
        return text
            .Replace(SourceSafeNamespace, safeNamespace, StringComparison.Ordinal)
            .Replace(SourceSafeName, safeName, StringComparison.Ordinal)
            .Replace(SourceName, name, StringComparison.Ordinal);
    }

    // Keeps the user's own sources (nuget.org among them, for the Native AOT compiler) and adds the
    // folder holding the Cdylib package this command shipped with.
    private static string NuGetConfig() => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="cdylib-local" value="{SecurityElement.Escape(LocalPackages.Folder)}" />
          </packageSources>
        </configuration>

        """;

    private static void Write(string folder, string file, string content)
    {
        string path = Path.Combine(folder, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!); // .github/workflows/
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
