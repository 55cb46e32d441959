using Cdylib.ObjectFile.Demangling;

namespace Cdylib.ObjectFile.Tests.Demangling;

/// <summary>
/// One family of Itanium constructs per test, each name with the text llvm-cxxfilt 14 prints for it,
/// recorded with <c>llvm-cxxfilt-14 &lt; names</c> (the Mach-O form with <c>llvm-cxxfilt-14 -_</c>).
/// Two names differ on purpose, where LLVM 14 is wrong and the expected text is c++filt's: a
/// constructor of an ABI-tagged class, which LLVM 14 prints without its name (<c>Foo[abi:cxx11]::()</c>),
/// and a conversion operator to a class template specialization, which LLVM 14 cannot read.
/// The whole-library agreement with the tool itself is in <see cref="ItaniumAgreementTests"/>.
/// </summary>
public sealed class ItaniumDemanglerTests
{
    public static TheoryData<string, string> Functions_and_nested_names_names() => new()
    {
        { "_Z1fv", "f()" },
        { "_Z1fi", "f(int)" },
        { "_ZN3foo3barEv", "foo::bar()" },
        { "_ZNK3Foo3getEv", "Foo::get() const" },
        { "_ZNKR3Foo3getEv", "Foo::get() const &" },
        { "_ZNO3Foo4takeEv", "Foo::take() &&" },
        { "_ZN12_GLOBAL__N_13fooEv", "(anonymous namespace)::foo()" },
        { "_ZN5Outer5InnerIiE3getEv", "Outer::Inner<int>::get()" },
        { "_ZDC1a1bE", "[a, b]" },
        { "_Z3foo", "foo" },
        { "_ZN3fooE", "foo" },
    };

    /// <summary>Plain functions, namespaces, cv- and ref-qualified members, the anonymous namespace.</summary>
    [Theory]
    [MemberData(nameof(Functions_and_nested_names_names))]
    public void Functions_and_nested_names(string mangled, string expected) => Assert.Equal(expected, ItaniumDemangler.Demangle(mangled));

    public static TheoryData<string, string> Standard_abbreviations_names() => new()
    {
        { "_ZNSt6vectorIiSaIiEE9push_backERKi", "std::vector<int, std::allocator<int> >::push_back(int const&)" },
        { "_ZNSs4sizeEv", "std::string::size()" },
        { "_ZNSsC1Ev", "std::basic_string<char, std::char_traits<char>, std::allocator<char> >::basic_string()" },
        { "_ZNSdD0Ev", "std::basic_iostream<char, std::char_traits<char> >::~basic_iostream()" },
        { "_ZNSoD1Ev", "std::basic_ostream<char, std::char_traits<char> >::~basic_ostream()" },
        { "_ZSt4cout", "std::cout" },
        { "_ZNSaIcED2Ev", "std::allocator<char>::~allocator()" },
        { "_ZNSbIwSt11char_traitsIwESaIwEE4sizeEv", "std::basic_string<wchar_t, std::char_traits<wchar_t>, std::allocator<wchar_t> >::size()" },
        { "_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEC1Ev", "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >::basic_string()" },
        { "_ZNKSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE5c_strEv", "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >::c_str() const" },
        { "_ZNSt3__112basic_stringIcNS_11char_traitsIcEENS_9allocatorIcEEE6appendEPKc", "std::__1::basic_string<char, std::__1::char_traits<char>, std::__1::allocator<char> >::append(char const*)" },
        { "_ZNKSt3__14hashINS_12basic_stringIcNS_11char_traitsIcEENS_9allocatorIcEEEEEclERKS6_", "std::__1::hash<std::__1::basic_string<char, std::__1::char_traits<char>, std::__1::allocator<char> > >::operator()(std::__1::basic_string<char, std::__1::char_traits<char>, std::__1::allocator<char> > const&) const" },
    };

    /// <summary>Sa sb ss si so sd and st, expanded before a constructor or destructor.</summary>
    [Theory]
    [MemberData(nameof(Standard_abbreviations_names))]
    public void Standard_abbreviations(string mangled, string expected) => Assert.Equal(expected, ItaniumDemangler.Demangle(mangled));

    public static TheoryData<string, string> Special_names_names() => new()
    {
        { "_ZTV3Foo", "vtable for Foo" },
        { "_ZTI3Foo", "typeinfo for Foo" },
        { "_ZTS3Foo", "typeinfo name for Foo" },
        { "_ZTT3Foo", "VTT for Foo" },
        { "_ZThn8_N3Foo3barEv", "non-virtual thunk to Foo::bar()" },
        { "_ZTv0_n24_N3Foo3barEv", "virtual thunk to Foo::bar()" },
        { "_ZTch0_h16_NK3Foo5cloneEv", "covariant return thunk to Foo::clone() const" },
        { "_ZGVZ4mainE1x", "guard variable for main::x" },
        { "_ZTW1x", "thread-local wrapper routine for x" },
        { "_ZTH1x", "thread-local initialization routine for x" },
        { "_ZTC3Foo0_3Bar", "construction vtable for Bar-in-Foo" },
        { "_ZGR1x_", "reference temporary for x" },
        { "_ZTAXtl1AEE", "template parameter object for A{}" },
    };

    /// <summary>Vtables, vtts, typeinfo, thunks, guard variables, thread-local routines, construction vtables, temporaries, template parameter objects.</summary>
    [Theory]
    [MemberData(nameof(Special_names_names))]
    public void Special_names(string mangled, string expected) => Assert.Equal(expected, ItaniumDemangler.Demangle(mangled));

    public static TheoryData<string, string> Constructors_destructors_and_operators_names() => new()
    {
        { "_ZN3FooC1Ev", "Foo::Foo()" },
        { "_ZN3FooC2ERKS_", "Foo::Foo(Foo const&)" },
        { "_ZN3FooD0Ev", "Foo::~Foo()" },
        { "_ZN3FooD2Ev", "Foo::~Foo()" },
        { "_ZN3FooCI13BarEi", "Foo::Foo(int)" },
        { "_ZN3FooplERKS_", "Foo::operator+(Foo const&)" },
        { "_ZN3FoocvbEv", "Foo::operator bool()" },
        { "_ZNK3FooixEm", "Foo::operator[](unsigned long) const" },
        { "_Znwm", "operator new(unsigned long)" },
        { "_ZnwmPv", "operator new(unsigned long, void*)" },
        { "_ZdlPv", "operator delete(void*)" },
        { "_ZdaPvm", "operator delete[](void*, unsigned long)" },
        { "_Zli2_kmy", "operator\"\" _k(unsigned long, unsigned long long)" },
        { "_ZN3FooclEv", "Foo::operator()()" },
        { "_ZNK3FoossERKS_", "Foo::operator<=>(Foo const&) const" },
        { "_ZN3FooaSEOS_", "Foo::operator=(Foo&&)" },
        { "_ZN1AcvT_IiEEv", "A::operator int<int>()" },
        // LLVM 14 cannot read this one (it prints the raw name); the expected text is c++filt's.
        { "_ZNK4llvm5MachO15ArchitectureSetcvSt6vectorINS0_12ArchitectureESaIS3_EEEv", "llvm::MachO::ArchitectureSet::operator std::vector<llvm::MachO::Architecture, std::allocator<llvm::MachO::Architecture> >() const" },
    };

    /// <summary>C1 c2 ci d0 d2, operator names, conversion and literal operators.</summary>
    [Theory]
    [MemberData(nameof(Constructors_destructors_and_operators_names))]
    public void Constructors_destructors_and_operators(string mangled, string expected) => Assert.Equal(expected, ItaniumDemangler.Demangle(mangled));

    public static TheoryData<string, string> Types_names() => new()
    {
        { "_Z1fPFviE", "f(void (*)(int))" },
        { "_Z1fRA10_i", "f(int (&) [10])" },
        { "_Z1fM3FooFivE", "f(int (Foo::*)())" },
        { "_Z1fM3FooKFivE", "f(int (Foo::*)() const)" },
        { "_Z1fM3Fooi", "f(int Foo::*)" },
        { "_Z1fPA3_A4_i", "f(int (*) [3][4])" },
        { "_Z1fPKc", "f(char const*)" },
        { "_Z1fPVKi", "f(int const volatile*)" },
        { "_Z1fOi", "f(int&&)" },
        { "_Z1fPFPFivEcE", "f(int (* (*)(char))())" },
        { "_Z1fA_i", "f(int [])" },
        { "_Z1fPA_i", "f(int (*) [])" },
        { "_Z1fSt9nullptr_t", "f(std::nullptr_t)" },
        { "_Z1fDn", "f(std::nullptr_t)" },
        { "_Z1fDi", "f(char32_t)" },
        { "_Z1fDs", "f(char16_t)" },
        { "_Z1fDu", "f(char8_t)" },
        { "_Z1fw", "f(wchar_t)" },
        { "_Z1fgnoe", "f(__float128, __int128, unsigned __int128, long double)" },
        { "_Z1fCd", "f(double complex)" },
        { "_Z1fGd", "f(double imaginary)" },
        { "_Z1fTs3Foo", "f(struct Foo)" },
        { "_Z1fTu3Foo", "f(union Foo)" },
        { "_Z1fTe3Foo", "f(enum Foo)" },
        { "_Z1fz", "f(...)" },
        { "_Z1fiz", "f(int, ...)" },
        { "_Z1fDv4_f", "f(float vector[4])" },
        { "_Z1fU8__vectori", "f(int __vector)" },
        { "_Z1fDF16_", "f(_Float16)" },
        { "_Z1fPDoFvvE", "f(void (*)() noexcept)" },
        { "_Z1fPDxFvvE", "f(void (*)())" },
        { "_Z1fPU3AS1i", "f(int AS1*)" },
        { "_Z1fPU11objcproto1A11objc_object", "f(id<A>)" },
    };

    /// <summary>Builtin, qualified, pointer, reference, array, function, pointer-to-member, vector and vendor types.</summary>
    [Theory]
    [MemberData(nameof(Types_names))]
    public void Types(string mangled, string expected) => Assert.Equal(expected, ItaniumDemangler.Demangle(mangled));

    public static TheoryData<string, string> Templates_and_packs_names() => new()
    {
        { "_Z3maxIiET_S0_S0_", "int max<int>(int, int)" },
        { "_ZN1A1fIiEEvT_", "void A::f<int>(int)" },
        { "_ZNK1A1fIiEEvT_", "void A::f<int>(int) const" },
        { "_Z1fIiEvT_S_", "void f<int>(int, f)" },
        { "_ZN1AIiE1fEv", "A<int>::f()" },
        { "_ZN1N1TIiiE2mfES0_IddE", "N::T<int, int>::mf(N::T<double, double>)" },
        { "_Z1fIJidEEvDpT_", "void f<int, double>(int, double)" },
        { "_Z1fIJEEvDpT_", "void f<>()" },
        { "_ZN1AIJiiEE1gEv", "A<int, int>::g()" },
        { "_Z1fIJiiEEvDpKT_", "void f<int, int>(int const, int const)" },
        { "_Z1fIiE", "f<int>" },
    };

    /// <summary>Template arguments, return types, template parameters, substitutions, packs and their expansion.</summary>
    [Theory]
    [MemberData(nameof(Templates_and_packs_names))]
    public void Templates_and_packs(string mangled, string expected) => Assert.Equal(expected, ItaniumDemangler.Demangle(mangled));

    public static TheoryData<string, string> Lambdas_local_names_and_abi_tags_names() => new()
    {
        { "_ZZ4mainENKUlvE_clEv", "main::'lambda'()::operator()() const" },
        { "_ZZ4mainENKUliE0_clEi", "main::'lambda0'(int)::operator()(int) const" },
        { "_ZZ4mainENKUlT_E_clIiEEDaS_", "auto main::'lambda'(auto)::operator()<int>(auto) const" },
        { "_ZN1fUt_3fooEv", "f::'unnamed'::foo()" },
        { "_ZZ4mainE1x", "main::x" },
        { "_ZZ4mainE1x_0", "main::x" },
        { "_ZZN3Foo3barEvE1y", "Foo::bar()::y" },
        { "_ZZ4mainEs", "main::string literal" },
        { "_ZZ4mainEs_0", "main::string literal" },
        { "_ZN3FooB5cxx113barEv", "Foo[abi:cxx11]::bar()" },
        { "_Z3fooB5cxx11v", "foo[abi:cxx11]()" },
        { "_ZN3FooB5cxx11C1Ev", "Foo[abi:cxx11]::Foo()" },
    };

    /// <summary>Closures, unnamed types, local entities and string literals, abi tags.</summary>
    [Theory]
    [MemberData(nameof(Lambdas_local_names_and_abi_tags_names))]
    public void Lambdas_local_names_and_abi_tags(string mangled, string expected) => Assert.Equal(expected, ItaniumDemangler.Demangle(mangled));

    public static TheoryData<string, string> Literals_names() => new()
    {
        { "_Z1fILb1EEvv", "void f<true>()" },
        { "_Z1fILc97EEvv", "void f<(char)97>()" },
        { "_Z1fILin5EEvv", "void f<-5>()" },
        { "_Z1fILj5EEvv", "void f<5u>()" },
        { "_Z1fILm5EEvv", "void f<5ul>()" },
        { "_Z1fILx5EEvv", "void f<5ll>()" },
        { "_Z1fILy5EEvv", "void f<5ull>()" },
        { "_Z1fILs5EEvv", "void f<(short)5>()" },
        { "_Z1fILn5EEvv", "void f<(__int128)5>()" },
        { "_Z1fIL1E3EEvv", "void f<(E)3>()" },
        { "_Z1fILDnEEvv", "void f<nullptr>()" },
        { "_Z1fILf3f800000EEvv", "void f<0x1p+0f>()" },
        { "_Z1fILd3ff8000000000000EEvv", "void f<0x1.8p+0>()" },
        { "_Z1fILdbff0000000000000EEvv", "void f<-0x1p+0>()" },
        { "_Z1fILd0000000000000000EEvv", "void f<0x0p+0>()" },
        { "_Z1fILe3fff8000000000000000EEvv", "void f<0x8p-3L>()" },
    };

    /// <summary>Integer, bool, enum, nullptr and floating literals as template arguments.</summary>
    [Theory]
    [MemberData(nameof(Literals_names))]
    public void Literals(string mangled, string expected) => Assert.Equal(expected, ItaniumDemangler.Demangle(mangled));

    public static TheoryData<string, string> Expressions_names() => new()
    {
        { "_Z3fooIiEvRAplT_Li1E_i", "void foo<int>(int (&) [(int) + (1)])" },
        { "_Z1fIiEDTcl1gfp_EET_", "decltype(g(fp)) f<int>(int)" },
        { "_Z1fIiEvPAszT__c", "void f<int>(char (*) [sizeof (int)])" },
        { "_Z1fIiEvPAstT__c", "void f<int>(char (*) [sizeof (int)])" },
        { "_Z1fIiEDTcvT__EES0_", "decltype((int)()) f<int>(int)" },
        { "_Z1fIiEDTnw_T_EES0_", "decltype(new int) f<int>(int)" },
        { "_Z1fIiEDTdlfp_ES0_", "decltype(deletefp) f<int>(decltype(deletefp))" },
        { "_Z1fIiEDTdtfp_1xES0_", "decltype(fp.x) f<int>(decltype(fp.x))" },
        { "_Z1fIiEDTptfp_1xES0_", "decltype(fp->x) f<int>(decltype(fp->x))" },
        { "_Z1fIiEDTqufp_fp_fp_ES0_", "decltype((fp) ? (fp) : (fp)) f<int>(decltype((fp) ? (fp) : (fp)))" },
        { "_Z1fIiEDTscdfp_ES0_", "decltype(static_cast<double>(fp)) f<int>(decltype(static_cast<double>(fp)))" },
        { "_Z1fIiEDTgtfp_fp_ES0_", "decltype(((fp) > (fp))) f<int>(decltype(((fp) > (fp))))" },
        { "_Z1fIiEDTngfp_ES0_", "decltype(-(fp)) f<int>(decltype(-(fp)))" },
        { "_Z1fIiEDTppfp_ES0_", "decltype((fp)++) f<int>(decltype((fp)++))" },
        { "_Z1fIiEDTpp_fp_ES0_", "decltype(++(fp)) f<int>(decltype(++(fp)))" },
        { "_Z1fIiEDTixfp_fp_ES0_", "decltype((fp)[fp]) f<int>(decltype((fp)[fp]))" },
        { "_Z1fIiEDTsrT_1xES0_", "decltype(int::x) f<int>(int)" },
        { "_Z1fIiEDTtwfp_ES0_", "decltype(throw fp) f<int>(decltype(throw fp))" },
        { "_Z1fIiEDTtrES0_", "decltype(throw) f<int>(decltype(throw))" },
        { "_Z1fIJiiEEDTflplfp_EDpT_", "decltype((... + (fp...))) f<int, int>(int, int)" },
        { "_Z1fIJiiEEDTfrplfp_EDpT_", "decltype(((fp...) + ...)) f<int, int>(int, int)" },
        { "_Z1fIJiiEEDTfLplLi0Efp_EDpT_", "decltype((0 + ... + (fp...))) f<int, int>(int, int)" },
        { "_Z1fIJiiEEvDTsZT_E", "void f<int, int>(decltype(sizeof...(int, int)))" },
        { "_Z1fIiEvDTilfp_EE", "void f<int>(decltype({fp}))" },
        { "_Z1fIiEvDTcl1gIT_EEE", "void f<int>(decltype(g<int>()))" },
        { "_Z1fIiEvDTsPT_EE", "void f<int>(decltype(sizeof... (int)))" },
    };

    /// <summary>Expressions in decltype and array bounds: calls, casts, operators, members, sizeof, new, delete, throw, folds, init lists.</summary>
    [Theory]
    [MemberData(nameof(Expressions_names))]
    public void Expressions(string mangled, string expected) => Assert.Equal(expected, ItaniumDemangler.Demangle(mangled));

    public static TheoryData<string, string> Clone_suffixes_blocks_and_mach_o_names() => new()
    {
        { "_Z3foov.cold", "foo() (.cold)" },
        { "_Z3foov.constprop.0", "foo() (.constprop.0)" },
        { "_Z3foov.isra.0", "foo() (.isra.0)" },
        { "_Z3foov.part.0.cold", "foo() (.part.0.cold)" },
        { "_Z1fIiEvv.cold.1", "void f<int>() (.cold.1)" },
        { "_ZN3Foo3barEv.llvm.123456", "Foo::bar() (.llvm.123456)" },
        { "_Z1fv.", "f() (.)" },
        { "___Z3foov_block_invoke", "invocation function for block in foo()" },
        { "___Z3foov_block_invoke_2", "invocation function for block in foo()" },
        { "___Z3foov_block_invoke3", "invocation function for block in foo()" },
        { "__ZN3Foo3barEv", "Foo::bar()" },
        { "____Z3foov_block_invoke", "invocation function for block in foo()" },
    };

    /// <summary>Gcc and llvm clone suffixes, apple block invocations, the mach-o leading underscore.</summary>
    [Theory]
    [MemberData(nameof(Clone_suffixes_blocks_and_mach_o_names))]
    public void Clone_suffixes_blocks_and_mach_o(string mangled, string expected) => Assert.Equal(expected, ItaniumDemangler.Demangle(mangled));

    /// <summary>Not a complete Itanium name (cut short, trailing text, a back-reference to nothing, not _Z at all): null, so the caller shows the raw name.</summary>
    [Theory]
    [InlineData("_Z")]
    [InlineData("_Z1")]
    [InlineData("foo")]
    [InlineData("_ZZ")]
    [InlineData("_Z1fS_")]
    [InlineData("_Z1fT_")]
    [InlineData("_ZN")]
    [InlineData("_Z1fPPPPPPP")]
    [InlineData("_Z3fooxyz_")]
    [InlineData("__Z")]
    [InlineData("_Z1fIiEvDTtl1AfpEE")]
    [InlineData("")]
    [InlineData("Z1fv")]
    [InlineData("_Z1fvi")]
    public void Anything_else_is_not_demangled(string name) => Assert.Null(ItaniumDemangler.Demangle(name));
}
