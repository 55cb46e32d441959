namespace Cdylib.ObjectFile;

/// <summary>How a file depends on another.</summary>
public enum DependencyKind
{
    /// <summary>Must be loaded with the file (ELF DT_NEEDED, a PE import directory entry, Mach-O LC_LOAD_DYLIB).</summary>
    Needed,

    /// <summary>Loaded on the first call into it (a PE delay-load import descriptor, Mach-O LC_LAZY_LOAD_DYLIB); the file starts without it.</summary>
    DelayLoad,

    /// <summary>May be missing at run time (Mach-O LC_LOAD_WEAK_DYLIB): its imports are then left null.</summary>
    Weak,

    /// <summary>Loaded and re-exported: its exports count as the file's own (Mach-O LC_REEXPORT_DYLIB).</summary>
    Reexport,

    /// <summary>Loaded as a dependency that may itself depend back on the file (Mach-O LC_LOAD_UPWARD_DYLIB).</summary>
    Upward,
}

/// <summary>A library the file asks the loader for, by the name recorded in the file.</summary>
public sealed record Dependency(string Name, DependencyKind Kind);
