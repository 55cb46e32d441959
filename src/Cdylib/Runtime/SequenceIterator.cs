using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Cdylib.Runtime;

/// <summary>
/// The sequence an iterator export (a <c>[CExport]</c> method returning <see cref="IEnumerable{T}"/>)
/// returned, held by C as an iterator handle and read one item at a time by <c>NAME_iter_next</c>.
/// The generated subclass of each export gives it its own type, so one export's iterator handle is
/// refused by another's functions.
/// </summary>
/// <remarks>
/// Calls are serialised: C may call next from any thread, and a C# enumerator is not thread-safe.
/// An exception from the enumerator ends the iteration (the enumerator is disposed) and surfaces at
/// the next call that hit it; later calls find the end. The last free disposes the enumerator.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class SequenceIterator<T> : IDisposable
{
    private readonly object _gate = new();
    private IEnumerator<T>? _items;

    /// <summary>Starts reading <paramref name="items"/>; a null sequence is the export's failure.</summary>
    protected SequenceIterator(IEnumerable<T>? items, string export)
    {
        _items = (items ?? throw new CExportException(ErrorCode.InvalidOperation, $"{export} returned null instead of a sequence")).GetEnumerator();
    }

    /// <summary>The next item, or false at the end (after which it stays false).</summary>
    public bool MoveNext([MaybeNullWhen(false)] out T item)
    {
        lock (_gate)
        {
            item = default;
            if (_items is null)
            {
                return false;
            }
            bool moved;
            try
            {
                moved = _items.MoveNext();
            }
            catch
            {
                End();
                throw;
            }
            if (!moved)
            {
                End();
                return false;
            }
            item = _items.Current;
            return true;
        }
    }

    /// <summary>Disposes the enumerator (its <c>finally</c> blocks run), once.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the enumerator when <paramref name="disposing"/>.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                End();
            }
        }
    }

    private void End()
    {
        IEnumerator<T>? items = _items;
        _items = null;
        items?.Dispose();
    }
}
