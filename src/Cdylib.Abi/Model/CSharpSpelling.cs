namespace Cdylib.Abi.Model;

/// <summary>How C# names each <see cref="Primitive"/>: for <c>cdylib diff</c>'s descriptions and the C# binding.</summary>
public static class CSharpSpelling
{
    /// <summary>The C# keyword or BCL type of a primitive as a C# signature declares it (<c>int</c>, <c>nuint</c>, <c>Int128</c>).</summary>
    public static string Of(Primitive primitive) => primitive switch
    {
        Primitive.Void => "void",
        Primitive.Bool => "bool",
        // C's char only stands behind a raw pointer to bytes.
        Primitive.Char => "byte",
        Primitive.Int8 => "sbyte",
        Primitive.UInt8 => "byte",
        Primitive.Int16 => "short",
        Primitive.UInt16 => "ushort",
        Primitive.Int32 => "int",
        Primitive.UInt32 => "uint",
        Primitive.Int64 => "long",
        Primitive.UInt64 => "ulong",
        Primitive.IntPtr => "nint",
        Primitive.UIntPtr or Primitive.SizeT => "nuint",
        Primitive.Float => "float",
        Primitive.Double => "double",
        // Half, Int128, UInt128, NFloat: the BCL type's own name.
        var other => other.ToString(),
    };
}
