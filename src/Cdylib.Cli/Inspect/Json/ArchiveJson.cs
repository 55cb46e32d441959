using System.Collections.Generic;
using System.Text.Json;
using Cdylib.ObjectFile;

using static Cdylib.Cli.Inspect.Json.JsonValues;

namespace Cdylib.Cli.Inspect.Json;

/// <summary>
/// The archive-only parts of the JSON report: an "archive" object with the variant, the members (each
/// with its kind, offsets, machine, the names it defines and needs, and its import-library entry) and
/// the symbol index; and "member" (plus "library", "ordinal", "hint" for exports) on each export and
/// import. Written only for archives, so other documents keep their schema-1 shape.
/// </summary>
internal sealed class ArchiveJson
{
    private readonly Dictionary<object, ArchiveMember> _memberOf = new(ReferenceEqualityComparer.Instance);

    private ArchiveJson(ArchiveDetails archive)
    {
        foreach (var member in archive.Members)
        {
            foreach (var export in member.Exports)
            {
                _memberOf.TryAdd(export, member);
            }

            foreach (var import in member.Imports)
            {
                _memberOf.TryAdd(import, member);
            }
        }
    }

    /// <summary>The writer for <paramref name="file"/>'s symbols, or null when it is not an archive.</summary>
    public static ArchiveJson? For(BinaryFile file) => file.Summary.Archive is ArchiveDetails archive ? new ArchiveJson(archive) : null;

    public static void WriteDetails(Utf8JsonWriter json, ArchiveDetails archive)
    {
        json.WriteStartObject("archive");
        json.WriteString("variant", archive.Variant switch { ArchiveVariant.Bsd => "bsd", ArchiveVariant.Coff => "microsoft", _ => "gnu" });
        json.WriteStartArray("members");
        foreach (var member in archive.Members)
        {
            json.WriteStartObject();
            json.WriteString("name", member.Name);
            json.WriteString("kind", ModelNames.MemberKind(member.Kind));
            json.WriteNumber("headerOffset", member.HeaderOffset);
            json.WriteNumber("dataOffset", member.DataOffset);
            json.WriteNumber("size", member.Size);
            if (member.Machine is null)
            {
                json.WriteNull("machine");
            }
            else
            {
                json.WriteString("machine", member.Machine);
            }

            WriteNames(json, "defines", member.Exports, e => e.Name);
            WriteNames(json, "needs", member.Imports, i => i.Name);
            if (member.ImportEntry is ImportLibraryEntry entry)
            {
                json.WriteStartObject("importEntry");
                json.WriteString("symbol", entry.SymbolName);
                json.WriteString("dll", entry.DllName);
                json.WriteString("type", ModelNames.ImportType(entry.Type));
                json.WriteString("nameType", ModelNames.ImportNameType(entry.NameType));
                WriteStringOrNull(json, "importName", entry.ImportName);
                WriteNumberOrNull(json, "ordinal", entry.Ordinal);
                WriteNumberOrNull(json, "hint", entry.Hint);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("importEntry");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("symbolIndex");
        foreach (var symbol in archive.SymbolIndex)
        {
            json.WriteStartObject();
            json.WriteString("name", symbol.Name);
            json.WriteNumber("memberOffset", symbol.MemberOffset);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>After the neutral properties of an archive export: "member", "library" (the DLL of an import-library symbol), "ordinal", "hint".</summary>
    public void WriteExport(Utf8JsonWriter json, Export export)
    {
        WriteStringOrNull(json, "member", _memberOf.GetValueOrDefault(export)?.Name);
        WriteStringOrNull(json, "library", export.Library);
        WriteNumberOrNull(json, "ordinal", export.Ordinal);
        WriteNumberOrNull(json, "hint", export.Hint);
    }

    /// <summary>After the neutral properties of an archive import: "member".</summary>
    public void WriteImport(Utf8JsonWriter json, Import import) =>
        WriteStringOrNull(json, "member", _memberOf.GetValueOrDefault(import)?.Name);

    private static void WriteNames<T>(Utf8JsonWriter json, string name, IReadOnlyList<T> items, System.Func<T, string> select)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStringValue(select(item));
        }

        json.WriteEndArray();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, uint? value)
    {
        if (value is uint number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
