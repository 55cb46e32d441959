using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// A listing's rows, each with a name cell (<see cref="NameStyle.Cell(ReadOnlySpan{byte})"/>) between its
/// start and its tail, written to <see cref="Utf8Lines"/> in order. Names as stored go straight through. Demangled names are the work
/// of the listing (two thirds of <c>exports --demangle</c> on libLLVM's 44,000 names), so rows are
/// gathered in batches and a second thread demangles a batch whenever it has none waiting, while this
/// one walks on and demangles the rest (so the split follows how fast each goes); batches are written in
/// the order they were made, so the output is the same bytes.
/// </summary>
/// <remarks>
/// Only the rows are handed over, as bytes: the walk over the file (whose string tables are not made for
/// two threads) stays on the caller's thread. A handful of batches, reused, bound the memory: on the
/// machines measured here every fresh page costs a fault of about 12 µs, so the batches are kept small.
/// </remarks>
internal sealed class NameCellRows : IDisposable
{
    /// <summary>Rows per batch: enough that handing a batch over is rare, few enough to stay in a few pages.</summary>
    private const int BatchRows = 256;

    /// <summary>Batches made but not yet written beyond which the walk waits for the second thread.</summary>
    private const int MostPending = 4;

    private readonly Utf8Lines _lines;
    private readonly NameStyle _names;
    private readonly bool _gathers;
    private readonly Queue<Batch> _pending = new();
    private readonly Stack<Batch> _free = new();
    private Batch? _current;
    private BlockingCollection<Batch>? _handedOver;
    private Thread? _second;

    /// <param name="lines">Where the rows go.</param>
    /// <param name="names">How names are written; rows are gathered only when it demangles and a second core is there.</param>
    public NameCellRows(Utf8Lines lines, NameStyle names)
    {
        _lines = lines;
        _names = names;
        _gathers = names.Demangles && Environment.ProcessorCount > 1;
    }

    /// <summary>Room for at least <paramref name="most"/> more bytes of the row (as <see cref="Utf8Lines.GetSpan"/>).</summary>
    public Span<byte> GetSpan(int most) => _gathers ? Current.GetSpan(most) : _lines.GetSpan(most);

    /// <summary>Keeps <paramref name="count"/> bytes written into the span <see cref="GetSpan"/> gave.</summary>
    public void Advance(int count)
    {
        if (_gathers)
        {
            Current.RawLength += count;
        }
        else
        {
            _lines.Advance(count);
        }
    }

    /// <summary>Appends <paramref name="bytes"/> to the row: before its name, or after it (the row's tail).</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_gathers)
        {
            Current.Append(bytes);
        }
        else
        {
            _lines.Append(bytes);
        }
    }

    /// <summary>The row's name cell, for <paramref name="utf8Name"/>; at most one per row (a row without one has an empty cell).</summary>
    public void Name(ReadOnlySpan<byte> utf8Name)
    {
        if (_gathers)
        {
            Current.Name(utf8Name);
        }
        else
        {
            _lines.Append(_names.Cell(utf8Name));
        }
    }

    /// <summary>Ends the row.</summary>
    public void EndRow()
    {
        if (!_gathers)
        {
            _lines.EndLine();
            return;
        }

        var batch = Current;
        batch.EndRow();
        if (batch.Count == BatchRows)
        {
            Dispatch();
        }
    }

    /// <summary>Writes every row gathered, in order, and lets the second thread go.</summary>
    public void Dispose()
    {
        if (_current is { Count: > 0 })
        {
            Dispatch();
        }

        while (_pending.Count > 0)
        {
            Write(_pending.Dequeue());
        }

        _handedOver?.CompleteAdding();
        _second?.Join();
        _handedOver?.Dispose();
    }

    private Batch Current => _current ??= _free.Count > 0 ? _free.Pop() : new Batch();

    /// <summary>Hands the current batch over when the second thread has none waiting, else demangles it here; then writes what is done, in order.</summary>
    private void Dispatch()
    {
        var batch = Current;
        _current = null;
        if (_handedOver is null || _handedOver.Count == 0)
        {
            batch.Handed();
            StartSecondThread().Add(batch);
        }
        else
        {
            batch.Demangle(_names);
        }

        _pending.Enqueue(batch);
        while (_pending.Count > 0 && (_pending.Peek().IsDone || _pending.Count > MostPending))
        {
            Write(_pending.Dequeue());
        }
    }

    private BlockingCollection<Batch> StartSecondThread()
    {
        if (_handedOver is null)
        {
            _handedOver = new BlockingCollection<Batch>();
            var handedOver = _handedOver;
            _second = new Thread(() =>
            {
                foreach (var batch in handedOver.GetConsumingEnumerable())
                {
                    batch.Demangle(_names);
                }
            })
            {
                IsBackground = true,
                Name = "cdylib demangle",
            };
            _second.Start();
        }

        return _handedOver;
    }

    /// <summary>Waits for the batch's names, writes its rows and keeps it for reuse.</summary>
    private void Write(Batch batch)
    {
        batch.WaitDone();
        batch.Failure?.Throw();
        int cellStart = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            var (rowStart, nameStart, nameEnd, rowEnd) = batch.Rows[i];
            _lines.Append(batch.Raw.AsSpan(rowStart, nameStart - rowStart));
            _lines.Append(batch.Cells.AsSpan(cellStart, batch.CellEnds[i] - cellStart));
            _lines.Append(batch.Raw.AsSpan(nameEnd, rowEnd - nameEnd));
            _lines.EndLine();
            cellStart = batch.CellEnds[i];
        }

        batch.Clear();
        _free.Push(batch);
    }

    /// <summary>Rows as gathered (each row's start, its name and its tail, in <see cref="Raw"/>) and, once demangled, their name cells, one after the other.</summary>
    private sealed class Batch
    {
        public byte[] Raw = new byte[BatchRows * 128];
        public int RawLength;
        public byte[] Cells = new byte[BatchRows * 192];
        public int CellsLength;
        public readonly (int RowStart, int NameStart, int NameEnd, int RowEnd)[] Rows = new (int, int, int, int)[BatchRows];
        public readonly int[] CellEnds = new int[BatchRows];
        public int Count;
        public ExceptionDispatchInfo? Failure;
        private int _rowStart;
        private int _nameStart = -1;
        private int _nameEnd;
        private bool _done = true;

        /// <summary>Whether the names are demangled (always, for a batch this thread demangled).</summary>
        public bool IsDone => Volatile.Read(ref _done);

        /// <summary>Marks a batch about to go to the second thread as not demangled.</summary>
        public void Handed() => _done = false;

        public void WaitDone()
        {
            lock (this)
            {
                while (!_done)
                {
                    Monitor.Wait(this);
                }
            }
        }

        public Span<byte> GetSpan(int most)
        {
            Room(ref Raw, RawLength, most);
            return Raw.AsSpan(RawLength);
        }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            Room(ref Raw, RawLength, bytes.Length);
            bytes.CopyTo(Raw.AsSpan(RawLength));
            RawLength += bytes.Length;
        }

        public void Name(ReadOnlySpan<byte> utf8Name)
        {
            _nameStart = RawLength;
            Append(utf8Name);
            _nameEnd = RawLength;
        }

        public void EndRow()
        {
            // A row without a name has an empty one at its end.
            (int nameStart, int nameEnd) = _nameStart < 0 ? (RawLength, RawLength) : (_nameStart, _nameEnd);
            Rows[Count++] = (_rowStart, nameStart, nameEnd, RawLength);
            _rowStart = RawLength;
            _nameStart = -1;
        }

        /// <summary>Each row's name cell, after the previous row's in <see cref="Cells"/>.</summary>
        public void Demangle(NameStyle names)
        {
            try
            {
                for (int i = 0; i < Count; i++)
                {
                    var (_, nameStart, nameEnd, _) = Rows[i];
                    var cell = names.Cell(Raw.AsSpan(nameStart, nameEnd - nameStart));
                    Room(ref Cells, CellsLength, cell.Length);
                    cell.CopyTo(Cells.AsSpan(CellsLength));
                    CellsLength += cell.Length;
                    CellEnds[i] = CellsLength;
                }
            }
            catch (Exception e)
            {
                Failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                lock (this)
                {
                    _done = true;
                    Monitor.PulseAll(this);
                }
            }
        }

        public void Clear()
        {
            RawLength = CellsLength = Count = _rowStart = 0;
            _nameStart = -1;
            Failure = null;
        }

        private static void Room(ref byte[] buffer, int used, int more)
        {
            if (more > buffer.Length - used)
            {
                Array.Resize(ref buffer, Math.Max(buffer.Length * 2, used + more));
            }
        }
    }
}
