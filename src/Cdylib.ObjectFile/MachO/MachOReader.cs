using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System;
using Cdylib.ObjectFile.Pe;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.MachO;

/// <summary>
/// Reads a thin Mach-O image (or one slice of a fat file) into the neutral model: the export
/// trie (or the symbol table) as exports, the bind opcodes or chained fixups imports table (or the
/// symbol table) as imports, the dylib commands as dependencies, LC_RPATH as search paths, and the
/// header, segments and dylib versions as <see cref="MachODetails"/>.
/// </summary>
/// <remarks>
/// The header must be readable (else <see cref="ObjectFileException"/>); every table after it is read
/// on its own, and a broken one becomes a warning while the rest is still reported. Offsets in a fat
/// file's slice are relative to the slice and checked against it; messages give file offsets.
/// </remarks>
internal static class MachOReader
{
    /// <summary>A thin image (a fat file's slices are <see cref="BinaryContainer"/>'s images, each read by <see cref="ReadSlice"/>).</summary>
    public static BinaryFile Read(ReadOnlyMemory<byte> data, string? name) => ReadImage(data, 0, name, null, [], false, []);

    /// <summary>One slice of a fat file: its bytes checked against the file, then read as a thin image whose offsets count from the file.</summary>
    public static BinaryFile ReadSlice(ReadOnlyMemory<byte> data, MachOFatSlice slice, string? name, bool isFat64, IReadOnlyList<MachOFatSlice> slices, IReadOnlyList<ObjectFileProblem> fatWarnings)
    {
        var image = MachOFat.Data(data, slice, isFat64);
        return ReadImage(image, (long)slice.Offset, name, slice, slices, isFat64, fatWarnings);
    }

    private static BinaryFile ReadImage(ReadOnlyMemory<byte> image, long sliceOffset, string? name, MachOFatSlice? slice, IReadOnlyList<MachOFatSlice> slices, bool isFat64, IReadOnlyList<ObjectFileProblem> fatWarnings)
    {
        var warnings = new List<ObjectFileProblem>(fatWarnings);
        var problems = new ProblemGroups(warnings);
        var headers = MachOHeaders.Read(new EndianReader(image.Span, false, "Mach-O image", sliceOffset), problems);
        var details = headers.Details;
        var file = new EndianReader(image.Span, headers.IsBigEndian, "Mach-O image", sliceOffset);
        var sections = new MachOSectionMap(details.Segments);
        string? ownName = details.Id?.Name;

        MachOExternalSymbols? symbols = null;
        MachOExternalSymbols? exportedSymbols = null;

        // Exports: the trie when the file has one (dyld reads nothing else), else the symbol table. The
        // trie is only located here and walked when the exports are asked for; what the readers after it
        // find wrong is kept apart, to be reported after the trie's problems, in reading order.
        MachOTable exportsFrom = MachOTable.None;
        MachOBlob? trieBlob = headers.ExportsTrie ?? headers.DyldInfo?.Export;
        ReadOnlyMemory<byte>? trieBytes = null;
        var beforeTrie = problems;
        if (trieBlob is MachOBlob trie)
        {
            exportsFrom = headers.ExportsTrie is null ? MachOTable.DyldInfo : MachOTable.ExportsTrie;
            if (TryBlob(file, trie, MachOExportTrie.Structure, out _, out var problem))
            {
                trieBytes = image.Slice((int)trie.Offset, (int)trie.Size);
            }
            else
            {
                problems.Add(problem);
            }

            problems = ProblemGroups.Detached();
        }
        else if (headers.SymbolTable is not null)
        {
            // Read (names found, not decoded) with its warnings in their place; the exports are walked from it when asked for.
            exportsFrom = MachOTable.SymbolTable;
            exportedSymbols = symbols ??= ReadSymbols(image, file, headers, problems);
        }

        // One rule for a weak bind, in both encodings (a weak-bind opcode, or a chained-fixups import of
        // ordinal -3): when the image defines the name itself, the bind is dyld coalescing the image's own
        // weak definition with other images' copies, and the name is an export (weak), not an import.
        // Whether the image defines a name is asked of the trie as dyld asks it: by descending along the
        // name; an image without a trie is asked through its symbol table's external definitions.
        bool DefinedByImage(string name) => trieBytes is ReadOnlyMemory<byte> bytes
            ? MachOExportTrie.Exports(bytes, sliceOffset + trieBlob!.Value.Offset, Encoding.UTF8.GetBytes(name))
            : exportedSymbols is not null && exportedSymbols.Defines(name);

        // Imports: chained fixups, else dyld-info bind opcodes, else the symbol table's undefined externals.
        var imports = new ImportList(details, ownName, problems);
        MachOTable importsFrom = MachOTable.None;
        if (headers.ChainedFixups is MachOBlob fixups)
        {
            importsFrom = MachOTable.ChainedFixups;
            if (TryBlob(file, fixups, MachOChainedFixups.Structure, out var window, out var problem))
            {
                var memory = image.Slice((int)fixups.Offset, (int)fixups.Size);
                foreach (var binding in MachOChainedFixups.Read(memory, window, problems))
                {
                    if (binding.Ordinal != MachOConstants.OrdinalWeakLookup || !DefinedByImage(binding.Name))
                    {
                        imports.Add(binding, SymbolKind.Other, MachOChainedFixups.ImportsStructure, sliceOffset + fixups.Offset);
                    }
                }
            }
            else
            {
                problems.Add(problem);
            }
        }
        else if (headers.DyldInfo is var (bind, weakBind, lazyBind, _))
        {
            importsFrom = MachOTable.DyldInfo;
            ReadBindings(file, bind, MachOBindOpcodes.BindStructure, false, SymbolKind.Other, imports, problems);
            ReadBindings(file, lazyBind, MachOBindOpcodes.LazyBindStructure, true, SymbolKind.Function, imports, problems);

            // Weak binds coalesce weak definitions across images: those this image neither imports nor
            // defines itself are looked up by name in every image (no library).
            var weak = Bindings(file, weakBind, MachOBindOpcodes.WeakBindStructure, false, problems);
            foreach (var binding in weak)
            {
                if (!binding.IsNonWeakDefinition && !imports.HasName(binding.Name) && !DefinedByImage(binding.Name))
                {
                    imports.Add(binding with { Ordinal = MachOConstants.OrdinalWeakLookup }, SymbolKind.Other, MachOBindOpcodes.WeakBindStructure, sliceOffset + weakBind.Offset);
                }
            }
        }
        else if (headers.SymbolTable is not null)
        {
            importsFrom = MachOTable.SymbolTable;
            bool twoLevel = (details.Flags & MachOConstants.FlagTwoLevel) != 0;
            symbols ??= ReadSymbols(image, file, headers, problems);
            foreach (var symbol in symbols.Symbols)
            {
                if (symbol.IsUndefined)
                {
                    imports.AddSymbol(symbol, symbols.Name(symbol), twoLevel, sliceOffset + headers.SymbolTable.Value.Symbols.Offset);
                }
            }
        }

        var dependencies = new List<Dependency>();
        foreach (var dylib in details.Dylibs)
        {
            if (dylib.Name.Length > 0)
            {
                dependencies.Add(new Dependency(dylib.Name, DependencyKindOf(dylib.Command)));
            }
        }

        var summary = new BinarySummary(
            BinaryFormat.MachO,
            KindOf(details.FileType),
            MachONames.Machine(details.CpuType),
            headers.Is64,
            headers.IsBigEndian ? Endianness.Big : Endianness.Little,
            ownName,
            headers.SearchPaths)
        {
            MachO = details with
            {
                ExportsFrom = exportsFrom,
                ImportsFrom = importsFrom,
                Slice = slice,
                FatSlices = slices,
                IsFat64 = isFat64,
            },
        };
        if (trieBytes is ReadOnlyMemory<byte> bytes)
        {
            var lazy = new MachOTrieExports(bytes, sliceOffset + trieBlob!.Value.Offset, details, sections, fatWarnings, beforeTrie, problems);
            return new BinaryFile(name, new TableImage(summary, dependencies, lazy, imports.Imports, fatWarnings, []));
        }

        if (problems != beforeTrie)
        {
            beforeTrie.Merge(problems);
        }

        beforeTrie.Flush();
        return exportedSymbols is not null
            ? new BinaryFile(name, new TableImage(summary, dependencies, new MachOSymbolExports(exportedSymbols, sections, details.FileType == MachOConstants.FileTypeObject), imports.Imports, warnings, []))
            : new BinaryFile(name, new ListImage(summary, dependencies, [], imports.Imports, warnings));
    }

    private static MachOExternalSymbols ReadSymbols(ReadOnlyMemory<byte> image, EndianReader file, MachOHeaders headers, ProblemGroups problems)
    {
        if (headers.SymbolTable is not var (symbolBlob, stringBlob))
        {
            return MachOExternalSymbols.Empty;
        }

        return MachOSymbolTable.ReadExternal(image, file, symbolBlob, stringBlob, headers.Is64, problems);
    }

    /// <summary>A linkedit blob's window; false with the problem (at the load command that points at it) when it is not inside the image.</summary>
    private static bool TryBlob(EndianReader file, MachOBlob blob, string structure, out EndianReader window, [NotNullWhen(false)] out ObjectFileProblem? problem)
    {
        if (!file.Contains(blob.Offset, blob.Size))
        {
            window = default;
            problem = ObjectFileProblem.Invalid(structure, blob.CommandOffset, string.Create(CultureInfo.InvariantCulture,
                $"0x{blob.Size:X} bytes at offset 0x{blob.Offset:X} run past the end of the image (size 0x{file.Length:X})"));
            return false;
        }

        return file.TrySlice(blob.Offset, blob.Size, structure, out window, out problem);
    }

    private static List<MachOBinding> Bindings(EndianReader file, MachOBlob blob, string structure, bool isLazy, ProblemGroups problems)
    {
        if (blob.Size == 0)
        {
            return [];
        }

        if (!TryBlob(file, blob, structure, out var stream, out var problem))
        {
            problems.Add(problem);
            return [];
        }

        return MachOBindOpcodes.Read(stream, isLazy, problems);
    }

    private static void ReadBindings(EndianReader file, MachOBlob blob, string structure, bool isLazy, SymbolKind kind, ImportList imports, ProblemGroups problems)
    {
        foreach (var binding in Bindings(file, blob, structure, isLazy, problems))
        {
            imports.Add(binding, kind, structure, file.FileOffset + blob.Offset);
        }
    }

    /// <summary>The install name of library ordinal <paramref name="ordinal"/> (1-based), or null when there is no such dylib command.</summary>
    internal static string? LibraryName(MachODetails details, ulong ordinal) =>
        ordinal >= 1 && ordinal <= (ulong)details.Dylibs.Count && details.Dylibs[(int)ordinal - 1].Name.Length > 0
            ? details.Dylibs[(int)ordinal - 1].Name
            : null;

    private static DependencyKind DependencyKindOf(uint command) => command switch
    {
        MachOConstants.LcLoadWeakDylib => DependencyKind.Weak,
        MachOConstants.LcReexportDylib => DependencyKind.Reexport,
        MachOConstants.LcLazyLoadDylib => DependencyKind.DelayLoad,
        MachOConstants.LcLoadUpwardDylib => DependencyKind.Upward,
        _ => DependencyKind.Needed,
    };

    private static BinaryKind KindOf(uint fileType) => fileType switch
    {
        MachOConstants.FileTypeObject => BinaryKind.Relocatable,
        MachOConstants.FileTypeExecute => BinaryKind.Executable,
        MachOConstants.FileTypeDylib or MachOConstants.FileTypeBundle or 0x9 => BinaryKind.SharedLibrary,
        MachOConstants.FileTypeCore => BinaryKind.Core,
        _ => BinaryKind.Unknown,
    };

    /// <summary>Imports in first-seen order, one per (symbol, library ordinal): a symbol bound at many addresses is one import.</summary>
    private sealed class ImportList(MachODetails details, string? ownName, ProblemGroups problems)
    {
        private readonly Dictionary<(string, int), int> _index = [];
        private readonly HashSet<string> _names = [];

        public List<Import> Imports { get; } = [];

        public bool HasName(string name) => _names.Contains(name);

        public void Add(MachOBinding binding, SymbolKind kind, string structure, long tableOffset)
        {
            string? library = Library(binding.Ordinal, structure, tableOffset);
            var weak = binding.IsWeakImport ? SymbolBinding.Weak : SymbolBinding.Global;
            if (_index.TryGetValue((binding.Name, binding.Ordinal), out int at))
            {
                var seen = Imports[at];
                Imports[at] = seen with
                {
                    Binding = seen.Binding == SymbolBinding.Weak ? SymbolBinding.Weak : weak,
                    Kind = seen.Kind == SymbolKind.Other ? kind : seen.Kind,
                };
                return;
            }

            _index[(binding.Name, binding.Ordinal)] = Imports.Count;
            _names.Add(binding.Name);
            Imports.Add(new Import(binding.Name, library, null, kind, weak) { LibraryOrdinal = binding.Ordinal });
        }

        public void AddSymbol(MachOSymbol symbol, string name, bool twoLevel, long tableOffset)
        {
            var weak = (symbol.Description & MachOConstants.NWeakReference) != 0 ? SymbolBinding.Weak : SymbolBinding.Global;
            int? ordinal = null;
            string? library = null;
            if (twoLevel)
            {
                int raw = (symbol.Description >> 8) & 0xff;
                ordinal = raw switch
                {
                    MachOConstants.SymbolOrdinalDynamicLookup => MachOConstants.OrdinalFlatLookup,
                    MachOConstants.SymbolOrdinalExecutable => MachOConstants.OrdinalMainExecutable,
                    _ => raw,
                };
                library = Library(ordinal.Value, MachOSymbolTable.Structure, tableOffset);
            }

            _names.Add(name);
            Imports.Add(new Import(name, library, null, SymbolKind.Other, weak) { LibraryOrdinal = ordinal });
        }

        private string? Library(int ordinal, string structure, long tableOffset)
        {
            if (ordinal == MachOConstants.OrdinalSelf)
            {
                return ownName;
            }

            if (ordinal < 0)
            {
                return null;
            }

            if (LibraryName(details, (ulong)ordinal) is string name)
            {
                return name;
            }

            problems.Add(ObjectFileProblem.Invalid(structure, tableOffset, string.Create(CultureInfo.InvariantCulture,
                $"a symbol names library ordinal {ordinal}, but the file loads {details.Dylibs.Count} dylibs")));
            return null;
        }
    }
}
