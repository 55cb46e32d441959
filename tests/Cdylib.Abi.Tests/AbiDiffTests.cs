using System.Linq;
using Cdylib.Abi.Checks;
using Cdylib.Abi.Model;
using static Cdylib.Abi.Tests.Models;

namespace Cdylib.Abi.Tests;

/// <summary>A scripted set of API changes, each classified and bumped as semver says.</summary>
public sealed class AbiDiffTests
{
    private static readonly AbiLibrary Base = Library(
        new[] { Function("add", Int32, Int32, Int32), Function("reset", AbiType.Void) },
        new[] { Color(("Red", "1"), ("Green", "2")) },
        new[] { Point(Int32, Int32) });

    [Fact]
    public void The_same_interface_has_no_changes()
    {
        Assert.Empty(AbiDiff.Compare(Base, Base));
        Assert.Equal("none", AbiDiff.ImpliedBump(AbiDiff.Compare(Base, Base)));
    }

    [Fact]
    public void A_new_function_is_compatible_and_a_minor_bump()
    {
        AbiLibrary after = Base with { Functions = Base.Functions.Append(Function("sub", Int32, Int32, Int32)).ToEquatableArray() };
        AbiChange change = Assert.Single(AbiDiff.Compare(Base, after));
        Assert.Equal((ChangeKind.Compatible, "function sub", "added"), (change.Kind, change.Subject, change.Description));
        Assert.Equal("minor", AbiDiff.ImpliedBump(new[] { change }));
    }

    [Fact]
    public void A_removed_function_is_breaking_and_a_major_bump()
    {
        AbiLibrary after = Base with { Functions = Base.Functions.Where(f => f.Name != "reset").ToEquatableArray() };
        AbiChange change = Assert.Single(AbiDiff.Compare(Base, after));
        Assert.Equal((ChangeKind.Breaking, "function reset", "removed"), (change.Kind, change.Subject, change.Description));
        Assert.Equal("major", AbiDiff.ImpliedBump(new[] { change }));
    }

    [Fact]
    public void A_changed_parameter_type_is_breaking()
    {
        AbiLibrary after = Base with { Functions = new[] { Function("add", Int32, Int64, Int32), Base.Functions[1] }.ToEquatableArray() };
        AbiChange change = Assert.Single(AbiDiff.Compare(Base, after));
        Assert.Equal(ChangeKind.Breaking, change.Kind);
        Assert.Equal("signature int32_t(int32_t, int32_t) → int32_t(int64_t, int32_t)", change.Description);
    }

    [Fact]
    public void A_changed_calling_convention_is_breaking()
    {
        AbiLibrary after = Base with { Functions = new[] { Base.Functions[0] with { CallingConvention = AbiCallingConvention.Stdcall }, Base.Functions[1] }.ToEquatableArray() };
        Assert.Equal(ChangeKind.Breaking, Assert.Single(AbiDiff.Compare(Base, after)).Kind);
    }

    [Fact]
    public void Moving_to_the_status_form_is_breaking()
    {
        AbiLibrary after = Base with { Functions = new[] { Base.Functions[0] with { ReturnsStatus = true }, Base.Functions[1] }.ToEquatableArray() };
        Assert.Contains("int32_t(int32_t, int32_t, int32_t*)", Assert.Single(AbiDiff.Compare(Base, after)).Description);
    }

    [Fact]
    public void Renamed_parameters_and_new_docs_are_cosmetic_and_a_patch()
    {
        AbiFunction renamed = Base.Functions[0] with
        {
            Parameters = Base.Functions[0].Parameters.Select(p => p with { Name = p.Name + "_renamed" }).ToEquatableArray(),
            Doc = new AbiDoc("Adds.", null, null),
        };
        AbiLibrary after = Base with { Functions = new[] { renamed, Base.Functions[1] }.ToEquatableArray() };
        AbiChange change = Assert.Single(AbiDiff.Compare(Base, after));
        Assert.Equal(ChangeKind.Cosmetic, change.Kind);
        Assert.Equal("patch", AbiDiff.ImpliedBump(new[] { change }));
    }

    [Fact]
    public void Enum_constants_added_are_compatible_and_changed_or_removed_are_breaking()
    {
        AbiLibrary added = Base with { Enums = new[] { Color(("Red", "1"), ("Green", "2"), ("Blue", "4")) }.ToEquatableArray() };
        Assert.Equal(ChangeKind.Compatible, Assert.Single(AbiDiff.Compare(Base, added)).Kind);

        AbiLibrary changed = Base with { Enums = new[] { Color(("Red", "1"), ("Green", "3")) }.ToEquatableArray() };
        AbiChange change = Assert.Single(AbiDiff.Compare(Base, changed));
        Assert.Equal((ChangeKind.Breaking, "constant COLOR_GREEN changed from 2 to 3"), (change.Kind, change.Description));

        AbiLibrary removed = Base with { Enums = new[] { Color(("Red", "1")) }.ToEquatableArray() };
        Assert.Equal(ChangeKind.Breaking, Assert.Single(AbiDiff.Compare(Base, removed)).Kind);
    }

    [Fact]
    public void A_struct_whose_layout_moves_is_breaking()
    {
        AbiLibrary after = Base with { Structs = new[] { Point(Int32, Int64) }.ToEquatableArray() };
        AbiChange change = Assert.Single(AbiDiff.Compare(Base, after));
        Assert.Equal((ChangeKind.Breaking, "struct Point"), (change.Kind, change.Subject));
    }

    [Fact]
    public void Several_changes_bump_by_the_worst()
    {
        AbiLibrary after = Base with
        {
            Functions = new[] { Base.Functions[0], Function("sub", Int32, Int32, Int32) }.ToEquatableArray(),
        };
        var changes = AbiDiff.Compare(Base, after);
        Assert.Equal(2, changes.Count);
        Assert.Equal("major", AbiDiff.ImpliedBump(changes));
    }

    // The same C declaration, another contract: what may be NULL, and whether an out pointer is read first.
    private static readonly AbiType Text = new StringType(Ownership.Borrowed);
    private static readonly AbiType MaybeText = new StringType(Ownership.Borrowed, Nullable: true);
    private static readonly AbiType OwnedText = new StringType(Ownership.Owned);
    private static readonly AbiType MaybeOwnedText = new StringType(Ownership.Owned, Nullable: true);
    private static readonly HandleRef Counter = new("Counter");
    private static readonly HandleRef MaybeCounter = Counter with { Nullable = true };

    private static AbiChange OnlyChange(AbiFunction before, AbiFunction after) =>
        Assert.Single(AbiDiff.Compare(Library(new[] { before }), Library(new[] { after })));

    [Fact]
    public void A_string_parameter_that_starts_refusing_NULL_is_breaking_and_one_that_accepts_it_compatible()
    {
        AbiChange refuses = OnlyChange(Function("greet", Int32, MaybeText), Function("greet", Int32, Text));
        Assert.Equal((ChangeKind.Breaking, "function greet", "parameter 'p0' no longer accepts NULL (string? → string)"),
            (refuses.Kind, refuses.Subject, refuses.Description));

        AbiChange accepts = OnlyChange(Function("greet", Int32, Text), Function("greet", Int32, MaybeText));
        Assert.Equal((ChangeKind.Compatible, "parameter 'p0' now accepts NULL (string → string?)"), (accepts.Kind, accepts.Description));
        Assert.Equal("minor", AbiDiff.ImpliedBump(new[] { accepts }));
    }

    [Fact]
    public void Handle_parameters_follow_the_same_rule()
    {
        Assert.Equal(ChangeKind.Breaking, OnlyChange(Function("use", Int32, MaybeCounter), Function("use", Int32, Counter)).Kind);
        Assert.Equal(ChangeKind.Compatible, OnlyChange(Function("use", Int32, Counter), Function("use", Int32, MaybeCounter)).Kind);
    }

    [Fact]
    public void A_result_that_may_now_be_NULL_is_breaking_and_one_that_no_longer_is_compatible()
    {
        AbiChange nullable = OnlyChange(Function("name", OwnedText), Function("name", MaybeOwnedText));
        Assert.Equal((ChangeKind.Breaking, "the result may now be NULL for null, not only on failure (string → string?)"), (nullable.Kind, nullable.Description));

        AbiChange never = OnlyChange(Function("name", MaybeOwnedText), Function("name", OwnedText));
        Assert.Equal((ChangeKind.Compatible, "the result is now NULL only on failure (string? → string)"), (never.Kind, never.Description));

        // A handle result, and the status form's result through out_result, the same.
        Assert.Equal(ChangeKind.Breaking, OnlyChange(Function("make", Counter), Function("make", MaybeCounter)).Kind);
        AbiChange status = OnlyChange(Function("name", OwnedText) with { ReturnsStatus = true }, Function("name", MaybeOwnedText) with { ReturnsStatus = true });
        Assert.Equal((ChangeKind.Breaking, "'out_result' may now be NULL for null, not only on failure (string → string?)"), (status.Kind, status.Description));
    }

    [Fact]
    public void An_out_string_that_may_receive_NULL_is_breaking_and_an_out_pointer_read_first_too()
    {
        AbiType OutText(AbiType element) => new ReferenceType(ReferenceKind.Out, element);
        AbiChange receives = OnlyChange(Function("split", Int32, OutText(OwnedText)), Function("split", Int32, OutText(MaybeOwnedText)));
        Assert.Equal((ChangeKind.Breaking, "what parameter 'p0' receives may now be NULL for null, not only on failure (string → string?)"),
            (receives.Kind, receives.Description));
        Assert.Equal(ChangeKind.Compatible, OnlyChange(Function("split", Int32, OutText(MaybeOwnedText)), Function("split", Int32, OutText(OwnedText))).Kind);

        AbiType Out(ReferenceKind kind) => new ReferenceType(kind, Int32);
        AbiChange read = OnlyChange(Function("next", Int32, Out(ReferenceKind.Out)), Function("next", Int32, Out(ReferenceKind.Ref)));
        Assert.Equal((ChangeKind.Breaking, "parameter 'p0' is now read before it is written (out int → ref int)"), (read.Kind, read.Description));
        Assert.Equal(ChangeKind.Compatible, OnlyChange(Function("next", Int32, Out(ReferenceKind.Ref)), Function("next", Int32, Out(ReferenceKind.Out))).Kind);
    }

    [Fact]
    public void A_raw_pointer_that_becomes_an_in_pointer_refuses_NULL_and_an_optional_value_in_pointer_too()
    {
        AbiType raw = new PointerType(Int32, IsConst: true);
        AbiType @in = new ReferenceType(ReferenceKind.In, Int32);
        AbiType optional = new OptionalType(Int32);
        Assert.Equal(ChangeKind.Breaking, OnlyChange(Function("f", Int32, raw), Function("f", Int32, @in)).Kind);
        Assert.Equal(ChangeKind.Breaking, OnlyChange(Function("f", Int32, optional), Function("f", Int32, @in)).Kind);
        Assert.Equal(ChangeKind.Compatible, OnlyChange(Function("f", Int32, @in), Function("f", Int32, optional)).Kind);
        // What a raw pointer did with NULL is the library's business: to or from one, nothing to say about NULL.
        Assert.Equal(ChangeKind.Cosmetic, OnlyChange(Function("f", Int32, raw), Function("f", Int32, optional)).Kind);
    }

    [Fact]
    public void Documentation_that_changes_alone_is_cosmetic()
    {
        AbiFunction use = Function("use", Int32, Counter);
        AbiChange change = OnlyChange(use, use with { Doc = new AbiDoc("Uses a counter.", null, null) });
        Assert.Equal(ChangeKind.Cosmetic, change.Kind);
        Assert.Equal(ChangeKind.Cosmetic, AbiDiff.Worst(new[] { change }));
        Assert.Equal(ChangeKind.Cosmetic, AbiDiff.Worst(System.Array.Empty<AbiChange>()));
    }

    [Fact]
    public void A_bumped_ABI_version_alone_is_no_change_and_breaking_changes_without_one_are_warned_about()
    {
        AbiLibrary bumped = Base with { AbiVersion = 2, ApiHash = 42 };
        Assert.Empty(AbiDiff.Compare(Base, bumped));

        AbiLibrary removed = Base with { Functions = Base.Functions.Where(f => f.Name != "reset").ToEquatableArray() };
        var changes = AbiDiff.Compare(Base, removed);
        Assert.Equal(ChangeKind.Breaking, AbiDiff.Worst(changes));
        Assert.Equal("breaking changes, but the ABI version is still 1: raise CdylibAbiVersion (to 2) so consumers that check it "
            + "(lib_abi_version(), find_package(lib 1), a versioned SONAME) do not take this library for the old one",
            AbiDiff.VersionWarning(Base, removed, changes));
        Assert.Null(AbiDiff.VersionWarning(Base, removed with { AbiVersion = 2 }, changes));

        // Listed, for cdylib build's warning, which has no list of changes beside it.
        Assert.StartsWith("breaking changes (function reset removed), but the ABI version is still 1: ", AbiDiff.VersionWarning(Base, removed, changes, listed: true));
        AbiLibrary gutted = Base with { Functions = EquatableArray<AbiFunction>.Empty, Enums = EquatableArray<AbiEnum>.Empty, Structs = EquatableArray<AbiStruct>.Empty };
        Assert.StartsWith("breaking changes (function add removed; function reset removed; enum Color removed; 1 more), ",
            AbiDiff.VersionWarning(Base, gutted, AbiDiff.Compare(Base, gutted), listed: true));

        // Compatible changes need no new ABI version.
        AbiLibrary added = Base with { Functions = Base.Functions.Append(Function("sub", Int32, Int32, Int32)).ToEquatableArray() };
        Assert.Null(AbiDiff.VersionWarning(Base, added, AbiDiff.Compare(Base, added)));
    }

    [Fact]
    public void A_renamed_library_is_breaking()
    {
        AbiChange change = Assert.Single(AbiDiff.Compare(Base, Base with { Name = "lib2" }));
        Assert.Equal((ChangeKind.Breaking, "library"), (change.Kind, change.Subject));
    }
}
