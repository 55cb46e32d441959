using System.Collections.Generic;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>
/// The substitution candidates seen so far (ABI 5.1.10): <c>S_</c> is the first, <c>S&lt;seq-id&gt;_</c>
/// the seq-id + 2nd. A back-reference only ever returns an existing node, so a name cannot grow the
/// table faster than its own length.
/// </summary>
internal sealed class SubstitutionTable
{
    private readonly List<Node> _entries = [];

    public int Count => _entries.Count;

    public void Add(Node node) => _entries.Add(node);

    public void RemoveLast() => _entries.RemoveAt(_entries.Count - 1);

    public void Clear() => _entries.Clear();

    /// <summary>The entry at <paramref name="index"/>, or null when there is none.</summary>
    public Node? Get(int index) => index >= 0 && index < _entries.Count ? _entries[index] : null;
}
