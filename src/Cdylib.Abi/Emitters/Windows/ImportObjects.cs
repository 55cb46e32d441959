using System;
using System.Text;

namespace Cdylib.Abi.Emitters.Windows;

/// <summary>
/// The members of an import library besides the archive's own: the three COFF objects that build the
/// DLL's import directory entry, and one short import record per function ("Import Library Format" of
/// the PE/COFF specification). The linker turns the records into import thunks and address-table
/// slots itself; the three objects give it the descriptor, the list terminator and the thunk
/// terminator, and their symbols pull each other in.
/// </summary>
internal static class ImportObjects
{
    /// <summary>The library's base name as the descriptor symbols use it: the DLL name without its extension.</summary>
    public static string Stem(string dllName)
    {
        int dot = dllName.LastIndexOf('.');
        return dot <= 0 ? dllName : dllName.Substring(0, dot);
    }

    public static string ImportDescriptorSymbol(string dllName) => "__IMPORT_DESCRIPTOR_" + Stem(dllName);

    public const string NullImportDescriptorSymbol = "__NULL_IMPORT_DESCRIPTOR";

    /// <summary>"\x7f" keeps the name out of C's reach, as lib.exe spells it.</summary>
    public static string NullThunkSymbol(string dllName) => "\x7f" + Stem(dllName) + "_NULL_THUNK_DATA";

    /// <summary>
    /// The import directory entry of the DLL (.idata$2, 20 bytes whose Import Lookup Table, Name and
    /// Import Address Table fields are RVAs filled by relocations) and its name (.idata$6). Its symbols
    /// pull in the null descriptor and null thunk, so linking any one import brings the whole entry.
    /// </summary>
    public static byte[] ImportDescriptor(string dllName, WindowsMachine machine)
    {
        ushort rva = machine.Rva32Relocation();
        byte[] name = Encoding.UTF8.GetBytes(dllName + "\0"); // not padded: llvm and lib.exe leave it odd too
        var sections = new[]
        {
            new CoffSection(".idata$2", CoffObjectWriter.ReadWriteData | CoffObjectWriter.Align4, new byte[20], new[]
            {
                new CoffRelocation(12, 2, rva), // Name → .idata$6
                new CoffRelocation(0, 3, rva),  // Import Lookup Table → .idata$4
                new CoffRelocation(16, 4, rva), // Import Address Table → .idata$5
            }),
            new CoffSection(".idata$6", CoffObjectWriter.ReadWriteData | CoffObjectWriter.Align2, name, Array.Empty<CoffRelocation>()),
        };
        var symbols = new[]
        {
            new CoffSymbol(ImportDescriptorSymbol(dllName), 0, 1, CoffObjectWriter.External),
            new CoffSymbol(".idata$2", 0, 1, CoffObjectWriter.SectionSymbol),
            new CoffSymbol(".idata$6", 0, 2, CoffObjectWriter.Static),
            // The lookup and address tables are the linker's .idata$4/$5 sections, filled from the
            // records: referenced here by section symbol, defined nowhere in this object.
            new CoffSymbol(".idata$4", 0, 0, CoffObjectWriter.SectionSymbol),
            new CoffSymbol(".idata$5", 0, 0, CoffObjectWriter.SectionSymbol),
            new CoffSymbol(NullImportDescriptorSymbol, 0, 0, CoffObjectWriter.External),
            new CoffSymbol(NullThunkSymbol(dllName), 0, 0, CoffObjectWriter.External),
        };
        return CoffObjectWriter.Write(machine, sections, symbols);
    }

    /// <summary>The all-zero entry that ends the image's import directory (.idata$3), shared by every DLL's import library.</summary>
    public static byte[] NullImportDescriptor(WindowsMachine machine) => CoffObjectWriter.Write(
        machine,
        new[] { new CoffSection(".idata$3", CoffObjectWriter.ReadWriteData | CoffObjectWriter.Align4, new byte[20], Array.Empty<CoffRelocation>()) },
        new[] { new CoffSymbol(NullImportDescriptorSymbol, 0, 1, CoffObjectWriter.External) });

    /// <summary>The null pointers that end this DLL's address table (.idata$5) and lookup table (.idata$4).</summary>
    public static byte[] NullThunk(string dllName, WindowsMachine machine)
    {
        int size = machine.PointerSize();
        uint flags = CoffObjectWriter.ReadWriteData | (size == 8 ? CoffObjectWriter.Align8 : CoffObjectWriter.Align4);
        return CoffObjectWriter.Write(
            machine,
            new[]
            {
                new CoffSection(".idata$5", flags, new byte[size], Array.Empty<CoffRelocation>()),
                new CoffSection(".idata$4", flags, new byte[size], Array.Empty<CoffRelocation>()),
            },
            new[] { new CoffSymbol(NullThunkSymbol(dllName), 0, 1, CoffObjectWriter.External) });
    }

    /// <summary>
    /// IMPORT_OBJECT_HEADER and its two strings: Sig1 0, Sig2 0xFFFF, version 0, the machine, time stamp 0,
    /// SizeOfData, the ordinal or hint, and the type (code) with the name type in bits 2-4. It defines
    /// <c>__imp_</c> + <paramref name="symbol"/> and, for code, <paramref name="symbol"/> (the thunk).
    /// </summary>
    public static byte[] ShortImport(string symbol, string dllName, WindowsMachine machine, ImportNameType nameType, ushort ordinalOrHint)
    {
        const int code = 0; // IMPORT_OBJECT_CODE: every export of the model is a function
        byte[] strings = Encoding.UTF8.GetBytes(symbol + "\0" + dllName + "\0");
        return new ByteWriter()
            .U16(0)      // Sig1: IMAGE_FILE_MACHINE_UNKNOWN
            .U16(0xFFFF) // Sig2
            .U16(0)      // Version
            .U16((ushort)machine)
            .U32(0)      // TimeDateStamp
            .U32((uint)strings.Length)
            .U16(ordinalOrHint)
            .U16(code | ((int)nameType << 2))
            .Bytes(strings)
            .ToArray();
    }
}
