namespace Cdylib.ObjectFile;

/// <summary>How a file depends on another.</summary>
public enum DependencyKind
{
    /// <summary>Must be loaded with the file (ELF DT_NEEDED, a PE import directory entry, Mach-O LC_LOAD_DYLIB).</summary>
    Needed,

    /// <summary>Loaded on the first call into it (a PE delay-load import descriptor); the file starts without it.</summary>
    DelayLoad,
}

/// <summary>A library the file asks the loader for, by the name recorded in the file.</summary>
public sealed record Dependency(string Name, DependencyKind Kind);
