namespace Cdylib.ObjectFile;

/// <summary>How a file depends on another.</summary>
public enum DependencyKind
{
    /// <summary>Must be loaded with the file (ELF DT_NEEDED, a PE import directory entry, Mach-O LC_LOAD_DYLIB).</summary>
    Needed,
}

/// <summary>A library the file asks the loader for, by the name recorded in the file.</summary>
public sealed record Dependency(string Name, DependencyKind Kind);
