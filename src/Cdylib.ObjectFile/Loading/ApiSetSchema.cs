using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// The API set schema of Windows 10 and later (version 6), as apisetschema.dll carries it in its
/// ".apiset" section: a namespace header (version, size, flags, count, entry offset, hash offset, hash
/// factor), 24-byte namespace entries (flags, name offset and length, hashed length, value offset and
/// count) and 20-byte value entries (flags, importing-module name, host name), names in UTF-16LE at
/// offsets from the start of the schema. A name matches an entry on its hashed part: the name without
/// its last "-N" and without ".dll".
/// </summary>
internal sealed class ApiSetSchema
{
    private readonly List<(string Name, List<(string Importer, string Host)> Values)> _entries = [];

    /// <summary>Whether the loader treats <paramref name="name"/> as an API set.</summary>
    public static bool IsApiSetName(string name) =>
        name.StartsWith("api-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("ext-", StringComparison.OrdinalIgnoreCase);

    /// <summary>The host DLL of an API set for a module importing it (its own value, else the default); null when the schema does not know the set.</summary>
    public string? Resolve(string apiSet, string importer)
    {
        string name = apiSet.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? apiSet[..^4] : apiSet;
        int hyphen = name.LastIndexOf('-');
        string hashed = hyphen > 0 ? name[..hyphen] : name;
        foreach (var (entryName, values) in _entries)
        {
            if (string.Equals(entryName, hashed, StringComparison.OrdinalIgnoreCase))
            {
                var own = values.FirstOrDefault(v => v.Importer.Length > 0 && string.Equals(v.Importer, importer, StringComparison.OrdinalIgnoreCase));
                return own.Host ?? values.FirstOrDefault(v => v.Importer.Length == 0).Host ?? values.FirstOrDefault().Host;
            }
        }

        return null;
    }

    /// <summary>Reads the schema from apisetschema.dll; null and why when it has none of version 6.</summary>
    public static ApiSetSchema? Read(string path, out string? problem)
    {
        problem = null;
        try
        {
            var file = BinaryFile.Open(path);
            var section = file.Summary.Pe?.Sections.FirstOrDefault(s => s.Name == ".apiset");
            if (section is null)
            {
                problem = $"{path} has no .apiset section";
                return null;
            }

            byte[] bytes = File.ReadAllBytes(path);
            if ((long)section.PointerToRawData + section.SizeOfRawData > bytes.Length)
            {
                problem = $"{path}: the .apiset section passes the end of the file";
                return null;
            }

            return Parse(bytes.AsSpan((int)section.PointerToRawData, (int)section.SizeOfRawData), path, out problem);
        }
        catch (Exception e) when (e is ObjectFileException or IOException or UnauthorizedAccessException)
        {
            problem = e.Message;
            return null;
        }
    }

    private static ApiSetSchema? Parse(ReadOnlySpan<byte> data, string path, out string? problem)
    {
        problem = null;
        if (data.Length < 28 || BinaryPrimitives.ReadUInt32LittleEndian(data) != 6)
        {
            problem = $"{path}: not an API set schema of version 6";
            return null;
        }

        uint count = U32(data, 12);
        uint entries = U32(data, 16);
        var schema = new ApiSetSchema();
        for (uint i = 0; i < count && entries + (i + 1) * 24L <= data.Length; i++)
        {
            long entry = entries + i * 24L;
            string? name = Utf16(data, U32(data, entry + 4), U32(data, entry + 12));
            uint valueOffset = U32(data, entry + 16);
            uint valueCount = U32(data, entry + 20);
            if (name is null)
            {
                continue;
            }

            var values = new List<(string, string)>();
            for (uint v = 0; v < valueCount && valueOffset + (v + 1) * 20L <= data.Length; v++)
            {
                long value = valueOffset + v * 20L;
                string importer = Utf16(data, U32(data, value + 4), U32(data, value + 8)) ?? "";
                string host = Utf16(data, U32(data, value + 12), U32(data, value + 16)) ?? "";
                values.Add((importer, host));
            }

            schema._entries.Add((name, values));
        }

        return schema;
    }

    private static uint U32(ReadOnlySpan<byte> data, long offset) =>
        offset + 4 <= data.Length ? BinaryPrimitives.ReadUInt32LittleEndian(data[(int)offset..]) : 0;

    private static string? Utf16(ReadOnlySpan<byte> data, uint offset, uint length) =>
        length == 0 ? "" : offset + (long)length <= data.Length ? Encoding.Unicode.GetString(data.Slice((int)offset, (int)length)) : null;
}
