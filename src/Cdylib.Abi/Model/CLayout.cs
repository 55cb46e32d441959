using System;
using System.Collections.Generic;

namespace Cdylib.Abi.Model;

/// <summary>
/// The C layout rules for a struct: each field at the next multiple of its alignment (capped by
/// the pack), the struct's size rounded up to its largest alignment. One place, so the header's
/// assertions and every binding agree.
/// </summary>
public static class CLayout
{
    /// <summary>The size and alignment of a field type on a target with <paramref name="pointerSize"/>-byte pointers.</summary>
    public static AbiLayout Of(AbiType type, int pointerSize, Func<string, AbiStruct?> structs)
    {
        if (type is StructRef structure)
        {
            AbiStruct nested = structs(structure.Name) ?? throw new InvalidOperationException($"struct {structure.Name} is not known");
            return pointerSize == 8 ? nested.Layout64 : nested.Layout32;
        }
        int size = type.Size;
        if (size < 0)
        {
            size = pointerSize;
        }
        return new AbiLayout(size, size);
    }

    /// <summary>Offsets of <paramref name="fields"/> and the struct's layout.</summary>
    /// <param name="pack">StructLayout.Pack, 0 for the default.</param>
    public static (int[] Offsets, AbiLayout Layout) Compute(IReadOnlyList<AbiLayout> fields, int pack)
    {
        var offsets = new int[fields.Count];
        int offset = 0;
        int alignment = 1;
        for (int i = 0; i < fields.Count; i++)
        {
            int fieldAlignment = pack > 0 ? Math.Min(pack, fields[i].Alignment) : fields[i].Alignment;
            offset = Align(offset, fieldAlignment);
            offsets[i] = offset;
            offset += fields[i].Size;
            alignment = Math.Max(alignment, fieldAlignment);
        }
        return (offsets, new AbiLayout(Math.Max(1, Align(offset, alignment)), alignment));
    }

    private static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
