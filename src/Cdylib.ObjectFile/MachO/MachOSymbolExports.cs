using System;
using System.Collections.Generic;
using System.Text;

namespace Cdylib.ObjectFile.MachO;

/// <summary>
/// The exports of a Mach-O file without an export trie (object files, old images): the defined
/// external entries of its symbol table. An object file's private externs (N_PEXT) are listed too,
/// marked <see cref="SymbolVisibility.PrivateExtern"/>, as an ELF object's hidden symbols are: other
/// objects of the link use them (llvm-nm -g lists them); an image's are not exported. The table is read at parse time (imports come from it
/// too, and its warnings keep their place), each name found but not decoded; the exports are walked
/// from it, a name decoded only when asked for.
/// </summary>
internal sealed class MachOSymbolExports(MachOExternalSymbols table, MachOSectionMap sections, bool isObject) : LazyExports
{
    /// <summary>Reported when the table was read.</summary>
    public override IReadOnlyList<ObjectFileProblem> Warnings => [];

    public override ExportWalk Walk() => new MachOSymbolExportWalk(table, sections, isObject);
}

/// <summary>The symbol table's exports in table order: kind from the entry's type and section.</summary>
internal sealed class MachOSymbolExportWalk(MachOExternalSymbols table, MachOSectionMap sections, bool isObject) : ExportWalk
{
    private int _index = -1;

    private MachOSymbol Symbol => table.Symbols[_index];

    public override bool MoveNext()
    {
        var symbols = table.Symbols;
        while (++_index < symbols.Count)
        {
            var symbol = symbols[_index];
            bool privateExtern = (symbol.Type & MachOConstants.NPrivateExternal) != 0;
            if ((symbol.IsDefined || symbol.IsCommon) && (isObject || !privateExtern))
            {
                Visibility = privateExtern ? SymbolVisibility.PrivateExtern : SymbolVisibility.Default;
                Binding = (symbol.Description & MachOConstants.NWeakDefinition) != 0 ? SymbolBinding.Weak : SymbolBinding.Global;
                IsAbsolute = symbol.TypeBits == MachOConstants.NAbsolute;
                (Address, Size, Kind) = symbol.TypeBits switch
                {
                    MachOConstants.NAbsolute => (symbol.Value, 0UL, SymbolKind.Other),
                    MachOConstants.NSection => (symbol.Value, 0UL, sections.KindOfSection(symbol.Section)),
                    MachOConstants.NUndefined => (0UL, symbol.Value, SymbolKind.Data), // a common symbol: its value is its size
                    _ => (symbol.Value, 0UL, SymbolKind.Other),
                };
                return true;
            }
        }

        _index = symbols.Count;
        return false;
    }

    protected override ReadOnlySpan<byte> StoredName() => table.NameBytes(Symbol);

    public override Export ToExport() =>
        new(Encoding.UTF8.GetString(StoredName()), Address, Size, Kind, Binding, Visibility, null)
        {
            IsAbsolute = IsAbsolute,
        };
}
