using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Cdylib.ObjectFile.Pe;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.MachO;

/// <summary>A linkedit blob a load command points at: offset and size within the slice, and where the command is (for messages).</summary>
internal readonly record struct MachOBlob(uint Offset, uint Size, long CommandOffset);

/// <summary>
/// The mach_header and the load commands of one thin image: segments and sections, dylib commands,
/// rpaths, and the locations of the symbol table, dyld info, export trie and chained fixups.
/// </summary>
/// <remarks>
/// The header must be readable (else <see cref="ObjectFileException"/>). The load commands are read
/// as far as sizeofcmds and the slice allow; a command that cannot be read is one warning and the next
/// is still read, as long as its size field lets the walk go on.
/// </remarks>
internal sealed class MachOHeaders
{
    public const string HeaderStructure = "Mach-O header";
    public const string CommandsStructure = "Mach-O load commands";
    public const string CommandStructure = "Mach-O load command";
    public const string SegmentStructure = "Mach-O segment command";
    public const string DylibStructure = "Mach-O dylib command";
    public const string RpathStructure = "Mach-O rpath command";

    public required bool Is64 { get; init; }

    public required bool IsBigEndian { get; init; }

    public required MachODetails Details { get; init; }

    public List<SearchPath> SearchPaths { get; } = [];

    /// <summary>LC_SYMTAB: symoff/nsyms as Offset/Size of the first blob, stroff/strsize of the second.</summary>
    public (MachOBlob Symbols, MachOBlob Strings)? SymbolTable { get; private set; }

    /// <summary>LC_DYLD_INFO[_ONLY]: bind, weak bind, lazy bind, export.</summary>
    public (MachOBlob Bind, MachOBlob WeakBind, MachOBlob LazyBind, MachOBlob Export)? DyldInfo { get; private set; }

    public MachOBlob? ExportsTrie { get; private set; }

    public MachOBlob? ChainedFixups { get; private set; }

    public static MachOHeaders Read(EndianReader slice, ProblemGroups problems)
    {
        if (slice.Length < 4)
        {
            throw ObjectFileException.Invalid(HeaderStructure, slice.FileOffset, Describe($"the image is {slice.Length} bytes, too short for a magic number"));
        }

        uint magicLittle = new EndianReader(slice.Span, false, HeaderStructure, slice.FileOffset).U32(0);
        bool isBigEndian;
        bool is64;
        switch (magicLittle)
        {
            case MachOConstants.Magic32: isBigEndian = false; is64 = false; break;
            case MachOConstants.Magic64: isBigEndian = false; is64 = true; break;
            case 0xcefaedfe: isBigEndian = true; is64 = false; break;
            case 0xcffaedfe: isBigEndian = true; is64 = true; break;
            default:
                throw ObjectFileException.Invalid(HeaderStructure, slice.FileOffset, Describe($"the magic number 0x{magicLittle:X8} is not that of a thin Mach-O image"));
        }

        int headerSize = is64 ? MachOConstants.Header64Size : MachOConstants.Header32Size;
        var file = new EndianReader(slice.Span, isBigEndian, "Mach-O image", slice.FileOffset);
        if (file.Length < headerSize)
        {
            throw ObjectFileException.Invalid(HeaderStructure, slice.FileOffset, Describe($"the image is {file.Length} bytes, a {(is64 ? 64 : 32)}-bit header needs {headerSize}"));
        }

        var header = file.Slice(0, headerSize, HeaderStructure);
        int cpuType = (int)header.U32(4);
        int cpuSubtype = (int)header.U32(8);
        uint fileType = header.U32(12);
        uint commandCount = header.U32(16);
        uint commandsSize = header.U32(20);
        uint flags = header.U32(24);

        long available = file.Length - headerSize;
        if (commandsSize > available)
        {
            problems.Add(ObjectFileProblem.Invalid(CommandsStructure, file.FileOffset + headerSize,
                Describe($"sizeofcmds 0x{commandsSize:X} runs past the end of the image (0x{available:X} bytes after the header)")));
        }

        var commands = file.Slice(headerSize, Math.Min(commandsSize, available), CommandsStructure);
        var segments = new List<MachOSegment>();
        var dylibs = new List<MachODylib>();
        var state = new State();

        long at = 0;
        for (uint i = 0; i < commandCount; i++)
        {
            if (!commands.Contains(at, 8))
            {
                problems.Add(commands.Problem(at, Describe($"load command {i} of {commandCount} does not fit in sizeofcmds 0x{commandsSize:X}")));
                break;
            }

            uint cmd = commands.U32(at);
            uint cmdSize = commands.U32(at + 4);
            if (cmdSize < 8 || !commands.Contains(at, cmdSize))
            {
                problems.Add(ObjectFileProblem.Invalid(CommandStructure, commands.FileOffset + at,
                    Describe($"load command {i} (0x{cmd:X}) has cmdsize 0x{cmdSize:X}, which {(cmdSize < 8 ? "is less than 8" : "runs past sizeofcmds")}; the commands after it are not read")));
                break;
            }

            var command = commands.Slice(at, cmdSize, CommandStructure);
            try
            {
                ReadCommand(command, cmd, is64, segments, dylibs, state);
            }
            catch (ObjectFileException e)
            {
                problems.Add(e.Problem);
            }

            at += cmdSize;
        }

        ulong imageBase = 0;
        foreach (var segment in segments)
        {
            if (segment.FileOffset == 0 && segment.FileSize != 0)
            {
                imageBase = segment.VmAddress;
                break;
            }
        }

        var details = new MachODetails(cpuType, cpuSubtype, MachONames.Architecture(cpuType, cpuSubtype), fileType, flags, commandCount, commandsSize, segments, dylibs)
        {
            Id = state.Id,
            Uuid = state.Uuid,
            Platform = state.Platform,
            MinimumOSVersion = state.MinimumOS,
            SdkVersion = state.Sdk,
            EntryOffset = state.EntryOffset,
            ImageBase = imageBase,
        };

        var headers = new MachOHeaders
        {
            Is64 = is64,
            IsBigEndian = isBigEndian,
            Details = details,
            SymbolTable = state.SymbolTable,
            DyldInfo = state.DyldInfo,
            ExportsTrie = state.ExportsTrie,
            ChainedFixups = state.ChainedFixups,
        };
        headers.SearchPaths.AddRange(state.SearchPaths);
        return headers;
    }

    private sealed class State
    {
        public MachODylib? Id;
        public string? Uuid;
        public string? Platform;
        public string? MinimumOS;
        public string? Sdk;
        public ulong? EntryOffset;
        public (MachOBlob, MachOBlob)? SymbolTable;
        public (MachOBlob, MachOBlob, MachOBlob, MachOBlob)? DyldInfo;
        public MachOBlob? ExportsTrie;
        public MachOBlob? ChainedFixups;
        public List<SearchPath> SearchPaths { get; } = [];
    }

    private static void ReadCommand(EndianReader command, uint cmd, bool is64, List<MachOSegment> segments, List<MachODylib> dylibs, State state)
    {
        long at = command.FileOffset;
        switch (cmd)
        {
            case MachOConstants.LcSegment:
            case MachOConstants.LcSegment64:
                segments.Add(ReadSegment(command, cmd == MachOConstants.LcSegment64));
                break;
            case MachOConstants.LcIdDylib:
                state.Id ??= ReadDylib(command, cmd, 0);
                break;
            case MachOConstants.LcLoadDylib:
            case MachOConstants.LcLoadWeakDylib:
            case MachOConstants.LcReexportDylib:
            case MachOConstants.LcLazyLoadDylib:
            case MachOConstants.LcLoadUpwardDylib:
                // The ordinal counts every dylib command, readable or not: a broken one still takes its number.
                int ordinal = dylibs.Count + 1;
                try
                {
                    dylibs.Add(ReadDylib(command, cmd, ordinal));
                }
                catch (ObjectFileException)
                {
                    dylibs.Add(new MachODylib(cmd, "", 0, 0, 0, ordinal));
                    throw;
                }

                break;
            case MachOConstants.LcRpath:
                state.SearchPaths.Add(new SearchPath(LoadCommandString(command, command.U32(8), 12, RpathStructure), SearchPathKind.RPath));
                break;
            case MachOConstants.LcSymtab:
                var symtab = Fixed(command, 24, "Mach-O symtab command");
                state.SymbolTable = (new MachOBlob(symtab.U32(8), symtab.U32(12), at), new MachOBlob(symtab.U32(16), symtab.U32(20), at));
                break;
            case MachOConstants.LcDyldInfo:
            case MachOConstants.LcDyldInfoOnly:
                var info = Fixed(command, 48, "Mach-O dyld info command");
                state.DyldInfo = (
                    new MachOBlob(info.U32(16), info.U32(20), at),
                    new MachOBlob(info.U32(24), info.U32(28), at),
                    new MachOBlob(info.U32(32), info.U32(36), at),
                    new MachOBlob(info.U32(40), info.U32(44), at));
                break;
            case MachOConstants.LcDyldExportsTrie:
                var trie = Fixed(command, 16, "Mach-O exports trie command");
                state.ExportsTrie = new MachOBlob(trie.U32(8), trie.U32(12), at);
                break;
            case MachOConstants.LcDyldChainedFixups:
                var fixups = Fixed(command, 16, "Mach-O chained fixups command");
                state.ChainedFixups = new MachOBlob(fixups.U32(8), fixups.U32(12), at);
                break;
            case MachOConstants.LcUuid:
                var uuid = Fixed(command, 24, "Mach-O uuid command").Span.Slice(8, 16);
                state.Uuid = Convert.ToHexString(uuid[..4]) + "-" + Convert.ToHexString(uuid[4..6]) + "-" + Convert.ToHexString(uuid[6..8])
                    + "-" + Convert.ToHexString(uuid[8..10]) + "-" + Convert.ToHexString(uuid[10..]);
                break;
            case MachOConstants.LcBuildVersion:
                var build = Fixed(command, 24, "Mach-O build version command");
                state.Platform = MachONames.Platform(build.U32(8));
                state.MinimumOS = MachONames.Version(build.U32(12));
                state.Sdk = MachONames.Version(build.U32(16));
                break;
            case MachOConstants.LcVersionMinMacOs:
            case MachOConstants.LcVersionMinIphoneOs:
            case MachOConstants.LcVersionMinTvOs:
            case MachOConstants.LcVersionMinWatchOs:
                var minimum = Fixed(command, 16, "Mach-O version min command");
                state.Platform ??= cmd switch
                {
                    MachOConstants.LcVersionMinMacOs => "macos",
                    MachOConstants.LcVersionMinIphoneOs => "ios",
                    MachOConstants.LcVersionMinTvOs => "tvos",
                    _ => "watchos",
                };
                state.MinimumOS ??= MachONames.Version(minimum.U32(8));
                state.Sdk ??= MachONames.Version(minimum.U32(12));
                break;
            case MachOConstants.LcMain:
                state.EntryOffset = Fixed(command, 24, "Mach-O main command").U64(8);
                break;
        }
    }

    private static EndianReader Fixed(EndianReader command, int size, string structure)
    {
        if (command.Length < size)
        {
            throw ObjectFileException.Invalid(structure, command.FileOffset, Describe($"cmdsize 0x{command.Length:X} is less than the command's 0x{size:X} bytes"));
        }

        return command.Slice(0, command.Length, structure);
    }

    private static MachOSegment ReadSegment(EndianReader command, bool is64)
    {
        int fixedSize = is64 ? 72 : 56;
        int sectionSize = is64 ? 80 : 68;
        var segment = Fixed(command, fixedSize, SegmentStructure);
        string name = FixedString(segment.Span.Slice(8, 16));
        ulong vmAddress = segment.Word(24, is64);
        ulong vmSize = segment.Word(is64 ? 32 : 28, is64);
        ulong fileOffset = segment.Word(is64 ? 40 : 32, is64);
        ulong fileSize = segment.Word(is64 ? 48 : 36, is64);
        int fields = is64 ? 56 : 40;
        uint maxProtection = segment.U32(fields);
        uint initialProtection = segment.U32(fields + 4);
        uint sectionCount = segment.U32(fields + 8);
        uint flags = segment.U32(fields + 12);

        // The section headers must fit in the command: the count can never exceed what cmdsize holds.
        long fitting = (segment.Length - fixedSize) / sectionSize;
        if (sectionCount > fitting)
        {
            throw ObjectFileException.Invalid(SegmentStructure, segment.FileOffset, Describe(
                $"nsects is {sectionCount}, but cmdsize 0x{segment.Length:X} holds {fitting} section headers"));
        }

        var sections = new List<MachOSection>((int)sectionCount);
        for (long i = 0; i < sectionCount; i++)
        {
            var section = segment.Slice(fixedSize + (i * sectionSize), sectionSize, "Mach-O section header");
            sections.Add(new MachOSection(
                FixedString(section.Span[..16]),
                FixedString(section.Span.Slice(16, 16)),
                Address: section.Word(32, is64),
                Size: section.Word(is64 ? 40 : 36, is64),
                Offset: section.U32(is64 ? 48 : 40),
                Align: section.U32(is64 ? 52 : 44),
                Flags: section.U32(is64 ? 64 : 56)));
        }

        return new MachOSegment(name, vmAddress, vmSize, fileOffset, fileSize, maxProtection, initialProtection, flags, sections);
    }

    private static MachODylib ReadDylib(EndianReader command, uint cmd, int ordinal)
    {
        var dylib = Fixed(command, 24, DylibStructure);
        string name = LoadCommandString(dylib, dylib.U32(8), 24, DylibStructure);
        return new MachODylib(cmd, name, dylib.U32(12), dylib.U32(16), dylib.U32(20), ordinal);
    }

    /// <summary>An lc_str: the string at <paramref name="offset"/> in the command, up to its NUL or the end of the command.</summary>
    private static string LoadCommandString(EndianReader command, uint offset, int fixedSize, string structure)
    {
        if (offset < fixedSize || offset >= command.Length)
        {
            throw ObjectFileException.Invalid(structure, command.FileOffset + 8, Describe(
                $"the name offset {offset} is outside the command's string area ({fixedSize}..{command.Length})"));
        }

        var bytes = command.Span[(int)offset..];
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    /// <summary>A char[16] name: up to its first NUL, or all 16 bytes.</summary>
    private static string FixedString(ReadOnlySpan<byte> bytes)
    {
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    private static string Describe(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
