using System.Collections.Generic;
using System.Linq;
using Cdylib.Abi.Model;
using Cdylib.Generator.Model;

namespace Cdylib.Generator.Emission;

/// <summary>What a shim does for one parameter: its C-side parameters, the code before and after the call, and the argument it passes.</summary>
internal sealed class ParameterCode
{
    public List<string> ShimParameters { get; } = new();

    public List<string> Before { get; } = new();

    public string Argument { get; set; } = "";

    public List<string> After { get; } = new();
}

/// <summary>
/// The marshalling strategies, one small piece per <see cref="MarshalKind"/>. Each reads the
/// equatable model and writes C#; the checks themselves live in the runtime's
/// <c>Cdylib.Runtime.Boundary</c>, so generated code stays short and the rules sit in one place.
/// </summary>
internal static class Marshallers
{
    private const string Boundary = "global::Cdylib.Runtime.Boundary";
    private const string Handles = "global::Cdylib.Runtime.Handles";

    /// <param name="local">Makes a local variable name that clashes with nothing else in the shim.</param>
    public static ParameterCode Parameter(ShimParameter parameter, System.Func<string, string> local)
    {
        string name = Identifier(parameter.Name);
        ValueMarshalling m = parameter.Marshalling;
        var code = new ParameterCode();
        switch (m.Kind)
        {
            case MarshalKind.Bool:
                code.ShimParameters.Add($"byte {name}");
                code.Argument = $"{name} != 0";
                break;
            case MarshalKind.StringIn when m.ManagedType == Parsing.TypeMapper.Utf8TextType:
                code.ShimParameters.Add($"byte* {name}");
                code.Argument = $"{Boundary}.Utf8In({name}, \"{parameter.Name}\")";
                break;
            case MarshalKind.StringIn:
                code.ShimParameters.Add($"byte* {name}");
                code.Argument = $"{Boundary}.StringIn({name}, \"{parameter.Name}\", allowNull: {(m.AllowsNull ? "true" : "false")}){(m.AllowsNull ? "" : "!")}";
                break;
            case MarshalKind.SpanIn:
                string length = Identifier(CSignature.LengthOf(parameter.Name));
                code.ShimParameters.Add($"{m.ShimType} {name}");
                code.ShimParameters.Add($"nuint {length}");
                code.Argument = $"{Boundary}.SpanIn({name}, {length}, \"{parameter.Name}\")";
                break;
            case MarshalKind.Optional:
                code.ShimParameters.Add($"{m.ShimType} {name}");
                code.Argument = $"{Boundary}.Optional({name})";
                break;
            case MarshalKind.InterfaceIn:
                code.ShimParameters.Add($"void* {name}");
                code.Argument = $"{m.Callback!.Proxy}.From({name}, \"{parameter.Name}\", allowNull: {(m.Callback.AllowsNull ? "true" : "false")}){(m.Callback.AllowsNull ? "" : "!")}";
                break;
            case MarshalKind.HandleIn:
                code.ShimParameters.Add($"void* {name}");
                code.Argument = $"{Handles}.{(m.AllowsNull ? "GetOptional" : "Get")}<{m.ManagedType}>({name}, \"{parameter.Name}\")";
                break;
            case MarshalKind.Reference:
                code.ShimParameters.Add($"{m.ShimType} {name}");
                Reference(parameter, name, local, code);
                break;
            default:
                code.ShimParameters.Add($"{m.ShimType} {name}");
                code.Argument = name;
                break;
        }
        return code;
    }

    // out/ref/in: blittable targets are passed by reference straight into the caller's memory;
    // bool and string targets go through a local and are written back after the call.
    private static void Reference(ShimParameter parameter, string name, System.Func<string, string> local, ParameterCode code)
    {
        ValueMarshalling m = parameter.Marshalling;
        ValueMarshalling element = m.Element!;
        string keyword = m.RefKeyword!;
        string check = $"{Boundary}.Reference({(element.Kind == MarshalKind.StringOut ? $"(nint*){name}" : name)}, \"{parameter.Name}\")";
        switch (element.Kind)
        {
            case MarshalKind.Bool:
            {
                string target = local(parameter.Name + "_target");
                string value = local(parameter.Name + "_value");
                code.Before.Add($"ref byte {target} = ref {check};");
                code.Before.Add($"bool {value} = {(keyword == "out" ? "false" : $"{target} != 0")};");
                code.Argument = $"{keyword} {value}";
                if (keyword != "in")
                {
                    code.After.Add($"{target} = {value} ? (byte)1 : (byte)0;");
                }
                break;
            }
            case MarshalKind.StringOut:
            {
                string target = local(parameter.Name + "_target");
                string value = local(parameter.Name + "_value");
                code.Before.Add($"ref nint {target} = ref {check};");
                code.Before.Add($"string? {value};");
                code.Argument = $"out {value}";
                code.After.Add($"{target} = (nint){Boundary}.StringOut({value});");
                break;
            }
            case MarshalKind.Identity when element.Abi is PointerType:
                // A pointer cannot be a type argument (Boundary.Reference<T>): check the T** for NULL
                // as an nint*, then pass the T* it points at by reference.
                code.Before.Add($"{Boundary}.Reference((nint*){name}, \"{parameter.Name}\");");
                code.Argument = $"{keyword} *{name}";
                break;
            default:
                code.Argument = $"{keyword} {check}";
                break;
        }
    }

    /// <summary>The shim's return type, for the non-status form.</summary>
    public static string ReturnType(ValueMarshalling? returns) => returns?.ShimType ?? "void";

    /// <summary>Extra trailing shim parameters the result needs (an array's <c>out_len</c>).</summary>
    public static IEnumerable<string> ReturnParameters(ValueMarshalling? returns)
    {
        if (returns?.Kind == MarshalKind.ArrayOut)
        {
            yield return $"nuint* {CSignature.OutLength}";
        }
    }

    /// <summary>The C value of the method's result <paramref name="result"/>.</summary>
    public static string ToNative(string result, ValueMarshalling returns) => returns.Kind switch
    {
        MarshalKind.Bool => $"{result} ? (byte)1 : (byte)0",
        MarshalKind.StringOut => $"{Boundary}.StringOut({result})",
        MarshalKind.ArrayOut => $"{Boundary}.ArrayOut({result}, {CSignature.OutLength})",
        MarshalKind.HandleOut => $"{Handles}.Allocate({result})",
        _ => result,
    };

    /// <summary>What a failed call leaves in the result's extra outputs.</summary>
    public static IEnumerable<string> OnFailure(ValueMarshalling? returns)
    {
        if (returns?.Kind == MarshalKind.ArrayOut)
        {
            yield return $"if ({CSignature.OutLength} != null) *{CSignature.OutLength} = 0;";
        }
    }

    /// <summary>The call of the exported method: on the object behind the first argument (the handle <c>self</c>) for an instance method.</summary>
    public static string Call(ShimMethod shim, IReadOnlyList<string> arguments) =>
        shim.HasReceiver
            ? $"{arguments[0]}.{shim.Target}({string.Join(", ", arguments.Skip(1))})"
            : $"{shim.Target}({string.Join(", ", arguments)})";

    /// <summary>A C name as a C# identifier ('@' before C# keywords).</summary>
    public static string Identifier(string name) => Parsing.ExportParser.EscapeIdentifier(name);
}
