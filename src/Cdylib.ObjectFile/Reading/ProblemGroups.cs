using System.Collections.Generic;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Reading;

/// <summary>
/// Collects the problems of the tables a reader reads (e.g. bad names in the export name pointer table)
/// and reports each structure's as one warning: the first problem and how many more there were, so a
/// hostile table with 100,000 bad entries gives one line, not 100,000.
/// </summary>
internal sealed class ProblemGroups(List<ObjectFileProblem> warnings)
{
    private readonly Dictionary<string, (ObjectFileProblem First, int Count)> _byStructure = [];
    private readonly List<string> _order = [];

    /// <summary>A collector whose warnings nobody keeps: for walks that are only asked what they met.</summary>
    public static ProblemGroups Detached() => new([]);

    public void Add(ObjectFileProblem problem)
    {
        string key = problem.Structure ?? problem.Message;
        if (_byStructure.TryGetValue(key, out var seen))
        {
            _byStructure[key] = (seen.First, seen.Count + 1);
            return;
        }

        _byStructure[key] = (problem, 1);
        _order.Add(key);
    }

    /// <summary>
    /// Takes <paramref name="later"/>'s problems as if they had been added here after this one's: a
    /// table read lazily can then report in the place it was read in before.
    /// </summary>
    public void Merge(ProblemGroups later)
    {
        foreach (var key in later._order)
        {
            var (first, count) = later._byStructure[key];
            if (_byStructure.TryGetValue(key, out var seen))
            {
                _byStructure[key] = (seen.First, seen.Count + count);
                continue;
            }

            _byStructure[key] = (first, count);
            _order.Add(key);
        }
    }

    /// <summary>Writes one warning per structure that had problems into the file's warnings (each once).</summary>
    public void Flush()
    {
        foreach (var key in _order)
        {
            var (first, count) = _byStructure[key];
            var line = first.WithRepeats(count - 1, "like it");
            if (!warnings.Contains(line))
            {
                warnings.Add(line);
            }
        }

        _byStructure.Clear();
        _order.Clear();
    }
}
