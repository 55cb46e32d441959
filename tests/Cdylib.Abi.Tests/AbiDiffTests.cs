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
}
