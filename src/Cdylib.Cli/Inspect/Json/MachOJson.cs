using System.Text.Json;
using Cdylib.ObjectFile;

using static Cdylib.Cli.Inspect.Json.JsonValues;

namespace Cdylib.Cli.Inspect.Json;

/// <summary>
/// The Mach-O-only parts of the JSON report: a "macho" object with the header facts, the slice of a fat
/// file, segments, the install name and dylib commands with versions, and where exports and imports
/// were read from; "forwardedTo" and "resolver" on exports and "libraryOrdinal" on imports. Written only
/// for Mach-O files, so ELF and PE documents keep exactly their shape.
/// </summary>
internal static class MachOJson
{
    public static void WriteDetails(Utf8JsonWriter json, MachODetails macho)
    {
        json.WriteStartObject("macho");
        json.WriteString("arch", macho.Architecture);
        json.WriteString("cpuType", Hex((uint)macho.CpuType));
        json.WriteString("cpuSubtype", Hex((uint)macho.CpuSubtype));
        json.WriteString("fileType", macho.FileTypeName);
        json.WriteString("flags", Hex(macho.Flags));
        WriteStrings(json, "flagNames", MachONames.HeaderFlags(macho.Flags));
        WriteStringOrNull(json, "uuid", macho.Uuid);
        WriteStringOrNull(json, "platform", macho.Platform);
        WriteStringOrNull(json, "minimumOSVersion", macho.MinimumOSVersion);
        WriteStringOrNull(json, "sdkVersion", macho.SdkVersion);
        json.WriteString("imageBase", Hex(macho.ImageBase));
        if (macho.EntryOffset is ulong entry)
        {
            json.WriteString("entryOffset", Hex(entry));
        }
        else
        {
            json.WriteNull("entryOffset");
        }

        json.WriteString("exportsFrom", ModelNames.MachOTable(macho.ExportsFrom));
        json.WriteString("importsFrom", ModelNames.MachOTable(macho.ImportsFrom));

        if (macho.Slice is MachOFatSlice slice)
        {
            json.WriteStartObject("fat");
            json.WriteBoolean("fat64", macho.IsFat64);
            json.WriteNumber("slice", slice.Index);
            json.WriteStartArray("slices");
            foreach (var each in macho.FatSlices)
            {
                json.WriteStartObject();
                json.WriteString("arch", each.Architecture);
                json.WriteString("offset", Hex(each.Offset));
                json.WriteNumber("size", each.Size);
                json.WriteNumber("align", each.Align);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("fat");
        }

        if (macho.Id is MachODylib id)
        {
            json.WriteStartObject("id");
            WriteDylibFields(json, id);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("id");
        }

        json.WriteStartArray("dylibs");
        foreach (var dylib in macho.Dylibs)
        {
            json.WriteStartObject();
            json.WriteNumber("ordinal", dylib.Ordinal);
            json.WriteString("command", dylib.CommandName);
            WriteDylibFields(json, dylib);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("segments");
        foreach (var segment in macho.Segments)
        {
            json.WriteStartObject();
            json.WriteString("name", segment.Name);
            json.WriteString("vmAddress", Hex(segment.VmAddress));
            json.WriteNumber("vmSize", segment.VmSize);
            json.WriteString("fileOffset", Hex(segment.FileOffset));
            json.WriteNumber("fileSize", segment.FileSize);
            json.WriteStartArray("sections");
            foreach (var section in segment.Sections)
            {
                json.WriteStartObject();
                json.WriteString("name", section.Name);
                json.WriteString("address", Hex(section.Address));
                json.WriteNumber("size", section.Size);
                json.WriteString("flags", Hex(section.Flags));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>After the neutral properties of a Mach-O export: "forwardedTo" ("LIB:name" for a re-export, else null) and "resolver" (hex, or null).</summary>
    public static void WriteExport(Utf8JsonWriter json, Export export)
    {
        WriteStringOrNull(json, "forwardedTo", export.ForwardedTo);
        WriteStringOrNull(json, "resolver", export.ResolverAddress is ulong resolver ? Hex(resolver) : null);
    }

    /// <summary>After the neutral properties of a Mach-O import: "libraryOrdinal" (1.. a dylib, 0 self, -1 main executable, -2 flat, -3 weak lookup; null without two-level namespace).</summary>
    public static void WriteImport(Utf8JsonWriter json, Import import)
    {
        if (import.LibraryOrdinal is int ordinal)
        {
            json.WriteNumber("libraryOrdinal", ordinal);
        }
        else
        {
            json.WriteNull("libraryOrdinal");
        }
    }

    private static void WriteDylibFields(Utf8JsonWriter json, MachODylib dylib)
    {
        json.WriteString("name", dylib.Name);
        json.WriteString("currentVersion", dylib.CurrentVersionText);
        json.WriteString("compatibilityVersion", dylib.CompatibilityVersionText);
        json.WriteNumber("timestamp", dylib.Timestamp);
    }
}
