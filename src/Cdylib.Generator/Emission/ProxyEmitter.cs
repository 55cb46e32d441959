using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Model;
using Cdylib.Generator.Model;

namespace Cdylib.Generator.Emission;

/// <summary>
/// Writes, for each interface C implements, the C# mirror of its C table and the proxy class C#
/// code receives: each member calls the table's function, turns a non-zero status into the caller's
/// exception, and the finalizer calls <c>release</c> once, when nothing references the proxy.
/// </summary>
internal static class ProxyEmitter
{
    private const string CallerImplemented = "global::Cdylib.Runtime.CallerImplemented";

    public static void Append(StringBuilder code, CallbackInterface contract)
    {
        var fields = new List<string> { "public void* user_data;" };
        fields.AddRange(contract.Members.Select(member => $"public {FunctionPointer(member)} {member.Field};"));
        fields.Add("public delegate* unmanaged[Cdecl]<void*, void> release;");
        var required = contract.Members.Select(member =>
            $"if (copy.{member.Field} == null) throw {CallerImplemented}.MissingFunction(parameter, \"{member.Field}\");");

        code.Append($$"""

                    /// <summary>{{contract.CName}} as C lays it out: user_data, one function per member, release.</summary>
                    internal struct {{contract.Table}}
                    {
            {{Lines(fields, 12)}}
                    }

                    /// <summary>A {{contract.Display}} whose members are the caller's C functions.</summary>
                    internal sealed class {{contract.Proxy}} : {{contract.Managed}}
                    {
                        private readonly {{contract.Table}} _table;

                        private {{contract.Proxy}}({{contract.Table}} table)
                        {
                            _table = table;
                        }

                        /// <summary>The caller's table as an object (copied: C may reuse its struct once the call returned); NULL is null where allowed.</summary>
                        public static {{contract.Proxy}}? From(void* table, string parameter, bool allowNull)
                        {
                            if (table == null)
                            {
                                return allowNull ? null : throw global::Cdylib.Runtime.Boundary.NullArgument(parameter);
                            }
                            var copy = *({{contract.Table}}*)table;
            {{Lines(required, 16)}}
                            return new {{contract.Proxy}}(copy);
                        }

                        // Once, when nothing references this object any more: the caller frees what user_data holds.
                        ~{{contract.Proxy}}()
                        {
                            if (_table.release != null)
                            {
                                _table.release(_table.user_data);
                            }
                        }

            """);
        foreach (IGrouping<string, CallbackMember> property in contract.Members.Where(m => m.Kind != AbiInterfaceMemberKind.Method).GroupBy(m => m.Name))
        {
            CallbackMember first = property.First();
            string type = first.Result?.ManagedType ?? first.Parameters[0].Marshalling.ManagedType;
            code.Append($"            {type} {contract.Managed}.{property.Key}\n            {{\n");
            foreach (CallbackMember accessor in property)
            {
                code.Append(accessor.Kind == AbiInterfaceMemberKind.Getter ? "                get\n" : "                set\n");
                AppendBody(code, contract, accessor, "                ");
            }
            code.Append("            }\n\n");
        }
        foreach (CallbackMember method in contract.Members.Where(m => m.Kind == AbiInterfaceMemberKind.Method))
        {
            string parameters = string.Join(", ", method.Parameters.Select(p => $"{p.Marshalling.ManagedType} {Marshallers.Identifier(p.Name)}"));
            code.Append($"            {method.Result?.ManagedType ?? "void"} {contract.Managed}.{method.Name}({parameters})\n");
            AppendBody(code, contract, method, "            ");
            code.Append('\n');
        }
        code.Append("        }\n");
    }

    // Strings go as NUL-terminated UTF-8 pinned for the call; bool as a byte; everything else as it is.
    private static void AppendBody(StringBuilder code, CallbackInterface contract, CallbackMember member, string indent)
    {
        var lines = new List<string>();
        var arguments = new List<string> { "_table.user_data" };
        var pinned = new List<(string Bytes, string Pointer)>();
        foreach (ShimParameter parameter in member.Parameters)
        {
            string name = member.Kind == AbiInterfaceMemberKind.Setter ? "value" : Marshallers.Identifier(parameter.Name);
            switch (parameter.Marshalling.Kind)
            {
                case MarshalKind.StringIn:
                    string bytes = $"__{parameter.Name}_utf8";
                    string check = parameter.Marshalling.AllowsNull ? "" : $" ?? throw new global::System.ArgumentNullException(nameof({name}))";
                    lines.Add($"byte[]? {bytes} = {CallerImplemented}.Utf8({name}){check};");
                    pinned.Add((bytes, $"__{parameter.Name}_pointer"));
                    arguments.Add($"__{parameter.Name}_pointer");
                    break;
                case MarshalKind.Bool:
                    arguments.Add($"{name} ? (byte)1 : (byte)0");
                    break;
                default:
                    arguments.Add(name);
                    break;
            }
        }
        if (member.Result is { } result)
        {
            lines.Add($"{result.ShimType} __result = default;");
            arguments.Add("&__result");
        }
        string call = $"_table.{member.Field}({string.Join(", ", arguments)})";
        if (pinned.Count == 0)
        {
            lines.Add($"int __status = {call};");
        }
        else
        {
            lines.Add("int __status;");
            lines.AddRange(pinned.Select(p => $"fixed (byte* {p.Pointer} = {p.Bytes})"));
            lines.Add("{");
            lines.Add($"    __status = {call};");
            lines.Add("}");
        }
        lines.Add($"if (__status != 0) throw {CallerImplemented}.Failure(__status, \"{contract.Display.Split('.').Last()}.{member.Name}\");");
        if (member.Result is { } value)
        {
            lines.Add(value.Kind == MarshalKind.Bool ? "return __result != 0;" : "return __result;");
        }
        code.Append(indent).Append("{\n");
        foreach (string line in lines)
        {
            code.Append(indent).Append("    ").Append(line).Append('\n');
        }
        code.Append(indent).Append("}\n");
    }

    private static string FunctionPointer(CallbackMember member)
    {
        var types = new List<string> { "void*" };
        types.AddRange(member.Parameters.Select(p => p.Marshalling.ShimType));
        if (member.Result is { } result)
        {
            types.Add(result.ShimType + "*");
        }
        types.Add("int");
        return $"delegate* unmanaged[Cdecl]<{string.Join(", ", types)}>";
    }

    private static string Lines(IEnumerable<string> lines, int indent) =>
        string.Join("\n", lines.Select(line => new string(' ', indent) + line));
}
