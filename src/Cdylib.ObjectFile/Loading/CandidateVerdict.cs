namespace Cdylib.ObjectFile.Loading;

/// <summary>What a loader does with one candidate file.</summary>
internal enum CandidateAction
{
    /// <summary>Loads it.</summary>
    Take,

    /// <summary>Passes over it and goes on searching (no such file, another architecture).</summary>
    Skip,

    /// <summary>Stops with an error: the library cannot be loaded (ld.so on a file that is no ELF object).</summary>
    Fail,
}

/// <summary>The loader's verdict on one candidate: take, skip or fail, why, and the image taken.</summary>
internal readonly record struct CandidateVerdict(CandidateAction Action, string? Reason, BinaryFile? File)
{
    public static CandidateVerdict Take(BinaryFile file) => new(CandidateAction.Take, null, file);

    public static CandidateVerdict Skip(string reason) => new(CandidateAction.Skip, reason, null);

    public static CandidateVerdict Fail(string reason) => new(CandidateAction.Fail, reason, null);
}
