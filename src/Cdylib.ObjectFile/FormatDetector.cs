using System;
using Cdylib.ObjectFile.Archive;
using Cdylib.ObjectFile.Coff;
using Cdylib.ObjectFile.Elf;

namespace Cdylib.ObjectFile;

/// <summary>Recognises a binary's format from its first bytes, as file(1) does.</summary>
internal static class FormatDetector
{
    private const uint MachO32 = 0xfeedface;
    private const uint MachO64 = 0xfeedfacf;
    private const uint MachOFat = 0xcafebabe;
    private const uint MachOFat64 = 0xcafebabf;

    public static BinaryFormat? Detect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(ElfHeader.Magic))
        {
            return BinaryFormat.Elf;
        }

        if (data.Length >= 2 && data[0] == (byte)'M' && data[1] == (byte)'Z')
        {
            return BinaryFormat.Pe;
        }

        if (data.Length >= 4)
        {
            uint big = (uint)(data[0] << 24 | data[1] << 16 | data[2] << 8 | data[3]);
            uint little = (uint)(data[3] << 24 | data[2] << 16 | data[1] << 8 | data[0]);

            // Java class files share the fat (universal) magic; fat Mach-O files are read big-endian only.
            if (big is MachO32 or MachO64 or MachOFat or MachOFat64 || little is MachO32 or MachO64)
            {
                return BinaryFormat.MachO;
            }
        }

        if (data.StartsWith(ArchiveReader.Magic) || data.StartsWith(ArchiveReader.ThinMagic))
        {
            return BinaryFormat.Archive;
        }

        // COFF has no magic number: the anonymous-header signature, or a known machine with sizes that fit.
        if (CoffHeader.HasAnonymousSignature(data) || CoffHeader.IsConsistentObject(data))
        {
            return BinaryFormat.Coff;
        }

        return null;
    }

    public static string DescribeUnknown(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return "not an ELF, PE or Mach-O file: the file is empty";
        }

        return CoffHeader.DescribeInconsistent(data) ?? "not an ELF, PE or Mach-O file (unrecognised magic number)";
    }
}
