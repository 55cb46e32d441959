using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Cdylib.Abi.Lowering;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// A Java package over the library, through JNA: <c>NAMELibrary</c> (a JNA <c>Library</c> interface, interface
/// mapping, with the C functions as the header declares them over JNA's C-width types) and, over it, the
/// facade <c>NAME</c> (a static method per function taking and giving Java values), a class per enum (an
/// "open" enum: the members as constants, and any other value C hands over), per struct (a JNA
/// <c>Structure</c> with <c>ByValue</c>/<c>ByReference</c>) and per handle type (<c>AutoCloseable</c>, with
/// the C# class's methods), and <c>NAMEException</c> for the library's errors. Strings are UTF-8 both ways,
/// encoded strictly (a NUL or a lone surrogate is refused before the call), integers wider in Java than in C
/// (unsigned types) are range-checked, library-owned strings and arrays are copied and freed through the
/// library's own free functions. The package's files are written to <c>java/PACKAGE/</c>.
/// </summary>
/// <remarks>
/// Interface mapping rather than direct mapping (<c>Native.register</c>): the raw layer is then an interface
/// a user can call and see (<c>NAMELibrary.INSTANCE</c>), it takes every type JNA knows (structs by value,
/// callbacks, <c>NativeMapped</c> integers such as <c>size_t</c>), and a call's cost is JNA's reflection,
/// small beside the copies the wrappers make anyway.
/// </remarks>
public static class JavaBinding
{
    /// <summary>The Java package: the C prefix in lower case (a keyword gets a trailing <c>_</c>).</summary>
    public static string Package(AbiLibrary library) => Identifier(library.Prefix.ToLowerInvariant());

    /// <summary>The facade class (<c>Bnd</c>): the C prefix in Pascal case; the other classes start with it.</summary>
    public static string Facade(AbiLibrary library) => BindingShapes.Pascal(library.Prefix);

    /// <summary>The files of the package, by name (<c>Bnd.java</c>, …), for the folder <c>java/PACKAGE/</c>.</summary>
    /// <param name="location">Where the library is, seen from the package's folder.</param>
    public static IReadOnlyDictionary<string, string> Emit(AbiLibrary library, LibraryLocation location)
    {
        var writer = new Writer(library, location);
        return writer.Emit();
    }

    /// <summary>Java's reserved words (keywords, literals, and the restricted identifiers a type may not take).</summary>
    public static readonly HashSet<string> JavaKeywords = new(new[]
    {
        "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue", "default", "do",
        "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import",
        "instanceof", "int", "interface", "long", "native", "new", "package", "private", "protected", "public", "return",
        "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
        "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits", "_",
    });

    internal static string Identifier(string name) => JavaKeywords.Contains(name) ? name + "_" : name;

    /// <summary><c>bnd_greet</c> → <c>bndGreet</c>; <c>Add</c> → <c>add</c>.</summary>
    internal static string Camel(string name)
    {
        string pascal = BindingShapes.Pascal(name);
        return Identifier(pascal.StartsWith("_", StringComparison.Ordinal) ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1));
    }

    /// <summary>A Java string literal of any text in ASCII: quotes and backslashes escaped, control characters octal, the rest as <c>\uXXXX</c>.</summary>
    internal static string Literal(string value)
    {
        var text = new StringBuilder("\"");
        foreach (char c in value)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                < ' ' or '\u007f' => "\\" + Convert.ToString(c, 8).PadLeft(3, '0'),
                > '\u007f' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }

    /// <summary>A Javadoc comment's text in ASCII: no <c>*/</c>, no backslash (javac reads <c>\u</c> everywhere), HTML's specials escaped.</summary>
    internal static string? Doc(string? text) => text is null
        ? null
        : string.Concat(text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\\", "&#92;").Replace("*/", "*&#47;").Replace("@", "&#64;")
            .Replace("\r", "").Replace("\n", " ")
            .Select(c => c > '\u007f' ? $"\\u{(int)c:x4}" : c.ToString()));

    private sealed class Writer
    {
        private readonly AbiLibrary _library;
        private readonly LibraryLocation _location;
        private readonly string _package;
        private readonly string _facade;
        private readonly string _raw;
        private readonly string _exception;
        private readonly string _support;
        private readonly BindingNames _names;
        private readonly JavaTypes _types;
        private readonly List<CallPlan> _plans;
        private readonly Dictionary<string, Method> _methods = new(StringComparer.Ordinal);

        public Writer(AbiLibrary library, LibraryLocation location)
        {
            _library = library;
            _location = location;
            _package = Package(library);
            _facade = Facade(library);
            _raw = _facade + "Library";
            _exception = _facade + "Exception";
            _support = _facade + "Support";
            _names = BindingNames.For(library, JavaKeywords.Concat(new[]
            {
                _facade, _raw, _exception, _support,
                "Pointer", "Memory", "Native", "Structure", "Library", "Callback", "IntegerType",
                "String", "Object", "Integer", "Long", "Short", "Byte", "Boolean", "Float", "Double", "Character", "Void", "Number",
                "Math", "StrictMath", "System", "Runtime", "Thread", "Runnable", "Class", "ClassLoader", "Record", "Enum", "Module",
                "Package", "Process", "Iterable", "Comparable", "Override", "FunctionalInterface", "Deprecated", "SuppressWarnings",
                "SafeVarargs", "Throwable", "Exception", "RuntimeException", "Error", "IllegalArgumentException",
                "IllegalStateException", "UnsupportedOperationException", "NullPointerException", "UnsatisfiedLinkError",
                "StringBuilder", "CharSequence", "AutoCloseable",
            }));
            _types = new JavaTypes(library, _names, _raw, _support);
            _plans = CallPlan.All(library).ToList();
        }

        private string Header => $"// {_library.Name}: Java bindings (JNA) for the C library {_library.Name}, generated by Cdylib from\n// {_library.Name}.abi.json. Do not edit: rebuild the library and regenerate.\npackage {_package};\n\n";

        public IReadOnlyDictionary<string, string> Emit()
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (CallPlan plan in _plans.Where(plan => IsWrapped(plan.Function)))
            {
                _methods[plan.Function.Name] = plan.Function.Role == AbiHelperRole.HandleFree
                    ? FreeMethod(plan.Function)
                    : FunctionMethod(plan);
            }
            files[_raw + ".java"] = RawInterface();
            files[_support + ".java"] = Support();
            files[_exception + ".java"] = ExceptionClass();
            files[_facade + ".java"] = FacadeClass();
            foreach (AbiEnum enumeration in _library.Enums)
            {
                files[_names.Of(enumeration) + ".java"] = EnumClass(enumeration);
            }
            foreach (AbiStruct structure in _library.Structs)
            {
                files[_names.Of(structure) + ".java"] = StructClass(structure);
            }
            foreach (AbiHandle handle in _library.Handles)
            {
                files[_names.Of(handle) + ".java"] = HandleClass(handle);
            }
            return files;
        }

        // The facade uses the helpers itself; a handle type's free is wrapped as the object's close().
        private static bool IsWrapped(AbiFunction function) =>
            !BindingHelpers.IsUsedInternally(function) || function.Role == AbiHelperRole.HandleFree;

        private string CallbackName(AbiFunction function, PlannedParameter parameter) =>
            BindingShapes.Pascal(function.Name) + BindingShapes.Pascal(parameter.Name);

        // ---------------------------------------------------------------- the raw interface

        private string RawInterface()
        {
            var java = new StringBuilder(Header);
            java.Append("import com.sun.jna.Callback;\nimport com.sun.jna.IntegerType;\nimport com.sun.jna.Library;\nimport com.sun.jna.Native;\nimport com.sun.jna.Pointer;\n");
            bool wide = BindingTypes.Uses(_library, BindingTypes.Is128);
            if (wide)
            {
                java.Append("import com.sun.jna.Structure;\n");
            }
            java.Append($$"""

                /**
                 * The C functions of {{_library.Name}} as its header declares them, over JNA's C-width types (unsigned
                 * integers as their bits, bool as a byte, strings, arrays and handles as pointers). Interface mapping:
                 * {@link #INSTANCE} is the library, loaded as {@link {{_facade}}} describes. {@link {{_facade}}} wraps each
                 * function to take and give Java values; call these only for what the wrappers do not do.
                 */
                public interface {{_raw}} extends Library {
                    /** The library, loaded when first used. */
                    {{_raw}} INSTANCE = {{_support}}.load();

                    /** C's size_t (and uintptr_t): unsigned, pointer-sized. */
                    final class SizeT extends IntegerType {
                        private static final long serialVersionUID = 1L;

                        public SizeT() {
                            this(0);
                        }

                        public SizeT(long value) {
                            super(Native.SIZE_T_SIZE, value, true);
                        }
                    }

                    /** C's intptr_t: signed, pointer-sized. */
                    final class IntPtr extends IntegerType {
                        private static final long serialVersionUID = 1L;

                        public IntPtr() {
                            this(0);
                        }

                        public IntPtr(long value) {
                            super(Native.POINTER_SIZE, value, false);
                        }
                    }

                """);
            if (wide)
            {
                foreach ((string name, string c) in new[] { ("Int128", WellKnownTypes.Int128C), ("UInt128", WellKnownTypes.UInt128C) })
                {
                    java.Append($$"""
                            /** {{c}}: 16 bytes, the low 64 bits first (every target .NET runs on is little-endian), 16-byte aligned in C. */
                            @Structure.FieldOrder({"lo", "hi"})
                            class {{name}} extends Structure {
                                public long lo;
                                public long hi;
                            }

                        """);
                }
            }
            foreach (CallPlan plan in _plans)
            {
                foreach (PlannedParameter parameter in plan.Parameters.Where(parameter => parameter.Type is FunctionPointerType))
                {
                    var callback = (FunctionPointerType)parameter.Type;
                    string parameters = string.Join(", ", callback.Parameters.Select((type, i) => $"{_types.RawValue(type)} arg{i}"));
                    java.Append($"    /** The C callback {Doc(CSpelling.Of(callback))} of {plan.Function.Name}'s {parameter.Name}. */\n");
                    java.Append($"    interface {CallbackName(plan.Function, parameter)}Callback extends Callback {{\n");
                    java.Append($"        {(callback.Returns.IsVoid ? "void" : _types.RawValue(callback.Returns))} invoke({parameters});\n    }}\n\n");
                }
            }
            foreach (CallPlan plan in _plans)
            {
                AbiFunction function = plan.Function;
                if (BindingShapes.PackedByValue(function, _library) is { } packed)
                {
                    java.Append($"    // {function.Name} is left out: it passes the packed struct {_names.Of(packed)} by value, which JNA cannot (see {_facade}).\n\n");
                    continue;
                }
                string parameters = string.Join(", ", plan.CParameters.Select(parameter => $"{RawParameter(plan, parameter)} {Identifier(parameter.Name)}"));
                if (Doc(function.Doc.Summary) is { } summary)
                {
                    java.Append($"    /** {summary} */\n");
                }
                java.Append($"    {(plan.CReturn.IsVoid ? "void" : _types.RawValue(plan.CReturn))} {function.Name}({parameters});\n\n");
            }
            java.Length -= 1;
            java.Append("}\n");
            return java.ToString();
        }

        private string RawParameter(CallPlan plan, CParameter parameter) =>
            parameter.Role == CParameterRole.Value && parameter.Type is FunctionPointerType
                ? CallbackName(plan.Function, plan.Parameters[parameter.Declared]) + "Callback"
                : parameter.Role == CParameterRole.SpanLength ? "SizeT" : _types.RawValue(parameter.Type).Replace(_raw + ".", "");

        // ---------------------------------------------------------------- support

        private string Support()
        {
            var java = new StringBuilder(Header);
            string p = _library.Prefix;
            // NFloat is a double on 64-bit targets, a float on 32-bit ones: the raw layer says double.
            string nfloat = BindingTypes.Uses(_library, BindingTypes.IsNFloat)
                ? "        if (Native.POINTER_SIZE != 8) {\n            throw new UnsatisfiedLinkError(\"this binding maps NFloat as a double, which it is on 64-bit targets only\");\n        }\n"
                : "";
            java.Append($$"""
                import com.sun.jna.Memory;
                import com.sun.jna.Native;
                import com.sun.jna.Pointer;
                import com.sun.jna.Structure;
                import java.nio.charset.StandardCharsets;

                /** What the generated classes share: loading, errors, strings, memory, range checks. */
                final class {{_support}} {
                    /** Where the library was when this package was written, relative to the package's folder. */
                    static final String LIBRARY_FOLDER = {{Literal(_location.Folder)}};

                    private {{_support}}() {
                    }

                    static {{_raw}} load() {
                {{nfloat}}        String file = System.mapLibraryName({{Literal(_library.Name)}});
                        String path = System.getProperty({{Literal(p + ".library")}});
                        if (path == null || path.isEmpty()) {
                            path = System.getenv({{Literal(_library.MacroPrefix + "_LIBRARY")}});
                        }
                        if (path != null && !path.isEmpty()) {
                            return Native.load(path, {{_raw}}.class);
                        }
                        java.util.List<String> tried = new java.util.ArrayList<>();
                        java.net.URL here = {{_support}}.class.getResource("{{_support}}.class");
                        if (here != null && "file".equals(here.getProtocol())) {
                            try {
                                java.io.File folder = new java.io.File(here.toURI()).getParentFile();
                                java.io.File recorded = new java.io.File(LIBRARY_FOLDER);
                                if (!recorded.isAbsolute()) {
                                    recorded = new java.io.File(folder, LIBRARY_FOLDER);
                                }
                                for (java.io.File candidate : new java.io.File[] { new java.io.File(folder, file), new java.io.File(recorded, file) }) {
                                    String candidatePath = candidate.getCanonicalPath();
                                    if (candidate.isFile()) {
                                        return Native.load(candidatePath, {{_raw}}.class);
                                    }
                                    if (!tried.contains(candidatePath)) {
                                        tried.add(candidatePath);
                                    }
                                }
                            } catch (java.net.URISyntaxException | java.io.IOException | IllegalArgumentException error) {
                                tried.add(here + " (" + error.getMessage() + ")");
                            }
                        }
                        try {
                            return Native.load({{Literal(_library.Name)}}, {{_raw}}.class);
                        } catch (UnsatisfiedLinkError error) {
                            UnsatisfiedLinkError failure = new UnsatisfiedLinkError("cannot load " + file + ": not at "
                                + (tried.isEmpty() ? "this package's folder" : String.join(" or ", tried))
                                + ", and JNA (jna.library.path, then the system loader) says: " + error.getMessage()
                                + ". Set the system property {{p}}.library or {{_library.MacroPrefix}}_LIBRARY to the library's path.");
                            failure.initCause(error);
                            throw failure;
                        }
                    }

                    static void clear() {
                        {{_raw}}.INSTANCE.{{p}}_clear_last_error();
                    }

                    /** Throws the thread's last error, if there is one. */
                    static void check() {
                        int code = {{_raw}}.INSTANCE.{{p}}_last_error_code();
                        if (code != 0) {
                            throw error(code);
                        }
                    }

                    /** The status form's failure: the code it returned, with the thread's last message. */
                    static {{_exception}} error(int code) {
                        Pointer message = {{_raw}}.INSTANCE.{{p}}_last_error_message();
                        String text = message == null ? "" : utf8(message);
                        {{_raw}}.INSTANCE.{{p}}_clear_last_error();
                        return new {{_exception}}(code, text);
                    }

                    /** Text for C: UTF-8 and NUL-terminated; a NUL (C would end the text there) or a lone surrogate (no UTF-8) refused. */
                    static Memory encode(String text, String name) {
                        if (text == null) {
                            return null;
                        }
                        if (text.indexOf('\0') >= 0) {
                            throw new IllegalArgumentException(name + " contains a NUL character, which C would take for the end of the text");
                        }
                        java.nio.ByteBuffer bytes;
                        try {
                            bytes = StandardCharsets.UTF_8.newEncoder()
                                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                                .encode(java.nio.CharBuffer.wrap(text));
                        } catch (java.nio.charset.CharacterCodingException error) {
                            throw new IllegalArgumentException(name + " contains a lone surrogate, which has no UTF-8 form", error);
                        }
                        byte[] array = new byte[bytes.remaining()];
                        bytes.get(array);
                        Memory memory = new Memory(array.length + 1L);
                        memory.write(0, array, 0, array.length);
                        memory.setByte(array.length, (byte) 0);
                        return memory;
                    }

                    /** The UTF-8 text at a pointer the library lends. */
                    static String utf8(Pointer pointer) {
                        if (pointer == null) {
                            return null;
                        }
                        long length = pointer.indexOf(0, (byte) 0);
                        return new String(pointer.getByteArray(0, (int) length), StandardCharsets.UTF_8);
                    }

                    /** A string the library hands over: copied, then freed with its own free function. */
                    static String takeString(Pointer pointer) {
                        if (pointer == null) {
                            return null;
                        }
                        try {
                            return utf8(pointer);
                        } finally {
                            {{_raw}}.INSTANCE.{{p}}_free_string(pointer);
                        }
                    }

                    /** Frees an array the library handed over, once copied. */
                    static void freeBuffer(Pointer pointer) {
                        {{_raw}}.INSTANCE.{{p}}_free_buffer(pointer);
                    }

                    /** Zeroed native memory of at least one byte (JNA refuses zero). */
                    static Memory zeroed(long size) {
                        Memory memory = new Memory(Math.max(1, size));
                        memory.clear();
                        return memory;
                    }

                    /** Memory for count items of size bytes, or null for a null array (count -1). */
                    static Memory items(int count, int size) {
                        return count < 0 ? null : zeroed((long) count * size);
                    }

                    static Memory bytes(byte[] values) {
                        if (values == null) {
                            return null;
                        }
                        Memory memory = zeroed(values.length);
                        memory.write(0, values, 0, values.length);
                        return memory;
                    }

                    static long getSize(Pointer pointer, long offset) {
                        return Native.SIZE_T_SIZE == 8 ? pointer.getLong(offset) : Integer.toUnsignedLong(pointer.getInt(offset));
                    }

                    static void setSize(Pointer pointer, long offset, long value) {
                        if (Native.SIZE_T_SIZE == 8) {
                            pointer.setLong(offset, value);
                        } else {
                            pointer.setInt(offset, (int) value);
                        }
                    }

                    static long getIntPtr(Pointer pointer, long offset) {
                        return Native.POINTER_SIZE == 8 ? pointer.getLong(offset) : pointer.getInt(offset);
                    }

                    static void setIntPtr(Pointer pointer, long offset, long value) {
                        if (Native.POINTER_SIZE == 8) {
                            pointer.setLong(offset, value);
                        } else {
                            pointer.setInt(offset, (int) value);
                        }
                    }

                    private static IllegalArgumentException range(String name, long value, String type, String low, String high) {
                        return new IllegalArgumentException(name + " = " + value + " does not fit in " + type + " (" + low + " to " + high + ")");
                    }

                    static byte u8(int value, String name) {
                        if (value < 0 || value > 0xFF) {
                            throw range(name, value, "uint8_t", "0", "255");
                        }
                        return (byte) value;
                    }

                    static short u16(int value, String name) {
                        if (value < 0 || value > 0xFFFF) {
                            throw range(name, value, "uint16_t", "0", "65535");
                        }
                        return (short) value;
                    }

                    static int u32(long value, String name) {
                        if (value < 0 || value > 0xFFFFFFFFL) {
                            throw range(name, value, "uint32_t", "0", "4294967295");
                        }
                        return (int) value;
                    }

                    static long size(long value, String name) {
                        if (value < 0 || (Native.SIZE_T_SIZE == 4 && value > 0xFFFFFFFFL)) {
                            throw range(name, value, "size_t", "0", Native.SIZE_T_SIZE == 4 ? "4294967295" : "9223372036854775807");
                        }
                        return value;
                    }

                    static long intptr(long value, String name) {
                        if (Native.POINTER_SIZE == 4 && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                            throw range(name, value, "intptr_t", "-2147483648", "2147483647");
                        }
                        return value;
                    }

                    /** A copy of a struct's C bytes into another of its class (a ByValue, a plain one). */
                    static <T extends Structure> T copy(Structure from, T to) {
                        from.write();
                        int size = from.size();
                        to.getPointer().write(0, from.getPointer().getByteArray(0, size), 0, size);
                        to.read();
                        return to;
                    }

                    /** A struct read from native memory (a copy: it does not keep the memory). */
                    static <T extends Structure> T read(T to, Pointer from, long offset) {
                        int size = to.size();
                        to.getPointer().write(0, from.getByteArray(offset, size), 0, size);
                        to.read();
                        return to;
                    }

                    static void write(Structure from, Pointer to, long offset) {
                        from.write();
                        int size = from.size();
                        to.write(offset, from.getPointer().getByteArray(0, size), 0, size);
                    }

                    /** Refuses a struct JNA lays out otherwise than the library does (a packing JNA cannot express). */
                    static void layout(String name, int size, int[] offsets, int size64, int[] offsets64, int size32, int[] offsets32) {
                        int expected = Native.POINTER_SIZE == 8 ? size64 : size32;
                        int[] expectedOffsets = Native.POINTER_SIZE == 8 ? offsets64 : offsets32;
                        if (size != expected || !java.util.Arrays.equals(offsets, expectedOffsets)) {
                            throw new IllegalStateException("JNA lays " + name + " out as " + size + " bytes with its fields at "
                                + java.util.Arrays.toString(offsets) + ", the library as " + expected + " bytes with its fields at "
                                + java.util.Arrays.toString(expectedOffsets));
                        }
                    }

                    /**
                     * A callback's failure: what it threw cannot cross the C frames, so it is kept, the callback returns 0
                     * from then on without being called again, and the wrapper throws it once the call returns.
                     */
                    static final class Failure {
                        private volatile Throwable error;

                        boolean failed() {
                            return error != null;
                        }

                        void fail(Throwable thrown) {
                            if (error == null) {
                                error = thrown;
                            }
                        }

                        void rethrow() {
                            Throwable thrown = error;
                            if (thrown == null) {
                                return;
                            }
                            error = null;
                            if (thrown instanceof RuntimeException) {
                                throw (RuntimeException) thrown;
                            }
                            if (thrown instanceof Error) {
                                throw (Error) thrown;
                            }
                            throw new IllegalStateException("the callback threw " + thrown, thrown);
                        }
                    }

                """);
            if (BindingTypes.Uses(_library, BindingTypes.Is128))
            {
                java.Append($$"""
                        private static final java.math.BigInteger LOW64 = java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);

                        static {{_raw}}.Int128 int128(java.math.BigInteger value, String name) {
                            if (value.bitLength() > 127) {
                                throw new IllegalArgumentException(name + " = " + value + " does not fit in Int128");
                            }
                            {{_raw}}.Int128 wide = new {{_raw}}.Int128();
                            wide.lo = value.longValue();
                            wide.hi = value.shiftRight(64).longValue();
                            return wide;
                        }

                        static {{_raw}}.UInt128 uint128(java.math.BigInteger value, String name) {
                            if (value.signum() < 0 || value.bitLength() > 128) {
                                throw new IllegalArgumentException(name + " = " + value + " does not fit in UInt128");
                            }
                            {{_raw}}.UInt128 wide = new {{_raw}}.UInt128();
                            wide.lo = value.longValue();
                            wide.hi = value.shiftRight(64).longValue();
                            return wide;
                        }

                        static java.math.BigInteger fromInt128({{_raw}}.Int128 wide) {
                            return java.math.BigInteger.valueOf(wide.hi).shiftLeft(64).or(java.math.BigInteger.valueOf(wide.lo).and(LOW64));
                        }

                        static java.math.BigInteger fromUInt128({{_raw}}.UInt128 wide) {
                            return java.math.BigInteger.valueOf(wide.hi).and(LOW64).shiftLeft(64).or(java.math.BigInteger.valueOf(wide.lo).and(LOW64));
                        }

                    """);
            }
            java.Length -= 1;
            java.Append("}\n");
            return java.ToString();
        }

        // ---------------------------------------------------------------- errors

        private string ExceptionClass()
        {
            var java = new StringBuilder(Header);
            java.Append($$"""
                /** A failure the library recorded (or a status-form function returned): its code and message. */
                public class {{_exception}} extends RuntimeException {
                    private static final long serialVersionUID = 1L;

                """);
            foreach (AbiErrorCode code in _library.ErrorCodes)
            {
                if (Doc(code.Doc) is { } doc)
                {
                    java.Append($"    /** {doc} */\n");
                }
                java.Append($"    public static final int {Identifier(code.Name)} = {code.Value};\n");
            }
            java.Append($$"""

                    private final int code;

                    public {{_exception}}(int code, String message) {
                        super(message);
                        this.code = code;
                    }

                    /** The code: one of the constants above, or a code the library defines. */
                    public int getCode() {
                        return code;
                    }

                    /** The name of the code's constant, or null for a code the library defines. */
                    public String getCodeName() {
                        switch (code) {

                """);
            foreach (AbiErrorCode code in _library.ErrorCodes.GroupBy(code => code.Value).Select(group => group.First()))
            {
                java.Append($"            case {code.Value}:\n                return {Literal(code.Name)};\n");
            }
            java.Append("""
                            default:
                                return null;
                        }
                    }
                }

                """);
            return java.ToString();
        }

        // ---------------------------------------------------------------- enums

        private string EnumClass(AbiEnum enumeration)
        {
            string name = _names.Of(enumeration);
            PrimitiveType underlying = enumeration.Underlying;
            var members = BindingShapes.ConstantNames(enumeration, member => member is "KNOWN", Identifier);
            var java = new StringBuilder(Header);
            java.Append($$"""
                /**
                 * {{Doc(enumeration.Doc) ?? enumeration.Managed}}
                 * <p>An open enum over C's {{CSpelling.Of(underlying)}}: the members are constants, and {@link #fromValue} gives any
                 * other value C may hand over (flags combined, a member added later) too; compare with equals.
                 */
                public final class {{name}} {

                """);
            foreach ((AbiEnumMember member, string constant) in members)
            {
                if (Doc(member.Doc) is { } doc)
                {
                    java.Append($"    /** {doc} */\n");
                }
                java.Append($"    public static final {name} {constant} = new {name}({member.Value.ToString(CultureInfo.InvariantCulture)}L, {Literal(constant)});\n");
            }
            string check = underlying.Size is > 0 and < 8
                ? underlying.IsSigned
                    ? $"        if (value < {-(1L << (underlying.Size * 8 - 1))}L || value > {(1L << (underlying.Size * 8 - 1)) - 1}L) {{\n            throw new IllegalArgumentException(value + \" does not fit in {name}'s {CSpelling.Of(underlying)}\");\n        }}\n"
                    : $"        if (value < 0 || value > {(1L << (underlying.Size * 8)) - 1}L) {{\n            throw new IllegalArgumentException(value + \" does not fit in {name}'s {CSpelling.Of(underlying)}\");\n        }}\n"
                : "";
            java.Append($$"""

                    private static final {{name}}[] KNOWN = { {{string.Join(", ", members.Select(member => member.Name))}} };

                    private final long value;
                    private final String name;

                    private {{name}}(long value, String name) {
                        this.value = value;
                        this.name = name;
                    }

                    /** The value{{(underlying.Size == 8 && !underlying.IsSigned ? " (C's uint64_t as its bits: Long.toUnsignedString reads it)" : "")}}. */
                    public long value() {
                        return value;
                    }

                    /** The member of this value, or a {{name}} of it that is no member. */
                    public static {{name}} fromValue(long value) {
                        for ({{name}} member : KNOWN) {
                            if (member.value == value) {
                                return member;
                            }
                        }
                {{check}}        return new {{name}}(value, null);
                    }

                    /** The members, in declaration order. */
                    public static java.util.List<{{name}}> members() {
                        return java.util.List.of(KNOWN);
                    }

                    /** Whether this is one of the members. */
                    public boolean isMember() {
                        return name != null;
                    }

                    /** The member's name, or null. */
                    public String name() {
                        return name;
                    }

                    /** The flags of both. */
                    public {{name}} or({{name}} other) {
                        return fromValue(value | other.value);
                    }

                    /** The flags both have. */
                    public {{name}} and({{name}} other) {
                        return fromValue(value & other.value);
                    }

                    /** Whether every flag of flags is set here. */
                    public boolean has({{name}} flags) {
                        return (value & flags.value) == flags.value;
                    }

                    @Override
                    public boolean equals(Object other) {
                        return other instanceof {{name}} && ((({{name}}) other).value == value);
                    }

                    @Override
                    public int hashCode() {
                        return Long.hashCode(value);
                    }

                    @Override
                    public String toString() {
                        return name != null ? name : "{{name}}(" + {{(underlying.Size == 8 && !underlying.IsSigned ? "Long.toUnsignedString(value)" : "value")}} + ")";
                    }
                }

                """);
            return java.ToString();
        }

        // ---------------------------------------------------------------- structs

        private string StructClass(AbiStruct structure)
        {
            string name = _names.Of(structure);
            bool packed = structure.Pack == 1;
            bool holds128 = BindingTypes.Holds128(structure, _library);
            var java = new StringBuilder(Header);
            java.Append("import com.sun.jna.Native;\n");
            if (structure.Fields.Any(field => _types.RawField(field.Type) == "Pointer"))
            {
                java.Append("import com.sun.jna.Pointer;\n");
            }
            java.Append("import com.sun.jna.Structure;\n\n");
            java.Append($"/**\n * {Doc(structure.Doc) ?? structure.Managed}\n * <p>The C struct {structure.Name}: its fields in C order, with C's types (unsigned integers as their bits, bool as a byte).\n");
            if (packed)
            {
                java.Append(" * Packed (no padding): it goes by reference only, as JNA hands a struct by value to libffi unpacked.\n");
            }
            java.Append(" */\n");
            java.Append($"@Structure.FieldOrder({{{string.Join(", ", structure.Fields.Select(field => Literal(Identifier(field.Name))))}}})\n");
            java.Append($"public class {name} extends Structure {{\n");
            java.Append("    /** Its size in bytes. */\n    public static final int SIZE;\n\n");
            foreach (AbiField field in structure.Fields)
            {
                java.Append($"    /** {Doc(field.Doc) ?? CSpelling.Of(field.Type)} */\n");
                java.Append($"    public {_types.RawField(field.Type)} {Identifier(field.Name)};\n");
            }
            java.Append($$"""

                    static {
                        {{name}} probe = new {{name}}();
                        SIZE = probe.size();
                        {{_support}}.layout("{{name}}", probe.size(), new int[] { {{string.Join(", ", structure.Fields.Select(field => $"probe.fieldOffset(\"{Identifier(field.Name)}\")"))}} },
                            {{structure.Layout64.Size}}, new int[] { {{string.Join(", ", structure.Fields.Select(field => field.Offset64))}} }, {{structure.Layout32.Size}}, new int[] { {{string.Join(", ", structure.Fields.Select(field => field.Offset32))}} });
                    }

                    public {{name}}() {
                {{(packed ? "        super(ALIGN_NONE);\n" : "")}}    }

                """);
            var constructor = structure.Fields.Select(field => (Field: field, Name: Identifier(field.Name), Type: _types.FieldArgument(field.Type))).ToList();
            java.Append($"    /** A {name} of these values. */\n    public {name}({string.Join(", ", constructor.Select(item => $"{item.Type} {item.Name}"))}) {{\n        this();\n");
            foreach (var item in constructor)
            {
                java.Append($"        this.{item.Name} = {_types.FieldFromArgument(item.Name, item.Field.Type)};\n");
            }
            java.Append("    }\n");
            foreach (AbiField field in structure.Fields.Where(field => field.Type is EnumRef || field.Type == AbiType.Bool))
            {
                string fieldName = Identifier(field.Name);
                string accessor = BindingShapes.Pascal(field.Name);
                java.Append($"\n    /** {fieldName} as {_types.FieldArgument(field.Type)}. */\n    public {_types.FieldArgument(field.Type)} get{accessor}() {{\n        return {_types.FromRaw(fieldName, field.Type)};\n    }}\n");
                java.Append($"\n    public void set{accessor}({_types.FieldArgument(field.Type)} value) {{\n        this.{fieldName} = {_types.FieldFromArgument("value", field.Type)};\n    }}\n");
            }
            if (holds128)
            {
                java.Append($$"""

                        // C and .NET align a 128-bit integer to 16, JNA's 16-byte structure to 8: the fields go where the library has them.
                        @Override
                        protected int getNativeAlignment(Class<?> type, Object value, boolean isFirstElement) {
                            return type == {{_raw}}.Int128.class || type == {{_raw}}.UInt128.class ? 16 : super.getNativeAlignment(type, value, isFirstElement);
                        }

                    """.TrimEnd('\n') + "\n");
            }
            if (BindingTypes.HasGuidFields(structure))
            {
                var f = structure.Fields.Select(field => Identifier(field.Name)).ToList();
                java.Append($$"""

                        /** The {{name}} of a UUID: the text form is the same. */
                        public static {{name}} fromUuid(java.util.UUID uuid) {
                            long high = uuid.getMostSignificantBits();
                            long low = uuid.getLeastSignificantBits();
                            {{name}} guid = new {{name}}();
                            guid.{{f[0]}} = (int) (high >>> 32);
                            guid.{{f[1]}} = (short) (high >>> 16);
                            guid.{{f[2]}} = (short) high;
                    {{string.Concat(Enumerable.Range(0, 8).Select(i => $"        guid.{f[3 + i]} = (byte) (low >>> {56 - 8 * i});\n"))}}        return guid;
                        }

                        /** The UUID of this {{name}}: the text form is the same. */
                        public java.util.UUID toUuid() {
                            long high = (Integer.toUnsignedLong({{f[0]}}) << 32) | ((long) Short.toUnsignedInt({{f[1]}}) << 16) | Short.toUnsignedInt({{f[2]}});
                            long low = 0;
                            for (byte part : new byte[] { {{string.Join(", ", f.Skip(3))}} }) {
                                low = (low << 8) | Byte.toUnsignedInt(part);
                            }
                            return new java.util.UUID(high, low);
                        }

                    """.TrimEnd('\n') + "\n");
            }
            java.Append($$"""

                    /** {{name}} passed by value. */
                    public static class ByValue extends {{name}} implements Structure.ByValue {
                    }

                    /** {{name}} passed by pointer. */
                    public static class ByReference extends {{name}} implements Structure.ByReference {
                    }
                }

                """);
            if (!java.ToString().Contains("Native."))
            {
                java.Replace("import com.sun.jna.Native;\n", "");
            }
            return java.ToString();
        }

        // ---------------------------------------------------------------- handles

        private string HandleClass(AbiHandle handle)
        {
            string name = _names.Of(handle);
            var java = new StringBuilder(Header);
            java.Append($$"""
                import com.sun.jna.Pointer;
                import java.util.concurrent.atomic.AtomicReference;

                /**
                 * {{Doc(handle.Doc) ?? handle.Managed}}
                 * <p>Owns one handle and frees it once: {@link #close()} (or try-with-resources); a closed {{name}} is refused as an
                 * argument (IllegalStateException), since its handle may be another object's owner by then.
                 */
                public final class {{name}} implements AutoCloseable {
                    private final AtomicReference<Pointer> handle;

                    private {{name}}(Pointer handle) {
                        this.handle = new AtomicReference<>(handle);
                    }

                    /** A {{name}} owning a handle the library handed over, or null for NULL. */
                    static {{name}} own(Pointer handle) {
                        return handle == null ? null : new {{name}}(handle);
                    }

                    /** The handle lent for a call; null for null, a closed object refused. */
                    static Pointer lend({{name}} value, String name) {
                        if (value == null) {
                            return null;
                        }
                        Pointer pointer = value.handle.get();
                        if (pointer == null) {
                            throw new IllegalStateException(name + " is a closed {{name}}");
                        }
                        return pointer;
                    }

                    /** Whether close() was called. */
                    public boolean isClosed() {
                        return handle.get() == null;
                    }

                    /** Frees this object's handle (one owner of it), once: closing again does nothing, also from several threads at once. */
                    @Override
                    public void close() {
                        Pointer pointer = handle.getAndSet(null);
                        if (pointer != null) {
                            {{_support}}.clear();
                            {{_raw}}.INSTANCE.{{handle.FreeFunction}}(pointer);
                            {{_support}}.check();
                        }
                    }

                """);
            var reserved = new HashSet<string> { "close", "isClosed", "own", "lend", "handle", "equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize" };
            foreach ((AbiFunction function, bool isInstance, string methodName) in BindingShapes.Methods(handle, _library,
                method => Camel(method), function => Camel(function.Name), reserved))
            {
                if (!_methods.TryGetValue(function.Name, out Method? method))
                {
                    continue;
                }
                var parameters = isInstance ? method.Parameters.Skip(1).ToList() : method.Parameters;
                var arguments = (isInstance ? new[] { "this" } : Array.Empty<string>()).Concat(parameters.Select(parameter => parameter.Name));
                java.Append($"\n    /** {method.Doc} */\n");
                java.Append($"    public {(isInstance ? "" : "static ")}{method.Returns} {methodName}({string.Join(", ", parameters.Select(parameter => $"{parameter.Type} {parameter.Name}"))}) {{\n");
                java.Append($"        {(method.Returns == "void" ? "" : "return ")}{_facade}.{method.Name}({string.Join(", ", arguments)});\n    }}\n");
            }
            java.Append("}\n");
            return java.ToString();
        }

        // ---------------------------------------------------------------- the facade

        private string FacadeClass()
        {
            var java = new StringBuilder(Header);
            java.Append("import com.sun.jna.Memory;\nimport com.sun.jna.Native;\nimport com.sun.jna.Pointer;\n\n");
            java.Append($$"""
                /**
                 * The functions of the C library {{_library.Name}}, taking and giving Java values: String (UTF-8 at the boundary),
                 * arrays for spans and returned arrays, a record for a result with out/ref values, boxed values for optional
                 * ones (null for none), the enum, struct and handle classes of this package, functional interfaces for callbacks.
                 * Errors the library records, and a status-form function's failure, are thrown as {@link {{_exception}}};
                 * what C would mangle is refused before the call with IllegalArgumentException (a string with a NUL or a lone
                 * surrogate, an integer outside its C type), a closed handle object with IllegalStateException.
                 * <p>The library is loaded from the system property {{_library.Prefix}}.library, else {{_library.MacroPrefix}}_LIBRARY, else the
                 * folder of this package's class files or the folder it was in when this package was written (relative to
                 * that folder: compile the package in place for that), else by name through jna.library.path and the
                 * system loader.
                 */
                public final class {{_facade}} {
                    /** The ABI version the binding was generated for ({{_library.Prefix}}_abi_version() of the library). */
                    public static final long ABI_VERSION = {{_library.AbiVersion}}L;

                    /** The API hash the binding was generated for ({{_library.Prefix}}_api_hash() of the library). */
                    public static final long API_HASH = 0x{{_library.ApiHash:x16}}L;

                    private {{_facade}}() {
                    }

                """);
            foreach (Method method in _methods.Values)
            {
                foreach (string nested in method.Nested)
                {
                    java.Append(nested);
                }
                java.Append($"\n    /** {method.Doc} */\n");
                java.Append($"    public static {method.Returns} {method.Name}({string.Join(", ", method.Parameters.Select(parameter => $"{parameter.Type} {parameter.Name}"))}) {{\n");
                java.Append(method.Body);
                java.Append("    }\n");
            }
            java.Append("}\n");
            string text = java.ToString();
            foreach (string import in new[] { "Memory", "Native", "Pointer" })
            {
                if (!System.Text.RegularExpressions.Regex.IsMatch(text.Substring(text.IndexOf("/**", StringComparison.Ordinal)), $@"\b{import}\b"))
                {
                    text = text.Replace($"import com.sun.jna.{import};\n", "");
                }
            }
            return text.Replace("\n\n\n/**", "\n\n/**");
        }

        private Method FreeMethod(AbiFunction function)
        {
            AbiHandle handle = _library.Handles.First(candidate => candidate.FreeFunction == function.Name);
            string type = _names.Of(handle);
            string parameter = function.Parameters.Count > 0 ? Identifier(function.Parameters[0].Name) : "handle";
            return new Method(Camel(function.Name), "void", new List<(string, string)> { (type, parameter) },
                $"        if ({parameter} != null) {{\n            {parameter}.close();\n        }}\n",
                $"Closes a {type}: the same as {parameter}.close(), which frees its handle once. Null is fine.", new List<string>());
        }

        private Method FunctionMethod(CallPlan plan)
        {
            AbiFunction function = plan.Function;
            string name = Camel(function.Name);
            string doc = Doc(function.Doc.Summary) ?? function.ManagedName;
            var parameters = new List<(string Type, string Name)>();
            var before = new StringBuilder();
            var arguments = new List<string>();
            var afterCall = new StringBuilder();
            var afterCheck = new StringBuilder();
            var values = new List<(string Type, string Name, string Value)>();
            var nested = new List<string>();
            foreach (PlannedParameter parameter in plan.Parameters)
            {
                string p = Identifier(parameter.Name);
                string label = Literal(parameter.Name);
                if (parameter.Flow == Flow.UserData)
                {
                    arguments.Add("null");
                    continue;
                }
                switch (parameter.Type)
                {
                    case StringType:
                        parameters.Add(("String", p));
                        before.Append($"        Memory _{p} = {_support}.encode({p}, {label});\n");
                        arguments.Add($"_{p}");
                        break;
                    case SpanType span:
                    {
                        parameters.Add((_types.ApiArray(span.Element), p));
                        if (_types.IsByteArray(span.Element))
                        {
                            before.Append($"        Memory _{p} = {_support}.bytes({p});\n");
                        }
                        else
                        {
                            string size = _types.Size(span.Element);
                            before.Append($"        Memory _{p} = {_support}.items({p} == null ? -1 : {p}.length, {size});\n");
                            before.Append($"        for (int _i = 0; {p} != null && _i < {p}.length; _i++) {{\n");
                            before.Append($"            {_types.Write($"_{p}", $"(long) _i * {size}", $"{p}[_i]", span.Element, label)}\n        }}\n");
                        }
                        arguments.Add($"_{p}");
                        arguments.Add($"new {_raw}.SizeT({p} == null ? 0 : {p}.length)");
                        if (parameter.Flow == Flow.InOut)
                        {
                            // A writable span: the library's writes come back into the caller's array.
                            if (_types.IsByteArray(span.Element))
                            {
                                afterCheck.Append($"        if ({p} != null) {{\n            _{p}.read(0, {p}, 0, {p}.length);\n        }}\n");
                            }
                            else
                            {
                                string size = _types.Size(span.Element);
                                afterCheck.Append($"        for (int _i = 0; {p} != null && _i < {p}.length; _i++) {{\n");
                                afterCheck.Append($"            {p}[_i] = {_types.Read($"_{p}", $"(long) _i * {size}", span.Element)};\n        }}\n");
                            }
                        }
                        break;
                    }
                    case ReferenceType { Target: var target }:
                        before.Append($"        Memory _{p} = {_support}.zeroed({_types.Size(target)});\n");
                        if (parameter.Flow != Flow.Out)
                        {
                            parameters.Add((_types.Api(target), p));
                            before.Append($"        {_types.Write($"_{p}", "0", p, target, label)}\n");
                        }
                        arguments.Add($"_{p}");
                        if (parameter.Flow != Flow.In)
                        {
                            values.Add((_types.Api(target), p, _types.Read($"_{p}", "0", target)));
                        }
                        break;
                    case OptionalType { Value: var value }:
                        parameters.Add((_types.Boxed(value), p));
                        before.Append($"        Memory _{p} = {p} == null ? null : {_support}.zeroed({_types.Size(value)});\n");
                        before.Append($"        if ({p} != null) {{\n            {_types.Write($"_{p}", "0", p, value, label)}\n        }}\n");
                        arguments.Add($"_{p}");
                        break;
                    case FunctionPointerType callback when parameter.UserData is not null:
                    {
                        string functional = CallbackName(function, parameter);
                        string raw = $"{_raw}.{functional}Callback";
                        var callParameters = callback.Parameters.Take(callback.Parameters.Count - 1).ToList();
                        string applies = callback.Returns.IsVoid ? "void" : _types.Api(callback.Returns);
                        nested.Add($"\n    /** What {function.Name}'s {parameter.Name} calls back, without its user data (the binding passes its own). */\n"
                            + $"    @FunctionalInterface\n    public interface {functional} {{\n"
                            + $"        {applies} apply({string.Join(", ", callParameters.Select((type, i) => $"{_types.Api(type)} arg{i}"))});\n    }}\n");
                        parameters.Add((functional, p));
                        string rawReturns = callback.Returns.IsVoid ? "void" : _types.RawValue(callback.Returns);
                        string call = $"{p}.apply({string.Join(", ", callParameters.Select((type, i) => _types.FromRaw($"arg{i}", type)))})";
                        string zero = callback.Returns.IsVoid ? "return;" : $"return {_types.Zero(callback.Returns)};";
                        before.Append($"        {_support}.Failure _{p}_failure = new {_support}.Failure();\n");
                        before.Append($"        {raw} _{p} = {p} == null ? null : new {raw}() {{\n");
                        before.Append("            @Override\n");
                        before.Append($"            public {rawReturns} invoke({string.Join(", ", callback.Parameters.Select((type, i) => $"{_types.RawValue(type)} arg{i}"))}) {{\n");
                        before.Append($"                if (_{p}_failure.failed()) {{\n                    {zero}\n                }}\n");
                        before.Append("                try {\n");
                        before.Append(callback.Returns.IsVoid
                            ? $"                    {call};\n"
                            : $"                    return {_types.ToRaw(call, callback.Returns, "\"the callback's result\"")};\n");
                        before.Append($"                }} catch (Throwable error) {{\n                    _{p}_failure.fail(error);\n                    {zero}\n                }}\n");
                        before.Append("            }\n        };\n");
                        arguments.Add($"_{p}");
                        // What the callback threw comes first: it is why the call went wrong, if it did.
                        afterCall.Append($"        _{p}_failure.rethrow();\n");
                        break;
                    }
                    case FunctionPointerType:
                        parameters.Add(($"{_raw}.{CallbackName(function, parameter)}Callback", p));
                        arguments.Add(p);
                        break;
                    default:
                        parameters.Add((_types.Api(parameter.Type), p));
                        arguments.Add(_types.ToRaw(p, parameter.Type, label));
                        break;
                }
            }

            string? result = null;
            string? resultType = null;
            if (plan.Result is { Carrier: ResultCarrier.OutResult } outResult)
            {
                before.Append($"        Memory _out_result = {_support}.zeroed({_types.Size(outResult.Type)});\n");
                arguments.Add("_out_result");
                result = _types.Read("_out_result", "0", outResult.Type);
                resultType = _types.Api(outResult.Type);
            }
            else if (plan.Result is { HasLength: true, Type: OwnedArrayType array })
            {
                before.Append($"        Memory _out_len = {_support}.zeroed(Native.SIZE_T_SIZE);\n");
                arguments.Add("_out_len");
                resultType = _types.ApiArray(array.Element);
                afterCheck.Append($"        {resultType} _value = null;\n        if (_result != null) {{\n            try {{\n");
                afterCheck.Append($"                int _length = Math.toIntExact({_support}.getSize(_out_len, 0));\n");
                if (_types.IsByteArray(array.Element))
                {
                    afterCheck.Append("                _value = _result.getByteArray(0, _length);\n");
                }
                else
                {
                    string size = _types.Size(array.Element);
                    afterCheck.Append($"                _value = {_types.NewArray(array.Element, "_length")};\n");
                    afterCheck.Append($"                for (int _i = 0; _i < _length; _i++) {{\n                    _value[_i] = {_types.Read("_result", $"(long) _i * {size}", array.Element)};\n                }}\n");
                }
                afterCheck.Append($"            }} finally {{\n                {_support}.freeBuffer(_result);\n            }}\n        }}\n");
                result = "_value";
            }
            else if (plan.Result is { } returned)
            {
                result = _types.FromRaw("_result", returned.Type);
                resultType = _types.Api(returned.Type);
            }

            var body = new StringBuilder();
            if (BindingShapes.PackedByValue(function, _library) is { } packed)
            {
                string structName = _names.Of(packed);
                doc += " Not callable through JNA: see the exception.";
                body.Append($"        throw new UnsupportedOperationException({Literal($"{function.Name} passes the packed struct {structName} by value, which JNA cannot do: libffi lays it out without its packing, so the values would arrive wrong. Call it from C, Rust or .NET, or take or return {structName} by reference (ref/in/out) in C#.")});\n");
                int refusedCount = (resultType is null ? 0 : 1) + values.Count;
                string refusedReturns = refusedCount switch
                {
                    0 => "void",
                    1 => resultType ?? values[0].Type,
                    _ => RecordName(function),
                };
                if ((resultType is null ? 0 : 1) + values.Count > 1)
                {
                    nested.Add(Record(function, resultType, values));
                }
                return new Method(name, refusedReturns, parameters, body.ToString(), doc, nested);
            }

            body.Append(before);
            body.Append($"        {_support}.clear();\n");
            string invoke = $"{_raw}.INSTANCE.{function.Name}({string.Join(", ", arguments)})";
            body.Append(plan.CReturn.IsVoid ? $"        {invoke};\n" : $"        {_types.RawValue(plan.CReturn)} _result = {invoke};\n");
            body.Append(afterCall);
            body.Append(plan.ErrorCheck == ErrorCheck.Status
                ? $"        if (_result != 0) {{\n            throw {_support}.error(_result);\n        }}\n"
                : $"        {_support}.check();\n");
            body.Append(afterCheck);
            int count = (result is null ? 0 : 1) + values.Count;
            string returns;
            if (count == 0)
            {
                returns = "void";
            }
            else if (count == 1)
            {
                returns = resultType ?? values[0].Type;
                body.Append($"        return {result ?? values[0].Value};\n");
            }
            else
            {
                returns = RecordName(function);
                nested.Add(Record(function, resultType, values));
                var items = (result is null ? Array.Empty<string>() : new[] { result }).Concat(values.Select(value => value.Value));
                body.Append($"        return new {returns}({string.Join(", ", items)});\n");
            }
            return new Method(name, returns, parameters, body.ToString(), doc, nested);
        }

        private static string RecordName(AbiFunction function) => BindingShapes.Pascal(function.Name) + "Result";

        private string Record(AbiFunction function, string? resultType, List<(string Type, string Name, string Value)> values)
        {
            var components = new List<string>();
            if (resultType is not null)
            {
                string resultName = values.Any(value => value.Name == "result") ? "result_" : "result";
                components.Add($"{resultType} {resultName}");
            }
            components.AddRange(values.Select(value => $"{value.Type} {value.Name}"));
            return $"\n    /** What {function.Name} gives back: {(resultType is null ? "" : "its result, then ")}its out and ref values. */\n"
                + $"    public record {RecordName(function)}({string.Join(", ", components)}) {{\n    }}\n";
        }
    }

    /// <summary>One static method of the facade: the handle classes' methods call it.</summary>
    private sealed record Method(string Name, string Returns, IReadOnlyList<(string Type, string Name)> Parameters, string Body, string Doc, IReadOnlyList<string> Nested);

    /// <summary>How the package spells each type, raw (JNA's C-width types) and for Java callers, and converts between them: the type-name mapping of the Java binding.</summary>
    private sealed class JavaTypes(AbiLibrary library, BindingNames names, string raw, string support)
    {
        private readonly bool _guids = library.Structs.Any(BindingTypes.HasGuidFields);

        private bool IsUuid(AbiType type) => _guids && BindingTypes.IsGuid(type, library);

        /// <summary>The JNA type of a C value passed or returned by value.</summary>
        public string RawValue(AbiType type) => type switch
        {
            StructRef => names.Of(type) + ".ByValue",
            _ => RawField(type),
        };

        /// <summary>The JNA type of a struct's field (a struct inside it by value).</summary>
        public string RawField(AbiType type) => type switch
        {
            EnumRef enumeration => RawField(enumeration.Underlying),
            StructRef => names.Of(type),
            PrimitiveType primitive => primitive.Primitive switch
            {
                Primitive.Void => "void",
                Primitive.Bool or Primitive.Char or Primitive.Int8 or Primitive.UInt8 => "byte",
                Primitive.Int16 or Primitive.UInt16 or Primitive.Half => "short",
                Primitive.Int32 or Primitive.UInt32 => "int",
                Primitive.Int64 or Primitive.UInt64 => "long",
                Primitive.SizeT or Primitive.UIntPtr => $"{raw}.SizeT",
                Primitive.IntPtr => $"{raw}.IntPtr",
                Primitive.Float => "float",
                Primitive.Double or Primitive.NFloat => "double",
                Primitive.Int128 => $"{raw}.Int128",
                Primitive.UInt128 => $"{raw}.UInt128",
                _ => "Pointer",
            },
            _ => "Pointer",
        };

        /// <summary>The Java type a caller gives and gets.</summary>
        public string Api(AbiType type) => type switch
        {
            EnumRef or HandleRef => names.Of(type),
            StructRef when IsUuid(type) => "java.util.UUID",
            StructRef => names.Of(type),
            StringType => "String",
            SpanType span => ApiArray(span.Element),
            OwnedArrayType array => ApiArray(array.Element),
            OptionalType optional => Boxed(optional.Value),
            ReferenceType reference => Api(reference.Target),
            PrimitiveType primitive => primitive.Primitive switch
            {
                Primitive.Void => "void",
                Primitive.Bool => "boolean",
                Primitive.Char or Primitive.Int8 => "byte",
                Primitive.Int16 or Primitive.Half => "short",
                Primitive.UInt8 or Primitive.UInt16 or Primitive.Int32 => "int",
                Primitive.UInt32 or Primitive.Int64 or Primitive.UInt64 or Primitive.SizeT or Primitive.UIntPtr or Primitive.IntPtr => "long",
                Primitive.Float => "float",
                Primitive.Double or Primitive.NFloat => "double",
                Primitive.Int128 or Primitive.UInt128 => "java.math.BigInteger",
                _ => "Pointer",
            },
            _ => "Pointer",
        };

        /// <summary>The Java type of an optional value: the boxed one.</summary>
        public string Boxed(AbiType type) => Api(type) switch
        {
            "boolean" => "Boolean",
            "byte" => "Byte",
            "short" => "Short",
            "int" => "Integer",
            "long" => "Long",
            "float" => "Float",
            "double" => "Double",
            var other => other,
        };

        /// <summary>Bytes stay bytes: a span or array of <c>uint8_t</c> is a <c>byte[]</c> of their bits.</summary>
        public bool IsByteArray(AbiType element) => element is PrimitiveType { Primitive: Primitive.UInt8 or Primitive.Int8 };

        public string ApiArray(AbiType element) => IsByteArray(element) ? "byte[]" : Api(element) + "[]";

        public string NewArray(AbiType element, string length)
        {
            string type = Api(element);
            int generic = type.IndexOf('<');
            return $"new {(generic < 0 ? type : type.Substring(0, generic))}[{length}]";
        }

        /// <summary>A constructor argument for a field: enums and bools as Java values, the rest as the field is.</summary>
        public string FieldArgument(AbiType type) => type is EnumRef || type == AbiType.Bool ? Api(type) : RawField(type);

        public string FieldFromArgument(string argument, AbiType type) => type is EnumRef || type == AbiType.Bool ? ToRaw(argument, type, Literal(argument)) : argument;

        /// <summary>The size in bytes of a value in native memory, as a Java expression.</summary>
        public string Size(AbiType type) => type switch
        {
            EnumRef enumeration => Size(enumeration.Underlying),
            StructRef => names.Of(type) + ".SIZE",
            PrimitiveType { Primitive: Primitive.SizeT } => "Native.SIZE_T_SIZE",
            PrimitiveType { Primitive: Primitive.IntPtr or Primitive.UIntPtr } => "Native.POINTER_SIZE",
            PrimitiveType { Primitive: Primitive.NFloat } => "8",
            PrimitiveType { Size: > 0 } primitive => primitive.Size.ToString(CultureInfo.InvariantCulture),
            _ => "Native.POINTER_SIZE",
        };

        /// <summary>A zero of a callback's C result, for after it threw.</summary>
        public string Zero(AbiType type) => RawValue(type) switch
        {
            "byte" or "short" or "int" or "long" or "float" or "double" => "0",
            var other when other.EndsWith(".SizeT", StringComparison.Ordinal) || other.EndsWith(".IntPtr", StringComparison.Ordinal) => $"new {other}(0)",
            _ => "null",
        };

        private static string Unsigned(string value, PrimitiveType type) => type.Primitive switch
        {
            Primitive.UInt8 => $"Byte.toUnsignedLong({value})",
            Primitive.UInt16 => $"Short.toUnsignedLong({value})",
            Primitive.UInt32 => $"Integer.toUnsignedLong({value})",
            _ => value,
        };

        private static string NonNull(string value, string label) => $"java.util.Objects.requireNonNull({value}, {label})";

        /// <summary>The JNA value of a Java value passed by value: range-checked, converted.</summary>
        public string ToRaw(string value, AbiType type, string label) => type switch
        {
            PrimitiveType { Primitive: Primitive.Bool } => $"(byte) ({value} ? 1 : 0)",
            PrimitiveType { Primitive: Primitive.UInt8 } => $"{support}.u8({value}, {label})",
            PrimitiveType { Primitive: Primitive.UInt16 } => $"{support}.u16({value}, {label})",
            PrimitiveType { Primitive: Primitive.UInt32 } => $"{support}.u32({value}, {label})",
            PrimitiveType { Primitive: Primitive.SizeT or Primitive.UIntPtr } => $"new {raw}.SizeT({support}.size({value}, {label}))",
            PrimitiveType { Primitive: Primitive.IntPtr } => $"new {raw}.IntPtr({support}.intptr({value}, {label}))",
            PrimitiveType { Primitive: Primitive.Int128 } => $"{support}.int128({NonNull(value, label)}, {label})",
            PrimitiveType { Primitive: Primitive.UInt128 } => $"{support}.uint128({NonNull(value, label)}, {label})",
            EnumRef enumeration => RawField(enumeration.Underlying) == "long"
                ? $"{NonNull(value, label)}.value()"
                : $"({RawField(enumeration.Underlying)}) {NonNull(value, label)}.value()",
            StructRef when IsUuid(type) => $"{support}.copy({names.Of(type)}.fromUuid({NonNull(value, label)}), new {names.Of(type)}.ByValue())",
            StructRef => $"{support}.copy({NonNull(value, label)}, new {names.Of(type)}.ByValue())",
            HandleRef => $"{names.Of(type)}.lend({value}, {label})",
            _ => value,
        };

        /// <summary>The Java value of a JNA value (a result, a callback's argument).</summary>
        public string FromRaw(string value, AbiType type) => type switch
        {
            PrimitiveType { Primitive: Primitive.Bool } => $"{value} != 0",
            PrimitiveType { Primitive: Primitive.UInt8 } => $"Byte.toUnsignedInt({value})",
            PrimitiveType { Primitive: Primitive.UInt16 } => $"Short.toUnsignedInt({value})",
            PrimitiveType { Primitive: Primitive.UInt32 } => $"Integer.toUnsignedLong({value})",
            PrimitiveType { Primitive: Primitive.SizeT or Primitive.UIntPtr or Primitive.IntPtr } => $"{value}.longValue()",
            PrimitiveType { Primitive: Primitive.Int128 } => $"{support}.fromInt128({value})",
            PrimitiveType { Primitive: Primitive.UInt128 } => $"{support}.fromUInt128({value})",
            EnumRef enumeration => $"{names.Of(type)}.fromValue({Unsigned(value, enumeration.Underlying)})",
            StructRef when IsUuid(type) => $"{value}.toUuid()",
            HandleRef => $"{names.Of(type)}.own({value})",
            StringType { Ownership: Ownership.Owned } => $"{support}.takeString({value})",
            StringType => $"{support}.utf8({value})",
            _ => value,
        };

        /// <summary>A statement writing a Java value into native memory at an offset.</summary>
        public string Write(string pointer, string offset, string value, AbiType type, string label) => type switch
        {
            PrimitiveType { Primitive: Primitive.Bool or Primitive.UInt8 or Primitive.Int8 or Primitive.Char } => $"{pointer}.setByte({offset}, {ToRaw(value, type, label)});",
            PrimitiveType { Primitive: Primitive.Int16 or Primitive.UInt16 or Primitive.Half } => $"{pointer}.setShort({offset}, {ToRaw(value, type, label)});",
            PrimitiveType { Primitive: Primitive.Int32 or Primitive.UInt32 } => $"{pointer}.setInt({offset}, {ToRaw(value, type, label)});",
            PrimitiveType { Primitive: Primitive.Int64 or Primitive.UInt64 } => $"{pointer}.setLong({offset}, {value});",
            PrimitiveType { Primitive: Primitive.SizeT or Primitive.UIntPtr } => $"{support}.setSize({pointer}, {offset}, {support}.size({value}, {label}));",
            PrimitiveType { Primitive: Primitive.IntPtr } => $"{support}.setIntPtr({pointer}, {offset}, {support}.intptr({value}, {label}));",
            PrimitiveType { Primitive: Primitive.Float } => $"{pointer}.setFloat({offset}, {value});",
            PrimitiveType { Primitive: Primitive.Double or Primitive.NFloat } => $"{pointer}.setDouble({offset}, {value});",
            PrimitiveType { Primitive: Primitive.Int128 or Primitive.UInt128 } => $"{support}.write({ToRaw(value, type, label)}, {pointer}, {offset});",
            EnumRef enumeration => $"{pointer}.{Setter(enumeration.Underlying)}({offset}, {ToRaw(value, type, label)});",
            StructRef when IsUuid(type) => $"{support}.write({names.Of(type)}.fromUuid({NonNull(value, label)}), {pointer}, {offset});",
            StructRef => $"{support}.write({NonNull(value, label)}, {pointer}, {offset});",
            HandleRef => $"{pointer}.setPointer({offset}, {names.Of(type)}.lend({value}, {label}));",
            _ => $"{pointer}.setPointer({offset}, {value});",
        };

        /// <summary>The Java value read from native memory at an offset.</summary>
        public string Read(string pointer, string offset, AbiType type) => type switch
        {
            PrimitiveType { Primitive: Primitive.Bool or Primitive.UInt8 or Primitive.Int8 or Primitive.Char } => FromRaw($"{pointer}.getByte({offset})", type),
            PrimitiveType { Primitive: Primitive.Int16 or Primitive.UInt16 or Primitive.Half } => FromRaw($"{pointer}.getShort({offset})", type),
            PrimitiveType { Primitive: Primitive.Int32 or Primitive.UInt32 } => FromRaw($"{pointer}.getInt({offset})", type),
            PrimitiveType { Primitive: Primitive.Int64 or Primitive.UInt64 } => $"{pointer}.getLong({offset})",
            PrimitiveType { Primitive: Primitive.SizeT or Primitive.UIntPtr } => $"{support}.getSize({pointer}, {offset})",
            PrimitiveType { Primitive: Primitive.IntPtr } => $"{support}.getIntPtr({pointer}, {offset})",
            PrimitiveType { Primitive: Primitive.Float } => $"{pointer}.getFloat({offset})",
            PrimitiveType { Primitive: Primitive.Double or Primitive.NFloat } => $"{pointer}.getDouble({offset})",
            PrimitiveType { Primitive: Primitive.Int128 or Primitive.UInt128 } => FromRaw($"{support}.read(new {RawField(type)}(), {pointer}, {offset})", type),
            EnumRef enumeration => $"{names.Of(type)}.fromValue({Unsigned(RawRead(pointer, offset, enumeration.Underlying), enumeration.Underlying)})",
            StructRef => FromRaw($"{support}.read(new {names.Of(type)}(), {pointer}, {offset})", type),
            HandleRef or StringType => FromRaw($"{pointer}.getPointer({offset})", type),
            _ => $"{pointer}.getPointer({offset})",
        };

        private static string Setter(PrimitiveType type) => type.Size switch
        {
            1 => "setByte",
            2 => "setShort",
            4 => "setInt",
            _ => "setLong",
        };

        // The C bits of an integer in memory, before widening.
        private static string RawRead(string pointer, string offset, PrimitiveType type) => type.Size switch
        {
            1 => $"{pointer}.getByte({offset})",
            2 => $"{pointer}.getShort({offset})",
            4 => $"{pointer}.getInt({offset})",
            _ => $"{pointer}.getLong({offset})",
        };
    }
}
