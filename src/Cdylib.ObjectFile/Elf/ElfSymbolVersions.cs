using System.Collections.Generic;
using System.Linq;

namespace Cdylib.ObjectFile.Elf;

/// <summary>
/// Resolves a dynamic symbol's .gnu.version entry to a <see cref="SymbolVersion"/>. Definitions and
/// requirements share one index space (vd_ndx and vna_other), so one lookup serves defined and undefined
/// symbols alike; executables even define copy-relocated data (stdout@GLIBC_2.2.5) with a requirement's index.
/// </summary>
/// <remarks>
/// Each version's <see cref="SymbolVersion"/> objects are made once, here: a library has tens of
/// versions and tens of thousands of symbols, and resolving must not allocate per symbol.
/// </remarks>
internal sealed class ElfSymbolVersions
{
    private readonly ushort[] _versym;

    /// <summary>
    /// Per version index (an array: indices are small and dense, and this is looked up once per symbol):
    /// the version as a default definition (<c>@@</c>), and as a hidden one or a requirement (<c>@</c>).
    /// </summary>
    private readonly (SymbolVersion? Default, SymbolVersion? Hidden, bool Declared)[] _byIndex;

    public ElfSymbolVersions(ushort[] versym, IEnumerable<ElfVersionDefinition> definitions, IEnumerable<ElfVersionRequirement> requirements)
    {
        _versym = versym;
        var byIndex = new Dictionary<ushort, (SymbolVersion?, SymbolVersion?, bool)>();
        foreach (var definition in definitions)
        {
            // The base definition names the file itself; a symbol bound to it is unversioned (both entries null).
            byIndex.TryAdd(definition.Index, definition.IsBase
                ? (null, null, true)
                : (new SymbolVersion(definition.Name, IsDefault: true), new SymbolVersion(definition.Name, IsDefault: false), true));
        }

        foreach (var requirement in requirements)
        {
            var required = new SymbolVersion(requirement.Name, IsDefault: false, requirement.Library);
            byIndex.TryAdd(requirement.Index, (required, required, true));
        }

        // Indices are 15-bit, so the array is at most 32,768 entries whatever the file says.
        _byIndex = new (SymbolVersion?, SymbolVersion?, bool)[byIndex.Count == 0 ? 0 : byIndex.Keys.Max(i => i & ElfConstants.VersymIndexMask) + 1];
        foreach (var (index, version) in byIndex)
        {
            if (index <= ElfConstants.VersymIndexMask)
            {
                _byIndex[index] = version;
            }
        }
    }

    public static ElfSymbolVersions None { get; } = new([], [], []);

    /// <summary>
    /// The version of symbol number <paramref name="symbolIndex"/>, or null when it is unversioned (index 0
    /// or 1, the base definition, or no table). <paramref name="unresolved"/> is true when the entry names a
    /// version index that neither table declares (the symbol is then reported unversioned).
    /// </summary>
    public SymbolVersion? Resolve(int symbolIndex, out bool unresolved)
    {
        unresolved = false;
        if ((uint)symbolIndex >= (uint)_versym.Length)
        {
            return null;
        }

        ushort entry = _versym[symbolIndex];
        ushort index = (ushort)(entry & ElfConstants.VersymIndexMask);
        if (index is ElfConstants.VerNdxLocal or ElfConstants.VerNdxGlobal)
        {
            return null;
        }

        if (index >= _byIndex.Length || !_byIndex[index].Declared)
        {
            unresolved = true;
            return null;
        }

        // A requirement is the same object either way; a definition is "@V" when the hidden bit is set.
        return (entry & ElfConstants.VersymHidden) != 0 ? _byIndex[index].Hidden : _byIndex[index].Default;
    }
}
