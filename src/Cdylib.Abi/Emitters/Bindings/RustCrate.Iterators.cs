using System.Linq;
using System.Text;
using Cdylib.Abi.Lowering;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The crate's iterator exports: each becomes a function returning a <c>Sequence&lt;T&gt;</c>, a
/// <c>std::iter::Iterator</c> of <c>Result&lt;T, Error&gt;</c> that owns the iterator's handle. It frees
/// the handle once: at the end, at the item that failed, or when dropped before either (which disposes
/// the C# enumerator, so its <c>finally</c> blocks run); after that it is fused.
/// </summary>
public static partial class RustCrate
{
    /// <summary>The names an iterator wrapper uses itself: a parameter with one of them is renamed.</summary>
    private static readonly string[] SequenceLocals = ["sequence", "sequence_next", "sequence_free", "out_item"];

    /// <summary>The function (or, through <see cref="AppendMethod"/>, the method) that starts an iterator export's sequence.</summary>
    private static RustWrapper AppendIteratorWrapper(StringBuilder rs, CallPlan plan, RustTypes types)
    {
        AbiFunction function = plan.Function;
        AbiIterator iterator = function.Iterator!;
        LoweredParameters lowered = Lower(plan.Parameters, Identifiers(function.Parameters.Select(parameter => parameter.Name), SequenceLocals), types);
        if (lowered.Outs.Count > 0)
        {
            throw new BindingRefusedException(
                $"the rust binding cannot call {function.Name}: an iterator export's out parameters would be written before its sequence runs; yield them as items");
        }
        (string type, string item) = SequenceItem(iterator.Item, types);
        string name = Identifier(function.Name);
        string unsafeKeyword = lowered.IsUnsafe ? "unsafe " : "";
        string safety = lowered.IsUnsafe ? "///\n/// # Safety\n/// The raw pointers must be valid as the C declaration requires.\n" : "";
        string parameters = string.Join(", ", lowered.Signature.Select(parameter => $"{parameter.Name}: {parameter.Type}"));
        rs.Append($$"""

            /// {{Line(function.Doc.Summary ?? function.ManagedName)}}
            ///
            /// The sequence, read one item at a time as the iterator is advanced: an item the C# code failed
            /// to make is an `Err` (after which the sequence is over). Dropping it before the end ends the C#
            /// sequence (its `finally` blocks run).
            {{safety}}pub {{unsafeKeyword}}fn {{name}}({{parameters}}) -> Result<Sequence<{{type}}>, Error> {
                unsafe fn sequence_next(sequence: *mut c_void) -> Option<Result<{{type}}, Error>> {
                    let mut out_item: {{types.Type(iterator.Item, "ffi::")}} = unsafe { std::mem::zeroed() };
                    if !unsafe { ffi::{{iterator.Next}}(sequence.cast(), &mut out_item) } {
                        return None;
                    }
                    Some({{item}})
                }
                unsafe fn sequence_free(sequence: *mut c_void) {
                    unsafe { ffi::{{iterator.Free}}(sequence.cast()) };
                }
            {{string.Concat(lowered.Before.Select(line => "    " + line + "\n"))}}    unsafe {
                    ffi::{{plan.Helpers.ClearLastError.Name}}();
                    let sequence = ffi::{{function.Name}}({{string.Join(", ", lowered.Arguments)}});
                    if sequence.is_null() {
                        check()?;
                        return Err(sequences::not_started());
                    }
                    Ok(Sequence::new(sequence.cast(), sequence_next, sequence_free))
                }
            }

            """);
        return new RustWrapper(name, "", lowered.Signature, $"Result<Sequence<{type}>, Error>", lowered.IsUnsafe);
    }

    /// <summary>
    /// An item's Rust type and the conversion of <c>out_item</c> to it, as a <c>Result</c>: a string is
    /// copied and freed, a handle owned. A null where C# promised a value (a non-nullable string or
    /// object) is an error item rather than a panic.
    /// </summary>
    private static (string Type, string Value) SequenceItem(AbiType item, RustTypes types) => item switch
    {
        StringType { Nullable: true } => ("Option<String>", "Ok(unsafe { take_string(out_item) })"),
        StringType => ("String", "unsafe { take_string(out_item) }.ok_or_else(sequences::null_item)"),
        HandleRef { Nullable: true } => ($"Option<{types.Names.Of(item)}>", $"Ok(if out_item.is_null() {{ None }} else {{ Some({types.Names.Of(item)}(out_item)) }})"),
        HandleRef => (types.Names.Of(item), $"if out_item.is_null() {{ Err(sequences::null_item()) }} else {{ Ok({types.Names.Of(item)}(out_item)) }}"),
        _ => (types.Type(item), "Ok(out_item)"),
    };

    /// <summary><c>Sequence&lt;T&gt;</c>: the iterator every iterator export returns.</summary>
    private static string SequencesModule(AbiLibrary library)
    {
        string invalidOperation = CodeName(library, "INVALID_OPERATION");
        if (invalidOperation.StartsWith("error_codes::", System.StringComparison.Ordinal))
        {
            invalidOperation = "super::" + invalidOperation;
        }
        return $$"""

            /// The iterator of the iterator exports: `Sequence`.
            mod sequences {
                use super::{ffi, Error};
                use std::ffi::c_void;

                /// One call of an iterator export: its sequence, an `Iterator` of `Result<T, Error>`. Each `next`
                /// runs the C# sequence up to its next item (`NAME_iter_next`): `Some(Ok(item))`, then `None` at
                /// the end, or `Some(Err(error))` where the C# code threw (its code and message), and `None`
                /// after that: the iterator is fused.
                ///
                /// Owns the iterator's handle and frees it exactly once (`NAME_iter_free`): as soon as the
                /// sequence ended or failed, or when dropped (or `close`d) before; freeing it early disposes the
                /// C# enumerator, so its `finally` blocks run then, on that thread.
                ///
                /// `Send` and `Sync` when `T` is `Send`: the handle is an index in the library's thread-safe
                /// handle table, and the library lets calls on one iterator from several threads take turns.
                pub struct Sequence<T> {
                    /// The iterator's handle; null once freed.
                    handle: *mut c_void,
                    next: unsafe fn(*mut c_void) -> Option<Result<T, Error>>,
                    free: unsafe fn(*mut c_void),
                }

                // SAFETY: see the type's documentation.
                unsafe impl<T: Send> Send for Sequence<T> {}
                unsafe impl<T: Send> Sync for Sequence<T> {}

                impl<T> Sequence<T> {
                    /// A sequence owning `handle`, which `next` reads (None when `NAME_iter_next` returned false) and `free` frees.
                    pub(crate) fn new(handle: *mut c_void, next: unsafe fn(*mut c_void) -> Option<Result<T, Error>>, free: unsafe fn(*mut c_void)) -> Self {
                        Sequence { handle, next, free }
                    }

                    /// Ends the sequence now, as dropping it does: the C# enumerator is disposed (its `finally`
                    /// blocks run before this returns).
                    pub fn close(mut self) {
                        self.end();
                    }

                    /// Whether the sequence is over (ended, failed or closed): `next` gives `None`.
                    pub fn is_ended(&self) -> bool {
                        self.handle.is_null()
                    }

                    fn end(&mut self) {
                        if !self.handle.is_null() {
                            unsafe { (self.free)(self.handle) };
                            self.handle = std::ptr::null_mut();
                        }
                    }
                }

                impl<T> Iterator for Sequence<T> {
                    type Item = Result<T, Error>;

                    fn next(&mut self) -> Option<Self::Item> {
                        if self.handle.is_null() {
                            return None;
                        }
                        unsafe { ffi::{{BindingHelpers.Of(library).ClearLastError.Name}}() };
                        match unsafe { (self.next)(self.handle) } {
                            Some(Ok(item)) => Some(Ok(item)),
                            Some(Err(error)) => {
                                self.end();
                                Some(Err(error))
                            }
                            None => {
                                // The end (no error recorded) or the exception the sequence threw: read before
                                // the free, on this thread.
                                let failure = super::check().err();
                                self.end();
                                failure.map(Err)
                            }
                        }
                    }
                }

                impl<T> std::iter::FusedIterator for Sequence<T> {}

                impl<T> Drop for Sequence<T> {
                    fn drop(&mut self) {
                        self.end();
                    }
                }

                /// An iterator export returned NULL without recording why.
                pub(crate) fn not_started() -> Error {
                    Error { code: {{invalidOperation}}, message: "the library started no sequence and recorded no error".into() }
                }

                /// The sequence gave null where its C# type promised a value.
                pub(crate) fn null_item() -> Error {
                    Error { code: {{invalidOperation}}, message: "the sequence gave null where its C# type promises a value".into() }
                }
            }

            pub use sequences::Sequence;

            """;
    }
}
