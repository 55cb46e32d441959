using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The Python module's iterator exports (docs/abi.md, "Iterator exports"). The function returns an object of
/// the export's sequence class (<c>seq_range</c> → <c>RangeSequence</c>), a Python iterator over the items
/// converted as results are (a string decoded and freed once, a handle wrapped as its class, a struct as the
/// module's struct class). An exception the sequence raised is raised as <c>Error</c> by the <c>next()</c>
/// that hit it. The iterator's handle is freed exactly once: when the items ran out or the sequence failed,
/// on <c>close()</c> (or leaving a <c>with</c> block), or when the object is collected (a <c>break</c> out of
/// a <c>for</c> loop) — each of which ends the C# enumerator, so its <c>finally</c> blocks run.
/// </summary>
public static partial class PythonModule
{
    /// <summary>The base class of every sequence class: iteration, close() and the last-resort free.</summary>
    private static void AppendSequenceRuntime(StringBuilder py, AbiLibrary library)
    {
        py.Append($$""""


            class _Sequence:
                """The items of a sequence the library makes one at a time (its C# IEnumerable), as a Python
                iterator: `for item in seq`, next(seq). An exception the sequence raises is raised as Error by the
                next() that hit it, and ends it. close() (or leaving a `with` block) ends it early; so does
                collecting an object dropped before its end. Any thread may take items; they take turns."""

                __slots__ = ("_handle", "_turn")

                def __init__(self, handle):
                    self._handle = handle
                    self._turn = _threading.Lock()

                def __iter__(self):
                    return self

                def __next__(self):
                    take_next, free, holder, take = self._functions
                    with self._turn:
                        handle = self._handle
                        if handle is None:
                            raise StopIteration
                        item = holder()
                        if take_next(handle, ctypes.byref(item)):
                            return take(item)
                        # The end, or the exception the sequence raised (the thread's last error): over either
                        # way, so the handle is freed now, once, after the error was read.
                        self._handle = None
                        try:
                            _check()
                        finally:
                            free(handle)
                    raise StopIteration

                def close(self):
                    """Ends the sequence now if it has not ended: the library disposes it (its finally blocks run),
                    once. Closing again does nothing; next() then raises StopIteration."""
                    with self._turn:
                        handle, self._handle = self._handle, None
                        if handle:
                            self._functions[1](handle)

                def __enter__(self):
                    return self

                def __exit__(self, *exc):
                    self.close()

                def __del__(self):
                    # The last resort for an object dropped before its end (a `break` out of a for loop): nothing
                    # else can use it any more. At interpreter exit the module may be half gone: then it stays.
                    handle = getattr(self, "_handle", None)
                    if handle:
                        self._handle = None
                        try:
                            self._functions[1](handle)
                        except Exception:
                            pass

            """");
    }

    /// <summary>
    /// The sequence class of one iterator export: what its next function is declared as, what holds an item
    /// and how an item becomes its Python value.
    /// </summary>
    private static void AppendSequence(StringBuilder py, AbiFunction function, AbiHandle handle, BindingNames names, PythonTypes types)
    {
        AbiIterator iterator = function.Iterator!;
        string name = names.Of(handle);
        string holder = types.Holder(iterator.Item);
        py.Append($"\n\nclass {name}(_Sequence):\n");
        py.Append($"    \"\"\"The items {Identifier(function.Name)}() gives, one at a time: iterate it; close() (or `with`) ends it early.\"\"\"\n\n");
        py.Append("    __slots__ = ()\n\n\n");
        py.Append($"_lib.{iterator.Next}.argtypes = [ctypes.c_void_p, ctypes.POINTER({holder})]\n");
        py.Append($"_lib.{iterator.Next}.restype = ctypes.c_bool\n");
        // The free function is declared with the module-level NAME_iter_free (AppendFree), before any object exists.
        py.Append($"{name}._functions = (_lib.{iterator.Next}, _lib.{iterator.Free}, {holder}, lambda _item: {types.FromHolder("_item", iterator.Item)})\n");
    }
}
