namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>The fixed JavaScript of a module whose library takes interfaces the caller implements (docs/abi.md, "Interfaces implemented by the caller").</summary>
internal static partial class NodeRuntime
{
    /// <summary>
    /// The objects lent to the library, the members' failures, and the worker thread that makes a call
    /// while the main thread stays free to run the objects' methods; PREFIX_, ERROR and <c>new ERROR(</c> are replaced.
    /// </summary>
    public const string Interfaces = """
        // The objects lent to the library as tables, by the number passed as the table's user_data: each call
        // that passes one gives C# an object of its own, released once (release(user_data)), on the finalizer
        // thread, whenever the GC decides. The entry keeps the JavaScript object until then. The members' native
        // callbacks are registered once per interface for the life of the module (koffi has 8192 slots), so C#
        // can never call one that is gone.
        const _lent = new Map();
        let _lentKey = 0;
        const _setCallbackError = _func(null, 'PREFIX_set_callback_error', 'void', ['int32_t', 'const char *']);
        const _worker_threads = require('worker_threads');
        // This module loaded by the worker thread of _onWorker: tables, handles and results cross as numbers.
        const _CALL_WORKER = !_worker_threads.isMainThread && _worker_threads.workerData?.cdylibCallWorker === __filename;

        if (_CALL_WORKER) {
            // Handles cross as numbers: lent as they come, and given back unwrapped (the main thread wraps them).
            _lend = (type, value) => value;
            _wrap = (type, handle) => handle;
        }

        function _interfaceKind(name, members, table) {
            return { name, members, table };
        }

        function _interface(kind, value, name) {
            // An object with the interface's methods and properties, lent to the library as a table.
            if (value === null || value === undefined) {
                return null;
            }
            if (_CALL_WORKER) {
                return value;  // the table the main thread made
            }
            if (typeof value !== 'object' && typeof value !== 'function') {
                throw new TypeError(`${name} must be an object implementing ${kind.name}, not ${_describe(value)}`);
            }
            for (const [member, isMethod] of kind.members) {
                if (isMethod ? typeof value[member] !== 'function' : !(member in value)) {
                    throw new TypeError(`${name} does not implement ${kind.name}: it has no ${isMethod ? 'method' : 'property'} ${member}`);
                }
            }
            const key = ++_lentKey;
            _lent.set(key, value);
            return { user_data: key, ...kind.table };
        }

        function _member(call) {
            // A member's native callback: the object's method, on the main thread (koffi queues a call from
            // another thread to the event loop, and that thread waits). What it throws becomes the member's
            // error: PREFIX_set_callback_error(code, message), then the code.
            return (key, ...raw) => {
                const self = _lent.get(Number(key));
                try {
                    if (self === undefined) {
                        throw new Error('the library called an object it had released');
                    }
                    call(self, raw);
                    return 0;
                } catch (error) {
                    const code = error instanceof ERROR && Number.isInteger(error.code) && error.code !== 0 ? error.code : ErrorCode.EXCEPTION;
                    const message = String(error instanceof Error ? error.message : error).replace(/\0/g, ' ');
                    _setCallbackError(code, message);
                    return code;
                }
            };
        }

        function _released(key) {
            _lent.delete(Number(key));
        }

        /** How many objects the library holds: lent to it and not released yet (0 once it let go of all of them and collected). */
        function lentObjects() {
            return _lent.size;
        }

        // The worker thread that makes the calls of the NAME.async forms: it loads this module too and calls
        // its synchronous function, so the main thread's event loop stays free to run the methods of the
        // objects the library calls from other threads meanwhile. Referenced while a call is pending.
        let _callWorker = null;
        const _workerCalls = new Map();
        let _workerCallKey = 0;

        function _workerError(error) {
            if (error.name === 'ERROR') {
                return new ERROR(error.code, error.message);
            }
            const kind = { TypeError, RangeError }[error.name] ?? Error;
            return new kind(error.message);
        }

        function _onWorker(name, args, convert) {
            if (_callWorker === null) {
                _callWorker = new _worker_threads.Worker(`
                    const { parentPort, workerData } = require('worker_threads');
                    const bindings = require(workerData.cdylibCallWorker);
                    parentPort.on('message', ({ key, name, args }) => {
                        try {
                            parentPort.postMessage({ key, value: bindings[name](...args) });
                        } catch (error) {
                            parentPort.postMessage({ key, error: { name: error?.name, message: String(error?.message ?? error), code: error?.code } });
                        }
                    });`, { eval: true, workerData: { cdylibCallWorker: __filename } });
                _callWorker.on('message', ({ key, value, error }) => {
                    const call = _workerCalls.get(key);
                    _workerCalls.delete(key);
                    if (_workerCalls.size === 0) {
                        _callWorker.unref();
                    }
                    if (error !== undefined) {
                        call.reject(_workerError(error));
                    } else {
                        try {
                            call.resolve(call.convert(value));
                        } catch (failure) {
                            call.reject(failure);
                        }
                    }
                });
                _callWorker.on('error', (error) => {
                    for (const call of _workerCalls.values()) {
                        call.reject(error);
                    }
                    _workerCalls.clear();
                    _callWorker = null;
                });
            }
            const key = ++_workerCallKey;
            return new Promise((resolve, reject) => {
                _workerCalls.set(key, { resolve, reject, convert });
                _callWorker.ref();
                _callWorker.postMessage({ key, name, args });
            });
        }


        """;
}
