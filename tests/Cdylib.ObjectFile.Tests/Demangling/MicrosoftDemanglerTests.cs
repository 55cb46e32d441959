using Cdylib.ObjectFile.Demangling;

namespace Cdylib.ObjectFile.Tests.Demangling;

/// <summary>
/// The Microsoft demangler, one construct family per test; every expected text is what llvm-undname
/// (LLVM 14) prints for the name, except the one row marked where it is wrong. Real files:
/// <see cref="MicrosoftDemanglerAgreementTests"/>; hostile names: <see cref="MicrosoftDemanglerBoundsTests"/>.
/// </summary>
public sealed class MicrosoftDemanglerTests
{
    /// <summary>x86 and x64 calling conventions, member classes, variadic, noexcept, ref-qualifiers, extern "C" ($$J0).</summary>
    [Theory]
    [InlineData("?f@@YAXXZ", "void __cdecl f(void)")]
    [InlineData("?f@@YGXH@Z", "void __stdcall f(int)")]
    [InlineData("?f@@YIXH@Z", "void __fastcall f(int)")]
    [InlineData("?f@@YQXH@Z", "void __vectorcall f(int)")]
    [InlineData("?f@@YAXHZZ", "void __cdecl f(int, ...)")]
    [InlineData("?f@@YAXZZ", "void __cdecl f(...)")]
    [InlineData("?f@@YAXX_E", "void __cdecl f(void) noexcept")]
    [InlineData("?f@@$$J0YAXXZ", "extern \"C\" void __cdecl f(void)")]
    [InlineData("?f@A@@QAEXXZ", "public: void __thiscall A::f(void)")]
    [InlineData("?f@A@@QEAAXXZ", "public: void __cdecl A::f(void)")]
    [InlineData("?f@A@@UEBAHXZ", "public: virtual int __cdecl A::f(void) const")]
    [InlineData("?f@A@@KAXXZ", "protected: static void __cdecl A::f(void)")]
    [InlineData("?f@A@@AEAAXXZ", "private: void __cdecl A::f(void)")]
    [InlineData("?f@A@@QEGAAXXZ", "public: void __cdecl A::f(void) &")]
    [InlineData("?f@A@@QEHAAXXZ", "public: void __cdecl A::f(void) &&")]
    public void Functions_show_access_storage_calling_convention_and_signature(string mangled, string? expected) => Assert.Equal(expected, MicrosoftDemangler.Demangle(mangled));

    /// <summary>??0/??1, the compiler-made destructors, operators (new[], conversion, literal, &lt;=&gt;, a lambda's operator()).</summary>
    [Theory]
    [InlineData("??0A@@QEAA@XZ", "public: __cdecl A::A(void)")]
    [InlineData("??1A@@UEAA@XZ", "public: virtual __cdecl A::~A(void)")]
    [InlineData("??_GA@@UEAAPEAXI@Z", "public: virtual void * __cdecl A::`scalar deleting dtor'(unsigned int)")]
    [InlineData("??_EGCHandleStore@@UEAAPEAXI@Z", "public: virtual void * __cdecl GCHandleStore::`vector deleting dtor'(unsigned int)")]
    [InlineData("??4A@@QEAAAEAV0@AEBV0@@Z", "public: class A & __cdecl A::operator=(class A const &)")]
    [InlineData("??2@YAPEAX_K@Z", "void * __cdecl operator new(unsigned __int64)")]
    [InlineData("??_U@YAPEAX_K@Z", "void * __cdecl operator new[](unsigned __int64)")]
    [InlineData("??_V@YAXPEAX@Z", "void __cdecl operator delete[](void *)")]
    [InlineData("??BA@@QEBAHXZ", "public: int __cdecl A::operator int(void) const")]
    [InlineData("??__K_x@@YAX_K@Z", "void __cdecl operator \"\"_x(unsigned __int64)")]
    [InlineData("??__MA@@QEBA?AUstrong_ordering@std@@AEBU0@@Z", "public: struct std::strong_ordering __cdecl A::operator<=>(struct A const &) const")]
    [InlineData("??R<lambda_5113750ed872f65320d2e3d487583fce>@@QEBAIPEAX@Z", "public: unsigned int __cdecl <lambda_5113750ed872f65320d2e3d487583fce>::operator()(void *) const")]
    public void Constructors_destructors_and_operators(string mangled, string? expected) => Assert.Equal(expected, MicrosoftDemangler.Demangle(mangled));

    /// <summary>?$ names with types, integers, symbols ($1, $E), member-pointer constants ($F, $H), packs, nullptr, qualified and array arguments.</summary>
    [Theory]
    [InlineData("??$f@H@@YAXH@Z", "void __cdecl f<int>(int)")]
    [InlineData("?f@?$A@H@@QEAAXXZ", "public: void __cdecl A<int>::f(void)")]
    [InlineData("??$?9_WU?$char_traits@_W@std@@V?$allocator@_W@1@@std@@YA_NAEBV?$basic_string@_WU?$char_traits@_W@std@@V?$allocator@_W@2@@0@QEB_W@Z", "bool __cdecl std::operator!=<wchar_t, struct std::char_traits<wchar_t>, class std::allocator<wchar_t>>(class std::basic_string<wchar_t, struct std::char_traits<wchar_t>, class std::allocator<wchar_t>> const &, wchar_t const *const)")]
    [InlineData("??$f@$0A@@@YAXXZ", "void __cdecl f<0>(void)")]
    [InlineData("??$f@$0?0@@YAXXZ", "void __cdecl f<-1>(void)")]
    [InlineData("??$f@$0BA@@@YAXXZ", "void __cdecl f<16>(void)")]
    [InlineData("??$f@$1?x@@3HA@@YAXXZ", "void __cdecl f<&int x>(void)")]
    [InlineData("??$f@$E?x@@3HA@@YAXXZ", "void __cdecl f<int x>(void)")]
    [InlineData("??$f@$$T@@YAXXZ", "void __cdecl f<std::nullptr_t>(void)")]
    [InlineData("??$f@$$V@@YAXXZ", "void __cdecl f<>(void)")]
    [InlineData("??$f@H$$ZM@@YAXXZ", "void __cdecl f<int, float>(void)")]
    [InlineData("??$f@$$BY01H@@YAXXZ", "void __cdecl f<int[2]>(void)")]
    [InlineData("??$f@$$CBH@@YAXXZ", "void __cdecl f<int const>(void)")]
    [InlineData("??$f@$F7A@@@YAXXZ", "void __cdecl f<{8, 0}>(void)")]
    [InlineData("??$f@$H?g@A@@QEAAXXZ7@@YAXXZ", "void __cdecl f<{public: void __cdecl A::g(void), 8}>(void)")]
    [InlineData("??$?0PEA_W$0A@@?$basic_string@_WU?$char_traits@_W@std@@V?$allocator@_W@2@@std@@QEAA@PEA_W0AEBV?$allocator@_W@1@@Z", "public: __cdecl std::basic_string<wchar_t, struct std::char_traits<wchar_t>, class std::allocator<wchar_t>>::basic_string<wchar_t, struct std::char_traits<wchar_t>, class std::allocator<wchar_t>><wchar_t *, 0>(wchar_t *, wchar_t *, class std::allocator<wchar_t> const &)")]
    public void Templates_print_their_arguments(string mangled, string? expected) => Assert.Equal(expected, MicrosoftDemangler.Demangle(mangled));

    /// <summary>Name and parameter back-references 0-9, anonymous namespaces (?A0x…) and function-local scopes.</summary>
    [Theory]
    [InlineData("?f@@YAXPEAH0@Z", "void __cdecl f(int *, int *)")]
    [InlineData("?f@A@B@@QEAAXVA@2@@Z", "public: void __cdecl B::A::f(class B::A)")]
    [InlineData("?f@@YAXUA@@0@Z", "void __cdecl f(struct A, struct A)")]
    [InlineData("?GCProfileWalkHeapWorker@?A0xc5a925e8@@YAXHH@Z", "void __cdecl `anonymous namespace'::GCProfileWalkHeapWorker(int, int)")]
    [InlineData("??1?$lock_guard@Vspin_lock@?A0x09416f11@@@std@@QEAA@XZ", "public: __cdecl std::lock_guard<class `anonymous namespace'::spin_lock>::~lock_guard<class `anonymous namespace'::spin_lock>(void)")]
    [InlineData("?x@?1??f@@YAXXZ@4HA", "int `void __cdecl f(void)'::`2'::x")]
    [InlineData("?dtor$4@?0???0fx_ver_t@@QEAA@HHHAEBV?$basic_string@_WU?$char_traits@_W@std@@V?$allocator@_W@2@@std@@@Z@4HA", "int `public: __cdecl fx_ver_t::fx_ver_t(int, int, int, class std::basic_string<wchar_t, struct std::char_traits<wchar_t>, class std::allocator<wchar_t>> const &)'::`1'::dtor$4")]
    public void Back_references_and_namespaces_resolve(string mangled, string? expected) => Assert.Equal(expected, MicrosoftDemangler.Demangle(mangled));

    /// <summary>$$Q rvalue references, __ptr64 (not printed), __restrict, __unaligned, function and member pointers, arrays. $$R and a $$B variable type are names llvm-undname does not read.</summary>
    [Theory]
    [InlineData("?f@@YAX$$QEAH@Z", "void __cdecl f(int &&)")]
    [InlineData("??4?$basic_string@_WU?$char_traits@_W@std@@V?$allocator@_W@2@@std@@QEAAAEAV01@$$QEAV01@@Z", "public: class std::basic_string<wchar_t, struct std::char_traits<wchar_t>, class std::allocator<wchar_t>> & __cdecl std::basic_string<wchar_t, struct std::char_traits<wchar_t>, class std::allocator<wchar_t>>::operator=(class std::basic_string<wchar_t, struct std::char_traits<wchar_t>, class std::allocator<wchar_t>> &&)")]
    [InlineData("?f@@YAX$$RAH@Z", null)]
    [InlineData("?x@@3PEAHEA", "int *x")]
    [InlineData("?x@@3PAHA", "int *x")]
    [InlineData("?x@@3QEBHEB", "int const *const x")]
    [InlineData("?x@@3PEIAHEIA", "int *__restrict x")]
    [InlineData("?x@@3PEFAHEFA", "int __unaligned *x")]
    [InlineData("?x@@3P6AXH@ZEA", "void (__cdecl *x)(int)")]
    [InlineData("?f@@YAXP6AHH@Z@Z", "void __cdecl f(int (__cdecl *)(int))")]
    [InlineData("?f@@YAXP6GHH@Z@Z", "void __cdecl f(int (__stdcall *)(int))")]
    [InlineData("?x@@3PEQA@@HEQ1@", "int A::*x")]
    [InlineData("?f@@YAXP8A@@EAAXXZ@Z", "void __cdecl f(void (__cdecl A::*)(void))")]
    [InlineData("?f@@YAXP8A@@EBAHH@Z@Z", "void __cdecl f(int (__cdecl A::*)(int) const)")]
    [InlineData("?x@@3PAY04HA", "int (*x)[5]")]
    [InlineData("?x@@3PAY1BE@4HA", "int (*x)[20][5]")]
    [InlineData("?f@@YAXQAH@Z", "void __cdecl f(int *const)")]
    [InlineData("?f@@YAXAAY02H@Z", "void __cdecl f(int (&)[3])")]
    [InlineData("?x@@3$$BY02HA", null)]
    public void Pointers_references_and_arrays_keep_their_declarator_shape(string mangled, string? expected) => Assert.Equal(expected, MicrosoftDemangler.Demangle(mangled));

    /// <summary>Globals and static members with their access, every primitive type letter.</summary>
    [Theory]
    [InlineData("?x@@3HA", "int x")]
    [InlineData("?x@A@@2HA", "public: static int A::x")]
    [InlineData("?x@A@@0HB", "private: static int const A::x")]
    [InlineData("?x@A@@1PEBDEB", "protected: static char const *A::x")]
    [InlineData("?x@@3W4E@@A", "enum E x")]
    [InlineData("?x@@3TU@@A", "union U x")]
    [InlineData("?x@@3_NA", "bool x")]
    [InlineData("?x@@3_JA", "__int64 x")]
    [InlineData("?x@@3_KA", "unsigned __int64 x")]
    [InlineData("?x@@3_WA", "wchar_t x")]
    [InlineData("?x@@3_SA", "char16_t x")]
    [InlineData("?x@@3_UA", "char32_t x")]
    [InlineData("?x@@3_QA", "char8_t x")]
    [InlineData("?x@@3NA", "double x")]
    [InlineData("?x@@3OA", "long double x")]
    [InlineData("?x@@3MA", "float x")]
    [InlineData("?x@@3CA", "signed char x")]
    [InlineData("?x@@3EA", "unsigned char x")]
    [InlineData("?x@@3FA", "short x")]
    [InlineData("?x@@3GA", "unsigned short x")]
    [InlineData("?x@@3JA", "long x")]
    [InlineData("?x@@3KA", "unsigned long x")]
    public void Variables_and_primitive_types(string mangled, string? expected) => Assert.Equal(expected, MicrosoftDemangler.Demangle(mangled));

    /// <summary>??_7/??_8 tables, the ??_R RTTI records and .?A type names, local static guards, dynamic initializers and atexit destructors.</summary>
    [Theory]
    [InlineData("??_7A@@6B@", "const A::`vftable'")]
    [InlineData("??_7A@@6BB@@@", "const A::`vftable'{for `B'}")]
    // llvm-undname 14 (and 19) print only the first target, {for `B'}; MSVC's undname and LLVM since prints every one.
    [InlineData("??_7A@@6BB@@C@@@", "const A::`vftable'{for `B's `C'}")]
    [InlineData("??_8A@@7B@", "const A::`vbtable'")]
    [InlineData("??_R0?AVA@@@8", "class A `RTTI Type Descriptor'")]
    [InlineData("??_R1A@?0A@EA@A@@8", "A::`RTTI Base Class Descriptor at (0, -1, 0, 64)'")]
    [InlineData("??_R2A@@8", "A::`RTTI Base Class Array'")]
    [InlineData("??_R3A@@8", "A::`RTTI Class Hierarchy Descriptor'")]
    [InlineData("??_R4A@@6B@", "const A::`RTTI Complete Object Locator'")]
    [InlineData(".?AVA@@", "class A `RTTI Type Descriptor Name'")]
    [InlineData(".?AUS@ns@@", "struct ns::S `RTTI Type Descriptor Name'")]
    [InlineData("??_B?1??f@@YAXXZ@51", "`void __cdecl f(void)'::`2'::`local static guard'{2}")]
    [InlineData("??__J?1??f@@YAXXZ@51", "`void __cdecl f(void)'::`2'::`local static thread guard'{2}")]
    [InlineData("?$TSS0@?1??f@@YAXXZ@4HA", "int `void __cdecl f(void)'::`2'::$TSS0")]
    [InlineData("??__Ex@@YAXXZ", "void __cdecl `dynamic initializer for 'x''(void)")]
    [InlineData("??__Fx@@YAXXZ", "void __cdecl `dynamic atexit destructor for 'x''(void)")]
    [InlineData("??__E?DevicePathPrefix@LongFile@@2V?$basic_string@_WU?$char_traits@_W@std@@V?$allocator@_W@2@@std@@B@@YAXXZ", "void __cdecl `dynamic initializer for `public: static class std::basic_string<wchar_t, struct std::char_traits<wchar_t>, class std::allocator<wchar_t>> const LongFile::DevicePathPrefix''(void)")]
    public void Vftables_rtti_guards_and_initializers(string mangled, string? expected) => Assert.Equal(expected, MicrosoftDemangler.Demangle(mangled));

    /// <summary>vcall thunks, adjustor and vtordisp(ex) thunks (32-bit offsets, as llvm-undname keeps them).</summary>
    [Theory]
    [InlineData("??_9A@@$BA@AA", "[thunk]: __cdecl A::`vcall'{0, {flat}}")]
    [InlineData("?f@A@@W7EAAXXZ", "[thunk]: public: virtual void __cdecl A::f`adjustor{8}'(void)")]
    [InlineData("?f@A@@$4PPPPPPPM@A@EAAXXZ", "[thunk]: public: virtual void __cdecl A::f`vtordisp{-4, 0}'(void)")]
    [InlineData("?f@A@@$R4BA@A@PPPPPPPM@7EAAXXZ", "[thunk]: public: virtual void __cdecl A::f`vtordispex{16, 0, -4, 8}'(void)")]
    [InlineData("?f@A@@GBA@EAAXXZ", "[thunk]: private: void __cdecl A::f`adjustor{16}'(void)")]
    public void Thunks_show_their_adjustment(string mangled, string? expected) => Assert.Equal(expected, MicrosoftDemangler.Demangle(mangled));

    /// <summary>Adjustor offsets, RTTI offsets and guard indexes are 32-bit (a vtordisp of PPPPPPPM@ is -4, an adjustor
    /// of it 4294967292); vcall offsets, template integers and array dimensions 64-bit.</summary>
    [Theory]
    [InlineData("?f@A@@W7EAAXXZ", "[thunk]: public: virtual void __cdecl A::f`adjustor{8}'(void)")]
    [InlineData("?f@A@@WPPPPPPPM@EAAXXZ", "[thunk]: public: virtual void __cdecl A::f`adjustor{4294967292}'(void)")]
    [InlineData("?f@A@@WBAAAAAAAAA@EAAXXZ", "[thunk]: public: virtual void __cdecl A::f`adjustor{0}'(void)")]
    [InlineData("?f@A@@$R4BAAAAAAAAA@A@PPPPPPPM@7EAAXXZ", "[thunk]: public: virtual void __cdecl A::f`vtordispex{0, 0, -4, 8}'(void)")]
    [InlineData("??_R1PPPPPPPP@PPPPPPPP@BAAAAAAAAA@BAAAAAAAAA@A@@8", "A::`RTTI Base Class Descriptor at (4294967295, -1, 0, 0)'")]
    [InlineData("??_9A@@$BBAAAAAAAAA@AA", "[thunk]: __cdecl A::`vcall'{68719476736, {flat}}")]
    [InlineData("??_B?1??f@@YAXXZ@5BAAAAAAAAA@", "`void __cdecl f(void)'::`2'::`local static guard'")]
    [InlineData("??$f@$F7BAAAAAAAAA@@@YAXXZ", "void __cdecl f<{8, 68719476736}>(void)")]
    [InlineData("??$f@$FPPPPPPPP@A@@@YAXXZ", "void __cdecl f<{4294967295, 0}>(void)")]
    [InlineData("??$f@$0BAAAAAAAAA@@@YAXXZ", "void __cdecl f<68719476736>(void)")]
    [InlineData("?x@@3PAY0BAAAAAAAAA@HA", "int (*x)[68719476736]")]
    public void Numbers_keep_the_widths_llvm_undname_gives_them(string mangled, string expected) => Assert.Equal(expected, MicrosoftDemangler.Demangle(mangled));

    /// <summary>??_C@_0 and ??_C@_1: the character width guessed from the length and the NULs, the terminator left out, ... after a cut text.</summary>
    [Theory]
    [InlineData("??_C@_0L@HAHMBNLP@data?5error@", "\"data error\"...")]
    [InlineData("??_C@_0BA@BMPEHEGJ@GCGen1MaxBudget@", "\"GCGen1MaxBudget\"...")]
    [InlineData("??_C@_0BA@CCEJNI@ucol_previous?$CFs@", "\"ucol_previous%s\"...")]
    [InlineData("??_C@_11LOCGONAA@@", "L\"\"")]
    [InlineData("??_C@_13BBDEGPLJ@?$AA?$CK@", "L\"*\"")]
    [InlineData("??_C@_13FNCBLAIF@?$AAa@", "L\"a\"")]
    [InlineData("??_C@_05ABCDEFGH@a?6b?$AA@", "\"a\\nb\\0\"...")]
    [InlineData("??_C@_03ABCDEFGH@?$OJ?$AA@", "\"\\xE9\\0\"...")]
    [InlineData("??_C@_06ABCDEFGH@a?$AA?$AAb?$AA?$AA@", "\"a\\0\\0b\\0\\0\"...")]
    [InlineData("??_C@_08ABCDEFGH@a?$AA?$AA?$AA?$AA?$AA?$AA?$AA@", "\"a\\0\\0\\0\\0\\0\\0\\0\"...")]
    [InlineData("??_C@_05ABCDEFGH@a?$AAb?$AA?$AA?$AA@", "u\"ab\"")]
    [InlineData("??_C@_0M@ABCDEFGH@a?$AA?$AA?$AAb?$AA?$AA?$AA?$AA?$AA?$AA?$AA@", "U\"ab\"")]
    [InlineData("??_C@_0EA@ABCDEFGH@abcdefghijklmnopqrstuvwxyz?$AAabcde@", "\"abcdefghijklmnopqrstuvwxyz\\0abcde\"...")]
    [InlineData("??_C@_1EA@ABCDEFGH@?$AAa?$AAb@", "L\"ab\"")]
    public void String_literals_print_as_llvm_undname_guesses_them(string mangled, string? expected) => Assert.Equal(expected, MicrosoftDemangler.Demangle(mangled));

    /// <summary>??@…@ names (too long to mangle) and their ??_R4@ locator form.</summary>
    [Theory]
    [InlineData("??@a6a285da2eea70dba6b578022be61d81@", "??@a6a285da2eea70dba6b578022be61d81@")]
    [InlineData("??@a6a285da2eea70dba6b578022be61d81@??_R4@", "??@a6a285da2eea70dba6b578022be61d81@??_R4@")]
    public void Md5_names_print_as_they_are(string mangled, string? expected) => Assert.Equal(expected, MicrosoftDemangler.Demangle(mangled));

    /// <summary>Truncated and invalid names give null; trailing text after a complete name is ignored, as llvm-undname does.</summary>
    [Theory]
    [InlineData("?", null)]
    [InlineData("?f", null)]
    [InlineData("?f@@YAX", null)]
    [InlineData("?f@@YAXH", null)]
    [InlineData("??_Ax", null)]
    [InlineData("??_P@x", null)]
    [InlineData("?f@@YAX?", null)]
    [InlineData("?f@@3", null)]
    [InlineData("??$f@$$RH@@YAXXZ", null)]
    [InlineData("?x@@3HAtrailing", "int x")]
    public void Malformed_names_give_null(string mangled, string? expected) => Assert.Equal(expected, MicrosoftDemangler.Demangle(mangled));

    /// <summary>Names of other schemes and plain C names are not Microsoft names. llvm-undname reads any '.'-name
    /// as a type (".K" is "unsigned long `RTTI Type Descriptor Name'"); only the real form, .?A…, is taken here,
    /// so an ELF or Mach-O name such as ".L" or ".K" stays as it is.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("_Z3foov")]
    [InlineData("_RNvC1a1b")]
    [InlineData(".K")]
    [InlineData(".text")]
    public void Other_names_are_not_microsoft_names(string name) => Assert.Null(MicrosoftDemangler.Demangle(name));

    /// <summary>The front door hands a Microsoft name to this scheme.</summary>
    [Fact]
    public void The_front_door_demangles_microsoft_names() =>
        Assert.Equal("public: __cdecl A::A(void)", Demangler.Demangle("??0A@@QEAA@XZ"));
}
