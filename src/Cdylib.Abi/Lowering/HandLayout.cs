using System;
using System.Collections.Generic;
using System.Linq;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Lowering;

/// <summary>
/// A struct laid out by hand for one pointer size: its fields at their offsets with padding between them,
/// for a binding whose FFI cannot be told a field's alignment (ctypes and koffi align no field to 16, and
/// lay out a packed struct unpacked). Each language writes the slots in its own syntax.
/// </summary>
public static class HandLayout
{
    /// <summary>One slot: padding of <see cref="PaddingBytes"/> bytes named <see cref="PaddingName"/>, or the field at <see cref="FieldIndex"/>.</summary>
    public readonly record struct Slot(int FieldIndex, string? PaddingName, int PaddingBytes)
    {
        public bool IsPadding => PaddingName is not null;
    }

    /// <summary>
    /// The slots of <paramref name="structure"/> for <paramref name="pointerSize"/> (8 or 4), padding named
    /// <c>_pad0</c>, <c>_pad1</c>, … with underscores put before a name one of <paramref name="taken"/> holds.
    /// </summary>
    public static IReadOnlyList<Slot> Of(AbiStruct structure, int pointerSize, AbiLibrary library, ICollection<string> taken)
    {
        Func<string, AbiStruct?> structs = name => library.StructNamed(name);
        var slots = new List<Slot>();
        int position = 0;
        int padding = 0;
        void Pad(int to)
        {
            if (to > position)
            {
                string name = $"_pad{padding++}";
                while (taken.Contains(name))
                {
                    name = "_" + name;
                }
                slots.Add(new Slot(-1, name, to - position));
                position = to;
            }
        }
        for (int i = 0; i < structure.Fields.Count; i++)
        {
            AbiField field = structure.Fields[i];
            Pad(pointerSize == 8 ? field.Offset64 : field.Offset32);
            slots.Add(new Slot(i, null, 0));
            position += CLayout.Of(field.Type, pointerSize, structs).Size;
        }
        Pad((pointerSize == 8 ? structure.Layout64 : structure.Layout32).Size);
        return slots;
    }
}
