using System;
using System.Text;
using System.Text.Unicode;

namespace Cdylib.ObjectFile.Pe;

/// <summary>
/// Walks a PE file's exports in place, in one of two orders. Address-table (ordinal) order: one export
/// per name for a slot with several names, one without a name for a slot exported by ordinal only, empty
/// slots (RVA 0, no name) skipped, as dumpbin does. Name-table order (<see cref="ExportOrder.NameTable"/>,
/// the order dumpbin prints): every found name in table order, then the slots exported by ordinal only.
/// Both yield the same exports. A name's bytes are sliced from the file only when asked for.
/// </summary>
internal sealed class PeExportWalk(PeExportTable table, PeExportIndex index, ExportOrder order = ExportOrder.File) : ExportWalk
{
    private long _slot = -1;
    private uint _rva;

    /// <summary>The current export's name-table index; -1 for an export by ordinal only.</summary>
    private int _name = -1;

    /// <summary>In name-table order: the next name-table index to look at.</summary>
    private long _nextName;

    /// <summary>In name-table order, after the names: the last slot looked at for an export by ordinal only.</summary>
    private long _nextUnnamed = -1;

    public override bool MoveNext() => order == ExportOrder.NameTable ? MoveNextByName() : MoveNextBySlot();

    private bool MoveNextBySlot()
    {
        if (_name >= 0 && index.NextName(_name) is int next and >= 0)
        {
            _name = next;
            Hint = (uint)next;
            return true;
        }

        while (++_slot < index.WalkedSlots)
        {
            uint rva = table.FunctionRva(_slot);
            int first = index.FirstName[_slot];
            if (rva == 0 && first < 0)
            {
                continue;
            }

            Enter(_slot, rva, first);
            return true;
        }

        _slot = index.WalkedSlots;
        return false;
    }

    /// <summary>The names first (a found name of a slot the slot walk reaches), then the ordinal-only slots.</summary>
    private bool MoveNextByName()
    {
        while (_nextName < table.NameSlots)
        {
            long name = _nextName++;
            if (index.IsFound(name) && table.NameOrdinal(name) is ushort slot && slot < index.WalkedSlots)
            {
                Enter(slot, table.FunctionRva(slot), (int)name);
                return true;
            }
        }

        while (++_nextUnnamed < index.WalkedSlots)
        {
            uint rva = table.FunctionRva(_nextUnnamed);
            if (rva != 0 && index.FirstName[_nextUnnamed] < 0)
            {
                Enter(_nextUnnamed, rva, -1);
                return true;
            }
        }

        _nextUnnamed = index.WalkedSlots;
        return false;
    }

    private void Enter(long slot, uint rva, int name)
    {
        _slot = slot;
        _rva = rva;
        _name = name;
        Address = rva;
        Ordinal = (uint)(table.OrdinalBase + (ulong)slot);
        Hint = name < 0 ? null : (uint)name;
        IsForwarded = index.Forwarders.ContainsKey(slot);
        Kind = table.IsForwarder(rva) ? SymbolKind.Other : table.Addresses.SectionOf(rva) switch
        {
            PeSection { IsExecutable: true } => SymbolKind.Function,
            PeSection => SymbolKind.Data,
            null => SymbolKind.Other,
        };
    }

    protected override ReadOnlySpan<byte> StoredName() =>
        _name < 0 ? default : table.File.Slice(index.NameOffset[_name], index.NameLength[_name]);

    private ReadOnlySpan<byte> StoredForwarder() =>
        index.Forwarders.TryGetValue(_slot, out var forwarder) ? table.File.Slice((int)forwarder.Offset, forwarder.Length) : default;

    /// <summary>The stored string when it is UTF-8, else as <see cref="Export.ForwardedTo"/> decodes it (bytes that are not become U+FFFD).</summary>
    public override ReadOnlySpan<byte> Utf8ForwardedTo()
    {
        var stored = StoredForwarder();
        return Utf8.IsValid(stored) ? stored : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(stored));
    }

    public override Export ToExport() =>
        new(Encoding.UTF8.GetString(StoredName()), _rva, 0, Kind, SymbolBinding.Global, SymbolVisibility.Default, null)
        {
            Ordinal = Ordinal,
            ForwardedTo = IsForwarded ? Encoding.UTF8.GetString(StoredForwarder()) : null,
            Hint = Hint,
        };
}
