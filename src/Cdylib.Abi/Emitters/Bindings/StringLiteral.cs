using System.Text;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// A double-quoted string literal of any text, read back the same by Python and Rust alike: backslash
/// and quote escaped, ASCII control characters as <c>\xNN</c> (both languages take that form below
/// 0x80), everything else as itself (the files are UTF-8).
/// </summary>
internal static class StringLiteral
{
    public static string Of(string value)
    {
        var text = new StringBuilder("\"");
        foreach (char c in value)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                < ' ' or '\u007f' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }
}
