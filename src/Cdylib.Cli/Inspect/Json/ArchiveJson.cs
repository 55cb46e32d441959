using System.Collections.Generic;
using System.Text.Json;
using Cdylib.ObjectFile;

using static Cdylib.Cli.Inspect.Json.JsonValues;
using Cdylib.ObjectFile.Archive;

namespace Cdylib.Cli.Inspect.Json;

/// <summary>
/// The archive-only properties of exports and imports in the JSON report: "member" (plus "library",
/// "ordinal", "hint" for exports). Written only for archives, so other documents keep their schema-1
/// shape. (The "archive" object is <see cref="Report.ArchiveReport"/>.)
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
