using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace Cdylib.Tests.Shared;

/// <summary>
/// Golden files under a test project's <c>Golden/CASE/</c> folder (copied to the output directory by
/// tests/Directory.Build.props).
/// To accept new output, run the tests with the environment variable <c>CDYLIB_UPDATE_GOLDEN=1</c>:
/// every compared file is rewritten in the source tree; then review the change with <c>git diff</c>.
/// </summary>
internal static class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("CDYLIB_UPDATE_GOLDEN") == "1";

    /// <summary>
    /// The committed golden directory in the source tree, recorded by the build as assembly metadata. Not
    /// <c>[CallerFilePath]</c>: a continuous-integration build maps source paths to <c>/_/</c>.
    /// </summary>
    public static string SourceDirectory => typeof(Golden).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(attribute => attribute.Key == "CdylibGoldenSource")?.Value
        ?? throw new InvalidOperationException("this test project has no Golden folder");

    /// <summary>The copy beside the test assembly.</summary>
    public static string OutputDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "Golden");

    public static string OutputPath(string caseName, string file) => Path.Combine(OutputDirectory, caseName, file);

    public static string Read(string caseName, string file)
    {
        // While updating, the source tree is the truth (the output copy may predate the edit).
        string path = Updating ? Path.Combine(SourceDirectory, caseName, file) : OutputPath(caseName, file);
        return Normalize(File.ReadAllText(path));
    }

    /// <summary>Asserts <paramref name="actual"/> equals the golden file, or rewrites it when updating.</summary>
    public static void Verify(string caseName, string file, string actual)
    {
        actual = Normalize(actual);
        if (Updating)
        {
            foreach (string directory in new[] { SourceDirectory, OutputDirectory })
            {
                string target = Path.Combine(directory, caseName, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }
            return;
        }
        string path = OutputPath(caseName, file);
        if (!File.Exists(path))
        {
            Assert.Fail($"Golden file Golden/{caseName}/{file} does not exist. Run with CDYLIB_UPDATE_GOLDEN=1 to create it. Actual output:\n{actual}");
        }
        string expected = Normalize(File.ReadAllText(path));
        if (expected != actual)
        {
            Assert.Fail($"Golden/{caseName}/{file} differs from the generated output (run with CDYLIB_UPDATE_GOLDEN=1 to accept it):\n"
                + LineDiff.Unified(expected, actual));
        }
    }

    public static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');
}

/// <summary>A small line diff (longest common subsequence) for readable golden-file failures.</summary>
internal static class LineDiff
{
    public static string Unified(string expected, string actual, int context = 3, int maxLines = 120)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        int[,] lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        // The edit script: ' ' kept, '-' only in the golden file, '+' only in the output.
        var script = new List<(char Kind, string Line, int Expected, int Actual)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                script.Add((' ', a[x], x++, y++));
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                script.Add(('-', a[x], x++, y));
            }
            else
            {
                script.Add(('+', b[y], x, y++));
            }
        }

        var shown = new bool[script.Count];
        for (int k = 0; k < script.Count; k++)
        {
            if (script[k].Kind != ' ')
            {
                for (int c = Math.Max(0, k - context); c <= Math.Min(script.Count - 1, k + context); c++)
                {
                    shown[c] = true;
                }
            }
        }

        var text = new StringBuilder("--- golden\n+++ generated\n");
        int lines = 0;
        for (int k = 0; k < script.Count; k++)
        {
            if (!shown[k])
            {
                continue;
            }
            if (k == 0 || !shown[k - 1])
            {
                text.Append($"@@ golden line {script[k].Expected + 1}, generated line {script[k].Actual + 1} @@\n");
            }
            if (++lines > maxLines)
            {
                text.Append("... (diff truncated)\n");
                break;
            }
            text.Append(script[k].Kind).Append(script[k].Line).Append('\n');
        }
        return text.ToString();
    }
}
