using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using Cdylib.ObjectFile.Pe;

namespace Cdylib.ObjectFile.Coff;

/// <summary>
/// Reads a file that is COFF without a PE image around it: an object (.obj, plain or bigobj) or a lone
/// short import record. Objects report their external symbols as exports and imports; an import record
/// reports its public symbols as exports of an import library, with the DLL as the dependency.
/// </summary>
internal static class CoffReader
{
    private const string AnonymousStructure = "COFF anonymous object header";

    public static BinaryFile Read(ReadOnlyMemory<byte> memory, string? name)
    {
        var data = memory.Span;
        if (CoffHeader.IsImportRecord(data))
        {
            var (entry, machine, exports) = CoffImportRecord.Read(data, 0);
            return new BinaryFile(name, new ListImage(Summary(machine, BinaryKind.ImportLibrary), [new Dependency(entry.DllName, DependencyKind.Needed)], exports, [], []));
        }

        if (CoffHeader.HasAnonymousSignature(data) && !CoffHeader.IsBigObjHeader(data))
        {
            throw Anonymous(data, 0);
        }

        var warnings = new List<ObjectFileProblem>();
        var coff = CoffObject.Read(memory, 0, warnings);
        return new BinaryFile(name, new ListImage(Summary(coff.Header.Machine, BinaryKind.Relocatable), [], coff.Exports, coff.Imports, warnings));
    }

    /// <summary>The error for an ANON_OBJECT_HEADER that is neither an import record nor a bigobj (MSVC /GL objects, CLR-only objects).</summary>
    public static ObjectFileException Anonymous(ReadOnlySpan<byte> data, long fileOffset)
    {
        ushort version = data.Length >= 6 ? BinaryPrimitives.ReadUInt16LittleEndian(data[4..]) : (ushort)0;
        return ObjectFileException.Invalid(AnonymousStructure, fileOffset, string.Create(CultureInfo.InvariantCulture,
            $"version {version} with an unknown ClassID: an MSVC /GL (link-time code generation) or other compiler-private object, whose symbols are not in COFF form"));
    }

    public static BinarySummary Summary(ushort machine, BinaryKind kind) =>
        new(BinaryFormat.Coff, kind, PeNames.Machine(machine), Is64Bit(machine), Endianness.Little, null, []);

    /// <summary>The machines whose pointers (and import address table slots) are 8 bytes.</summary>
    public static bool Is64Bit(ushort machine) => machine is 0x8664 or 0xaa64 or 0xa641 or 0xa64e or 0x0200 or 0x0284 or 0x5064 or 0x6264;
}
