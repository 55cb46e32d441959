using System.Globalization;
using System.Text.Json;
using Cdylib.ObjectFile;

using static Cdylib.Cli.Inspect.Json.JsonValues;

namespace Cdylib.Cli.Inspect.Json;

/// <summary>
/// The PE-only parts of the JSON report: a "pe" object with the header facts, sections and the raw
/// descriptors, and the ordinal, hint, forwarder and delay-load properties of exports and imports.
/// Written only for PE files, so ELF and Mach-O documents keep exactly their schema-1 shape.
/// </summary>
internal static class PeJson
{
    public static void WriteDetails(Utf8JsonWriter json, PeDetails pe)
    {
        json.WriteStartObject("pe");
        json.WriteString("machine", Hex(pe.Machine));
        json.WriteString("timeDateStamp", Hex(pe.TimeDateStamp));
        json.WriteString("characteristics", Hex(pe.Characteristics));
        WriteStrings(json, "characteristicNames", PeNames.Characteristics(pe.Characteristics));
        json.WriteString("subsystem", pe.SubsystemName);
        json.WriteString("dllCharacteristics", Hex(pe.DllCharacteristics));
        WriteStrings(json, "dllCharacteristicNames", PeNames.DllCharacteristics(pe.DllCharacteristics));
        json.WriteString("imageBase", Hex(pe.ImageBase));
        json.WriteString("entryPoint", Hex(pe.EntryPoint));
        json.WriteString("linkerVersion", pe.LinkerVersion);
        json.WriteString("operatingSystemVersion", pe.OperatingSystemVersion);
        json.WriteString("subsystemVersion", pe.SubsystemVersion);
        json.WriteBoolean("clrHeader", pe.HasClrHeader);

        json.WriteStartArray("sections");
        foreach (var section in pe.Sections)
        {
            json.WriteStartObject();
            json.WriteString("name", section.Name);
            json.WriteString("virtualAddress", Hex(section.VirtualAddress));
            json.WriteNumber("virtualSize", section.VirtualSize);
            json.WriteString("rawDataOffset", Hex(section.PointerToRawData));
            json.WriteNumber("rawDataSize", section.SizeOfRawData);
            WriteStrings(json, "characteristics", PeNames.SectionCharacteristics(section.Characteristics));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        if (pe.ExportDirectory is PeExportDirectory directory)
        {
            json.WriteStartObject("exportDirectory");
            json.WriteString("characteristics", Hex(directory.Characteristics));
            json.WriteString("timeDateStamp", Hex(directory.TimeDateStamp));
            json.WriteString("version", string.Create(CultureInfo.InvariantCulture, $"{directory.MajorVersion}.{directory.MinorVersion:00}"));
            json.WriteNumber("ordinalBase", directory.OrdinalBase);
            json.WriteNumber("numberOfFunctions", directory.NumberOfFunctions);
            json.WriteNumber("numberOfNames", directory.NumberOfNames);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("exportDirectory");
        }

        json.WriteStartArray("importDescriptors");
        foreach (var descriptor in pe.ImportDescriptors)
        {
            json.WriteStartObject();
            json.WriteString("dll", descriptor.DllName);
            json.WriteBoolean("delayLoad", descriptor.IsDelayLoad);
            json.WriteString("importNameTable", Hex(descriptor.ImportNameTableRva));
            json.WriteString("importAddressTable", Hex(descriptor.ImportAddressTableRva));
            json.WriteString("timeDateStamp", Hex(descriptor.TimeDateStamp));
            json.WriteString("forwarderChain", Hex(descriptor.ForwarderChain));
            if (descriptor.IsDelayLoad)
            {
                json.WriteString("attributes", Hex(descriptor.Attributes));
                json.WriteString("moduleHandle", Hex(descriptor.ModuleHandleRva));
                json.WriteString("boundImportAddressTable", Hex(descriptor.BoundImportAddressTableRva));
                json.WriteString("unloadInformationTable", Hex(descriptor.UnloadInformationTableRva));
            }

            json.WriteNumber("firstImport", descriptor.FirstImport);
            json.WriteNumber("importCount", descriptor.ImportCount);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("boundImports");
        foreach (var bound in pe.BoundImports)
        {
            json.WriteStartObject();
            json.WriteString("dll", bound.DllName);
            json.WriteString("timeDateStamp", Hex(bound.TimeDateStamp));
            json.WriteStartArray("forwarders");
            foreach (var forwarder in bound.Forwarders)
            {
                json.WriteStartObject();
                json.WriteString("dll", forwarder.DllName);
                json.WriteString("timeDateStamp", Hex(forwarder.TimeDateStamp));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>After the neutral properties of a PE export: "ordinal", "hint" (null for ordinal-only), "forwardedTo" (null unless forwarded).</summary>
    public static void WriteExport(Utf8JsonWriter json, Export export)
    {
        WriteNumberOrNull(json, "ordinal", export.Ordinal);
        WriteNumberOrNull(json, "hint", export.Hint);
        if (export.ForwardedTo is null)
        {
            json.WriteNull("forwardedTo");
        }
        else
        {
            json.WriteString("forwardedTo", export.ForwardedTo);
        }
    }

    /// <summary>After the neutral properties of a PE import: "ordinal" (null for an import by name), "hint" (null for one by ordinal), "delayLoad".</summary>
    public static void WriteImport(Utf8JsonWriter json, Import import)
    {
        WriteNumberOrNull(json, "ordinal", import.Ordinal);
        WriteNumberOrNull(json, "hint", import.Hint);
        json.WriteBoolean("delayLoad", import.IsDelayLoad);
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
