using System.Collections.Generic;

namespace Cdylib.Abi.Model;

/// <summary>One parameter of the C declaration.</summary>
public readonly record struct CParameter(string Type, string Name);

/// <summary>
/// The C declaration of a function, derived from the model in one place so the header, the
/// bindings and the checks agree: a span becomes a pointer and a <c>size_t</c> length, an array
/// result adds a <c>size_t* out_len</c>, the status form returns <c>int32_t</c> and passes the
/// result through <c>out_result</c>.
/// </summary>
public static class CSignature
{
    public const string OutLength = "out_len";
    public const string OutResult = "out_result";

    /// <summary>The names the expansion adds, which no declared parameter may take.</summary>
    public static IReadOnlyCollection<string> ReservedNames { get; } = new[] { OutLength, OutResult };

    /// <summary>The name of a span parameter's length: <c>data</c> → <c>data_len</c>.</summary>
    public static string LengthOf(string parameter) => parameter + "_len";

    public static string ReturnType(AbiFunction function) =>
        function.ReturnsStatus ? "int32_t" : function.ReturnType.C;

    public static IReadOnlyList<CParameter> Parameters(AbiFunction function)
    {
        var parameters = new List<CParameter>();
        foreach (AbiParameter parameter in function.Parameters)
        {
            parameters.Add(new CParameter(parameter.Type.C, parameter.Name));
            if (parameter.Type.Kind is AbiTypeKind.Span or AbiTypeKind.MutableSpan)
            {
                parameters.Add(new CParameter("size_t", LengthOf(parameter.Name)));
            }
        }
        if (function.ReturnsStatus && function.ReturnType.Kind != AbiTypeKind.Void)
        {
            parameters.Add(new CParameter(function.ReturnType.C + "*", OutResult));
        }
        if (function.ReturnType.Kind == AbiTypeKind.OwnedArray)
        {
            parameters.Add(new CParameter("size_t*", OutLength));
        }
        return parameters;
    }
}
