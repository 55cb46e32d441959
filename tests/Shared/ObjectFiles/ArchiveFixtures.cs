using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using Cdylib.Tests.Shared;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>
/// The archives and objects the archive tests read: the committed import libraries beside the PE
/// fixtures, the MSVC-built .lib files of the .NET host package the restore downloads, and archives built
/// once per run from Fixtures/archive by gcc + ar (GNU), llvm-ar (GNU and BSD names), clang for macOS +
/// llvm-ar (Darwin), clang for Windows + llvm-lib (COFF), and llvm-dlltool (short import records).
/// </summary>
public sealed class ArchiveFixtures
{
    private static readonly Lazy<ArchiveFixtures> Instance = new(() => new ArchiveFixtures());

    public static ArchiveFixtures Shared => Instance.Value;

    private ArchiveFixtures()
    {
        string directory = NativeFixtures.Shared.PathFor("archives");
        System.IO.Directory.CreateDirectory(directory);
        string sources = Path.Combine(AppContext.BaseDirectory, "fixtures", "archive");
        string Out(string name) => Path.Combine(directory, name);
        string[] members = ["shapes", "a_member_with_a_long_file_name"];

        // ELF objects by gcc; GNU ar writes "/" and "//" (the long name does not fit 16 bytes).
        foreach (var member in members)
        {
            Tool.Run("gcc", "-c", "-O1", "-fcommon", "-fPIC", "-o", Out(member + ".o"), Path.Combine(sources, member + ".c"));
        }

        string[] elfObjects = [Out("shapes.o"), Out("a_member_with_a_long_file_name.o")];
        ElfGnu = Out("libshapes.a");
        Tool.Run("ar", ["rcs", ElfGnu, .. elfObjects]);
        ElfLlvmGnu = Out("libshapes-llvm.a");
        Tool.Run(LlvmAr, ["rcs", "--format=gnu", ElfLlvmGnu, .. elfObjects]);
        ElfBsd = Out("libshapes-bsd.a");
        Tool.Run(LlvmAr, ["rcs", "--format=bsd", ElfBsd, .. elfObjects]);
        Thin = Out("libshapes-thin.a");
        Tool.Run("ar", ["rcsT", Thin, .. elfObjects]);

        // Mach-O objects (no SDK needed: the sources include nothing) in a Darwin archive.
        foreach (var member in members)
        {
            Tool.Run(Toolchain.Find("clang"), "--target=x86_64-apple-macos11", "-c", "-O1", "-fcommon", "-o", Out(member + ".macho.o"), Path.Combine(sources, member + ".c"));
        }

        MachODarwin = Out("libshapes-darwin.a");
        Tool.Run(LlvmAr, "rcs", "--format=darwin", MachODarwin, Out("shapes.macho.o"), Out("a_member_with_a_long_file_name.macho.o"));

        // COFF objects for Windows, a bigobj copy of one, and a static .lib of them.
        foreach (var member in members)
        {
            Tool.Run(Toolchain.Find("clang"), "--target=x86_64-pc-windows-msvc", "-c", "-O1", "-o", Out(member + ".obj"), Path.Combine(sources, member + ".c"));
        }

        CoffObject = Out("shapes.obj");
        BigObj = Out("shapes-bigobj.obj");
        File.WriteAllBytes(BigObj, ToBigObj(File.ReadAllBytes(CoffObject)));
        CoffLib = Out("shapes.lib");
        Tool.Run(Toolchain.Find("llvm-lib"), "/out:" + CoffLib, CoffObject, Out("a_member_with_a_long_file_name.obj"), BigObj);

        // Short import records from a .def: x86 (decorated, name type noprefix; -k: undecorate) and x64.
        Def = Path.Combine(sources, "thing.def");
        DllToolX86 = Out("thing-x86.lib");
        Tool.Run(Toolchain.Find("llvm-dlltool"), "-m", "i386", "-d", Def, "-l", DllToolX86);
        DllToolX86KillAt = Out("thing-x86-k.lib");
        Tool.Run(Toolchain.Find("llvm-dlltool"), "-m", "i386", "-k", "-d", Def, "-l", DllToolX86KillAt);
        DllToolX64 = Out("thing-x64.lib");
        Tool.Run(Toolchain.Find("llvm-dlltool"), "-m", "i386:x86-64", "-d", Def, "-l", DllToolX64);
    }

    /// <summary>GNU ld's import library of fixture-x64.dll: one COFF object per symbol, _head_/__imp_ symbols.</summary>
    public static string GnuImportLibrary => PeFixtures.Named("libfixture-x64.dll.a");

    /// <summary>lld-link's import library of fixture-arm64.dll: short import records.</summary>
    public static string LldImportLibrary => PeFixtures.Named("fixture-arm64.lib");

    /// <summary>The MSVC-built .lib files of Microsoft.NETCore.App.Host.win-x64 9.0.20: nethost.lib and ijwhost.lib (import libraries), libnethost.lib (static, COFF objects).</summary>
    public static string NuGetLib(string name) =>
        Path.Combine(PeFixtures.PackagesFolder, "microsoft.netcore.app.host.win-x64", "9.0.20", "runtimes", "win-x64", "native", name);

    public static string[] NuGetLibs => [NuGetLib("nethost.lib"), NuGetLib("ijwhost.lib"), NuGetLib("libnethost.lib")];

    public string ElfGnu { get; }

    public string ElfLlvmGnu { get; }

    public string ElfBsd { get; }

    public string Thin { get; }

    public string MachODarwin { get; }

    public string CoffObject { get; }

    public string BigObj { get; }

    public string CoffLib { get; }

    public string Def { get; }

    public string DllToolX86 { get; }

    public string DllToolX86KillAt { get; }

    public string DllToolX64 { get; }

    /// <summary>Every archive that llvm-nm reads completely, for the cross-checks.</summary>
    public IEnumerable<string> All =>
    [
        GnuImportLibrary, LldImportLibrary, .. NuGetLibs, ElfGnu, ElfLlvmGnu, ElfBsd, MachODarwin, CoffLib,
        DllToolX86, DllToolX86KillAt, DllToolX64,
    ];

    private static string LlvmAr => Toolchain.Find("llvm-ar");

    /// <summary>
    /// Rewrites a plain COFF object as a bigobj (no tool on the test machines writes one): the 56-byte
    /// ANON_OBJECT_HEADER_BIGOBJ, file pointers moved by the 36 extra header bytes, and 20-byte symbol
    /// records with 32-bit section numbers (aux records padded to 20 bytes).
    /// </summary>
    public static byte[] ToBigObj(byte[] obj)
    {
        const int shift = 56 - 20;
        ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(obj);
        int sections = BinaryPrimitives.ReadUInt16LittleEndian(obj.AsSpan(2));
        int symbolTable = (int)BinaryPrimitives.ReadUInt32LittleEndian(obj.AsSpan(8));
        int symbols = (int)BinaryPrimitives.ReadUInt32LittleEndian(obj.AsSpan(12));
        var output = new MemoryStream();
        var header = new byte[56];
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), 0xffff);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), machine);
        new byte[] { 0xC7, 0xA1, 0xBA, 0xD1, 0xEE, 0xBA, 0xA9, 0x4B, 0xAF, 0x20, 0xFA, 0xF6, 0x6A, 0xA4, 0xDC, 0xB8 }.CopyTo(header, 12);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(44), (uint)sections);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(48), (uint)(symbolTable + shift));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(52), (uint)symbols);
        output.Write(header);

        byte[] body = obj[20..symbolTable];
        for (int i = 0; i < sections; i++)
        {
            foreach (int field in new[] { 20, 24, 28 })
            {
                var at = body.AsSpan((i * 40) + field);
                uint pointer = BinaryPrimitives.ReadUInt32LittleEndian(at);
                if (pointer != 0)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(at, pointer + shift);
                }
            }
        }

        output.Write(body);
        for (int i = 0; i < symbols; i++)
        {
            var record = obj.AsSpan(symbolTable + (i * 18), 18);
            var wide = new byte[20];
            record[..12].CopyTo(wide);
            BinaryPrimitives.WriteInt32LittleEndian(wide.AsSpan(12), BinaryPrimitives.ReadInt16LittleEndian(record[12..]));
            record[14..18].CopyTo(wide.AsSpan(16));
            output.Write(wide);
            int aux = record[17];
            for (int a = 0; a < aux; a++)
            {
                var auxRecord = new byte[20];
                obj.AsSpan(symbolTable + ((i + 1 + a) * 18), 18).CopyTo(auxRecord);
                output.Write(auxRecord);
            }

            i += aux;
        }

        output.Write(obj.AsSpan(symbolTable + (symbols * 18)));
        return output.ToArray();
    }
}
