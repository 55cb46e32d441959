using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Cdylib.Abi.Json;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters;

/// <summary>
/// Reads <c>NAME.abi.json</c> files of schema 1, which Cdylib wrote before the types became structure:
/// each type was a kind, its C spelling and its C# spelling, enum values were C literals, and helpers
/// had no role. This reader (and only it) recovers the structure from those spellings, so a schema-1
/// file reads into the same model as the schema-2 file of the same library, and <c>cdylib diff</c>
/// compares across the two.
/// </summary>
internal static class AbiJsonSchema1
{
    public static AbiLibrary Read(JsonNode root)
    {
        JsonNode library = root["library"];
        string prefix = library["prefix"].AsString();
        var handles = root["handles"].AsArray().Items
            .Select(handle => new AbiHandle(handle["name"].AsString(), handle["managed"].AsString(), handle["free"].AsString(), handle["doc"].AsNullableString()))
            .ToList();
        var enums = root["enums"].AsArray().Items.Select(ReadEnum).ToList();
        var structNames = new HashSet<string>(root["structs"].AsArray().Items.Select(node => node["name"].AsString()), StringComparer.Ordinal);
        var types = new Types(enums.ToDictionary(e => e.Name, e => e.Underlying, StringComparer.Ordinal), structNames);
        return new AbiLibrary(
            library["name"].AsString(),
            prefix,
            library["assembly"].AsString(),
            root["errorCodes"].AsArray().Items.Select(AbiJson.ReadErrorCode).ToEquatableArray(),
            root["functions"].AsArray().Items.Select(node => ReadFunction(node, types, prefix, handles)).ToEquatableArray(),
            checked((uint)library["abiVersion"].AsInt64()),
            ulong.Parse(library["apiHash"].AsString().Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
            enums.ToEquatableArray(),
            root["structs"].AsArray().Items.Select(node => AbiJson.ReadStruct(node, types.Read)).ToEquatableArray(),
            handles.ToEquatableArray());
    }

    private static AbiEnum ReadEnum(JsonNode node)
    {
        var underlying = (PrimitiveType)Types.Scalar(node["underlying"]["c"].AsString(), "")!;
        return new AbiEnum(
            node["name"].AsString(),
            node["managed"].AsString(),
            underlying,
            node["members"].AsArray().Items
                .Select(member => new AbiEnumMember(member["name"].AsString(), member["c"].AsString(), Literal(member["value"].AsString()), member["doc"].AsNullableString()))
                .ToEquatableArray(),
            node["doc"].AsNullableString());
    }

    /// <summary>A C integer literal as schema 1 wrote it: <c>-1ll</c>, <c>4294967295u</c>, <c>18446744073709551615ull</c>, <c>(-2147483647 - 1)</c>.</summary>
    private static long Literal(string text)
    {
        string value = text.Replace("(", "").Replace(")", "").TrimEnd('u', 'l', 'U', 'L');
        int minus = value.IndexOf(" - ", StringComparison.Ordinal);
        if (minus > 0)
        {
            // (-N - 1): the smallest value of a signed type.
            return long.Parse(value.Substring(0, minus).TrimEnd('u', 'l', 'U', 'L'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) - 1;
        }
        return value.StartsWith("-", StringComparison.Ordinal)
            ? long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            : unchecked((long)ulong.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture));
    }

    private static AbiFunction ReadFunction(JsonNode node, Types types, string prefix, IReadOnlyList<AbiHandle> handles)
    {
        JsonNode doc = node["doc"];
        string name = node["name"].AsString();
        AbiFunctionOrigin origin = AbiJson.ParseEnum<AbiFunctionOrigin>(node["origin"]);
        return new AbiFunction(
            name,
            AbiJson.ParseEnum<AbiCallingConvention>(node["callingConvention"]),
            types.Read(node["returns"]),
            node["parameters"].AsArray().Items
                .Select(parameter => new AbiParameter(parameter["name"].AsString(), types.Read(parameter["type"]), parameter["doc"].AsNullableString()))
                .ToEquatableArray(),
            origin,
            node["managed"].AsString(),
            new AbiDoc(doc["summary"].AsNullableString(), doc["returns"].AsNullableString(), doc["remarks"].AsNullableString()),
            node["returnsStatus"].AsBoolean())
        {
            Role = origin == AbiFunctionOrigin.Helper ? RoleOf(name, prefix, handles) : AbiHelperRole.None,
        };
    }

    // Schema 1 named the helpers as the generator does, and listed each handle type's free function.
    private static AbiHelperRole RoleOf(string name, string prefix, IReadOnlyList<AbiHandle> handles)
    {
        if (handles.Any(handle => handle.FreeFunction == name))
        {
            return AbiHelperRole.HandleFree;
        }
        return name.StartsWith(prefix + "_", StringComparison.Ordinal) ? name.Substring(prefix.Length + 1) switch
        {
            "init" => AbiHelperRole.Init,
            "last_error_code" => AbiHelperRole.LastErrorCode,
            "last_error_message" => AbiHelperRole.LastErrorMessage,
            "clear_last_error" => AbiHelperRole.ClearLastError,
            "free_string" => AbiHelperRole.FreeString,
            "free_buffer" => AbiHelperRole.FreeBuffer,
            "live_allocations" => AbiHelperRole.LiveAllocations,
            "live_handles" => AbiHelperRole.LiveHandles,
            "abi_version" => AbiHelperRole.AbiVersion,
            "api_hash" => AbiHelperRole.ApiHash,
            _ => AbiHelperRole.None,
        } : AbiHelperRole.None;
    }

    /// <summary>Schema 1's types: a kind, a C spelling, a C# spelling, a name and an element.</summary>
    private sealed class Types(IReadOnlyDictionary<string, PrimitiveType> enums, ISet<string> structs)
    {
        public AbiType Read(JsonNode node)
        {
            JsonObject json = node.AsObject();
            string kind = node["kind"].AsString();
            string c = node["c"].AsString();
            string managed = node["managed"].AsString();
            bool nullable = managed.EndsWith("?", StringComparison.Ordinal);
            AbiType Element() => Read(json.Get("element") ?? throw new FormatException($"a {kind} type has no element"));
            return kind switch
            {
                "void" or "bool" or "signedInteger" or "unsignedInteger" or "float" => Scalar(c, managed) ?? throw new FormatException($"\"{c}\" is not a C scalar"),
                "pointer" or "functionPointer" => Parse(c),
                "utf8String" => new StringType(Ownership.Borrowed, nullable),
                "ownedUtf8String" => new StringType(Ownership.Owned, nullable),
                "span" => new SpanType(Element(), Writable: false),
                "mutableSpan" => new SpanType(Element(), Writable: true),
                "ownedArray" => new OwnedArrayType(Element(), nullable),
                "reference" => new ReferenceType(managed.Split(' ')[0] switch
                {
                    "out" => ReferenceKind.Out,
                    "in" => ReferenceKind.In,
                    _ => ReferenceKind.Ref,
                }, Element()),
                "optional" => new OptionalType(Element()),
                "enum" => new EnumRef(node["name"].AsString(), (PrimitiveType)Element()),
                "struct" => new StructRef(node["name"].AsString()),
                "handle" => new HandleRef(node["name"].AsString(), nullable),
                _ => throw new FormatException($"\"{kind}\" is not a kind of type"),
            };
        }

        /// <summary>A C spelling of the pointers and callbacks schema 1 wrote: <c>int32_t (*)(bnd_Color, bnd_Point*, void*)</c>, <c>const char*</c>.</summary>
        private AbiType Parse(string c)
        {
            c = c.Trim();
            int function = c.IndexOf("(*)", StringComparison.Ordinal);
            if (function >= 0)
            {
                string parameters = c.Substring(function + 3).Trim();
                parameters = parameters.Substring(1, parameters.Length - 2).Trim();
                return new FunctionPointerType(
                    Parse(c.Substring(0, function)),
                    parameters is "void" or "" ? EquatableArray<AbiType>.Empty : parameters.Split(',').Select(Parse).ToEquatableArray());
            }
            if (c.EndsWith("*", StringComparison.Ordinal))
            {
                string inner = c.Substring(0, c.Length - 1).Trim();
                bool constant = inner.StartsWith("const ", StringComparison.Ordinal);
                return new PointerType(Parse(constant ? inner.Substring(6) : inner), constant);
            }
            return Scalar(c, "")
                ?? (enums.TryGetValue(c, out PrimitiveType? underlying) ? new EnumRef(c, underlying)
                : structs.Contains(c) ? new StructRef(c)
                : throw new FormatException($"\"{c}\" is not a C type this file declares"));
        }

        public static AbiType? Scalar(string c, string managed) => c switch
        {
            "uint16_t" when managed.TrimEnd('?') is "System.Half" or "Half" => WellKnownTypes.Half,
            _ => Enum.GetValues(typeof(Primitive)).Cast<Primitive>().Where(primitive => primitive != Primitive.Half)
                .Select(primitive => (Primitive?)primitive).FirstOrDefault(primitive => CSpelling.Of(primitive!.Value) == c) is { } found
                ? new PrimitiveType(found)
                : null,
        };
    }
}
