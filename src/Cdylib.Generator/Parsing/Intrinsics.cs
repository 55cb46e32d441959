using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// The framework methods a transition-free export may call: ones the JIT compiles to a few
/// instructions (or a call to the C library) that never allocate, throw, or touch the runtime. Kept
/// short on purpose: each entry was read for what it does on every argument. <c>Math.Abs</c> of an
/// integer throws for the minimum value, <c>Math.Clamp</c> for min &gt; max, <c>Math.Sign</c> for
/// NaN, so they are not here; neither is any overload taking a span or an array.
/// </summary>
internal static class Intrinsics
{
    private static readonly HashSet<string> MathMethods = new()
    {
        "Min", "Max", "Sqrt", "Floor", "Ceiling", "Truncate", "FusedMultiplyAdd", "CopySign", "MinMagnitude", "MaxMagnitude",
        "BitIncrement", "BitDecrement",
    };

    private static readonly HashSet<string> Vector128Methods = new()
    {
        "Create", "CreateScalar", "CreateScalarUnsafe", "Load", "LoadUnsafe", "Store", "StoreUnsafe",
        "Add", "Subtract", "Multiply", "Negate", "Min", "Max", "Sum", "Dot", "Sqrt",
        "BitwiseAnd", "BitwiseOr", "Xor", "AndNot", "OnesComplement", "ConditionalSelect",
        "Equals", "EqualsAll", "EqualsAny", "GreaterThan", "GreaterThanAll", "LessThan", "LessThanAll",
        "ShiftLeft", "ShiftRightArithmetic", "ShiftRightLogical", "ToScalar", "As", "AsByte", "AsSByte",
        "AsInt16", "AsUInt16", "AsInt32", "AsUInt32", "AsInt64", "AsUInt64", "AsSingle", "AsDouble",
    };

    private static readonly HashSet<string> VectorOperators = new()
    {
        "op_Addition", "op_Subtraction", "op_Multiply", "op_BitwiseAnd", "op_BitwiseOr", "op_ExclusiveOr",
        "op_OnesComplement", "op_UnaryNegation", "op_UnaryPlus", "op_Equality", "op_Inequality",
        "op_LeftShift", "op_RightShift", "op_UnsignedRightShift",
    };

    public static bool Allows(IMethodSymbol method)
    {
        IMethodSymbol definition = method.OriginalDefinition;
        string type = definition.ContainingType.ToDisplayString();
        switch (type)
        {
            case "System.Math" or "System.MathF":
                return MathMethods.Contains(method.Name)
                    || (method.Name == "Abs" && method.Parameters[0].Type.SpecialType is SpecialType.System_Single or SpecialType.System_Double)
                    || (method.Name == "Round" && method.Parameters.Length == 1);
            case "System.Numerics.BitOperations":
                return true;
            case "System.Buffers.Binary.BinaryPrimitives":
                return method.Name == "ReverseEndianness";
            case "System.Runtime.Intrinsics.Vector128":
                return Vector128Methods.Contains(method.Name)
                    && method.TypeArguments.All(IsVectorElement)
                    && method.Parameters.All(parameter => IsPlainOperand(parameter.Type));
            case "System.Runtime.Intrinsics.Vector128<T>":
                return VectorOperators.Contains(method.Name) && IsVectorOf(method.ContainingType);
            default:
                return false;
        }
    }

    public static bool AllowsProperty(IPropertySymbol property)
    {
        string type = property.OriginalDefinition.ContainingType.ToDisplayString();
        return type switch
        {
            "System.Runtime.Intrinsics.Vector128<T>" => property.Name is "Zero" or "One" or "AllBitsSet" or "Count" && IsVectorOf(property.ContainingType),
            "System.Runtime.Intrinsics.Vector128" => property.Name == "IsHardwareAccelerated",
            "System.IntPtr" or "System.UIntPtr" => property.Name is "Size" or "MaxValue" or "MinValue",
            _ => false,
        };
    }

    // Vector128<T> throws NotSupportedException for any T but a primitive number.
    private static bool IsVectorElement(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
            or SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Single or SpecialType.System_Double;

    private static bool IsVectorOf(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeArguments.Length: 1 } vector && IsVectorElement(vector.TypeArguments[0]);

    // Numbers, pointers, references to numbers and vectors of numbers: never a span or an array.
    private static bool IsPlainOperand(ITypeSymbol type) => type switch
    {
        IPointerTypeSymbol pointer => IsVectorElement(pointer.PointedAtType) || pointer.PointedAtType is ITypeParameterSymbol,
        ITypeParameterSymbol => true,
        INamedTypeSymbol named when named.OriginalDefinition.ToDisplayString() == "System.Runtime.Intrinsics.Vector128<T>" => IsVectorOf(named) || named.TypeArguments[0] is ITypeParameterSymbol,
        _ => IsVectorElement(type) || type.SpecialType == SpecialType.System_Boolean,
    };
}
