namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>The fixed JavaScript of a module with async exports (docs/abi.md, "Async exports"): how an operation becomes a Promise.</summary>
internal static partial class NodeRuntime
{
    /// <summary>
    /// The registry of running operations, the completion callback every async export shares, and the
    /// Promise's settlement; <c>new ERROR(</c> is replaced. koffi runs a registered callback that the library
    /// calls from one of its threads on the main thread, from the event loop, while that thread waits: the
    /// callback only records the end, and what needs the library (the failure's message, the free) is done
    /// in a later turn of the loop, after that thread went on.
    /// </summary>
    public const string Async = """
        // The operations whose callback has not come yet, by the number passed as the callback's user_data. An
        // entry keeps what the callback needs until it came, which may be long after its Promise was settled
        // by an abort; the entry is let go then.
        const _operations = new Map();
        let _operationKey = 0;
        // koffi's queue of callbacks from other threads does not keep the process alive: while a Promise is not
        // settled, a timer does (an operation whose Promise was settled by an abort does not).
        let _unsettled = 0;
        let _keepAlive = null;

        function _holdLoop(delta) {
            _unsettled += delta;
            if (_unsettled > 0 && _keepAlive === null) {
                _keepAlive = setInterval(() => {}, 0x7fffffff);
            } else if (_unsettled === 0 && _keepAlive !== null) {
                clearInterval(_keepAlive);
                _keepAlive = null;
            }
        }

        function _operationKind(proto, convert, drop, wait, cancel, free) {
            // One registered callback per async export for the life of the module (koffi has 8192 slots): the
            // user_data tells the calls apart. drop lets go of a result nobody takes (a handle is closed).
            const kind = { convert, drop, wait, cancel, free, done: null };
            kind.done = koffi.register((key, status, result) => _operationEnded(kind, key, status, result), koffi.pointer(proto));
            return kind;
        }

        function _signalOf(options) {
            if (options === undefined || options === null) {
                return null;
            }
            if (typeof options !== 'object') {
                throw new TypeError(`options must be an object ({ signal }), not ${_describe(options)}`);
            }
            const signal = options.signal;
            if (signal === undefined || signal === null) {
                return null;
            }
            if (!(signal instanceof AbortSignal)) {
                throw new TypeError(`options.signal must be an AbortSignal, not ${_describe(signal)}`);
            }
            return signal;
        }

        function _operation(kind, signal, start) {
            // Starts an operation, start(done, key) calling the C start function, and gives the Promise of its
            // result. An aborted signal rejects the Promise with its reason at once and cancels the operation;
            // what the operation brings later is dropped. The operation's handle is freed once, after its callback.
            if (signal !== null && signal.aborted) {
                throw signal.reason;  // nothing starts
            }
            const key = ++_operationKey;
            const entry = { kind, key, op: null, ended: false, status: 0, value: undefined, error: undefined, settled: false, resolve: null, reject: null, signal, onAbort: null };
            const promise = new Promise((resolve, reject) => {
                entry.resolve = resolve;
                entry.reject = reject;
            });
            _operations.set(key, entry);
            let op;
            try {
                _clearLastError();
                op = start(kind.done, key);
            } catch (error) {
                _operations.delete(key);
                throw error;
            }
            if (op === null || op === 0n) {
                // Refused before it started (an argument the library refused): no callback comes.
                _operations.delete(key);
                _check();
                throw new ERROR(-1, 'the operation did not start and the library recorded no error');
            }
            entry.op = op;
            _holdLoop(1);
            if (signal !== null) {
                entry.onAbort = () => _operationAborted(entry);
                signal.addEventListener('abort', entry.onAbort, { once: true });
            }
            if (entry.ended) {
                _operationSettle(entry);  // it ended inside the start call
            }
            return promise;
        }

        function _operationEnded(kind, key, status, result) {
            // The completion callback, on the main thread: inside the start call or a cancel when the operation
            // ended on this thread, else from the event loop (koffi queues the library's call and its thread
            // waits until this returns). A string is copied and freed here, once; a handle is wrapped.
            const entry = _operations.get(Number(key));
            if (entry === undefined || entry.kind !== kind) {
                return;
            }
            _operations.delete(entry.key);
            entry.ended = true;
            entry.status = status;
            try {
                if (status === 0) {
                    entry.value = kind.convert(result);
                } else if (entry.op === null) {
                    // Inside the start call, on this thread: its last error is the failure.
                    entry.error = new ERROR(status, _lastErrorMessage() ?? '');
                    _clearLastError();
                }
            } catch (error) {
                entry.error = error;
            }
            if (entry.op !== null) {
                // The thread the operation ended on is still inside this callback: its wait would not return.
                setImmediate(_operationSettle, entry);
            }
        }

        function _operationSettle(entry) {
            const kind = entry.kind;
            if (entry.error === undefined && entry.status !== 0) {
                // The failure's message was the last error of the thread the operation ended on: the wait function
                // records it on this one (at once: the operation ended).
                _clearLastError();
                const status = kind.wait(entry.op);
                entry.error = new ERROR(entry.status, status !== 0 ? _lastErrorMessage() ?? '' : '');
                _clearLastError();
            }
            kind.free(entry.op);
            entry.op = null;
            if (entry.onAbort !== null) {
                entry.signal.removeEventListener('abort', entry.onAbort);
            }
            if (entry.settled) {
                // Aborted before it ended: nobody takes the result.
                if (entry.error === undefined && kind.drop !== null && entry.value !== null && entry.value !== undefined) {
                    kind.drop(entry.value);
                }
                return;
            }
            entry.settled = true;
            _holdLoop(-1);
            if (entry.error !== undefined) {
                entry.reject(entry.error);
            } else {
                entry.resolve(entry.value);
            }
        }

        function _operationAborted(entry) {
            if (entry.settled) {
                return;
            }
            entry.settled = true;
            _holdLoop(-1);
            entry.reject(entry.signal.reason);
            if (!entry.ended) {
                entry.kind.cancel(entry.op);  // the operation may end inside: its callback then settles nothing
            }
        }

        function _close(value) {
            value.close();
        }


        """;
}
