using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Archive;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// Archives and COFF objects cross-checked against LLVM: every member's defined and undefined symbols
/// against <c>llvm-nm</c>, the symbol index against <c>llvm-nm --print-armap</c>, short import records
/// against <c>llvm-readobj --coff-imports</c>; on the committed import libraries, the .NET host's MSVC
/// .lib files, and archives gcc, ar, llvm-ar, llvm-lib and llvm-dlltool build at test time.
/// </summary>
public sealed class ArchiveBinaryTests
{
    public static TheoryData<string> Archives() => new(ArchiveFixtures.Shared.All);

    /// <summary>Real Apple-linked static libraries, Mach-O objects with private externs: libnethost.a of the macOS host packs.</summary>
    public static TheoryData<string> DarwinStaticLibraries() => new(MachOFixtures.DotNetHostStaticLibraries);

    private static readonly ArchiveMemberKind[] ObjectKinds =
        [ArchiveMemberKind.ImportRecord, ArchiveMemberKind.CoffObject, ArchiveMemberKind.ElfObject, ArchiveMemberKind.MachOObject];

    [Theory]
    [MemberData(nameof(Archives))]
    [MemberData(nameof(DarwinStaticLibraries))]
    public void Every_member_defines_and_needs_what_llvm_nm_lists(string path)
    {
        var file = BinaryFile.Open(path);
        var archive = file.Summary.Archive!;
        var objects = archive.Members.Where(m => ObjectKinds.Contains(m.Kind)).ToList();
        var nm = LlvmArchive.Members(path);

        Assert.Empty(file.Warnings);
        Assert.Equal(BinaryFormat.Archive, file.Summary.Format);
        Assert.Equal(nm.Select(m => m.Member), objects.Select(m => m.Name));
        foreach (var (member, reference) in objects.Zip(nm))
        {
            Assert.Equal(reference.Defined.Order(StringComparer.Ordinal), member.Exports.Select(e => e.Name).Order(StringComparer.Ordinal));
            Assert.Equal(reference.Undefined.Order(StringComparer.Ordinal), member.Imports.Select(i => i.Name).Order(StringComparer.Ordinal));

            // nm's weak letters (W, V, w, v) are exactly the weak bindings (llvm-nm has no weak letters for Mach-O).
            Assert.Equal(
                reference.Symbols.Where(s => s.Letter is 'W' or 'V' or 'w' or 'v').Select(s => s.Name).Order(StringComparer.Ordinal),
                member.Kind == ArchiveMemberKind.MachOObject ? [] : member.Exports.Where(e => e.Binding == SymbolBinding.Weak).Select(e => e.Name)
                    .Concat(member.Imports.Where(i => i.IsWeak).Select(i => i.Name)).Order(StringComparer.Ordinal));
        }

        Assert.Equal(objects.SelectMany(m => m.Exports), file.Exports);
        Assert.Equal(objects.SelectMany(m => m.Imports), file.Imports);
    }

    [Theory]
    [MemberData(nameof(Archives))]
    [MemberData(nameof(DarwinStaticLibraries))]
    public void Symbol_index_matches_llvm_nm_print_armap(string path)
    {
        var archive = BinaryFile.Open(path).Summary.Archive!;
        var memberAt = archive.Members.ToDictionary(m => m.HeaderOffset, m => m.Name);

        Assert.Equal(
            LlvmArchive.Armap(path).Select(s => $"{s.Name} in {s.Member}"),
            archive.SymbolIndex.Select(s => $"{s.Name} in {memberAt[s.MemberOffset]}"));
    }

    [Theory]
    [MemberData(nameof(Archives))]
    public void Short_import_records_match_llvm_readobj(string path)
    {
        var file = BinaryFile.Open(path);
        var records = file.Summary.Archive!.Members.Where(m => m.Kind == ArchiveMemberKind.ImportRecord).ToList();
        var reference = LlvmArchive.ImportFiles(path);

        Assert.Equal(
            reference.Select(r => $"{r.Dll} {r.Type} {r.NameType}: {string.Join(" ", r.Symbols)}"),
            records.Select(m => $"{m.ImportEntry!.DllName} {Word(m.ImportEntry.Type)} {Word(m.ImportEntry.NameType!)}: {string.Join(" ", m.Exports.Select(e => e.Name))}"));
        Assert.Equal(records.Count > 0 || file.Exports.Any(e => e.Library is not null) ? BinaryKind.ImportLibrary : BinaryKind.StaticLibrary, file.Summary.Kind);
        Assert.Equal(
            records.Select(m => m.ImportEntry!.DllName).Concat(file.Summary.Archive.Members.Where(m => m.Kind == ArchiveMemberKind.CoffObject && m.ImportEntry is not null).Select(m => m.ImportEntry!.DllName))
                .Distinct(StringComparer.OrdinalIgnoreCase),
            file.Dependencies.Select(d => d.Name));

        static string Word(object value) => value.ToString()!.ToLowerInvariant();
    }

    [Theory]
    [InlineData("fixture-arm64.lib", "fixture-arm64.dll")]
    [InlineData("libfixture-x64.dll.a", "fixture-x64.dll")]
    public void Import_library_entries_are_the_dlls_exports(string library, string dll)
    {
        var file = BinaryFile.Open(PeFixtures.Named(library));
        var (_, _, rows) = LlvmCoff.ObjdumpExports(PeFixtures.Named(dll));

        // The linkers name the DLL after fixture.def's LIBRARY line, whatever the DLL file is called.
        string dllName = File.ReadLines(PeFixtures.Named("fixture.def")).Single(l => l.StartsWith("LIBRARY ", StringComparison.Ordinal))["LIBRARY ".Length..];
        var entries = file.Summary.Archive!.Members.Select(m => m.ImportEntry).OfType<ImportLibraryEntry>().ToList();
        var named = rows.Where(r => r.Name.Length > 0).ToDictionary(r => r.Name);

        Assert.Equal(BinaryKind.ImportLibrary, file.Summary.Kind);
        Assert.Equal([new Dependency(dllName, DependencyKind.Needed)], file.Dependencies);
        Assert.All(file.Exports.Where(e => e.Name.StartsWith("__imp_", StringComparison.Ordinal)), e => Assert.Equal(dllName, e.Library));

        // Every named export of the DLL has an entry by that name (GNU ld cannot write the by-ordinal forwarder).
        Assert.Equal(
            named.Keys.Where(n => library.EndsWith(".lib", StringComparison.Ordinal) || n != "ForwardedByOrdinal").Order(StringComparer.Ordinal),
            entries.Where(e => e.ImportName is not null).Select(e => e.ImportName!).Order(StringComparer.Ordinal));
        foreach (var entry in entries)
        {
            Assert.Equal(dllName, entry.DllName);
            if (entry.ImportName is string name)
            {
                // Both linkers store the .def ordinal as the hint (0 when the .def gives none).
                Assert.True(entry.Hint == 0 || entry.Hint == named[name].Ordinal, $"{name}: hint {entry.Hint}, ordinal {named[name].Ordinal}");
            }
            else
            {
                // NONAME: the ordinal is a DLL export without a name.
                Assert.Contains(rows, r => r.Ordinal == entry.Ordinal && r.Name.Length == 0);
            }
        }

        // DATA exports of the .def are data imports; the others code.
        Assert.Equal(["fixture_counter", "fixture_version"], entries.Where(e => e.Type == ImportType.Data).Select(e => e.ImportName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Msvc_import_library_names_the_dlls_exports()
    {
        string lib = ArchiveFixtures.NuGetLib("nethost.lib");
        var file = BinaryFile.Open(lib);
        var exports = LlvmCoff.Exports(Path.ChangeExtension(lib, ".dll"));

        Assert.Equal(ArchiveVariant.Coff, file.Summary.Archive!.Variant);
        Assert.Equal(BinaryKind.ImportLibrary, file.Summary.Kind);
        Assert.Equal("x86-64", file.Summary.Machine);
        Assert.Equal(["nethost.dll"], file.Dependencies.Select(d => d.Name));
        Assert.Equal(
            exports.Select(e => e.Name).Order(StringComparer.Ordinal),
            file.Summary.Archive.Members.Select(m => m.ImportEntry?.ImportName).OfType<string>().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Msvc_static_library_is_a_static_library_of_coff_objects_with_long_names()
    {
        var file = BinaryFile.Open(ArchiveFixtures.NuGetLib("libnethost.lib"));
        var archive = file.Summary.Archive!;

        Assert.Equal(BinaryKind.StaticLibrary, file.Summary.Kind);
        Assert.Equal(ArchiveVariant.Coff, archive.Variant);
        Assert.Empty(file.Dependencies);
        Assert.Equal(2, archive.Members.Count(m => m.Kind == ArchiveMemberKind.SymbolIndex));
        Assert.Single(archive.Members, m => m.Kind == ArchiveMemberKind.LongNames);
        Assert.Contains(archive.Members, m => m.Kind == ArchiveMemberKind.CoffObject && m.Name.Length > 16 && m.Name.EndsWith(".obj", StringComparison.Ordinal));
        Assert.Contains(file.Imports, i => i.IsWeak);
    }

    [Theory]
    [InlineData("i386", false, "plain plain|_stdcall@8 stdcall@8|_byord |_datum datum|_konst konst")]
    [InlineData("i386", true, "plain plain|_stdcall@8 stdcall|_byord |_datum datum|_konst konst")]
    [InlineData("i386:x86-64", false, "plain plain|stdcall@8 stdcall@8|byord |datum datum|konst konst")]
    public void Dlltool_name_types_give_the_names_the_def_file_exports(string machine, bool killAt, string expected)
    {
        var fixtures = ArchiveFixtures.Shared;
        string path = machine == "i386" ? (killAt ? fixtures.DllToolX86KillAt : fixtures.DllToolX86) : fixtures.DllToolX64;
        var entries = BinaryFile.Open(path).Summary.Archive!.Members.Select(m => m.ImportEntry).OfType<ImportLibraryEntry>().ToList();
        var def = File.ReadAllLines(fixtures.Def).Skip(3).Select(l => l.Trim().Split(' ')[0]).ToList();

        // The symbol keeps the C decoration of the machine; the name looked up in thing.dll is the .def name (-k drops "@8").
        Assert.Equal(5, def.Count);
        Assert.Equal(
            expected.Replace("plain plain", (machine == "i386" ? "_plain" : "plain") + " plain", StringComparison.Ordinal).Split('|'),
            entries.Select(e => $"{e.SymbolName} {e.ImportName}"));
        var byOrdinal = Assert.Single(entries, e => e.NameType == ImportNameType.Ordinal);
        Assert.Equal(ushort.Parse(File.ReadAllText(fixtures.Def).Split("byord @")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), byOrdinal.Ordinal);
        Assert.Equal([ImportType.Code, ImportType.Code, ImportType.Code, ImportType.Data, ImportType.Const], entries.Select(e => e.Type));
    }

    [Fact]
    public void Gnu_and_bsd_names_resolve_to_the_object_file_names()
    {
        var fixtures = ArchiveFixtures.Shared;
        string[] expected = ["shapes.o", "a_member_with_a_long_file_name.o"];
        foreach (var (path, variant) in new[] { (fixtures.ElfGnu, ArchiveVariant.Gnu), (fixtures.ElfLlvmGnu, ArchiveVariant.Gnu), (fixtures.ElfBsd, ArchiveVariant.Bsd) })
        {
            var file = BinaryFile.Open(path);
            var archive = file.Summary.Archive!;

            Assert.Equal(variant, archive.Variant);
            Assert.Equal(BinaryKind.StaticLibrary, file.Summary.Kind);
            Assert.Equal("x86-64", file.Summary.Machine);
            Assert.Equal(expected, archive.Members.Where(m => m.Kind == ArchiveMemberKind.ElfObject).Select(m => m.Name));
            Assert.Equal(variant == ArchiveVariant.Gnu, archive.Members.Any(m => m.Kind == ArchiveMemberKind.LongNames));
        }

        // BSD: "#1/NN" in the header, the name between the header and the data.
        var bsd = BinaryFile.Open(fixtures.ElfBsd).Summary.Archive!.Members.Single(m => m.Name == expected[1]);
        byte[] bytes = File.ReadAllBytes(fixtures.ElfBsd);
        Assert.Equal("#1/", System.Text.Encoding.ASCII.GetString(bytes, (int)bsd.HeaderOffset, 3));
        Assert.Equal(expected[1], System.Text.Encoding.ASCII.GetString(bytes, (int)bsd.HeaderOffset + 60, expected[1].Length));
        Assert.True(bsd.DataOffset >= bsd.HeaderOffset + 60 + expected[1].Length);
        Assert.Equal(bytes.AsSpan((int)bsd.DataOffset, 4).ToArray(), "\u007fELF"u8.ToArray());
    }

    [Fact]
    public void Darwin_archive_of_macho_objects_reads_like_the_elf_one()
    {
        var fixtures = ArchiveFixtures.Shared;
        var macho = BinaryFile.Open(fixtures.MachODarwin);
        var elf = BinaryFile.Open(fixtures.ElfGnu);

        Assert.Equal(ArchiveVariant.Bsd, macho.Summary.Archive!.Variant);
        Assert.All(macho.Summary.Archive.Members.Where(m => m.Kind != ArchiveMemberKind.SymbolIndex), m => Assert.Equal(ArchiveMemberKind.MachOObject, m.Kind));

        // The same C: the same symbols, with Mach-O's leading underscore.
        Assert.Equal(elf.Exports.Select(e => "_" + e.Name).Order(StringComparer.Ordinal), macho.Exports.Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Thin_archive_is_one_clear_error()
    {
        var error = Assert.Throws<ObjectFileException>(() => BinaryFile.Open(ArchiveFixtures.Shared.Thin));

        Assert.StartsWith("a GNU thin archive (\"!<thin>\"): its members are separate files", error.Message);
    }

    [Fact]
    public void Coff_object_and_its_bigobj_copy_read_like_llvm_nm()
    {
        var fixtures = ArchiveFixtures.Shared;
        foreach (var path in new[] { fixtures.CoffObject, fixtures.BigObj })
        {
            var file = BinaryFile.Open(path);
            var nm = Assert.Single(LlvmArchive.Members(path));

            Assert.Empty(file.Warnings);
            Assert.Equal(BinaryFormat.Coff, file.Summary.Format);
            Assert.Equal(BinaryKind.Relocatable, file.Summary.Kind);
            Assert.Equal("x86-64", file.Summary.Machine);
            Assert.Equal(nm.Defined.Order(StringComparer.Ordinal), file.Exports.Select(e => e.Name).Order(StringComparer.Ordinal));
            Assert.Equal(nm.Undefined.Order(StringComparer.Ordinal), file.Imports.Select(i => i.Name).Order(StringComparer.Ordinal));
        }

        Assert.Equal(BinaryFile.Open(fixtures.CoffObject).Exports, BinaryFile.Open(fixtures.BigObj).Exports);
    }

    [Fact]
    public void Unknown_data_is_not_taken_for_a_coff_object()
    {
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            byte[] data = new byte[random.Next(0, 512)];
            random.NextBytes(data);
            if (data.Length >= 2 && i % 2 == 0)
            {
                // Half of them even start with a real machine number.
                data[0] = 0x64;
                data[1] = 0x86;
            }

            var format = BinaryFile.DetectFormat(data);
            Assert.True(format is null or BinaryFormat.Coff);
            if (format == BinaryFormat.Coff)
            {
                // Only when the header's sizes fit the data: then reading it must not crash either.
                try
                {
                    BinaryFile.Parse(data);
                }
                catch (ObjectFileException)
                {
                }
            }
        }

        var text = System.Text.Encoding.ASCII.GetBytes("#!/bin/sh\necho this is not an object file\n");
        Assert.Equal("not an ELF, PE or Mach-O file (unrecognised magic number)", Assert.Throws<ObjectFileException>(() => BinaryFile.Parse(text)).Message);
    }

    [Fact]
    public void Anonymous_ltcg_object_is_one_clear_error()
    {
        byte[] data = new byte[64];
        data[2] = 0xff;
        data[3] = 0xff;
        data[4] = 1;
        data[6] = 0x64;
        data[7] = 0x86;

        var error = Assert.Throws<ObjectFileException>(() => BinaryFile.Parse(data));

        Assert.StartsWith("Invalid COFF anonymous object header at offset 0x0: version 1 with an unknown ClassID", error.Message);
    }

    [Fact]
    public void Lone_short_import_record_is_an_import_library_of_one_export()
    {
        var archive = BinaryFile.Open(ArchiveFixtures.LldImportLibrary).Summary.Archive!;
        var member = archive.Members.First(m => m.Kind == ArchiveMemberKind.ImportRecord);
        byte[] record = File.ReadAllBytes(ArchiveFixtures.LldImportLibrary).AsSpan((int)member.DataOffset, (int)member.Size).ToArray();

        var file = BinaryFile.Parse(record);

        Assert.Equal(BinaryFormat.Coff, file.Summary.Format);
        Assert.Equal(BinaryKind.ImportLibrary, file.Summary.Kind);
        Assert.Equal(member.Exports, file.Exports);
        Assert.Equal([new Dependency(member.ImportEntry!.DllName, DependencyKind.Needed)], file.Dependencies);
    }
}
