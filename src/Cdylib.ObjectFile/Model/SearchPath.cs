using System;
using System.Collections.Generic;

namespace Cdylib.ObjectFile;

/// <summary>Which loader rule a recorded library search path follows.</summary>
public enum SearchPathKind
{
    /// <summary>ELF DT_RPATH: searched before LD_LIBRARY_PATH, inherited by dependencies (deprecated). Mach-O LC_RPATH.</summary>
    RPath,

    /// <summary>ELF DT_RUNPATH: searched after LD_LIBRARY_PATH, only for the file's own DT_NEEDED.</summary>
    RunPath,
}

/// <summary>A library search path recorded in the file, as stored (colon-separated for ELF, $ORIGIN unexpanded).</summary>
public sealed record SearchPath(string Value, SearchPathKind Kind)
{
    /// <summary>The individual directories of <see cref="Value"/>, in search order.</summary>
    public IReadOnlyList<string> Directories => Value.Split(':', StringSplitOptions.None);
}
