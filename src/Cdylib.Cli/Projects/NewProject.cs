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
        Write(folder, $"{name}.csproj", ProjectFile());
        Write(folder, "Lib.cs", SourceFile(name));
        Write(folder, "nuget.config", NuGetConfig());
        Write(folder, ".gitignore", "bin/\nobj/\ntarget/\n");
        output.WriteLine($"    Creating library `{name}` in {folder}");
        output.WriteLine($"    Build it with: cdylib build {Path.GetRelativePath(Directory.GetCurrentDirectory(), folder)}");
        return 0;
    }

    // The project name becomes the library file and the helper prefix: keep it a plain identifier.
    private static string? WhyInvalid(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return "it must start with an ASCII letter or '_'";
        }
        return name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? null : "use only ASCII letters, digits, '_', '-' and '.'";
    }

    private static string ProjectFile() => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <!-- A C# class library built as a native C library (crate-type = ["cdylib"]). -->
          <PropertyGroup>
            <TargetFramework>net9.0</TargetFramework>
            <PublishAot>true</PublishAot>
            <Nullable>enable</Nullable>
          </PropertyGroup>

          <ItemGroup>
            <PackageReference Include="Cdylib" Version="{LocalPackages.Version}" />
          </ItemGroup>
        </Project>

        """;

    private static string SourceFile(string name)
    {
        string prefix = new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        string ns = new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '.' ? c : '_').ToArray());
        return $$"""
            using Cdylib;

            namespace {{ns}};

            /// <summary>The functions lib{{name}} exports to C.</summary>
            public static class Lib
            {
                /// <summary>Adds two numbers.</summary>
                /// <param name="left">The first number.</param>
                /// <param name="right">The second number.</param>
                /// <returns>Their sum; on overflow 0, with the error recorded for {{prefix}}_last_error_code().</returns>
                [CExport("{{prefix}}_add")]
                public static int Add(int left, int right) => checked(left + right);
            }

            """;
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

    private static void Write(string folder, string file, string content) =>
        File.WriteAllText(Path.Combine(folder, file), content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
}
