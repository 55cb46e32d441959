using System;
using System.Text;

namespace Cdylib.ObjectFile.Pe;

/// <summary>
/// Walks a PE file's exports in address-table (ordinal) order, in place: one export per name for a slot
/// with several names, one without a name for a slot exported by ordinal only, empty slots (RVA 0, no
/// name) skipped, as dumpbin does. A name's bytes are sliced from the file only when asked for.
/// </summary>
internal sealed class PeExportWalk(PeExportTable table, PeExportIndex index) : ExportWalk
{
    private long _slot = -1;
    private uint _rva;

    /// <summary>The current export's name-table index; -1 for an export by ordinal only.</summary>
    private int _name = -1;

    public override bool MoveNext()
    {
        if (_name >= 0 && index.NextName[_name] is int next and >= 0)
        {
            _name = next;
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

            _rva = rva;
            _name = first;
            Address = rva;
            Kind = table.IsForwarder(rva) ? SymbolKind.Other : table.Addresses.SectionOf(rva) switch
            {
                PeSection { IsExecutable: true } => SymbolKind.Function,
                PeSection => SymbolKind.Data,
                null => SymbolKind.Other,
            };
            return true;
        }

        _slot = index.WalkedSlots;
        return false;
    }

    protected override ReadOnlySpan<byte> StoredName() =>
        _name < 0 ? default : table.File.Slice((int)index.NameOffset[_name], index.NameLength[_name]);

    public override Export ToExport() =>
        new(Encoding.UTF8.GetString(StoredName()), _rva, 0, Kind, SymbolBinding.Global, SymbolVisibility.Default, null)
        {
            Ordinal = (uint)(table.OrdinalBase + (ulong)_slot),
            ForwardedTo = index.Forwarders.TryGetValue(_slot, out var forwarder)
                ? Encoding.UTF8.GetString(table.File.Slice((int)forwarder.Offset, forwarder.Length))
                : null,
            Hint = _name < 0 ? null : (uint)_name,
        };
}
