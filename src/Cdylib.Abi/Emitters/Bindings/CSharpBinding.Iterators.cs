using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Lowering;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The C# form of iterator exports (docs/abi.md, "Iterator exports"): each becomes a method returning
/// <c>IEnumerable&lt;T&gt;</c>. The export is called at the call, as the synchronous form calls it — its
/// arguments borrowed for the call only, a refusal or a method that gives no sequence thrown at once —
/// and the sequence it returns is read once, one <c>NAME_iter_next</c> per <c>MoveNext</c>, items converted
/// as a result is (a string copied and freed, a handle wrapped in its class owning one owner). The
/// iterator handle is freed exactly once: at the end, at a failure, by <c>Dispose</c> (a <c>foreach</c>
/// left early) or, for a sequence never read to its end nor disposed, by a <c>SafeHandle</c>'s finalizer.
/// The iterator handle types and their next and free functions get no wrapper (the raw declarations keep
/// them): the sequence is their public face, so nothing can free an iterator twice.
/// </summary>
public static partial class CSharpBinding
{
    /// <summary>The iterator handle types: their objects never reach the caller, so they get no class.</summary>
    private static HashSet<string> IteratorHandles(AbiLibrary library) =>
        new(library.Functions.Where(function => function.Iterator is not null).Select(function => function.Iterator!.Handle));

    /// <summary>The class every iterator export's sequence is (top level, generic over the item).</summary>
    private static string SequenceClass(AbiLibrary library) => BindingShapes.CSharpName(library) + "Sequence";

    /// <summary>
    /// An item as the sequence gives it: as a result is given, except that an item the library declares
    /// non-null (a <c>string</c>, a handle) is not nullable — every item is one.
    /// </summary>
    private static string ItemType(AbiType item, CSharpTypes spelling) => item switch
    {
        StringType { Nullable: false } => "string",
        HandleRef { Nullable: false } => spelling.Names.Of(item),
        _ => spelling.Managed(item),
    };

    /// <summary>The wrapper's return type for an iterator export.</summary>
    private static string IteratorReturnType(AbiIterator iterator, CSharpTypes spelling) =>
        $"IEnumerable<{ItemType(iterator.Item, spelling)}>";

    /// <summary>The wrapper's return statement's value: the sequence over the iterator handle <paramref name="handle"/> the export returned.</summary>
    private static string IteratorResult(AbiFunction function, AbiLibrary library, CSharpTypes spelling, string handle) =>
        $"new {SequenceClass(library)}<{ItemType(function.Iterator!.Item, spelling)}>({handle}, &{StepName(function)}, &Raw.{Identifier(function.Iterator.Free)}, \"{function.Name}\")";

    private static string StepName(AbiFunction function) => $"__{function.Name}_next";

    /// <summary>
    /// The step of one iterator export: calls its next function and converts the item it wrote (a string
    /// copied then freed, a handle wrapped) — a plain static method the sequence calls through a pointer.
    /// </summary>
    private static void AppendIteratorStep(StringBuilder cs, AbiFunction function, CSharpTypes spelling)
    {
        AbiIterator iterator = function.Iterator!;
        string item = ItemType(iterator.Item, spelling);
        string converted = spelling.FromRaw("raw", iterator.Item);
        // What FromRaw gives for a string or handle is nullable; an item declared non-null is never NULL.
        string nonNull = item != spelling.Managed(iterator.Item) ? "!" : "";
        cs.Append($$"""

                // One item of {{function.Name}}'s sequence: false at its end or at a failure (the last error tells which).
                private static bool {{StepName(function)}}(void* iterator, out {{item}} item)
                {
                    {{spelling.Raw(iterator.Item)}} raw = default;
                    if (Raw.{{Identifier(iterator.Next)}}(iterator, &raw) == 0)
                    {
                        item = default!;
                        return false;
                    }
                    item = ({{converted}}){{nonNull}};
                    return true;
                }

            """);
    }

    /// <summary>
    /// The sequence class: one per library, generic over the item, the iterator handle held by a
    /// <c>SafeHandle</c> (freed exactly once, whichever of the end, a failure, Dispose and the finalizer
    /// comes first).
    /// </summary>
    private static void AppendSequenceClass(StringBuilder cs, AbiLibrary library)
    {
        string type = BindingShapes.CSharpName(library);
        string name = SequenceClass(library);
        BindingHelpers helpers = BindingHelpers.Of(library);
        string clear = Identifier(helpers.ClearLastError.Name);
        cs.Append($$"""

            /// <summary>
            /// One sequence an iterator export of {{library.Name}} returned, read once: each MoveNext takes the next item
            /// from the library, and a failure of the sequence is thrown by the MoveNext that met it as {{type}}Exception
            /// (its code and message). The iterator handle is freed exactly once: at the end, at a failure, by Dispose
            /// (foreach calls it, also when left early, so the library's finally blocks run then) or, for a sequence
            /// nobody read to its end nor disposed, by the finalizer.
            /// </summary>
            internal sealed unsafe class {{name}}<T> : IEnumerable<T>, IEnumerator<T>
            {
                private readonly Iterator _iterator;
                private readonly delegate*<void*, out T, bool> _next;
                private readonly string _function;
                private int _enumerated;
                private T _current = default!;

                public {{name}}(void* iterator, delegate*<void*, out T, bool> next, delegate*<void*, void> free, string function)
                {
                    if (iterator == null)
                    {
                        {{type}}Library.Check();
                        throw new {{type}}Exception({{ErrorCode(library, "EXCEPTION", 1)}}, $"{function} returned no sequence and recorded no error");
                    }
                    _iterator = new Iterator(iterator, free);
                    _next = next;
                    _function = function;
                }

                public T Current => _current;

                object? IEnumerator.Current => _current;

                /// <summary>The sequence itself, once: the library's iterator cannot start again (call the function again for another).</summary>
                public IEnumerator<T> GetEnumerator() =>
                    Interlocked.Exchange(ref _enumerated, 1) == 0
                        ? this
                        : throw new InvalidOperationException($"The sequence {_function} returned is read once; call {_function} again to read it again.");

                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

                public bool MoveNext()
                {
                    if (_iterator.IsClosed)
                    {
                        return false;
                    }
                    bool added = false;
                    try
                    {
                        _iterator.DangerousAddRef(ref added);
                        {{type}}Library.Raw.{{clear}}();
                        if (_next((void*)_iterator.DangerousGetHandle(), out T item))
                        {
                            _current = item;
                            return true;
                        }
                    }
                    finally
                    {
                        if (added)
                        {
                            _iterator.DangerousRelease();
                        }
                    }
                    // The end, or a failure recorded for this thread: read it before the free, which may record its own.
                    _current = default!;
                    Exception? failure = null;
                    try
                    {
                        {{type}}Library.Check();
                    }
                    catch ({{type}}Exception error)
                    {
                        failure = error;
                    }
                    Dispose();
                    return failure is null ? false : throw failure;
                }

                public void Reset() => throw new NotSupportedException("The library's iterators cannot start again.");

                /// <summary>Frees the iterator handle (once; later calls do nothing). A failure of the sequence's own clean-up is thrown.</summary>
                public void Dispose()
                {
                    if (_iterator.IsClosed)
                    {
                        return;
                    }
                    {{type}}Library.Raw.{{clear}}();
                    _iterator.Dispose();
                    {{type}}Library.Check();
                }

                /// <summary>The iterator handle: its free function runs once, from Dispose or the finalizer.</summary>
                private sealed class Iterator : SafeHandle
                {
                    private readonly delegate*<void*, void> _free;

                    public Iterator(void* handle, delegate*<void*, void> free)
                        : base(IntPtr.Zero, ownsHandle: true)
                    {
                        _free = free;
                        SetHandle((IntPtr)handle);
                    }

                    public override bool IsInvalid => handle == IntPtr.Zero;

                    protected override bool ReleaseHandle()
                    {
                        _free((void*)handle);
                        return true;
                    }
                }
            }

            """);
    }
}
