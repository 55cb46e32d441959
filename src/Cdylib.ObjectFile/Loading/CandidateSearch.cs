using System;
using System.Collections.Generic;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// One search as it goes: candidates are tried in order until the loader takes one or one stops it;
/// every try is recorded as a <see cref="SearchAttempt"/>.
/// </summary>
internal sealed class CandidateSearch(Func<string, CandidateVerdict> judge)
{
    private readonly List<SearchAttempt> _attempts = [];
    private SearchOutcome? _outcome;

    /// <summary>True once a candidate was taken or stopped the search.</summary>
    public bool Done => _outcome is not null;

    /// <summary>Tries <paramref name="candidate"/> (a host path) found by <paramref name="rule"/>; nothing once the search is done.</summary>
    public void Try(string candidate, string rule)
    {
        if (Done)
        {
            return;
        }

        var verdict = LibraryCache.Exists(candidate) ? judge(candidate) : CandidateVerdict.Skip("no such file");
        _attempts.Add(new SearchAttempt(candidate, rule, verdict.Action == CandidateAction.Take ? null : verdict.Reason));
        _outcome = verdict.Action switch
        {
            CandidateAction.Take => new SearchOutcome(ResolutionStatus.Found, candidate, rule, verdict.File, _attempts),
            CandidateAction.Fail => new SearchOutcome(ResolutionStatus.Unloadable, null, rule, null, _attempts, $"{candidate}: {verdict.Reason}"),
            _ => null,
        };
    }

    /// <summary>Records a rule that gave no candidate and why ("LD_LIBRARY_PATH is not set").</summary>
    public void Note(string rule, string state)
    {
        if (!Done)
        {
            _attempts.Add(new SearchAttempt(state, rule, "no candidate"));
        }
    }

    /// <summary>The outcome: the candidate taken, the one that stopped the search, or not found.</summary>
    public SearchOutcome Finish(string? problem = null) =>
        _outcome ?? new SearchOutcome(ResolutionStatus.NotFound, null, null, null, _attempts, problem);
}
