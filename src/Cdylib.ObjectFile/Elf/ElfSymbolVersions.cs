using System.Collections.Generic;

namespace Cdylib.ObjectFile.Elf;

/// <summary>
/// Resolves a dynamic symbol's .gnu.version entry to a <see cref="SymbolVersion"/>. Definitions and
/// requirements share one index space (vd_ndx and vna_other), so one lookup serves defined and undefined
/// symbols alike; executables even define copy-relocated data (stdout@GLIBC_2.2.5) with a requirement's index.
/// </summary>
internal sealed class ElfSymbolVersions
{
    private readonly ushort[] _versym;
    private readonly Dictionary<ushort, ElfVersionDefinition> _definitions = [];
    private readonly Dictionary<ushort, ElfVersionRequirement> _requirements = [];

    public ElfSymbolVersions(ushort[] versym, IEnumerable<ElfVersionDefinition> definitions, IEnumerable<ElfVersionRequirement> requirements)
    {
        _versym = versym;
        foreach (var definition in definitions)
        {
            _definitions.TryAdd(definition.Index, definition);
        }

        foreach (var requirement in requirements)
        {
            _requirements.TryAdd(requirement.Index, requirement);
        }
    }

    public static ElfSymbolVersions None { get; } = new([], [], []);

    /// <summary>How many symbols named a version index that neither table defines.</summary>
    public int UnresolvedCount { get; private set; }

    /// <summary>The version of symbol number <paramref name="symbolIndex"/>, or null when it is unversioned (index 0 or 1, or no table).</summary>
    public SymbolVersion? Resolve(int symbolIndex)
    {
        if (symbolIndex >= _versym.Length)
        {
            return null;
        }

        ushort entry = _versym[symbolIndex];
        ushort index = (ushort)(entry & ElfConstants.VersymIndexMask);
        bool hidden = (entry & ElfConstants.VersymHidden) != 0;
        if (index is ElfConstants.VerNdxLocal or ElfConstants.VerNdxGlobal)
        {
            return null;
        }

        if (_definitions.TryGetValue(index, out var definition))
        {
            // The base definition names the file itself; a symbol bound to it is unversioned.
            return definition.IsBase ? null : new SymbolVersion(definition.Name, IsDefault: !hidden);
        }

        if (_requirements.TryGetValue(index, out var requirement))
        {
            return new SymbolVersion(requirement.Name, IsDefault: false, requirement.Library);
        }

        UnresolvedCount++;
        return null;
    }
}
