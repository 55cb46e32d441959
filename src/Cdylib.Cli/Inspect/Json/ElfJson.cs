using System.Text.Json;
using Cdylib.ObjectFile;

using static Cdylib.Cli.Inspect.Json.JsonValues;

namespace Cdylib.Cli.Inspect.Json;

/// <summary>
/// The ELF-only part of the JSON report: an "elf" object with the file header fields, the program
/// headers and the section headers (values as readelf shows them: addresses and offsets as hex strings,
/// sizes as numbers, types and flags both raw and spelt).
/// </summary>
internal static class ElfJson
{
    public static void WriteDetails(Utf8JsonWriter json, ElfDetails elf)
    {
        json.WriteStartObject("elf");
        json.WriteNumber("type", elf.Type);
        json.WriteString("osAbi", elf.OsAbiName);
        json.WriteNumber("abiVersion", elf.AbiVersion);
        json.WriteString("entry", Hex(elf.Entry));
        json.WriteString("flags", Hex(elf.Flags));

        json.WriteStartArray("segments");
        foreach (var segment in elf.Segments)
        {
            json.WriteStartObject();
            json.WriteString("type", segment.TypeName);
            json.WriteString("flags", segment.FlagLetters.Replace(" ", "", System.StringComparison.Ordinal));
            json.WriteString("offset", Hex(segment.Offset));
            json.WriteString("virtualAddress", Hex(segment.VirtualAddress));
            json.WriteNumber("fileSize", segment.FileSize);
            json.WriteNumber("memorySize", segment.MemorySize);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("sections");
        foreach (var section in elf.Sections)
        {
            json.WriteStartObject();
            json.WriteNumber("index", section.Index);
            json.WriteString("name", section.Name);
            json.WriteString("type", section.TypeName);
            json.WriteString("flags", section.FlagLetters);
            json.WriteString("address", Hex(section.Address));
            json.WriteString("offset", Hex(section.Offset));
            json.WriteNumber("size", section.Size);
            json.WriteNumber("link", section.Link);
            json.WriteNumber("info", section.Info);
            json.WriteNumber("entrySize", section.EntrySize);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
