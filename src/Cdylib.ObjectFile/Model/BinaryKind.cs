namespace Cdylib.ObjectFile;

/// <summary>What a binary is for, in format-neutral terms.</summary>
public enum BinaryKind
{
    /// <summary>A type the reader does not recognise (e.g. an OS- or processor-specific ELF type).</summary>
    Unknown,

    /// <summary>An object file that still needs linking (ELF ET_REL, COFF .obj, Mach-O MH_OBJECT).</summary>
    Relocatable,

    /// <summary>A program (ELF ET_EXEC, or ET_DYN marked DF_1_PIE; PE without IMAGE_FILE_DLL; MH_EXECUTE).</summary>
    Executable,

    /// <summary>A library loaded at run time (ELF ET_DYN, PE DLL, MH_DYLIB).</summary>
    SharedLibrary,

    /// <summary>A memory dump of a process (ELF ET_CORE, MH_CORE).</summary>
    Core,

    /// <summary>An ar archive of object files (.a, a static .lib): linked into the program that uses it.</summary>
    StaticLibrary,

    /// <summary>
    /// An archive (or a lone short import record) whose members stand for a DLL's exports: COFF short import
    /// records (MSVC, lld-link, llvm-dlltool) or GNU dlltool's import objects (.dll.a).
    /// </summary>
    ImportLibrary,
}
