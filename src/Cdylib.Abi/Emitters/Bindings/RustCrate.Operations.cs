using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Lowering;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The crate's async exports: each becomes a function that starts the operation and returns an
/// <c>Operation&lt;T&gt;</c>, a <c>std::future::Future</c> needing no executor (the completion callback
/// wakes the last poll's waker), and <c>NAME_blocking</c>, which waits with <c>NAME_op_wait</c>. The
/// future owns the operation's handle; the state the callback writes to is an <c>Arc</c> whose one
/// reference travels as <c>user_data</c>, so it outlives a future dropped before the callback came.
/// </summary>
public static partial class RustCrate
{
    /// <summary>The names an async wrapper uses itself: a parameter with one of them is renamed.</summary>
    private static readonly string[] OperationLocals =
    [
        "operation", "operation_done", "operation_cancel", "operation_free", "operation_start", "operation_user_data",
        "operation_status", "operation_result", "operation_failure", "operation_value",
    ];

    /// <summary>The future and the blocking form of an async export.</summary>
    private static IReadOnlyList<RustWrapper> AppendAsyncWrappers(StringBuilder rs, CallPlan plan, RustTypes types)
    {
        AbiFunction function = plan.Function;
        AbiOperation operation = function.Operation!;
        // The last two parameters are the completion callback and its user data: the crate passes its own.
        LoweredParameters lowered = Lower(plan.Parameters.Take(plan.Parameters.Count - 2),
            Identifiers(function.Parameters.Select(parameter => parameter.Name), OperationLocals), types);
        if (lowered.Outs.Count > 0)
        {
            throw new BindingRefusedException(
                $"the rust binding cannot call {function.Name}: an async export's out parameters would be written before its operation ends; return them in its result");
        }
        bool hasResult = !operation.Result.IsVoid;
        (string type, string value) = hasResult ? FromC("operation_result", operation.Result, types) : ("()", "()");
        string cResult = hasResult ? types.Type(operation.Result, "ffi::") : "";
        string name = Identifier(function.Name);
        string summary = Line(function.Doc.Summary ?? function.ManagedName);
        string unsafeKeyword = lowered.IsUnsafe ? "unsafe " : "";
        string safety = lowered.IsUnsafe ? "///\n/// # Safety\n/// The raw pointers must be valid as the C declaration requires.\n" : "";
        string parameters = string.Join(", ", lowered.Signature.Select(parameter => $"{parameter.Name}: {parameter.Type}"));
        string Call(string done, string userData) => $"ffi::{function.Name}({string.Join(", ", lowered.Arguments.Append(done).Append(userData))})";
        string Before(string indent) => string.Concat(lowered.Before.Select(line => indent + line + "\n"));

        rs.Append($$"""

            /// {{summary}}
            ///
            /// Starts the operation now and returns its future, which gives the result as `{{function.Name}}_blocking`
            /// does; dropping the future before the operation ended cancels it.
            {{safety}}pub {{unsafeKeyword}}fn {{name}}({{parameters}}) -> Operation<{{type}}> {
                unsafe extern "C" fn operation_done(user_data: *mut c_void, status: i32{{(hasResult ? $", operation_result: {cResult}" : "")}}) {
                    unsafe { Operation::<{{type}}>::complete(user_data, status, || {{value}}) };
                }
                unsafe fn operation_cancel(op: *mut c_void) {
                    unsafe { ffi::{{operation.Cancel}}(op.cast()) };
                }
                unsafe fn operation_free(op: *mut c_void) {
                    unsafe { ffi::{{operation.Free}}(op.cast()) };
                }
                let operation_start = || -> Result<Operation<{{type}}>, Error> {
            {{Before("        ")}}        Ok(unsafe { Operation::start(|operation_user_data| {{Call("Some(operation_done)", "operation_user_data")}}.cast(), operation_cancel, operation_free) })
                };
                operation_start().unwrap_or_else(Operation::failed)
            }

            /// {{summary}}
            ///
            /// Waits on this thread until the operation ended (`{{operation.Wait}}`) and gives its result;
            /// `{{function.Name}}` returns a future instead.
            {{safety}}pub {{unsafeKeyword}}fn {{function.Name}}_blocking({{parameters}}) -> Result<{{type}}, Error> {
            {{Before("    ")}}    unsafe {
                    ffi::{{plan.Helpers.ClearLastError.Name}}();
                    let operation = {{Call("None", "std::ptr::null_mut()")}};
                    if operation.is_null() {
                        check()?;
                        return Err(operations::not_started());
                    }

            """);
        if (hasResult)
        {
            rs.Append($"        let mut operation_result: {cResult} = std::mem::zeroed();\n");
        }
        rs.Append($$"""
                    let operation_status = ffi::{{operation.Wait}}(operation, -1{{(hasResult ? ", &mut operation_result" : "")}});
                    let operation_failure = if operation_status != 0 { Some(operations::failure(operation_status)) } else { None };
                    ffi::{{operation.Free}}(operation);
                    // Converted (a string copied and freed, a handle owned) even when the operation failed.
                    let operation_value = {{value}};
                    match operation_failure {
                        Some(error) => Err(error),
                        None => Ok(operation_value),
                    }
                }
            }

            """);
        return
        [
            new RustWrapper(name, "", lowered.Signature, $"Operation<{type}>", lowered.IsUnsafe),
            new RustWrapper(function.Name + "_blocking", "", lowered.Signature, $"Result<{type}, Error>", lowered.IsUnsafe, "_blocking"),
        ];
    }

    /// <summary>
    /// <c>Operation&lt;T&gt;</c>: the future every async export returns, and the state it shares with the
    /// completion callback (an <c>Arc&lt;Mutex&lt;…&gt;&gt;</c> holding the outcome and the last poll's waker).
    /// </summary>
    private static string OperationsModule(AbiLibrary library)
    {
        string p = library.Prefix;
        string invalidOperation = CodeName(library, "INVALID_OPERATION");
        if (invalidOperation.StartsWith("error_codes::", System.StringComparison.Ordinal))
        {
            invalidOperation = "super::" + invalidOperation;
        }
        return $$"""

            /// The future of the async exports: `Operation`.
            mod operations {
                use super::{ffi, Error};
                use std::ffi::{c_void, CStr};
                use std::future::Future;
                use std::pin::Pin;
                use std::sync::{Arc, Mutex, MutexGuard};
                use std::task::{Context, Poll};

                /// Where an operation stands, shared by its future and its completion callback.
                enum Slot<T> {
                    /// Not ended: the waker of the last poll, if any.
                    Running(Option<std::task::Waker>),
                    /// Ended: its result or failure, until the future gives it.
                    Ended(Result<T, Error>),
                    /// The future gave the result.
                    Taken,
                }

                type Shared<T> = Mutex<Slot<T>>;

                // Nothing panics while the lock is held; a poisoned lock would still hold a whole slot.
                fn lock<T>(shared: &Shared<T>) -> MutexGuard<'_, Slot<T>> {
                    shared.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
                }

                /// One call of an async export: a future of its result. The operation starts when the function
                /// returns this, and runs on the library's threads whether or not the future is polled.
                ///
                /// Any executor polls it, or none: the completion callback wakes the last poll's waker, on the
                /// thread the operation ended on (a thread of the library's, or this one when the result was
                /// ready at once). Dropping the future before the operation ended cancels it (`NAME_op_cancel`:
                /// a C# method taking a `CancellationToken` sees it set; one without ends at once as
                /// `CANCELLED`); `cancel` asks the same and keeps the future, to learn how it ended. Either way
                /// the handle is freed once, and the state the callback writes to lives until the callback came,
                /// even after the future is gone: a result that arrives then (a string, an object) is freed.
                ///
                /// `Send` and `Sync` when `T` is `Send`: the handle is an index in the library's thread-safe
                /// handle table, its functions may be called from any thread, and the result crosses threads
                /// behind a mutex.
                #[must_use = "an operation is cancelled when dropped: await it"]
                pub struct Operation<T> {
                    /// The operation's handle; null once freed, or when it never started.
                    op: *mut c_void,
                    cancel: unsafe fn(*mut c_void),
                    free: unsafe fn(*mut c_void),
                    shared: Arc<Shared<T>>,
                }

                // SAFETY: see the type's documentation.
                unsafe impl<T: Send> Send for Operation<T> {}
                unsafe impl<T: Send> Sync for Operation<T> {}

                impl<T> Operation<T> {
                    /// Starts an operation: `start` calls the C start function with the callback's `user_data`,
                    /// one reference to the shared state, which the callback takes back (`complete`). A start
                    /// function that returns NULL never calls the callback: the reference is taken back here.
                    pub(crate) unsafe fn start(start: impl FnOnce(*mut c_void) -> *mut c_void, cancel: unsafe fn(*mut c_void), free: unsafe fn(*mut c_void)) -> Self {
                        let shared: Arc<Shared<T>> = Arc::new(Mutex::new(Slot::Running(None)));
                        let user_data = Arc::into_raw(shared.clone()) as *mut c_void;
                        let op = unsafe {
                            ffi::{{p}}_clear_last_error();
                            start(user_data)
                        };
                        if op.is_null() {
                            drop(unsafe { Arc::from_raw(user_data as *const Shared<T>) });
                            return Operation::failed(super::check().err().unwrap_or_else(not_started));
                        }
                        Operation { op, cancel, free, shared }
                    }

                    /// An operation that did not start (an argument C cannot take): it ends with `error`.
                    pub(crate) fn failed(error: Error) -> Self {
                        fn nothing(_: *mut c_void) {}
                        Operation { op: std::ptr::null_mut(), cancel: nothing, free: nothing, shared: Arc::new(Mutex::new(Slot::Ended(Err(error)))) }
                    }

                    /// The completion callback's work, once per operation, on the thread it ended on (maybe inside
                    /// the start function or `cancel`): takes back the callback's reference, records the outcome
                    /// and wakes the last poll. `result` converts what C passed (and so frees a string).
                    pub(crate) unsafe fn complete(user_data: *mut c_void, status: i32, result: impl FnOnce() -> T) {
                        let shared = unsafe { Arc::from_raw(user_data as *const Shared<T>) };
                        // A failure is this thread's last error now: read before anything else calls in.
                        let failure = if status != 0 { Some(unsafe { failure(status) }) } else { None };
                        let value = result();
                        let outcome = match failure {
                            Some(error) => Err(error),
                            None => Ok(value),
                        };
                        let previous = std::mem::replace(&mut *lock(&shared), Slot::Ended(outcome));
                        // Woken outside the lock (the waker may poll at once, on this thread); a panic must not
                        // unwind into the library.
                        if let Slot::Running(Some(waker)) = previous {
                            if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| waker.wake())).is_err() {
                                std::process::abort();
                            }
                        }
                        // The last reference when the future is gone: the outcome is dropped here.
                    }

                    /// Asks the operation to stop (`NAME_op_cancel`) and keeps the future, which then gives how it
                    /// ended: a `CANCELLED` error, or the result when the operation ended first or finished anyway.
                    pub fn cancel(&self) {
                        if !self.op.is_null() {
                            unsafe { (self.cancel)(self.op) };
                        }
                    }

                    /// Whether the operation ended: a poll gives its outcome at once.
                    pub fn is_ended(&self) -> bool {
                        !matches!(*lock(&self.shared), Slot::Running(_))
                    }

                    fn free_handle(&mut self) {
                        if !self.op.is_null() {
                            unsafe { (self.free)(self.op) };
                            self.op = std::ptr::null_mut();
                        }
                    }
                }

                impl<T> Future for Operation<T> {
                    type Output = Result<T, Error>;

                    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
                        let this = self.get_mut();
                        let mut slot = lock(&this.shared);
                        match std::mem::replace(&mut *slot, Slot::Taken) {
                            Slot::Running(waker) => {
                                *slot = Slot::Running(Some(match waker {
                                    Some(waker) if waker.will_wake(cx.waker()) => waker,
                                    _ => cx.waker().clone(),
                                }));
                                Poll::Pending
                            }
                            Slot::Ended(outcome) => {
                                drop(slot);
                                this.free_handle();
                                Poll::Ready(outcome)
                            }
                            Slot::Taken => panic!("an Operation was polled after it gave its result"),
                        }
                    }
                }

                impl<T> Drop for Operation<T> {
                    fn drop(&mut self) {
                        if !self.is_ended() {
                            self.cancel();
                        }
                        self.free_handle();
                    }
                }

                /// The failure an operation ended with, `status`: its message is the thread's last error.
                pub(crate) unsafe fn failure(status: i32) -> Error {
                    unsafe {
                        let message = ffi::{{p}}_last_error_message();
                        let message = if ffi::{{p}}_last_error_code() == status && !message.is_null() {
                            CStr::from_ptr(message).to_string_lossy().into_owned()
                        } else {
                            String::new()
                        };
                        ffi::{{p}}_clear_last_error();
                        Error { code: status, message }
                    }
                }

                /// A start function returned NULL without recording why.
                pub(crate) fn not_started() -> Error {
                    Error { code: {{invalidOperation}}, message: "the library started no operation and recorded no error".into() }
                }
            }

            pub use operations::Operation;

            """;
    }
}
