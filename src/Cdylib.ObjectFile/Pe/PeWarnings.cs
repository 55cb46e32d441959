using System.Collections.Generic;
using System.Globalization;

namespace Cdylib.ObjectFile.Pe;

/// <summary>
/// Collects the problems of one table (e.g. bad names in the export name pointer table) and reports
/// them as one warning: the first message and how many more there were, so a hostile table with
/// 100,000 bad entries gives one line, not 100,000.
/// </summary>
internal sealed class PeWarnings(List<string> warnings)
{
    private readonly Dictionary<string, (string First, int Count)> _byStructure = [];
    private readonly List<string> _order = [];

    public void Add(ObjectFileException problem)
    {
        string key = problem.Structure ?? problem.Message;
        if (_byStructure.TryGetValue(key, out var seen))
        {
            _byStructure[key] = (seen.First, seen.Count + 1);
            return;
        }

        _byStructure[key] = (problem.Message, 1);
        _order.Add(key);
    }

    /// <summary>
    /// Takes <paramref name="later"/>'s problems as if they had been added here after this one's: a
    /// table read lazily can then report in the place it was read in before.
    /// </summary>
    public void Merge(PeWarnings later)
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

    /// <summary>Writes one line per structure that had problems into the file's warnings.</summary>
    public void Flush()
    {
        foreach (var key in _order)
        {
            var (first, count) = _byStructure[key];
            string line = count == 1 ? first : string.Create(CultureInfo.InvariantCulture, $"{first} (and {count - 1} more like it)");
            if (!warnings.Contains(line))
            {
                warnings.Add(line);
            }
        }

        _byStructure.Clear();
        _order.Clear();
    }
}
