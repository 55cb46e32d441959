using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Cdylib.Abi.Emitters;

/// <summary>
/// <c>NAME.d</c>: Makefile dependency information in the form cargo writes, so <c>make</c> and
/// other build systems can tell when the library must be rebuilt.
/// </summary>
public static class DepInfo
{
    public static string Emit(IEnumerable<string> outputs, IEnumerable<string> inputs)
    {
        var text = new StringBuilder();
        text.Append(string.Join(" ", outputs.Select(Escape)));
        text.Append(':');
        foreach (string input in inputs)
        {
            text.Append(' ').Append(Escape(input));
        }
        text.Append('\n');
        return text.ToString();
    }

    // Make splits on spaces and treats '#' as a comment and '$' as a variable.
    private static string Escape(string path) =>
        path.Replace("\\", "/").Replace(" ", "\\ ").Replace("#", "\\#").Replace("$", "$$");
}
