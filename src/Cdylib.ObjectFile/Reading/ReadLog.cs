using System.Diagnostics.CodeAnalysis;

namespace Cdylib.ObjectFile.Reading;

/// <summary>
/// The first problem met while reading one table, kept as a value (what gimli's <c>Result</c> and
/// <c>?</c> do in object's read/util.rs): an <see cref="EndianReader"/> given a log records a read past
/// its end here and returns 0 (or an empty window) instead of throwing, the code that reads checks
/// <see cref="Failed"/> where it loops or builds a result, and whoever started the table takes the
/// problem and makes it a warning. Only the first problem is kept: it is the one that stopped the table.
/// </summary>
internal sealed class ReadLog
{
    /// <summary>The first problem recorded since the last <see cref="TryTake"/>; null while all reads succeeded.</summary>
    public ObjectFileProblem? Problem { get; private set; }

    /// <summary>True once a problem has been recorded (and not yet taken).</summary>
    [MemberNotNullWhen(true, nameof(Problem))]
    public bool Failed => Problem is not null;

    /// <summary>Records <paramref name="problem"/> unless an earlier one is already recorded.</summary>
    public void Fail(ObjectFileProblem problem) => Problem ??= problem;

    /// <summary>The recorded problem, if any, leaving the log empty for the next table.</summary>
    public bool TryTake([NotNullWhen(true)] out ObjectFileProblem? problem)
    {
        problem = Problem;
        Problem = null;
        return problem is not null;
    }
}
