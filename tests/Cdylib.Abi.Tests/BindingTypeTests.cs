using System;
using System.Linq;
using Cdylib.Abi.Emitters.Bindings;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Tests;

/// <summary>
/// What the bindings call the library's types (the C# names, whatever the C names), and how they carry
/// .NET's own structs with a C form (Guid, Int128/UInt128, Half, NFloat) and handles. The bindings run
/// against real libraries in the end-to-end tests (BoundaryTests, LayoutTests, BindingNamesTests).
/// </summary>
public sealed class BindingTypeTests
{
    private static readonly AbiType Byte = Models.Byte;

    // C names with the library's prefix, as the generator may write them: the struct BndPoint, the enum
    // BndColor with BND_COLOR_* constants, the handle BndCounter.
    private static readonly AbiType Point = new StructRef("BndPoint");
    private static readonly AbiType Color = new EnumRef("BndColor", Models.Byte);
    private static readonly AbiType Counter = new HandleRef("BndCounter");
    private static readonly AbiType Visit = new FunctionPointerType(Models.Int32, new[] { Color, new PointerType(Point), AbiType.VoidPointer }.ToEquatableArray());

    private static AbiLibrary Prefixed()
    {
        var point = new AbiStruct("BndPoint", "Geo.Point", new[]
        {
            new AbiField("X", Models.Int32, 0, 0, null),
            new AbiField("Fill", Color, 4, 4, null),
        }.ToEquatableArray(), new AbiLayout(8, 4), new AbiLayout(8, 4), null);
        var color = new AbiEnum("BndColor", "Geo.Color", Models.Byte, new[]
        {
            new AbiEnumMember("Red", "BND_COLOR_RED", 1, null),
            new AbiEnumMember("DeepBlue", "BND_COLOR_DEEP_BLUE", 4, null),
        }.ToEquatableArray(), null);
        var functions = new[]
        {
            Models.Function("bnd_move", Point, Point, Color),
            Models.Function("bnd_paint", Models.Int32, Counter, Visit, AbiType.VoidPointer),
            Models.Function("bnd_counter_new", Counter),
            new AbiFunction("bnd_counter_free", AbiCallingConvention.C, AbiType.Void,
                new[] { new AbiParameter("handle", Counter, null) }.ToEquatableArray(), AbiFunctionOrigin.Helper, "", AbiDoc.None) { Role = AbiHelperRole.HandleFree },
        };
        return Models.Library(functions, new[] { color }, new[] { point }) with
        {
            Name = "bnd",
            Prefix = "bnd",
            Handles = new[] { new AbiHandle("BndCounter", "Geo.Counter", "bnd_counter_free", null) }.ToEquatableArray(),
        };
    }

    private static string Python(AbiLibrary library) => BindingLanguages.Emit("python", library, LibraryLocation.Beside)[BindingShapes.PythonModule(library) + ".py"];

    private static string Rust(AbiLibrary library) => BindingLanguages.Emit("rust", library, LibraryLocation.Beside)[System.IO.Path.Combine(BindingShapes.RustCrate(library), "src", "lib.rs")];

    private static string CSharp(AbiLibrary library) => BindingLanguages.Emit("csharp", library, LibraryLocation.Beside)[library.Name + ".Native.cs"];

    [Fact]
    public void Types_are_named_after_their_csharp_types_not_their_prefixed_c_names()
    {
        AbiLibrary library = Prefixed();

        string python = Python(library);
        Assert.Contains("class Point(ctypes.Structure):", python);
        Assert.Contains("        (\"Fill\", ctypes.c_uint8),", python);
        Assert.Contains("class Color(enum.IntEnum):\n    \"\"\"Geo.Color\"\"\"\n\n    RED = 1\n    DEEP_BLUE = 4\n", python);
        Assert.Contains("class Counter:", python);
        Assert.Contains("_lib.bnd_move.argtypes = [Point, ctypes.c_uint8]", python);
        Assert.Contains("_lib.bnd_move.restype = Point", python);
        Assert.Contains("_lend(Counter, p0, \"p0\")", python);
        Assert.Contains("return Counter(_result) if _result else None", python);
        Assert.DoesNotContain("Bnd", python.Replace("BND_LIBRARY", ""));

        string rust = Rust(library);
        Assert.Contains("pub struct Point {\n    pub X: i32,\n    pub Fill: Color,\n}", rust);
        Assert.Contains("pub struct Color(pub u8);", rust);
        Assert.Contains("    pub const Red: Color = Color(1);\n    pub const DeepBlue: Color = Color(4);", rust);
        Assert.Contains("pub struct Counter(*mut ffi::Counter);", rust);
        // The raw layer uses the crate's types too: only the functions keep their C names.
        Assert.Contains("pub fn bnd_move(p0: Point, p1: Color) -> Point;", rust);
        Assert.Contains("pub fn bnd_paint(p0: *mut ffi::Counter, p1: Option<unsafe extern \"C\" fn(Color, *mut Point, *mut c_void) -> i32>, p2: *mut c_void) -> i32;", rust);
        Assert.Contains("pub fn bnd_paint<F0: FnMut(Color, *mut Point) -> i32>(p0: &Counter, p1: F0) -> Result<i32, Error>", rust);
        Assert.DoesNotContain("BndPoint", rust);
        Assert.DoesNotContain("BND_COLOR", rust);
        Assert.DoesNotContain("BndColor", rust);

        string csharp = CSharp(library);
        Assert.Contains("public unsafe struct Point\n{\n    public int X;\n    public Color Fill;\n}", csharp);
        Assert.Contains("public enum Color : byte\n{\n    Red = unchecked((byte)1),\n    DeepBlue = unchecked((byte)4),\n}", csharp);
        Assert.Contains("public sealed unsafe class Counter : IDisposable", csharp);
        Assert.Contains("public static partial Point bnd_move(Point p0, Color p1);", csharp);
        Assert.Contains("delegate* unmanaged[Cdecl]<Color, Point*, void*, int>", csharp);
        Assert.Contains("public static int BndPaint(Counter p0, Func<Color, nint, int> p1)", csharp);
        Assert.DoesNotContain("BndPoint", csharp);
        Assert.DoesNotContain("BndColor", csharp);
        Assert.DoesNotContain("BndCounter ", csharp);
    }

    [Fact]
    public void Types_sharing_a_simple_name_or_one_the_binding_uses_take_their_whole_csharp_name()
    {
        // Geo.Point and Ui.Point (the generator keeps their C names apart), a struct called Error (the
        // bindings' exception type) and one called Guid beside System.Guid, which keeps the name.
        AbiStruct Struct(string c, string managed) => new(c, managed, new[] { new AbiField("x", Models.Int32, 0, 0, null) }.ToEquatableArray(), new AbiLayout(4, 4), new AbiLayout(4, 4), null);
        AbiLibrary library = Models.Library(Array.Empty<AbiFunction>(), structs: new[]
        {
            Struct("GeoPoint", "Geo.Point"), Struct("UiPoint", "Ui.Point"), Struct("BndError", "Lib.Error"), Struct("BndGuid", "Lib.Guid"),
            WellKnownTypes.GuidStruct,
        });
        foreach (BindingNames names in new[] { BindingNames.For(library, new[] { "Error" }) })
        {
            Assert.Equal(new[] { "GeoPoint", "UiPoint", "LibError", "LibGuid", "Guid" }, library.Structs.Select(names.Of));
        }
        Assert.Contains("class LibError(ctypes.Structure):", Python(library));
        Assert.Contains("pub struct LibError {", Rust(library));
        Assert.Contains("public unsafe struct Error\n", CSharp(library)); // C#'s exception is LibException: Error is free
        // C# uses System.Guid itself: no struct of that name is declared.
        Assert.DoesNotContain("struct Guid", CSharp(library));
        Assert.Contains("pub struct Guid {", Rust(library));
        Assert.Contains("class Guid(ctypes.Structure):", Python(library));

        // A name a C# type can have and a language reserves: Python's None, Rust's Self.
        AbiLibrary keywords = Models.Library(Array.Empty<AbiFunction>(), structs: new[] { Struct("None", "Lib.None"), Struct("Self", "Lib.Self") });
        Assert.Contains("class LibNone(ctypes.Structure):", Python(keywords));
        Assert.Contains("pub struct LibSelf {", Rust(keywords));
    }

    [Fact]
    public void Python_writes_enum_members_in_upper_case_unless_two_would_share_a_name()
    {
        AbiEnum flags = Models.Color(("DeepBlue", "1"), ("HTTPCode", "2"), ("Foo_Bar", "4"), ("FooBar", "8"), ("_Hidden_", "16"));
        Assert.Equal(new[] { "DEEP_BLUE", "HTTPCODE", "Foo_Bar", "FooBar", "_Hidden_" }, PythonModule.MemberNames(flags).Select(member => member.Name));
    }

    [Fact]
    public void Dotnet_structs_with_a_c_form_get_each_languages_own_type_never_a_pointer()
    {
        AbiType Ref(string keyword, AbiType element) => new ReferenceType(keyword == "in" ? ReferenceKind.In : ReferenceKind.Out, element);
        AbiType Span(AbiType element) => new SpanType(element, Writable: false);
        var wide = new AbiStruct("Wide", "Lib.Wide", new[]
        {
            new AbiField("Tag", Byte, 0, 0, null),
            new AbiField("Value", WellKnownTypes.Int128, 16, 16, null),
            new AbiField("H", WellKnownTypes.Half, 32, 32, null),
            new AbiField("F", WellKnownTypes.NFloat, 40, 36, null),
        }.ToEquatableArray(), new AbiLayout(48, 16), new AbiLayout(48, 16), null);
        AbiType wideType = new StructRef("Wide");
        AbiLibrary library = Models.Library(new[]
        {
            Models.Function("add", AbiType.Void, Ref("in", WellKnownTypes.Int128), Ref("out", WellKnownTypes.UInt128)),
            Models.Function("sum", Models.Int64, Span(WellKnownTypes.Int128)),
            Models.Function("half", WellKnownTypes.Half, WellKnownTypes.Half),
            Models.Function("scale", WellKnownTypes.NFloat, WellKnownTypes.NFloat),
            Models.Function("guid", new StructRef("Guid"), new StructRef("Guid")),
            Models.Function("wide", AbiType.Void, Ref("in", wideType)),
        }, structs: new[] { WellKnownTypes.GuidStruct, wide });

        string python = Python(library);
        Assert.Contains("_lib.add.argtypes = [ctypes.POINTER(Int128), ctypes.POINTER(UInt128)]", python);
        Assert.Contains("    _p0 = _int128(p0, \"p0\")\n", python);
        Assert.Contains("    return int(_p1)\n", python);
        Assert.Contains("_p0, _p0_len = _array(Int128, p0, \"p0\", _int128)", python);
        Assert.Contains("_lib.half.argtypes = [ctypes.c_uint16]", python);
        Assert.Contains("_result = _lib.half(_half(p0, \"p0\"))", python);
        Assert.Contains("return _from_half(_result)", python);
        Assert.Contains("_lib.scale.argtypes = [_nfloat]", python);
        Assert.Contains("_lib.guid.argtypes = [Guid]", python);
        Assert.Contains("return Guid.to_uuid(_result)", python);
        // Wide is laid out by hand, as ctypes would put the Int128 at 8.
        Assert.Contains("_fields_ = [(\"Tag\", ctypes.c_uint8), (\"_pad0\", ctypes.c_uint8 * 15), (\"_Value\", Int128), (\"_H\", ctypes.c_uint16), (\"_pad1\", ctypes.c_uint8 * 6), (\"F\", _nfloat)] if _POINTER_SIZE == 8 else "
            + "[(\"Tag\", ctypes.c_uint8), (\"_pad0\", ctypes.c_uint8 * 15), (\"_Value\", Int128), (\"_H\", ctypes.c_uint16), (\"_pad1\", ctypes.c_uint8 * 2), (\"F\", _nfloat), (\"_pad2\", ctypes.c_uint8 * 8)]", python);
        Assert.Contains("    Value = _field(\"_Value\", int, _int128, \"Value\",", python);
        Assert.DoesNotContain("c_void_p", python.Substring(python.IndexOf("class Wide", StringComparison.Ordinal)));

        string rust = Rust(library);
        Assert.Contains("pub fn add(p0: *const i128, p1: *mut u128);", rust);
        Assert.Contains("pub fn half(p0: u16) -> u16;", rust);
        Assert.Contains("pub fn scale(p0: NFloat) -> NFloat;", rust);
        Assert.Contains("pub fn guid(p0: Guid) -> Guid;", rust);
        Assert.Contains("pub Value: i128,", rust);
        Assert.Contains("#[cfg(target_pointer_width = \"64\")]\npub type NFloat = f64;", rust);
        Assert.Contains("pub mod half {", rust);
        Assert.Contains("assert!(std::mem::offset_of!(Wide, F) == 36, \"Wide is not laid out as the library lays it out\");", rust);

        string csharp = CSharp(library);
        Assert.Contains("public static partial void add(Int128* p0, UInt128* p1);", csharp);
        Assert.Contains("public static void Add(in Int128 p0, out UInt128 p1)", csharp);
        Assert.Contains("public static partial ushort half(ushort p0);", csharp);
        Assert.Contains("public static Half Half(Half p0)", csharp);
        Assert.Contains("var __result = Raw.half(BitConverter.HalfToUInt16Bits(p0));", csharp);
        Assert.Contains("return BitConverter.UInt16BitsToHalf(__result);", csharp);
        Assert.Contains("public static partial NFloat scale(NFloat p0);", csharp);
        Assert.Contains("public static partial Guid guid(Guid p0);", csharp);
        Assert.Contains("    public Int128 Value;\n", csharp);
        Assert.Contains("    private ushort __H;\n", csharp);
        Assert.Contains("    public Half H { readonly get => BitConverter.UInt16BitsToHalf(__H); set => __H = BitConverter.HalfToUInt16Bits(value); }", csharp);
        Assert.DoesNotContain("IntPtr p0", csharp);
    }

    [Fact]
    public void A_handles_free_function_closes_its_wrapper_so_nothing_is_freed_twice()
    {
        AbiLibrary library = Prefixed();
        string python = Python(library);
        Assert.Contains("def bnd_counter_free(handle):\n    \"\"\"Closes a Counter: the same as handle.close(), which frees its handle once and clears it. None is fine.\"\"\"\n"
            + "    if handle is not None:\n        _struct(Counter, handle, \"handle\").close()\n", python);
        Assert.Contains("        with _closing:\n            handle, self._handle = self._handle, None\n        if handle:\n", python);

        string csharp = CSharp(library);
        Assert.Contains("void* handle = (void*)Interlocked.Exchange(ref _handle, 0);", csharp);
        Assert.Contains("internal void* Handle => _handle != 0 ? (void*)_handle : throw new ObjectDisposedException(nameof(Counter));", csharp);
        Assert.DoesNotContain("BndCounterFree", csharp);

        string rust = Rust(library);
        Assert.Contains("pub fn into_raw(self) -> *mut ffi::Counter {", rust);
        Assert.Contains("pub unsafe fn from_raw(handle: *mut ffi::Counter) -> Self {", rust);
        Assert.DoesNotContain("pub fn bnd_counter_free(", rust.Substring(rust.IndexOf("fn check()", StringComparison.Ordinal)));
    }
}
