using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Cdylib.Abi.Json;

/// <summary>Reads and writes <see cref="JsonNode"/> documents (RFC 8259).</summary>
public static class JsonText
{
    private const int MaxDepth = 64;

    /// <summary>Writes <paramref name="node"/> indented by two spaces, ending with a newline.</summary>
    public static string Write(JsonNode node)
    {
        var output = new StringBuilder();
        Write(node, output, 0);
        output.Append('\n');
        return output.ToString();
    }

    /// <summary>Parses one JSON document; a <see cref="FormatException"/> names the offset of the first error.</summary>
    public static JsonNode Parse(string text)
    {
        var parser = new Parser(text);
        JsonNode node = parser.ParseValue(0);
        parser.SkipWhitespace();
        if (!parser.AtEnd)
        {
            throw parser.Error("unexpected text after the JSON document");
        }
        return node;
    }

    private static void Write(JsonNode node, StringBuilder output, int depth)
    {
        switch (node)
        {
            case JsonObject obj when obj.Members.Count == 0:
                output.Append("{}");
                break;
            case JsonObject obj:
                output.Append("{\n");
                for (int i = 0; i < obj.Members.Count; i++)
                {
                    Indent(output, depth + 1);
                    WriteString(obj.Members[i].Key, output);
                    output.Append(": ");
                    Write(obj.Members[i].Value, output, depth + 1);
                    output.Append(i + 1 < obj.Members.Count ? ",\n" : "\n");
                }
                Indent(output, depth);
                output.Append('}');
                break;
            case JsonArray array when array.Items.Count == 0:
                output.Append("[]");
                break;
            case JsonArray array:
                output.Append("[\n");
                for (int i = 0; i < array.Items.Count; i++)
                {
                    Indent(output, depth + 1);
                    Write(array.Items[i], output, depth + 1);
                    output.Append(i + 1 < array.Items.Count ? ",\n" : "\n");
                }
                Indent(output, depth);
                output.Append(']');
                break;
            case JsonString str:
                WriteString(str.Value, output);
                break;
            case JsonNumber number:
                output.Append(number.Text);
                break;
            case JsonLiteral literal:
                output.Append(literal.Text);
                break;
        }
    }

    private static void Indent(StringBuilder output, int depth) => output.Append(' ', depth * 2);

    private static void WriteString(string value, StringBuilder output)
    {
        output.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        output.Append(c);
                    }
                    break;
            }
        }
        output.Append('"');
    }

    private sealed class Parser
    {
        private readonly string _text;
        private int _position;

        public Parser(string text) => _text = text;

        public bool AtEnd => _position >= _text.Length;

        public FormatException Error(string message) => new($"Invalid JSON at offset {_position}: {message}");

        public void SkipWhitespace()
        {
            while (!AtEnd && (_text[_position] is ' ' or '\t' or '\n' or '\r'))
            {
                _position++;
            }
        }

        public JsonNode ParseValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error($"nesting deeper than {MaxDepth}");
            }
            SkipWhitespace();
            if (AtEnd)
            {
                throw Error("unexpected end of text");
            }
            char c = _text[_position];
            switch (c)
            {
                case '{': return ParseObject(depth);
                case '[': return ParseArray(depth);
                case '"': return new JsonString(ParseString());
                case 't': return ParseLiteral("true", JsonNode.True);
                case 'f': return ParseLiteral("false", JsonNode.False);
                case 'n': return ParseLiteral("null", JsonNode.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ParseNumber();
                    }
                    throw Error($"unexpected character '{c}'");
            }
        }

        private JsonNode ParseObject(int depth)
        {
            var obj = new JsonObject();
            _position++;
            SkipWhitespace();
            if (Consume('}'))
            {
                return obj;
            }
            while (true)
            {
                SkipWhitespace();
                if (AtEnd || _text[_position] != '"')
                {
                    throw Error("expected a member name");
                }
                string name = ParseString();
                SkipWhitespace();
                Expect(':');
                obj.Add(name, ParseValue(depth + 1));
                SkipWhitespace();
                if (Consume('}'))
                {
                    return obj;
                }
                Expect(',');
            }
        }

        private JsonNode ParseArray(int depth)
        {
            var items = new List<JsonNode>();
            _position++;
            SkipWhitespace();
            if (Consume(']'))
            {
                return new JsonArray(items);
            }
            while (true)
            {
                items.Add(ParseValue(depth + 1));
                SkipWhitespace();
                if (Consume(']'))
                {
                    return new JsonArray(items);
                }
                Expect(',');
            }
        }

        private string ParseString()
        {
            var value = new StringBuilder();
            _position++;
            while (true)
            {
                if (AtEnd)
                {
                    throw Error("unterminated string");
                }
                char c = _text[_position++];
                if (c == '"')
                {
                    return value.ToString();
                }
                if (c < 0x20)
                {
                    throw Error("control character in string");
                }
                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }
                if (AtEnd)
                {
                    throw Error("unterminated escape");
                }
                char escape = _text[_position++];
                switch (escape)
                {
                    case '"': value.Append('"'); break;
                    case '\\': value.Append('\\'); break;
                    case '/': value.Append('/'); break;
                    case 'b': value.Append('\b'); break;
                    case 'f': value.Append('\f'); break;
                    case 'n': value.Append('\n'); break;
                    case 'r': value.Append('\r'); break;
                    case 't': value.Append('\t'); break;
                    case 'u':
                        if (_position + 4 > _text.Length
                            || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                        {
                            throw Error("invalid \\u escape");
                        }
                        value.Append((char)code);
                        _position += 4;
                        break;
                    default:
                        throw Error($"invalid escape '\\{escape}'");
                }
            }
        }

        private JsonNode ParseNumber()
        {
            int start = _position;
            while (!AtEnd && "+-0123456789.eE".IndexOf(_text[_position]) >= 0)
            {
                _position++;
            }
            string text = _text.Substring(start, _position - start);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                throw Error($"invalid number '{text}'");
            }
            return new JsonNumber(text);
        }

        private JsonNode ParseLiteral(string literal, JsonNode node)
        {
            if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
            {
                throw Error($"expected '{literal}'");
            }
            _position += literal.Length;
            return node;
        }

        private bool Consume(char c)
        {
            if (!AtEnd && _text[_position] == c)
            {
                _position++;
                return true;
            }
            return false;
        }

        private void Expect(char c)
        {
            if (!Consume(c))
            {
                throw Error($"expected '{c}'");
            }
        }
    }
}
