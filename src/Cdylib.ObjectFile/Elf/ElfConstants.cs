namespace Cdylib.ObjectFile.Elf;

/// <summary>The numbers of the ELF specification and the GNU extensions this reader uses (names as in elf.h).</summary>
internal static class ElfConstants
{
    public const byte ElfClass32 = 1;
    public const byte ElfClass64 = 2;
    public const byte ElfData2Lsb = 1;
    public const byte ElfData2Msb = 2;

    public const ushort EtRel = 1;
    public const ushort EtExec = 2;
    public const ushort EtDyn = 3;
    public const ushort EtCore = 4;

    public const ushort ShnUndef = 0;
    public const ushort ShnAbs = 0xfff1;
    public const ushort ShnXindex = 0xffff;
    public const ushort PnXnum = 0xffff;

    public const uint ShtSymtab = 2;
    public const uint ShtDynamic = 6;
    public const uint ShtNobits = 8;
    public const uint ShtDynsym = 11;
    public const uint ShtGnuVerdef = 0x6ffffffd;
    public const uint ShtGnuVerneed = 0x6ffffffe;
    public const uint ShtGnuVersym = 0x6fffffff;

    public const uint PtLoad = 1;
    public const uint PtDynamic = 2;
    public const uint PtInterp = 3;

    public const long DtNull = 0;
    public const long DtNeeded = 1;
    public const long DtHash = 4;
    public const long DtStrtab = 5;
    public const long DtSymtab = 6;
    public const long DtStrsz = 10;
    public const long DtSyment = 11;
    public const long DtSoname = 14;
    public const long DtRpath = 15;
    public const long DtRunpath = 29;
    public const long DtGnuHash = 0x6ffffef5;
    public const long DtVersym = 0x6ffffff0;
    public const long DtFlags1 = 0x6ffffffb;
    public const long DtVerdef = 0x6ffffffc;
    public const long DtVerdefnum = 0x6ffffffd;
    public const long DtVerneed = 0x6ffffffe;
    public const long DtVerneednum = 0x6fffffff;

    public const ulong Df1Pie = 0x08000000;

    public const byte StbLocal = 0;
    public const byte StbGlobal = 1;
    public const byte StbWeak = 2;
    public const byte StbGnuUnique = 10;

    public const byte SttNotype = 0;
    public const byte SttObject = 1;
    public const byte SttFunc = 2;
    public const byte SttCommon = 5;
    public const byte SttTls = 6;
    public const byte SttGnuIfunc = 10;

    public const ushort VerFlgBase = 0x1;
    public const ushort VersymHidden = 0x8000;
    public const ushort VersymIndexMask = 0x7fff;
    public const ushort VerNdxLocal = 0;
    public const ushort VerNdxGlobal = 1;

    public const ushort EmS390 = 22;
    public const ushort EmAlpha = 0x9026;
}
