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

    /// <summary>
    /// Reads a model written by <see cref="Write"/> (schema 2), or by an older Cdylib (schema 1, see
    /// <see cref="AbiJsonSchema1"/>); a <see cref="FormatException"/> says what is wrong.
    /// </summary>
    public static AbiLibrary Read(string json)
    {
        JsonNode root = JsonText.Parse(json);
        long schema = root["schema"].AsInt64();
        if (schema == 1)
        {
            return AbiJsonSchema1.Read(root);
        }
        if (schema != AbiLibrary.SchemaVersion)
        {
            throw new FormatException($"ABI file schema {schema} is not supported (expected 1 or {AbiLibrary.SchemaVersion})");
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
                    .Add("value", new JsonNumber(member.Text(enumeration.Underlying)))
                    .Add("doc", JsonNode.From(member.Doc)))))
                .Add("doc", JsonNode.From(enumeration.Doc)))))
            .Add("handles", new JsonArray(library.Handles.Select(handle => new JsonObject()
                .Add("name", JsonNode.From(handle.Name))
                .Add("managed", JsonNode.From(handle.Managed))
                .Add("free", JsonNode.From(handle.FreeFunction))
                .Add("doc", JsonNode.From(handle.Doc)))))
            .Add("structs", new JsonArray(library.Structs.Select(ToJson)))
            .Add("functions", new JsonArray(library.Functions.Select(ToJson)));
    }

    private static JsonNode ToJson(AbiStruct structure)
    {
        var json = new JsonObject()
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
            .Add("doc", JsonNode.From(structure.Doc));
        return structure.Interface is { } callerInterface ? json.Add("interface", ToJson(callerInterface)) : json;
    }

    internal static AbiStruct ReadStruct(JsonNode node) => ReadStruct(node, ReadType);

    internal static AbiStruct ReadStruct(JsonNode node, Func<JsonNode, AbiType> readType) => new(
        node["name"].AsString(),
        node["managed"].AsString(),
        node["fields"].AsArray().Items
            .Select(field => new AbiField(field["name"].AsString(), readType(field["type"]), Int(field["offset64"]), Int(field["offset32"]), field["doc"].AsNullableString()))
            .ToEquatableArray(),
        new AbiLayout(Int(node["size64"]), Int(node["align64"])),
        new AbiLayout(Int(node["size32"]), Int(node["align32"])),
        node["doc"].AsNullableString())
    {
        Pack = Int(node["pack"]),
        // Only a caller-implemented interface's table has one, so every other struct reads as it did before they existed.
        Interface = node.AsObject().Get("interface") is { } callerInterface
            ? new AbiCallerInterface(callerInterface["members"].AsArray().Items
                .Select(member => new AbiInterfaceMember(
                    member["field"].AsString(),
                    member["member"].AsString(),
                    ParseEnum<AbiInterfaceMemberKind>(member["kind"]),
                    member["parameters"].AsArray().Items.Select(name => name.AsString()).ToEquatableArray(),
                    ReferenceEquals(member["result"], JsonNode.Null) ? null : readType(member["result"])))
                .ToEquatableArray())
            : null,
    };

    private static JsonNode ToJson(AbiCallerInterface callerInterface) => new JsonObject()
        .Add("members", new JsonArray(callerInterface.Members.Select(member => new JsonObject()
            .Add("field", JsonNode.From(member.Field))
            .Add("member", JsonNode.From(member.Member))
            .Add("kind", JsonNode.From(Lower(member.Kind)))
            .Add("parameters", new JsonArray(member.Parameters.Select(name => JsonNode.From(name))))
            .Add("result", member.Result is null ? JsonNode.Null : ToJson(member.Result)))));

    internal static int Int(JsonNode node) => checked((int)node.AsInt64());

    // 64-bit hashes as hex strings: JSON numbers lose precision past 2^53 in most readers.
    private static string Hex(ulong value) => "0x" + value.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private static AbiEnum ReadEnum(JsonNode node)
    {
        PrimitiveType underlying = ReadType(node["underlying"]) as PrimitiveType ?? throw new FormatException("an enum's underlying type must be a primitive");
        return new AbiEnum(
            node["name"].AsString(),
            node["managed"].AsString(),
            underlying,
            node["members"].AsArray().Items
                .Select(member => new AbiEnumMember(member["name"].AsString(), member["c"].AsString(), EnumValue(member["value"], underlying), member["doc"].AsNullableString()))
                .ToEquatableArray(),
            node["doc"].AsNullableString());
    }

    // An unsigned value above long.MaxValue is kept as its bits.
    private static long EnumValue(JsonNode node, PrimitiveType underlying)
    {
        string text = (node as JsonNumber)?.Text ?? throw new FormatException("an enum member's value must be a number");
        return underlying.IsSigned
            ? long.Parse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture)
            : unchecked((long)ulong.Parse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static JsonNode ToJson(AbiFunction function)
    {
        var json = new JsonObject()
            .Add("name", JsonNode.From(function.Name))
            .Add("origin", JsonNode.From(Lower(function.Origin)))
            .Add("role", JsonNode.From(Lower(function.Role)))
            .Add("callingConvention", JsonNode.From(Lower(function.CallingConvention)))
            .Add("returnsStatus", JsonNode.From(function.ReturnsStatus))
            .Add("returns", ToJson(function.ReturnType))
            .Add("parameters", new JsonArray(function.Parameters.Select(parameter => new JsonObject()
                .Add("name", JsonNode.From(parameter.Name))
                .Add("type", ToJson(parameter.Type))
                .Add("doc", JsonNode.From(parameter.Doc)))))
            .Add("managed", JsonNode.From(function.ManagedName));
        // Only an async or iterator export has one, so every other function reads as it did before they existed.
        if (function.Operation is { } operation)
        {
            json.Add("operation", new JsonObject()
                .Add("handle", JsonNode.From(operation.Handle))
                .Add("result", ToJson(operation.Result))
                .Add("wait", JsonNode.From(operation.Wait))
                .Add("cancel", JsonNode.From(operation.Cancel))
                .Add("free", JsonNode.From(operation.Free))
                .Add("cancellable", JsonNode.From(operation.Cancellable)));
        }
        if (function.Iterator is { } iterator)
        {
            json.Add("iterator", new JsonObject()
                .Add("handle", JsonNode.From(iterator.Handle))
                .Add("item", ToJson(iterator.Item))
                .Add("next", JsonNode.From(iterator.Next))
                .Add("free", JsonNode.From(iterator.Free)));
        }
        return json.Add("doc", new JsonObject()
            .Add("summary", JsonNode.From(function.Doc.Summary))
            .Add("returns", JsonNode.From(function.Doc.Returns))
            .Add("remarks", JsonNode.From(function.Doc.Remarks)));
    }

    /// <summary>A type as structure: its kind and parts, with its C spelling beside them for readers (informative only).</summary>
    internal static JsonNode ToJson(AbiType type)
    {
        var json = new JsonObject();
        switch (type)
        {
            case PrimitiveType primitive:
                // In lower case as C and most languages write them: "int32", "uint8", "sizet", "int128".
                json.Add("kind", JsonNode.From("primitive")).Add("primitive", JsonNode.From(primitive.Primitive.ToString().ToLowerInvariant()));
                break;
            case PointerType pointer:
                json.Add("kind", JsonNode.From("pointer")).Add("const", JsonNode.From(pointer.IsConst)).Add("pointee", ToJson(pointer.Pointee));
                break;
            case FunctionPointerType function:
                json.Add("kind", JsonNode.From("functionPointer"))
                    .Add("callingConvention", JsonNode.From(Lower(function.Convention)))
                    .Add("returns", ToJson(function.Returns))
                    .Add("parameters", new JsonArray(function.Parameters.Select(ToJson)));
                break;
            case StringType text:
                json.Add("kind", JsonNode.From("string")).Add("ownership", JsonNode.From(Lower(text.Ownership))).Add("nullable", JsonNode.From(text.Nullable));
                break;
            case SpanType span:
                json.Add("kind", JsonNode.From("span")).Add("writable", JsonNode.From(span.Writable)).Add("element", ToJson(span.Element));
                break;
            case OwnedArrayType array:
                json.Add("kind", JsonNode.From("ownedArray")).Add("nullable", JsonNode.From(array.Nullable)).Add("element", ToJson(array.Element));
                break;
            case ReferenceType reference:
                json.Add("kind", JsonNode.From("reference")).Add("reference", JsonNode.From(Lower(reference.Kind))).Add("target", ToJson(reference.Target));
                break;
            case OptionalType optional:
                json.Add("kind", JsonNode.From("optional")).Add("value", ToJson(optional.Value));
                break;
            case EnumRef enumeration:
                json.Add("kind", JsonNode.From("enum")).Add("name", JsonNode.From(enumeration.Name)).Add("underlying", ToJson(enumeration.Underlying));
                break;
            case StructRef structure:
                json.Add("kind", JsonNode.From("struct")).Add("name", JsonNode.From(structure.Name));
                break;
            case HandleRef handle:
                json.Add("kind", JsonNode.From("handle")).Add("name", JsonNode.From(handle.Name)).Add("nullable", JsonNode.From(handle.Nullable));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
        return json.Add("c", JsonNode.From(CSpelling.Of(type)));
    }

    private static AbiType ReadType(JsonNode node)
    {
        string kind = node["kind"].AsString();
        return kind switch
        {
            "primitive" => new PrimitiveType(Enum.TryParse(node["primitive"].AsString(), ignoreCase: true, out Primitive primitive) && string.Equals(primitive.ToString(), node["primitive"].AsString(), StringComparison.OrdinalIgnoreCase) && !node["primitive"].AsString().Any(char.IsUpper)
                ? primitive
                : throw new FormatException($"\"{node["primitive"].AsString()}\" is not a primitive type")),
            "pointer" => new PointerType(ReadType(node["pointee"]), node["const"].AsBoolean()),
            "functionPointer" => new FunctionPointerType(
                ReadType(node["returns"]),
                node["parameters"].AsArray().Items.Select(ReadType).ToEquatableArray(),
                ParseEnum<AbiCallingConvention>(node["callingConvention"])),
            "string" => new StringType(ParseEnum<Ownership>(node["ownership"]), node["nullable"].AsBoolean()),
            "span" => new SpanType(ReadType(node["element"]), node["writable"].AsBoolean()),
            "ownedArray" => new OwnedArrayType(ReadType(node["element"]), node["nullable"].AsBoolean()),
            "reference" => new ReferenceType(ParseEnum<ReferenceKind>(node["reference"]), ReadType(node["target"])),
            "optional" => new OptionalType(ReadType(node["value"])),
            "enum" => new EnumRef(node["name"].AsString(), ReadType(node["underlying"]) as PrimitiveType ?? throw new FormatException("an enum's underlying type must be a primitive")),
            "struct" => new StructRef(node["name"].AsString()),
            "handle" => new HandleRef(node["name"].AsString(), node["nullable"].AsBoolean()),
            _ => throw new FormatException($"\"{kind}\" is not a kind of type"),
        };
    }

    internal static AbiErrorCode ReadErrorCode(JsonNode node) =>
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
            node["returnsStatus"].AsBoolean())
        {
            Role = ParseEnum<AbiHelperRole>(node["role"]),
            // Files written before async exports existed have no "operation".
            Operation = node.AsObject().Get("operation") is { } operation
                ? new AbiOperation(
                    operation["handle"].AsString(),
                    ReadType(operation["result"]),
                    operation["wait"].AsString(),
                    operation["cancel"].AsString(),
                    operation["free"].AsString(),
                    operation["cancellable"].AsBoolean())
                : null,
            Iterator = node.AsObject().Get("iterator") is { } iterator
                ? new AbiIterator(iterator["handle"].AsString(), ReadType(iterator["item"]), iterator["next"].AsString(), iterator["free"].AsString())
                : null,
        };
    }

    // Enum members are written in camel case ("signedInteger"), the JSON convention.
    internal static string Lower<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        string name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }

    internal static TEnum ParseEnum<TEnum>(JsonNode node)
        where TEnum : struct, Enum
    {
        string text = node.AsString();
        return Enum.TryParse(text, ignoreCase: true, out TEnum value) && Lower(value) == text
            ? value
            : throw new FormatException($"\"{text}\" is not a valid {typeof(TEnum).Name}");
    }
}
