using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cdylib.Cli.Inspect.Report;
using Cdylib.ObjectFile;

using static Cdylib.Cli.Inspect.Json.JsonValues;

namespace Cdylib.Cli.Inspect.Json;

/// <summary>
/// The machine-readable report: one JSON document per run, <c>{"schema": 1, "command": …, "files": [...]}</c>,
/// properties always in the same order, every file present (unreadable ones as <c>{"path", "error"}</c>)
/// so that the output stays one valid document whatever happens.
/// </summary>
/// <remarks>
/// Addresses are hex strings ("0x1139"): 64-bit values do not survive a JSON number in JavaScript.
/// Sizes are numbers. Schema changes that remove or rename a property bump "schema".
/// </remarks>
internal sealed class JsonInspectFormatter : IInspectFormatter
{
    public const int Schema = 1;

    /// <summary>How much JSON is held before it is written on: the document of a large library is megabytes.</summary>
    private const int FlushThreshold = 1 << 16;

    private readonly TextWriter _output;
    private readonly InspectReport _report;
    private readonly NameStyle _names;

    /// <summary>
    /// The command's own UTF-8 stdout stream, which the JSON goes to as it is written; null for any other
    /// writer (a test's <see cref="StringWriter"/>), which gets the document decoded from <see cref="_buffer"/>.
    /// </summary>
    private readonly Stream? _stream;
    private readonly MemoryStream _buffer = new();
    private readonly Utf8JsonWriter _json;

    public JsonInspectFormatter(TextWriter output, InspectReport report, NameStyle names)
    {
        _output = output;
        _report = report;
        _names = names;
        if (output is StreamWriter { Encoding.CodePage: 65001 } streamWriter)
        {
            streamWriter.Flush();
            _stream = streamWriter.BaseStream;
        }

        _json = new Utf8JsonWriter(_stream ?? _buffer, new JsonWriterOptions
        {
            Indented = true,

            // Symbol names are ASCII in practice; keep '+', '<', '&' (C++ names) readable instead of \u-escaped.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        _json.WriteStartObject();
        _json.WriteNumber("schema", Schema);
        _json.WriteString("command", _report switch
        {
            InspectReport.Exports => "exports",
            InspectReport.Imports => "imports",
            InspectReport.Dependencies => "deps",
            _ => "headers",
        });
        _json.WriteStartArray("files");
    }

    public void WriteFile(string path, BinaryFile file, DependencyTree? tree = null)
    {
        var summary = file.Summary;
        _json.WriteStartObject();
        _json.WriteString("path", path);
        _json.WriteString("format", ModelNames.Format(summary.Format));
        _json.WriteString("kind", ModelNames.Kind(summary.Kind));
        _json.WriteString("machine", summary.Machine);
        _json.WriteNumber("bits", summary.Bits);
        _json.WriteString("endianness", ModelNames.Endianness(summary.Endianness));
        WriteStringOrNull(_json, "ownName", summary.OwnName);

        _json.WriteStartArray("searchPaths");
        foreach (var searchPath in summary.SearchPaths)
        {
            _json.WriteStartObject();
            _json.WriteString("kind", ModelNames.SearchPathKind(searchPath.Kind));
            _json.WriteString("value", searchPath.Value);
            _json.WriteStartArray("directories");
            foreach (var directory in searchPath.Directories)
            {
                _json.WriteStringValue(directory);
            }

            _json.WriteEndArray();
            _json.WriteEndObject();
        }

        _json.WriteEndArray();

        _json.WriteStartArray("dependencies");
        foreach (var dependency in file.Dependencies)
        {
            _json.WriteStartObject();
            _json.WriteString("name", dependency.Name);
            _json.WriteString("kind", ModelNames.DependencyKind(dependency.Kind));
            _json.WriteEndObject();
        }

        _json.WriteEndArray();

        // The format's details, described once for both reports: "elf", "pe", "macho" or "archive".
        if (DetailsReport.For(summary) is ReportSection details)
        {
            ReportJson.Write(_json, details);
        }

        // deps and headers are the part above: the summary, dependencies and format details; deps adds the platform floor.
        if (_report == InspectReport.Dependencies)
        {
            ReportJson.Write(_json, PlatformFloorReport.Describe(summary));
            if (tree is not null)
            {
                DependencyTreeJson.Write(_json, tree);
            }
        }
        else if (_report == InspectReport.Exports)
        {
            WriteExports(file);
        }
        else if (_report == InspectReport.Imports)
        {
            WriteImports(file);
        }

        _json.WriteStartArray("warnings");
        foreach (var warning in file.Warnings)
        {
            _json.WriteStringValue(warning.Message);
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
    }

    public void WriteError(string path, string message)
    {
        _json.WriteStartObject();
        _json.WriteString("path", path);
        _json.WriteString("error", message);
        _json.WriteEndObject();
    }

    public void Complete()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        if (_stream is null)
        {
            _output.WriteLine(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
        }
        else
        {
            _output.WriteLine();
        }

        _output.Flush();
    }

    /// <summary>Releases the JSON writer and its buffer (after <see cref="Complete"/>, or when a run ends early).</summary>
    public void Dispose()
    {
        _json.Dispose();
        _buffer.Dispose();
    }

    /// <summary>Writes on what the JSON writer holds once it is large (only to the stdout stream: a buffer would gain nothing).</summary>
    private void FlushWhenLarge()
    {
        if (_stream is not null && _json.BytesPending > FlushThreshold)
        {
            _json.Flush();
        }
    }

    private void WriteExports(BinaryFile file)
    {
        _json.WriteStartArray("exports");
        if (file.Summary.Format == BinaryFormat.Elf)
        {
            // ELF exports have nothing beyond the common fields: walked in place, no record or string per
            // symbol (a large library lists tens of thousands).
            foreach (var export in file.EnumerateExports())
            {
                _json.WriteStartObject();
                _json.WriteString(NameProperty, export.Utf8Name);
                if (_names.Demangles)
                {
                    WriteDemangled(export.Name.ToString());
                }

                WriteExportValues(export.Address, export.Size, export.Kind, export.Binding, export.Visibility, export.Version, export.IsAbsolute);
                _json.WriteEndObject();
                FlushWhenLarge();
            }

            _json.WriteEndArray();
            return;
        }

        var archive = ArchiveJson.For(file);
        foreach (var export in file.Exports)
        {
            _json.WriteStartObject();
            _json.WriteString(NameProperty, export.Name);
            WriteDemangled(export.Name);
            WriteExportValues(export.Address, export.Size, export.Kind, export.Binding, export.Visibility, export.Version, export.IsAbsolute);
            if (file.Summary.Format == BinaryFormat.Pe)
            {
                PeJson.WriteExport(_json, export);
            }
            else if (file.Summary.Format == BinaryFormat.MachO)
            {
                MachOJson.WriteExport(_json, export);
            }
            else
            {
                archive?.WriteExport(_json, export);
            }

            _json.WriteEndObject();
            FlushWhenLarge();
        }

        _json.WriteEndArray();
    }

    private static readonly JsonEncodedText NameProperty = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText AddressProperty = JsonEncodedText.Encode("address");
    private static readonly JsonEncodedText SizeProperty = JsonEncodedText.Encode("size");
    private static readonly JsonEncodedText KindProperty = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText BindingProperty = JsonEncodedText.Encode("binding");
    private static readonly JsonEncodedText VisibilityProperty = JsonEncodedText.Encode("visibility");
    private static readonly JsonEncodedText AbsoluteProperty = JsonEncodedText.Encode("absolute");

    /// <summary>The fields every export has, after its name.</summary>
    private void WriteExportValues(ulong address, ulong size, SymbolKind kind, SymbolBinding binding, SymbolVisibility visibility, SymbolVersion? version, bool isAbsolute)
    {
        WriteHex(_json, AddressProperty, address);
        _json.WriteNumber(SizeProperty, size);
        _json.WriteString(KindProperty, ModelNames.SymbolKind(kind));
        _json.WriteString(BindingProperty, ModelNames.Binding(binding));
        _json.WriteString(VisibilityProperty, ModelNames.Visibility(visibility));
        WriteVersion(version);
        _json.WriteBoolean(AbsoluteProperty, isAbsolute);
    }

    private void WriteImports(BinaryFile file)
    {
        _json.WriteStartArray("imports");
        var archive = ArchiveJson.For(file);
        foreach (var import in file.Imports)
        {
            _json.WriteStartObject();
            _json.WriteString("name", import.Name);
            WriteDemangled(import.Name);
            WriteStringOrNull(_json, "library", import.Library);
            _json.WriteString("kind", ModelNames.SymbolKind(import.Kind));
            _json.WriteString("binding", ModelNames.Binding(import.Binding));
            _json.WriteBoolean("weak", import.IsWeak);
            WriteVersion(import.Version);
            if (file.Summary.Format == BinaryFormat.Pe)
            {
                PeJson.WriteImport(_json, import);
            }
            else if (file.Summary.Format == BinaryFormat.MachO)
            {
                MachOJson.WriteImport(_json, import);
            }
            else
            {
                archive?.WriteImport(_json, import);
            }

            _json.WriteEndObject();
            FlushWhenLarge();
        }

        _json.WriteEndArray();
    }

    private static readonly JsonEncodedText DemangledProperty = JsonEncodedText.Encode("demangled");

    /// <summary>With --demangle, "demangled": the name as its language writes it, or null when it is not mangled; nothing without.</summary>
    private void WriteDemangled(string name)
    {
        if (!_names.Demangles)
        {
            return;
        }

        if (_names.DemangledForm(name) is string demangled)
        {
            _json.WriteString(DemangledProperty, demangled);
        }
        else
        {
            _json.WriteNull(DemangledProperty);
        }
    }

    private void WriteVersion(SymbolVersion? version)
    {
        if (version is null)
        {
            _json.WriteNull("version");
            return;
        }

        _json.WriteStartObject("version");
        _json.WriteString("name", version.Name);
        _json.WriteBoolean("default", version.IsDefault);
        WriteStringOrNull(_json, "library", version.Library);
        _json.WriteEndObject();
    }
}
