using System;

namespace Cdylib.ObjectFile.Reading;

/// <summary>
/// How many bytes a reader may scan or decode for names, in all: a multiple of what the names come from
/// (a string table, a pool, the file). Real files never come near it; a hostile table whose thousands
/// of entries point at different places of one long run would otherwise cost the square of its size
/// in time and memory. One budget per table, shared by every reader that looks names up in it.
/// </summary>
internal sealed class NameBudget
{
    private const int Factor = 8;
    private const long Floor = 1 << 20;

    private readonly string _holder;
    private long _left;

    /// <param name="size">The size of what the names come from.</param>
    /// <param name="holder">What that is, for the message: "table", "pool", "file".</param>
    public NameBudget(long size, string holder)
    {
        _holder = holder;
        Total = Math.Max(Floor, size * Factor);
        _left = Total;
    }

    public long Total { get; }

    /// <summary>The problem once the budget is spent (the caller names the structure and offset).</summary>
    public string Problem => $"names overlap so much that decoding them would take far more memory than the {_holder} holds";

    /// <summary>
    /// Spent: a reader fails a lookup at once rather than scanning first (tens of thousands of entries
    /// pointing into one long run would each scan it, charged or not).
    /// </summary>
    public bool IsSpent => _left < 0;

    /// <summary>Charges <paramref name="bytes"/>; false once the budget is spent.</summary>
    public bool TryCharge(long bytes)
    {
        _left -= bytes;
        return _left >= 0;
    }
}
