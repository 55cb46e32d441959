using System;
using Cdylib.ObjectFile.Demangling;

namespace Cdylib.ObjectFile.Tests.Demangling;

/// <summary>
/// The entry point that recognises the scheme: <see cref="Demangler.Demangle"/> and its form for
/// listings, <see cref="Demangler.TryDemangle"/>, which reads the name where it lies and leaves an
/// Itanium result in a buffer reused by the thread's next call.
/// </summary>
public sealed class DemanglerTests
{
    public static TheoryData<string, string?> Names() => new()
    {
        { "_ZNSt6vectorIiSaIiEE9push_backERKi", "std::vector<int, std::allocator<int> >::push_back(int const&)" },
        { "__ZN3foo3barEv", "foo::bar()" },
        { "_ZN4demo5apply17h0123456789abcdefE", "demo::apply::h0123456789abcdef" },
        { "?f@@YAHH@Z", "int __cdecl f(int)" },
        { "sqlite3_open", null },
        { "_Z", null },
        { "", null },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Both_forms_give_the_same_text_for_every_scheme(string name, string? expected)
    {
        Assert.Equal(expected, Demangler.Demangle(name));
        bool found = Demangler.TryDemangle(name.AsSpan(), out ReadOnlySpan<char> demangled);
        Assert.Equal(expected is not null, found);
        Assert.Equal(expected ?? "", demangled.ToString());
    }

    [Fact]
    public void A_listing_copies_each_result_before_the_next_call_reuses_the_buffer()
    {
        // The name is read from a buffer the caller reuses too: nothing of it may stay in the result.
        char[] name = "_ZN3foo3barEv".ToCharArray();
        Assert.True(Demangler.TryDemangle(name, out ReadOnlySpan<char> first));
        string kept = first.ToString();
        "_Z1fi".CopyTo(name);
        Assert.True(Demangler.TryDemangle(name.AsSpan(0, 5), out ReadOnlySpan<char> second));
        Assert.Equal("foo::bar()", kept);
        Assert.Equal("f(int)", second.ToString());
    }
}
