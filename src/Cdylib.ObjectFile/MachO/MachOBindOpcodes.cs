using System.Collections.Generic;
using System.Globalization;
using Cdylib.ObjectFile.Pe;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.MachO;

/// <summary>A symbol a bind stream binds: its name, library ordinal and BIND_SYMBOL_FLAGS_*.</summary>
internal readonly record struct MachOBinding(string Name, int Ordinal, byte SymbolFlags)
{
    public bool IsWeakImport => (SymbolFlags & MachOConstants.BindSymbolFlagsWeakImport) != 0;

    public bool IsNonWeakDefinition => (SymbolFlags & MachOConstants.BindSymbolFlagsNonWeakDefinition) != 0;
}

/// <summary>
/// Interprets the bind, weak-bind and lazy-bind opcode streams of LC_DYLD_INFO: a little state machine
/// (library ordinal, symbol, flags, type, addend, segment and offset) and "bind" opcodes that record the
/// current symbol. Only the symbols are kept, not the addresses they are bound at.
/// </summary>
/// <remarks>
/// Every opcode consumes at least one byte and none jumps back, so the walk ends within the stream's
/// length; repeat counts (DO_BIND_ULEB_TIMES_SKIPPING_ULEB) are not expanded, only the symbol is recorded.
/// The regular and weak streams end at BIND_OPCODE_DONE; the lazy stream holds one DONE-terminated entry
/// per symbol and is read to its end.
/// </remarks>
internal static class MachOBindOpcodes
{
    public const string BindStructure = "Mach-O bind opcodes";
    public const string WeakBindStructure = "Mach-O weak bind opcodes";
    public const string LazyBindStructure = "Mach-O lazy bind opcodes";

    public static List<MachOBinding> Read(EndianReader stream, bool isLazy, ProblemGroups problems)
    {
        var bindings = new List<MachOBinding>();
        var cursor = new MachOCursor(stream);
        int ordinal = 0;
        string? symbol = null;
        byte symbolFlags = 0;
        try
        {
            while (!cursor.AtEnd)
            {
                long at = cursor.Position;
                byte opcodeByte = cursor.Byte();
                byte immediate = (byte)(opcodeByte & MachOConstants.BindImmediateMask);
                switch ((byte)(opcodeByte & MachOConstants.BindOpcodeMask))
                {
                    case MachOConstants.BindDone:
                        if (!isLazy)
                        {
                            return bindings;
                        }

                        // Each lazy entry starts afresh.
                        ordinal = 0;
                        symbol = null;
                        symbolFlags = 0;
                        break;
                    case MachOConstants.BindSetDylibOrdinalImm:
                        ordinal = immediate;
                        break;
                    case MachOConstants.BindSetDylibOrdinalUleb:
                        ulong value = cursor.Uleb();
                        if (value > int.MaxValue)
                        {
                            throw stream.Error(at, string.Create(CultureInfo.InvariantCulture, $"library ordinal {value} is out of range"));
                        }

                        ordinal = (int)value;
                        break;
                    case MachOConstants.BindSetDylibSpecialImm:
                        // 0 is the image itself; the others are negative: sign-extend the 4-bit immediate.
                        ordinal = immediate == 0 ? 0 : (sbyte)(MachOConstants.BindOpcodeMask | immediate);
                        break;
                    case MachOConstants.BindSetSymbolTrailingFlagsImm:
                        symbolFlags = immediate;
                        symbol = cursor.CStringText();
                        break;
                    case MachOConstants.BindSetTypeImm:
                        break;
                    case MachOConstants.BindSetAddendSleb:
                        cursor.Sleb();
                        break;
                    case MachOConstants.BindSetSegmentAndOffsetUleb:
                    case MachOConstants.BindAddAddrUleb:
                        cursor.Uleb();
                        break;
                    case MachOConstants.BindDoBind:
                    case MachOConstants.BindDoBindAddAddrImmScaled:
                        Record(bindings, stream, at, symbol, ordinal, symbolFlags);
                        break;
                    case MachOConstants.BindDoBindAddAddrUleb:
                        cursor.Uleb();
                        Record(bindings, stream, at, symbol, ordinal, symbolFlags);
                        break;
                    case MachOConstants.BindDoBindUlebTimesSkippingUleb:
                        cursor.Uleb();
                        cursor.Uleb();
                        Record(bindings, stream, at, symbol, ordinal, symbolFlags);
                        break;
                    case MachOConstants.BindThreaded:
                        // arm64e threaded binds: the table size, then APPLY walks chains in the data segments (not read here).
                        if (immediate == MachOConstants.BindSubopcodeThreadedSetBindOrdinalTableSizeUleb)
                        {
                            cursor.Uleb();
                        }
                        else if (immediate != MachOConstants.BindSubopcodeThreadedApply)
                        {
                            throw stream.Error(at, string.Create(CultureInfo.InvariantCulture, $"unknown threaded bind subopcode 0x{immediate:X}"));
                        }

                        break;
                    default:
                        throw stream.Error(at, string.Create(CultureInfo.InvariantCulture, $"unknown opcode 0x{opcodeByte:X2}"));
                }
            }
        }
        catch (ObjectFileException e)
        {
            problems.Add(e.Problem);
        }

        return bindings;
    }

    private static void Record(List<MachOBinding> bindings, EndianReader stream, long at, string? symbol, int ordinal, byte symbolFlags)
    {
        if (symbol is null)
        {
            throw stream.Error(at, "a bind opcode comes before any symbol was set");
        }

        bindings.Add(new MachOBinding(symbol, ordinal, symbolFlags));
    }
}
