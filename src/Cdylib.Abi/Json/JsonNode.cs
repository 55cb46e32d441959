using System;
using System.Collections.Generic;
using System.Globalization;

namespace Cdylib.Abi.Json;

/// <summary>
/// A small JSON document model. The ABI library cannot depend on System.Text.Json: it runs inside
/// the compiler and inside MSBuild, which do not all carry the same version of it.
/// </summary>
public abstract class JsonNode
{
    public static JsonNode Null { get; } = new JsonLiteral("null");

    public static JsonNode True { get; } = new JsonLiteral("true");

    public static JsonNode False { get; } = new JsonLiteral("false");

    public static JsonNode From(bool value) => value ? True : False;

    public static JsonNode From(string? value) => value is null ? Null : new JsonString(value);

    public static JsonNode From(long value) => new JsonNumber(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The member's value, or an error naming what is missing.</summary>
    public JsonNode this[string name] => AsObject().Get(name) ?? throw new FormatException($"JSON member \"{name}\" is missing");

    public JsonObject AsObject() => this as JsonObject ?? throw new FormatException($"expected a JSON object, found {Describe()}");

    public JsonArray AsArray() => this as JsonArray ?? throw new FormatException($"expected a JSON array, found {Describe()}");

    public string AsString() => (this as JsonString)?.Value ?? throw new FormatException($"expected a JSON string, found {Describe()}");

    public string? AsNullableString() => ReferenceEquals(this, Null) ? null : AsString();

    public long AsInt64() => this is JsonNumber number && long.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
        ? value
        : throw new FormatException($"expected a JSON integer, found {Describe()}");

    public bool AsBoolean() => ReferenceEquals(this, True) || (ReferenceEquals(this, False) ? false : throw new FormatException($"expected true or false, found {Describe()}"));

    protected abstract string Describe();
}

public sealed class JsonLiteral : JsonNode
{
    internal JsonLiteral(string text) => Text = text;

    public string Text { get; }

    protected override string Describe() => Text;
}

public sealed class JsonString : JsonNode
{
    public JsonString(string value) => Value = value;

    public string Value { get; }

    protected override string Describe() => "a string";
}

public sealed class JsonNumber : JsonNode
{
    public JsonNumber(string text) => Text = text;

    /// <summary>The number as written, so reading and writing it loses nothing.</summary>
    public string Text { get; }

    protected override string Describe() => "a number";
}

public sealed class JsonArray : JsonNode
{
    public JsonArray(IEnumerable<JsonNode> items) => Items = new List<JsonNode>(items);

    public IReadOnlyList<JsonNode> Items { get; }

    protected override string Describe() => "an array";
}

/// <summary>An object whose members keep the order they were written in, so output is stable.</summary>
public sealed class JsonObject : JsonNode
{
    private readonly List<KeyValuePair<string, JsonNode>> _members = new();

    public IReadOnlyList<KeyValuePair<string, JsonNode>> Members => _members;

    public JsonObject Add(string name, JsonNode value)
    {
        _members.Add(new KeyValuePair<string, JsonNode>(name, value));
        return this;
    }

    public JsonNode? Get(string name)
    {
        foreach (KeyValuePair<string, JsonNode> member in _members)
        {
            if (member.Key == name)
            {
                return member.Value;
            }
        }
        return null;
    }

    protected override string Describe() => "an object";
}
