using System.Collections.Generic;

namespace Cdylib.Abi.Model;

/// <summary>What a parameter of the C declaration is for.</summary>
public enum CParameterRole
{
    /// <summary>A declared parameter as it is.</summary>
    Value,

    /// <summary>The pointer of a declared span.</summary>
    SpanPointer,

    /// <summary>The <c>size_t</c> length of the span just before it (<c>data_len</c>).</summary>
    SpanLength,

    /// <summary>The status form's <c>T* out_result</c>.</summary>
    OutResult,

    /// <summary>An array result's <c>size_t* out_len</c>.</summary>
    OutLength,
}

/// <summary>One parameter of the C declaration, linked to the declared parameter it came from.</summary>
/// <param name="Declared">The index of the declared parameter it expands, -1 for the result's.</param>
public sealed record CParameter(string Name, AbiType Type, CParameterRole Role, int Declared)
{
    /// <summary>Its C type (<see cref="CSpelling"/>).</summary>
    public string C => CSpelling.Of(Type);
}

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

    /// <summary>The C function's result: <c>int32_t</c> in the status form, else the declared result's C value.</summary>
    public static AbiType ReturnType(AbiFunction function) =>
        function.ReturnsStatus ? AbiType.Int32 : function.ReturnType;

    public static IReadOnlyList<CParameter> Parameters(AbiFunction function)
    {
        var parameters = new List<CParameter>();
        for (int i = 0; i < function.Parameters.Count; i++)
        {
            AbiParameter parameter = function.Parameters[i];
            if (parameter.Type is SpanType)
            {
                parameters.Add(new CParameter(parameter.Name, parameter.Type, CParameterRole.SpanPointer, i));
                parameters.Add(new CParameter(LengthOf(parameter.Name), AbiType.SizeT, CParameterRole.SpanLength, i));
            }
            else
            {
                parameters.Add(new CParameter(parameter.Name, parameter.Type, CParameterRole.Value, i));
            }
        }
        if (function.ReturnsStatus && !function.ReturnType.IsVoid)
        {
            parameters.Add(new CParameter(OutResult, new ReferenceType(ReferenceKind.Out, function.ReturnType), CParameterRole.OutResult, -1));
        }
        if (function.ReturnType is OwnedArrayType)
        {
            parameters.Add(new CParameter(OutLength, new PointerType(AbiType.SizeT), CParameterRole.OutLength, -1));
        }
        return parameters;
    }
}
