using System.Linq;
using Cdylib.Abi.Model;
using Cdylib.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// An iterator export: a <c>[CExport]</c> method returning <c>IEnumerable&lt;T&gt;</c>. C calls
/// <c>NAME(args…)</c> and gets an iterator handle (NULL and the last error when the call failed),
/// takes the items with <c>bool NAME_iter_next(it, T* out_item)</c> and ends with <c>NAME_iter_free</c>.
/// </summary>
internal static class IteratorExport
{
    /// <summary>The item type when <paramref name="method"/> returns <c>IEnumerable&lt;T&gt;</c>, else null.</summary>
    public static ITypeSymbol? ItemOf(IMethodSymbol method) =>
        method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1, OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T } sequence
            ? sequence.TypeArguments[0]
            : null;

    /// <summary>Why an item cannot come out through <c>out_item</c>, or null when it can.</summary>
    public static string? WhyNotItem(ValueMarshalling item) => item.Kind switch
    {
        MarshalKind.ArrayOut => "an iterator's items come out one value each through out_item, and an array needs a length too; "
            + "yield a [CExport] class holding each array (with Count and Get(int index) methods), or flatten the sequence",
        _ => null,
    };

    /// <summary>The export's function, returning the iterator handle, and its shim.</summary>
    public static (AbiFunction Function, ShimMethod Shim) Start(AbiFunction function, ShimMethod shim, ValueMarshalling item)
    {
        string handle = function.Name + "_iter";
        var iterator = new AbiIterator(handle, item.Abi, handle + "_next", handle + "_free");
        return (function with { ReturnType = new HandleRef(handle), Iterator = iterator },
            shim with { Return = null, Iterator = new IteratorShim(IsNext: false, "Iterator_" + function.Name, item) });
    }

    /// <summary>The iterator handle type of an iterator export's <paramref name="start"/> function, and its next and free functions with their shims.</summary>
    public static CompanionSet Companions(AbiFunction start, IteratorShim startShim, string prefix)
    {
        AbiIterator iterator = start.Iterator!;
        string upper = prefix.ToUpperInvariant();
        var handle = new HandleRef(iterator.Handle);
        var next = new AbiFunction(
            iterator.Next, AbiCallingConvention.C, new PrimitiveType(Primitive.Bool),
            new[]
            {
                new AbiParameter("it", handle, $"The iterator {start.Name} returned."),
                new AbiParameter("out_item", new ReferenceType(ReferenceKind.Out, iterator.Item), "Receives the next item (owned by the caller as a return value would be); not NULL."),
            }.ToEquatableArray(),
            AbiFunctionOrigin.Helper, start.ManagedName,
            new AbiDoc(
                $"Takes the next item of the sequence {start.Name} returned.",
                $"true with the item in *out_item; false at the end, with the last error cleared ({upper}_ERROR_NONE), or when the sequence threw, with its error as the last error and *out_item zeroed.",
                "An exception ends the iteration: later calls return false, as at the end. Safe from any thread (calls on one iterator take turns)."))
        {
            Role = AbiHelperRole.IteratorNext,
        };
        var nextShim = new ShimMethod(iterator.Next, AbiCallingConvention.C, "", startShim.Item,
            new[] { new ShimParameter("it", new ValueMarshalling(handle, "void*", "void*", MarshalDirection.Untouched)) }.ToEquatableArray(),
            CatchesExceptions: true)
        {
            Iterator = startShim with { IsNext = true },
        };
        (AbiFunction free, ShimMethod freeShim, AbiHandle abiHandle) = HandleTypeParser.Generated(
            startShim.Class, iterator.Handle, $"{start.ManagedName} sequence", $"The sequence {start.Name} returned, read one item at a time with {iterator.Next}.",
            iterator.Free, prefix,
            $"Ends the iteration of a sequence {start.Name} returned, at any point; NULL is ignored.",
            "Disposes the C# enumerator (its finally blocks run).");
        return new CompanionSet(abiHandle, new[] { new CompanionFunction(next, nextShim), new CompanionFunction(free, freeShim) }.ToEquatableArray());
    }
}
