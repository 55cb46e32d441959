using System;
using System.Linq;
using Cdylib.Abi.Json;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters;

/// <summary>
/// <c>NAME.abi.json</c>: the ABI model written out, the one description of the library that the
/// build, <c>cdylib check</c> and the bindings read back.
/// </summary>
public static class AbiJson
{
    public static string Write(AbiLibrary library) => JsonText.Write(ToJson(library));

    /// <summary>Reads a model written by <see cref="Write"/>; a <see cref="FormatException"/> says what is wrong.</summary>
    public static AbiLibrary Read(string json)
    {
        JsonNode root = JsonText.Parse(json);
        long schema = root["schema"].AsInt64();
        if (schema != AbiLibrary.SchemaVersion)
        {
            throw new FormatException($"ABI file schema {schema} is not supported (expected {AbiLibrary.SchemaVersion})");
        }
        JsonNode library = root["library"];
        return new AbiLibrary(
            library["name"].AsString(),
            library["prefix"].AsString(),
            library["assembly"].AsString(),
            root["errorCodes"].AsArray().Items.Select(ReadErrorCode).ToEquatableArray(),
            root["functions"].AsArray().Items.Select(ReadFunction).ToEquatableArray(),
            checked((uint)library["abiVersion"].AsInt64()),
            ulong.Parse(library["apiHash"].AsString().Substring(2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture),
            root["enums"].AsArray().Items.Select(ReadEnum).ToEquatableArray(),
            root["structs"].AsArray().Items.Select(ReadStruct).ToEquatableArray(),
            root["handles"].AsArray().Items
                .Select(handle => new AbiHandle(handle["name"].AsString(), handle["managed"].AsString(), handle["free"].AsString(), handle["doc"].AsNullableString()))
                .ToEquatableArray());
    }

    private static JsonNode ToJson(AbiLibrary library)
    {
        return new JsonObject()
            .Add("schema", JsonNode.From(AbiLibrary.SchemaVersion))
            .Add("library", new JsonObject()
                .Add("name", JsonNode.From(library.Name))
                .Add("prefix", JsonNode.From(library.Prefix))
                .Add("assembly", JsonNode.From(library.AssemblyName))
                .Add("abiVersion", JsonNode.From(library.AbiVersion))
                .Add("apiHash", JsonNode.From(Hex(library.ApiHash))))
            .Add("errorCodes", new JsonArray(library.ErrorCodes.Select(code => new JsonObject()
                .Add("name", JsonNode.From(code.Name))
                .Add("value", JsonNode.From(code.Value))
                .Add("doc", JsonNode.From(code.Doc)))))
            .Add("enums", new JsonArray(library.Enums.Select(enumeration => new JsonObject()
                .Add("name", JsonNode.From(enumeration.Name))
                .Add("managed", JsonNode.From(enumeration.Managed))
                .Add("underlying", ToJson(enumeration.Underlying))
                .Add("members", new JsonArray(enumeration.Members.Select(member => new JsonObject()
                    .Add("name", JsonNode.From(member.Name))
                    .Add("c", JsonNode.From(member.CName))
                    .Add("value", JsonNode.From(member.Value))
                    .Add("doc", JsonNode.From(member.Doc)))))
                .Add("doc", JsonNode.From(enumeration.Doc)))))
            .Add("handles", new JsonArray(library.Handles.Select(handle => new JsonObject()
                .Add("name", JsonNode.From(handle.Name))
                .Add("managed", JsonNode.From(handle.Managed))
                .Add("free", JsonNode.From(handle.FreeFunction))
                .Add("doc", JsonNode.From(handle.Doc)))))
            .Add("structs", new JsonArray(library.Structs.Select(structure => new JsonObject()
                .Add("name", JsonNode.From(structure.Name))
                .Add("managed", JsonNode.From(structure.Managed))
                .Add("size64", JsonNode.From(structure.Layout64.Size))
                .Add("align64", JsonNode.From(structure.Layout64.Alignment))
                .Add("size32", JsonNode.From(structure.Layout32.Size))
                .Add("align32", JsonNode.From(structure.Layout32.Alignment))
                .Add("pack", JsonNode.From(structure.Pack))
                .Add("fields", new JsonArray(structure.Fields.Select(field => new JsonObject()
                    .Add("name", JsonNode.From(field.Name))
                    .Add("type", ToJson(field.Type))
                    .Add("offset64", JsonNode.From(field.Offset64))
                    .Add("offset32", JsonNode.From(field.Offset32))
                    .Add("doc", JsonNode.From(field.Doc)))))
                .Add("doc", JsonNode.From(structure.Doc)))))
            .Add("functions", new JsonArray(library.Functions.Select(ToJson)));
    }

    private static AbiStruct ReadStruct(JsonNode node) => new(
        node["name"].AsString(),
        node["managed"].AsString(),
        node["fields"].AsArray().Items
            .Select(field => new AbiField(field["name"].AsString(), ReadType(field["type"]), Int(field["offset64"]), Int(field["offset32"]), field["doc"].AsNullableString()))
            .ToEquatableArray(),
        new AbiLayout(Int(node["size64"]), Int(node["align64"])),
        new AbiLayout(Int(node["size32"]), Int(node["align32"])),
        node["doc"].AsNullableString())
    {
        Pack = Int(node["pack"]),
    };

    private static int Int(JsonNode node) => checked((int)node.AsInt64());

    // 64-bit hashes as hex strings: JSON numbers lose precision past 2^53 in most readers.
    private static string Hex(ulong value) => "0x" + value.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private static AbiEnum ReadEnum(JsonNode node) => new(
        node["name"].AsString(),
        node["managed"].AsString(),
        ReadType(node["underlying"]),
        node["members"].AsArray().Items
            .Select(member => new AbiEnumMember(member["name"].AsString(), member["c"].AsString(), member["value"].AsString(), member["doc"].AsNullableString()))
            .ToEquatableArray(),
        node["doc"].AsNullableString());

    private static JsonNode ToJson(AbiFunction function)
    {
        return new JsonObject()
            .Add("name", JsonNode.From(function.Name))
            .Add("origin", JsonNode.From(Lower(function.Origin)))
            .Add("callingConvention", JsonNode.From(Lower(function.CallingConvention)))
            .Add("returnsStatus", JsonNode.From(function.ReturnsStatus))
            .Add("returns", ToJson(function.ReturnType))
            .Add("parameters", new JsonArray(function.Parameters.Select(parameter => new JsonObject()
                .Add("name", JsonNode.From(parameter.Name))
                .Add("type", ToJson(parameter.Type))
                .Add("doc", JsonNode.From(parameter.Doc)))))
            .Add("managed", JsonNode.From(function.ManagedName))
            .Add("doc", new JsonObject()
                .Add("summary", JsonNode.From(function.Doc.Summary))
                .Add("returns", JsonNode.From(function.Doc.Returns))
                .Add("remarks", JsonNode.From(function.Doc.Remarks)));
    }

    private static JsonNode ToJson(AbiType type)
    {
        var json = new JsonObject()
            .Add("kind", JsonNode.From(Lower(type.Kind)))
            .Add("c", JsonNode.From(type.C))
            .Add("managed", JsonNode.From(type.Managed))
            .Add("size", JsonNode.From(type.Size));
        if (type.Name is not null)
        {
            json.Add("name", JsonNode.From(type.Name));
        }
        if (type.Element is not null)
        {
            json.Add("element", ToJson(type.Element));
        }
        return json;
    }

    private static AbiErrorCode ReadErrorCode(JsonNode node) =>
        new(node["name"].AsString(), checked((int)node["value"].AsInt64()), node["doc"].AsNullableString());

    private static AbiFunction ReadFunction(JsonNode node)
    {
        JsonNode doc = node["doc"];
        return new AbiFunction(
            node["name"].AsString(),
            ParseEnum<AbiCallingConvention>(node["callingConvention"]),
            ReadType(node["returns"]),
            node["parameters"].AsArray().Items
                .Select(parameter => new AbiParameter(parameter["name"].AsString(), ReadType(parameter["type"]), parameter["doc"].AsNullableString()))
                .ToEquatableArray(),
            ParseEnum<AbiFunctionOrigin>(node["origin"]),
            node["managed"].AsString(),
            new AbiDoc(doc["summary"].AsNullableString(), doc["returns"].AsNullableString(), doc["remarks"].AsNullableString()),
            node["returnsStatus"].AsBoolean());
    }

    private static AbiType ReadType(JsonNode node)
    {
        JsonObject json = node.AsObject();
        return new AbiType(ParseEnum<AbiTypeKind>(node["kind"]), node["c"].AsString(), node["managed"].AsString(), checked((int)node["size"].AsInt64()))
        {
            Name = json.Get("name")?.AsString(),
            Element = json.Get("element") is { } element ? ReadType(element) : null,
        };
    }

    // Enum members are written in camel case ("signedInteger"), the JSON convention.
    private static string Lower<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        string name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }

    private static TEnum ParseEnum<TEnum>(JsonNode node)
        where TEnum : struct, Enum
    {
        string text = node.AsString();
        return Enum.TryParse(text, ignoreCase: true, out TEnum value) && Lower(value) == text
            ? value
            : throw new FormatException($"\"{text}\" is not a valid {typeof(TEnum).Name}");
    }
}
