using System.Collections.Generic;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>
/// What <c>T_</c>, <c>T0_</c> and <c>TL0__</c> refer to: a stack of template parameter lists, level 0
/// being the arguments of the innermost enclosing encoding and deeper levels those of lambdas. An
/// encoding or template argument nested inside another starts with an empty view and gets the outer
/// view back when it ends; that is done by moving the view's base up the one stack instead of copying it.
/// </summary>
internal sealed class TemplateParameterScopes
{
    private readonly List<List<Node>?> _levels = [];
    private readonly List<List<Node>> _outerPool = [];
    private int _base;
    private int _outerDepth;

    /// <summary>The argument list of the current encoding, which its template arguments fill.</summary>
    public List<Node> Outer { get; private set; } = [];

    /// <summary>How many levels are visible.</summary>
    public int Count => _levels.Count - _base;

    public List<Node>? this[int level] => _levels[_base + level];

    public List<Node>? Last => Count == 0 ? null : _levels[^1];

    public void Reset()
    {
        _levels.Clear();
        _base = 0;
        _outerDepth = 0;
        Outer.Clear();
        foreach (List<Node> list in _outerPool)
        {
            list.Clear();
        }
    }

    public void Push(List<Node>? level) => _levels.Add(level);

    public void Pop() => _levels.RemoveAt(_levels.Count - 1);

    /// <summary>Keeps the first <paramref name="count"/> visible levels.</summary>
    public void Truncate(int count)
    {
        int keep = _base + count;
        if (keep < _levels.Count)
        {
            _levels.RemoveRange(keep, _levels.Count - keep);
        }
    }

    public void Clear() => Truncate(0);

    /// <summary>Hides every level (for a nested template argument); give the result to <see cref="Restore"/>.</summary>
    public int HideAll()
    {
        int saved = _base;
        _base = _levels.Count;
        return saved;
    }

    /// <summary>Drops what was pushed since <see cref="HideAll"/> and shows the hidden levels again.</summary>
    public void Restore(int saved)
    {
        Truncate(0);
        _base = saved;
    }

    /// <summary>Enters an encoding: no level visible and a fresh outer list. Give the result to <see cref="LeaveEncoding"/>.</summary>
    public (int Base, List<Node> Outer) EnterEncoding()
    {
        (int, List<Node>) saved = (HideAll(), Outer);
        if (_outerDepth == _outerPool.Count)
        {
            _outerPool.Add([]);
        }
        Outer = _outerPool[_outerDepth++];
        Outer.Clear();
        return saved;
    }

    public void LeaveEncoding((int Base, List<Node> Outer) saved)
    {
        Restore(saved.Base);
        _outerDepth--;
        Outer = saved.Outer;
    }
}
