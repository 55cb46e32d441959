namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>The fixed JavaScript of a module with iterator exports (docs/abi.md, "Iterator exports"): how an iterator handle becomes a JavaScript iterator.</summary>
internal static partial class NodeRuntime
{
    /// <summary>
    /// <c>_Sequence</c>, the base class of every sequence class (a <c>_Handle</c>), and <c>_sequence</c>, which
    /// gives one its next function, the holder its item is written into and the item's conversion.
    /// </summary>
    public const string Iterators = """
        // The last resort for a sequence dropped before its end without close(), return() or using: when the
        // object is collected its handle is freed (the C# finally blocks run then). The held value is what the
        // free needs, never the object itself, which would then never be collected.
        const _dropped = new FinalizationRegistry(({ handle, free }) => {
            _clearLastError();
            free(handle);
            _clearLastError();
        });

        /**
         * The items of a sequence the library makes one at a time (its C# IEnumerable), as a JavaScript iterator:
         * `for (const item of seq)`, seq.next(), Array.from(seq). An exception the sequence throws is thrown as the
         * module's error by the next() that hit it, and ends it. A `break` out of a for…of loop (return()), close()
         * and `using` end it early, which runs its C# finally blocks; the handle is freed exactly once.
         */
        class _Sequence extends _Handle {
            constructor(handle) {
                super(handle);
                _dropped.register(this, { handle, free: this._free }, this);
            }

            [Symbol.iterator]() {
                return this;
            }

            next() {
                const handle = this._handle;
                if (handle === null) {
                    return { value: undefined, done: true };
                }
                const item = this._holder();
                _clearLastError();
                if (this._step(handle, item)) {
                    return { value: this._take(item), done: false };
                }
                // The end, or the exception the sequence threw (the last error): over either way, so the handle
                // is freed now, once, after the error was read.
                this._handle = null;
                _dropped.unregister(this);
                try {
                    _check();
                } finally {
                    this._free(handle);
                }
                return { value: undefined, done: true };
            }

            /** Ends the sequence early, as a `break` out of a for…of loop does: its C# finally blocks run. */
            return(value) {
                this.close();
                return { value, done: true };
            }

            /** Ends the sequence now if it has not ended (its C# finally blocks run), once; next() then gives done. */
            close() {
                if (this._handle !== null) {
                    _dropped.unregister(this);
                }
                super.close();
            }
        }

        if (typeof Symbol.dispose === 'symbol') {
            _Sequence.prototype[Symbol.dispose] = _Sequence.prototype.close;
        }

        function _sequence(type, step, holder, take) {
            // step: NAME_iter_next; holder: a new place for one item; take: the item as its JavaScript value.
            for (const [key, value] of Object.entries({ _step: step, _holder: holder, _take: take })) {
                Object.defineProperty(type.prototype, key, { value });
            }
        }


        """;
}
