namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The fixed JavaScript every Node module starts with (after its constants): loading the library, the
/// error class, and the checks and conversions the generated functions call. Kept apart from the
/// writer (<see cref="NodeModule"/>) so the writer reads as the mapping and the plan.
/// </summary>
internal static partial class NodeRuntime
{
    /// <summary>Loading, errors, strings, integers, spans, arrays, handles and callbacks; PREFIX, NAME and MACRO are replaced.</summary>
    public const string Core = """
        const _SYSTEM = process.platform === 'win32' && process.arch === 'ia32' ? '__stdcall' : null;
        const _POINTER_SIZE = koffi.sizeof('void *');
        const _NFLOAT = _POINTER_SIZE === 8 ? 'double' : 'float';

        function _load() {
            const name = { win32: 'NAME.dll', darwin: 'libNAME.dylib' }[process.platform] || 'libNAME.so';
            const chosen = process.env.MACRO_LIBRARY;
            if (chosen) {
                return [koffi.load(chosen), chosen];
            }
            const tried = [];
            for (const folder of [__dirname, path.resolve(__dirname, LIBRARY_FOLDER)]) {
                const candidate = path.join(folder, name);
                if (!tried.includes(candidate)) {
                    if (fs.existsSync(candidate)) {
                        return [koffi.load(candidate), candidate];
                    }
                    tried.push(candidate);
                }
            }
            try {
                return [koffi.load(name), name];
            } catch (error) {
                throw new Error(`cannot load ${name}: not at ${tried.join(' or ')}, and the system loader says: ${error.message}.`
                    + ' Set MACRO_LIBRARY to the library\'s path.');
            }
        }

        const [_lib, LIBRARY_PATH] = _load();

        function _func(convention, name, result, parameters) {
            return convention ? _lib.func(convention, name, result, parameters) : _lib.func(name, result, parameters);
        }

        const _lastErrorCode = _func(null, 'PREFIX_last_error_code', 'int32_t', []);
        const _lastErrorMessage = _func(null, 'PREFIX_last_error_message', 'const char *', []);
        const _clearLastError = _func(null, 'PREFIX_clear_last_error', 'void', []);
        const _freeString = _func(null, 'PREFIX_free_string', 'void', ['void *']);
        const _freeBuffer = _func(null, 'PREFIX_free_buffer', 'void', ['void *']);

        function _check() {
            const code = _lastErrorCode();
            if (code !== 0) {
                _fail(code);
            }
        }

        function _fail(code) {
            const message = _lastErrorMessage() ?? '';
            _clearLastError();
            throw new ERROR(code, message);
        }

        function _describe(value) {
            return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? `a ${value.constructor?.name ?? 'object'}` : `a ${typeof value}`;
        }

        function _takeString(pointer) {
            if (pointer === null || pointer === 0n) {
                return null;
            }
            try {
                return koffi.decode.string(pointer);
            } finally {
                _freeString(pointer);
            }
        }

        function _takeArray(pointer, length, type, convert) {
            if (pointer === null || pointer === 0n) {
                return null;
            }
            try {
                const count = Number(length);
                return count === 0 ? [] : Array.from(koffi.decode(pointer, type, count), convert);
            } finally {
                _freeBuffer(pointer);
            }
        }

        function _str(value, name) {
            // C reads a NUL as the end of the text ("a\0b" would arrive as "a"), and a lone surrogate has
            // no UTF-8 form (koffi would send U+FFFD): both refused. null is passed on as NULL.
            if (value === null || value === undefined) {
                return null;
            }
            if (typeof value !== 'string') {
                throw new TypeError(`${name} must be a string, not ${_describe(value)}`);
            }
            if (value.includes('\0')) {
                throw new TypeError(`${name} contains a NUL character, which C would take for the end of the text`);
            }
            if (/[\ud800-\udfff]/u.test(value)) { // in a u pattern a surrogate pair is one code point: only a lone one matches
                throw new TypeError(`${name} contains a lone surrogate, which has no UTF-8 form`);
            }
            return value;
        }

        const _LIMITS = {
            int8_t: [-(2n ** 7n), 2n ** 7n - 1n], uint8_t: [0n, 2n ** 8n - 1n],
            int16_t: [-(2n ** 15n), 2n ** 15n - 1n], uint16_t: [0n, 2n ** 16n - 1n],
            int32_t: [-(2n ** 31n), 2n ** 31n - 1n], uint32_t: [0n, 2n ** 32n - 1n],
            int64_t: [-(2n ** 63n), 2n ** 63n - 1n], uint64_t: [0n, 2n ** 64n - 1n],
            int128: [-(2n ** 127n), 2n ** 127n - 1n], uint128: [0n, 2n ** 128n - 1n],
        };
        _LIMITS.intptr_t = _POINTER_SIZE === 8 ? _LIMITS.int64_t : _LIMITS.int32_t;
        _LIMITS.uintptr_t = _LIMITS.size_t = _POINTER_SIZE === 8 ? _LIMITS.uint64_t : _LIMITS.uint32_t;
        const _WIDE = new Set(['int64_t', 'uint64_t', 'intptr_t', 'uintptr_t', 'size_t', 'int128', 'uint128']);

        function _int(value, name, type) {
            // koffi would cut an integer to its C type's width without a word (2 ** 32 + 1 becomes 1): refused instead.
            let big;
            if (typeof value === 'bigint') {
                big = value;
            } else if (typeof value === 'number' && Number.isInteger(value)) {
                big = BigInt(value);
            } else {
                throw new TypeError(`${name} must be an integer (a number or a bigint), not ${_describe(value)}`);
            }
            const [low, high] = _LIMITS[type];
            if (big < low || big > high) {
                throw new RangeError(`${name} = ${value} does not fit in ${type} (${low} to ${high})`);
            }
            return _WIDE.has(type) ? big : Number(big);
        }

        function _big(value) {
            return typeof value === 'bigint' ? value : BigInt(value);
        }

        function _bool(value, name) {
            if (typeof value !== 'boolean') {
                throw new TypeError(`${name} must be a boolean, not ${_describe(value)}`);
            }
            return value;
        }

        function _float(value, name) {
            if (typeof value !== 'number') {
                throw new TypeError(`${name} must be a number, not ${_describe(value)}`);
            }
            return value;
        }

        function _pointer(value, name) {
            if (value === null || value === undefined) {
                return null;
            }
            if (typeof value !== 'bigint' && !ArrayBuffer.isView(value)) {
                throw new TypeError(`${name} must be an address (a bigint), a Buffer or a typed array, not ${_describe(value)}`);
            }
            return value;
        }

        function _object(value, name, type, fields) {
            if (value === null || typeof value !== 'object' || Array.isArray(value)) {
                throw new TypeError(`${name} must be a ${type} (an object with ${fields.join(', ')}), not ${_describe(value)}`);
            }
            for (const field of fields) {
                if (!(field in value)) {
                    throw new TypeError(`${name} has no field ${field}: it is not a ${type}`);
                }
            }
            for (const field of Object.keys(value)) {
                if (!fields.includes(field)) {
                    throw new TypeError(`${name}.${field} is not a field of ${type}`);
                }
            }
            return value;
        }

        function _span(values, name, kind, convert, direct) {
            // A typed array of the span's own kind is lent as it is; anything else iterable is checked and copied.
            if (values === null || values === undefined) {
                return [null, 0];
            }
            if (direct && values instanceof kind) {
                return [values, values.length];
            }
            if (typeof values !== 'object' || !(Symbol.iterator in values)) {
                throw new TypeError(`${name} must be an array or a typed array, not ${_describe(values)}`);
            }
            const items = Array.from(values, (value, i) => convert(value, `${name}[${i}]`));
            return [kind.from(items), items.length];
        }

        function _items(values, name, convert) {
            if (values === null || values === undefined) {
                return null;
            }
            if (typeof values !== 'object' || !(Symbol.iterator in values)) {
                throw new TypeError(`${name} must be an array, not ${_describe(values)}`);
            }
            return Array.from(values, (value, i) => convert(value, `${name}[${i}]`));
        }

        function _layout(type, name, fields, size64, offsets64, size32, offsets32) {
            // The struct as koffi lays it out must be the struct as the library does: else refuse to load.
            const [size, offsets] = _POINTER_SIZE === 8 ? [size64, offsets64] : [size32, offsets32];
            const actual = fields.map(field => koffi.offsetof(type, field));
            if (koffi.sizeof(type) !== size || actual.some((offset, i) => offset !== offsets[i])) {
                throw new Error(`koffi lays ${name} out as ${koffi.sizeof(type)} bytes with its fields at ${actual},`
                    + ` the library as ${size} bytes with its fields at ${offsets}`);
            }
            return type;
        }

        function _struct(fields, pack) {
            // StructLayout.Pack caps each field's alignment, as #pragma pack does.
            if (!pack) {
                return koffi.struct(fields);
            }
            const capped = {};
            for (const [field, type] of Object.entries(fields)) {
                capped[field] = [Math.min(koffi.alignof(type), pack), type];
            }
            return koffi.struct(capped);
        }

        class _Handle {
            constructor(handle) {
                this._handle = handle;
            }

            /** Frees this object's handle (one owner of it), once: closing again does nothing, and a closed object is refused as an argument. */
            close() {
                const handle = this._handle;
                if (handle !== null) {
                    this._handle = null;
                    _clearLastError();
                    this._free(handle);
                    _check();
                }
            }

            /** Whether close() was called. */
            get closed() {
                return this._handle === null;
            }
        }

        if (typeof Symbol.dispose === 'symbol') {
            _Handle.prototype[Symbol.dispose] = _Handle.prototype.close;
        }

        function _lend(type, value, name) {
            // The handle a wrapper object owns, lent for the call. A closed object is refused: its handle
            // may already belong to another object.
            if (value === null || value === undefined) {
                return null;
            }
            if (!(value instanceof type)) {
                throw new TypeError(`${name} must be a ${type.name}, not ${_describe(value)}`);
            }
            if (value._handle === null) {
                throw new TypeError(`${name} is a closed ${type.name}`);
            }
            return value._handle;
        }

        function _wrap(type, handle) {
            return handle === null || handle === 0n ? null : new type(handle);
        }

        function _callback(fn, name, drop, args, result, zero) {
            // A JS function as a C callback for the length of one call. An exception it throws cannot cross
            // the C frames: it is kept, the callback returns 0 from then on without calling again, and the
            // wrapper throws it once the call returns.
            if (fn === null || fn === undefined) {
                return [null, null];
            }
            if (typeof fn !== 'function') {
                throw new TypeError(`${name} must be a function, not ${_describe(fn)}`);
            }
            const state = { failed: false, error: undefined };
            const native = (...raw) => {
                if (!state.failed) {
                    try {
                        const value = fn(...args(raw.slice(0, raw.length - drop)));
                        return result === null ? undefined : result(value, `the result of ${name}`);
                    } catch (error) {
                        state.failed = true;
                        state.error = error;
                    }
                }
                return zero;
            };
            return [native, state];
        }

        function _finish(state) {
            if (state !== null && state.failed) {
                const error = state.error;
                state.failed = false;
                throw error;
            }
        }

        """;

    /// <summary>128-bit integers: a 16-byte struct of two 64-bit halves, the low one first (every target .NET runs on is little-endian).</summary>
    public const string Int128 = """
        const _Int128 = koffi.struct({ lo: 'uint64_t', hi: 'int64_t' });
        const _UInt128 = koffi.struct({ lo: 'uint64_t', hi: 'uint64_t' });

        function _int128(value, name, signed) {
            const big = _int(value, name, signed ? 'int128' : 'uint128');
            return { lo: BigInt.asUintN(64, big), hi: signed ? BigInt.asIntN(64, big >> 64n) : BigInt.asUintN(64, big >> 64n) };
        }

        function _fromInt128(raw) {
            return (_big(raw.hi) << 64n) | BigInt.asUintN(64, _big(raw.lo));
        }

        """;

    /// <summary>System.Half: a number over its IEEE 754 binary16 bits (C: uint16_t), rounded to nearest, ties to even.</summary>
    public const string Half = """
        function _evenRound(value) {
            const floor = Math.floor(value);
            const rest = value - floor;
            return rest > 0.5 || (rest === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
        }

        function _half(value, name) {
            // A number as the bits of the nearest System.Half; beyond ±65504 a RangeError.
            _float(value, name);
            if (Number.isNaN(value)) {
                return 0x7e00;
            }
            const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
            const magnitude = Math.abs(value);
            if (magnitude === Infinity) {
                return sign | 0x7c00;
            }
            if (magnitude >= 65520) {
                throw new RangeError(`${name} = ${value} is out of a Half's range (±65504)`);
            }
            if (magnitude < 2 ** -14) {
                return sign | _evenRound(magnitude / 2 ** -24);
            }
            let exponent = Math.floor(Math.log2(magnitude));
            if (2 ** exponent > magnitude) {
                exponent--;
            } else if (2 ** (exponent + 1) <= magnitude) {
                exponent++;
            }
            let mantissa = _evenRound((magnitude / 2 ** exponent - 1) * 1024);
            if (mantissa === 1024) {
                exponent++;
                mantissa = 0;
            }
            return sign | ((exponent + 15) << 10) | mantissa;
        }

        function _fromHalf(bits) {
            const sign = bits & 0x8000 ? -1 : 1;
            const exponent = (bits >> 10) & 31;
            const mantissa = bits & 1023;
            if (exponent === 0) {
                return sign * mantissa * 2 ** -24;
            }
            if (exponent === 31) {
                return mantissa ? NaN : sign * Infinity;
            }
            return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
        }

        """;

    /// <summary>System.Guid: its text form, a string, over the C struct's fields a, b, c, d … k.</summary>
    public const string Guid = """
        function _guid(value, name) {
            // A Guid's text form ("00112233-4455-6677-8899-aabbccddeeff"), or an object with its fields a … k.
            if (typeof value === 'string') {
                const hex = /^\{?([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{12})\}?$/.exec(value);
                if (hex === null) {
                    throw new TypeError(`${name} = ${JSON.stringify(value)} is not a Guid`);
                }
                const bytes = (hex[4] + hex[5]).match(/../g).map(byte => parseInt(byte, 16));
                const guid = { a: parseInt(hex[1], 16), b: parseInt(hex[2], 16), c: parseInt(hex[3], 16) };
                'defghijk'.split('').forEach((field, i) => { guid[field] = bytes[i]; });
                return guid;
            }
            _object(value, name, 'Guid', 'abcdefghijk'.split(''));
            return {
                a: _int(value.a, `${name}.a`, 'uint32_t'), b: _int(value.b, `${name}.b`, 'uint16_t'), c: _int(value.c, `${name}.c`, 'uint16_t'),
                ...Object.fromEntries('defghijk'.split('').map(field => [field, _int(value[field], `${name}.${field}`, 'uint8_t')])),
            };
        }

        function _fromGuid(raw) {
            const hex = (value, digits) => value.toString(16).padStart(digits, '0');
            const tail = 'defghijk'.split('').map(field => hex(raw[field], 2)).join('');
            return `${hex(raw.a, 8)}-${hex(raw.b, 4)}-${hex(raw.c, 4)}-${tail.slice(0, 4)}-${tail.slice(4)}`;
        }

        """;
}
