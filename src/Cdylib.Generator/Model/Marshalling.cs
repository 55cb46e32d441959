using Cdylib.Abi.Model;

namespace Cdylib.Generator.Model;

/// <summary>How a value is converted between its C form and its C# form inside a shim.</summary>
internal enum MarshalKind
{
    /// <summary>The C# type is the C type (integers, floats, pointers): passed through untouched.</summary>
    Identity,

    /// <summary>C99 <c>bool</c> travels as one byte; C# <c>bool</c> is not blittable at the boundary.</summary>
    Bool,
}

/// <summary>
/// One value at the boundary: its C type for the ABI model and how the shim carries it.
/// </summary>
/// <param name="Abi">The C view, as the header and the ABI file show it.</param>
/// <param name="ShimType">The C# type in the shim's signature (<c>byte</c> for <c>bool</c>).</param>
/// <param name="ManagedType">The C# type of the exported method (fully qualified).</param>
internal sealed record ValueMarshalling(AbiType Abi, string ShimType, string ManagedType, MarshalKind Kind);
