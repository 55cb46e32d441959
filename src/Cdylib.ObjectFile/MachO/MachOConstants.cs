namespace Cdylib.ObjectFile.MachO;

/// <summary>Values from &lt;mach-o/loader.h&gt;, &lt;mach-o/fat.h&gt;, &lt;mach-o/nlist.h&gt; and &lt;mach-o/fixup-chains.h&gt;.</summary>
internal static class MachOConstants
{
    public const uint Magic32 = 0xfeedface;
    public const uint Magic64 = 0xfeedfacf;
    public const uint FatMagic = 0xcafebabe;
    public const uint FatMagic64 = 0xcafebabf;

    public const int Header32Size = 28;
    public const int Header64Size = 32;
    public const int FatHeaderSize = 8;
    public const int FatArchSize = 20;
    public const int FatArch64Size = 32;

    public const int CpuArch64 = 0x01000000;
    public const int CpuArch6432 = 0x02000000;
    public const int CpuTypeX86 = 7;
    public const int CpuTypeX8664 = CpuTypeX86 | CpuArch64;
    public const int CpuTypeArm = 12;
    public const int CpuTypeArm64 = CpuTypeArm | CpuArch64;
    public const int CpuTypeArm6432 = CpuTypeArm | CpuArch6432;
    public const int CpuTypePowerPc = 18;
    public const int CpuTypePowerPc64 = CpuTypePowerPc | CpuArch64;

    public const uint FileTypeObject = 0x1;
    public const uint FileTypeExecute = 0x2;
    public const uint FileTypeCore = 0x4;
    public const uint FileTypeDylib = 0x6;
    public const uint FileTypeBundle = 0x8;

    public const uint FlagTwoLevel = 0x80;

    public const uint LcRequiresDyld = 0x80000000;
    public const uint LcSegment = 0x1;
    public const uint LcSymtab = 0x2;
    public const uint LcDysymtab = 0xb;
    public const uint LcLoadDylib = 0xc;
    public const uint LcIdDylib = 0xd;
    public const uint LcLoadDylinker = 0xe;
    public const uint LcSegment64 = 0x19;
    public const uint LcUuid = 0x1b;
    public const uint LcLoadWeakDylib = 0x18 | LcRequiresDyld;
    public const uint LcRpath = 0x1c | LcRequiresDyld;
    public const uint LcReexportDylib = 0x1f | LcRequiresDyld;
    public const uint LcLazyLoadDylib = 0x20;
    public const uint LcDyldInfo = 0x22;
    public const uint LcDyldInfoOnly = 0x22 | LcRequiresDyld;
    public const uint LcLoadUpwardDylib = 0x23 | LcRequiresDyld;
    public const uint LcVersionMinMacOs = 0x24;
    public const uint LcVersionMinIphoneOs = 0x25;
    public const uint LcMain = 0x28 | LcRequiresDyld;
    public const uint LcVersionMinTvOs = 0x2f;
    public const uint LcVersionMinWatchOs = 0x30;
    public const uint LcBuildVersion = 0x32;
    public const uint LcDyldExportsTrie = 0x33 | LcRequiresDyld;
    public const uint LcDyldChainedFixups = 0x34 | LcRequiresDyld;

    // Section flags: the type in the low byte, attributes above.
    public const uint SectionTypeMask = 0xff;
    public const uint SectionZeroFill = 0x1;
    public const uint SectionThreadLocalVariables = 0x13;
    public const uint SectionThreadLocalZeroFill = 0x12;
    public const uint SectionGbZeroFill = 0xc;
    public const uint SectionAttrPureInstructions = 0x80000000;
    public const uint SectionAttrSomeInstructions = 0x00000400;

    // Export trie terminal flags.
    public const ulong ExportKindMask = 0x03;
    public const ulong ExportKindRegular = 0x00;
    public const ulong ExportKindThreadLocal = 0x01;
    public const ulong ExportKindAbsolute = 0x02;
    public const ulong ExportWeakDefinition = 0x04;
    public const ulong ExportReexport = 0x08;
    public const ulong ExportStubAndResolver = 0x10;
    public const ulong ExportStaticResolver = 0x20;

    // Bind opcodes (high nibble) and immediates (low nibble).
    public const byte BindOpcodeMask = 0xf0;
    public const byte BindImmediateMask = 0x0f;
    public const byte BindDone = 0x00;
    public const byte BindSetDylibOrdinalImm = 0x10;
    public const byte BindSetDylibOrdinalUleb = 0x20;
    public const byte BindSetDylibSpecialImm = 0x30;
    public const byte BindSetSymbolTrailingFlagsImm = 0x40;
    public const byte BindSetTypeImm = 0x50;
    public const byte BindSetAddendSleb = 0x60;
    public const byte BindSetSegmentAndOffsetUleb = 0x70;
    public const byte BindAddAddrUleb = 0x80;
    public const byte BindDoBind = 0x90;
    public const byte BindDoBindAddAddrUleb = 0xa0;
    public const byte BindDoBindAddAddrImmScaled = 0xb0;
    public const byte BindDoBindUlebTimesSkippingUleb = 0xc0;
    public const byte BindThreaded = 0xd0;
    public const byte BindSubopcodeThreadedSetBindOrdinalTableSizeUleb = 0x00;
    public const byte BindSubopcodeThreadedApply = 0x01;
    public const byte BindSymbolFlagsWeakImport = 0x1;
    public const byte BindSymbolFlagsNonWeakDefinition = 0x8;

    // Special library ordinals (two-level namespace).
    public const int OrdinalSelf = 0;
    public const int OrdinalMainExecutable = -1;
    public const int OrdinalFlatLookup = -2;
    public const int OrdinalWeakLookup = -3;

    // nlist.
    public const byte NStab = 0xe0;
    public const byte NPrivateExternal = 0x10;
    public const byte NTypeMask = 0x0e;
    public const byte NExternal = 0x01;
    public const byte NUndefined = 0x0;
    public const byte NAbsolute = 0x2;
    public const byte NSection = 0xe;
    public const byte NPreboundUndefined = 0xc;
    public const byte NIndirect = 0xa;
    public const ushort NWeakReference = 0x0040;
    public const ushort NWeakDefinition = 0x0080;
    public const int SymbolOrdinalDynamicLookup = 0xfe;
    public const int SymbolOrdinalExecutable = 0xff;

    // Chained fixups.
    public const uint ChainedImport = 1;
    public const uint ChainedImportAddend = 2;
    public const uint ChainedImportAddend64 = 3;
}
