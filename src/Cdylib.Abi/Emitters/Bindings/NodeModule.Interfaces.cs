using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Lowering;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The Node module's caller-implemented interfaces (docs/abi.md, "Interfaces implemented by the caller"):
/// the caller passes any object with the interface's methods and properties (camel case: <c>log</c>,
/// <c>level</c>, <c>count</c>), and the module lends it to the library as a table whose functions are
/// registered once per interface and find the object by the table's user_data (<see cref="NodeRuntime.Interfaces"/>).
/// Every function of such a library also has an <c>async</c> form (<c>plug_log_kept.async(8, 1000)</c>) that
/// makes the call on a worker thread: koffi runs a callback the library makes from another thread on the
/// main thread, so a synchronous call during which the library waits for such a callback would never return.
/// </summary>
public static partial class NodeModule
{
    /// <summary>
    /// The name a prototype is given: koffi names an anonymous prototype and an anonymous struct alike
    /// (<c>&lt;anonymous_46&gt;</c>, two counters), and a pointer to one then stands for a pointer to the other.
    /// </summary>
    private static string ProtoName(string name) => StringLiteral.Of("_p_" + name);

    /// <summary>Whether the library takes interfaces its caller implements.</summary>
    private static bool HasInterfaces(AbiLibrary library) => library.CallerInterfaces().Any();

    /// <summary>The JavaScript name of an interface member: the C# name in camel case.</summary>
    private static string MemberName(AbiInterfaceMember member) => char.ToLowerInvariant(member.Member[0]) + member.Member.Substring(1);

    /// <summary>An interface's members as the object implements them: its methods, and its properties once (getter and setter share one).</summary>
    private static IEnumerable<(string Name, bool IsMethod)> ObjectMembers(AbiCallerInterface table) =>
        table.Members.Select(member => (MemberName(member), member.Kind == AbiInterfaceMemberKind.Method)).Distinct();

    /// <summary>An interface's table: the prototype of each member's function and the native callbacks that call the object.</summary>
    private static void AppendInterface(StringBuilder js, AbiStruct structure, AbiCallerInterface table, string name, NodeTypes types)
    {
        var callbacks = new List<string>();
        foreach (AbiField field in structure.Fields.Where(field => field.Type is FunctionPointerType))
        {
            var pointer = (FunctionPointerType)field.Type;
            string proto = $"_pi_{name}_{field.Name}";
            js.Append($"const {proto} = koffi.proto({NodeTypes.Convention(pointer.Convention)}{ProtoName(structure.Name + "_" + field.Name)}, {types.Koffi(pointer.Returns)}, [{string.Join(", ", pointer.Parameters.Select(types.Koffi))}]);\n");
            AbiInterfaceMember? member = table.Members.FirstOrDefault(candidate => candidate.Field == field.Name);
            if (member is null)
            {
                callbacks.Add($"    {field.Name}: koffi.register(_released, koffi.pointer({proto})),\n");
                continue;
            }
            // The parameters after user_data; with a result, the last is where it goes.
            var parameters = pointer.Parameters.Skip(1).Take(pointer.Parameters.Count - 1 - (member.Result is null ? 0 : 1))
                .Select((type, i) => types.FromC($"raw[{i}]", type)).ToList();
            string js_ = MemberName(member);
            string label = StringLiteral.Of($"the result of {name}.{js_}");
            string value = member.Kind switch
            {
                AbiInterfaceMemberKind.Getter => $"self.{js_}",
                AbiInterfaceMemberKind.Setter => $"self.{js_} = {parameters[0]}",
                _ => $"self.{js_}({string.Join(", ", parameters)})",
            };
            string body = member.Result is { } result
                ? $"koffi.encode(raw[{parameters.Count}], {types.Koffi(result)}, {types.ToC(value, result, label)})"
                : value;
            callbacks.Add($"    {field.Name}: koffi.register(_member((self, raw) => {{ {body}; }}), koffi.pointer({proto})),\n");
        }
        string members = string.Join(", ", ObjectMembers(table).Select(member => $"[{StringLiteral.Of(member.Name)}, {(member.IsMethod ? "true" : "false")}]"));
        js.Append($"const {NodeTypes.InterfaceKind(name)} = _interfaceKind({StringLiteral.Of(name)}, [{members}], {{\n{string.Concat(callbacks)}}});\n\n");
    }

    /// <summary>
    /// The <c>async</c> form of a function of a library with interfaces: the same call on the module's worker
    /// thread, a Promise of its result. Objects are lent and handles passed here; a handle result is wrapped here.
    /// </summary>
    private static void AppendOnWorker(StringBuilder js, CallPlan plan, NodeTypes types)
    {
        string name = Identifier(plan.Function.Name);
        var parameters = plan.Inputs.Select(parameter => Identifier(parameter.Name)).ToList();
        var arguments = plan.Inputs.Select(parameter => parameter.Type is HandleRef || types.InterfaceOf(parameter.Type) is not null
            ? types.ToC(Identifier(parameter.Name), parameter.Type, StringLiteral.Of(parameter.Name))
            : Identifier(parameter.Name));
        string convert = plan.Result is { Type: HandleRef handle } && !plan.Outputs.Any() ? $"(result) => {types.FromC("result", handle)}" : "(result) => result";
        js.Append($"/** {name} made on a worker thread, the main thread staying free to run the methods of objects the library calls meanwhile: a Promise. */\n");
        js.Append($"{name}.async = async function ({string.Join(", ", parameters)}) {{\n");
        js.Append($"    return _onWorker('{name}', [{string.Join(", ", arguments)}], {convert});\n}};\n\n");
    }

    /// <summary>Whether a function has an <c>async</c> form: a plain function of a library with interfaces whose values can cross to the worker.</summary>
    private static bool HasWorkerForm(CallPlan plan, AbiLibrary library) =>
        HasInterfaces(library) && plan.Function.Operation is null && plan.Function.Role != AbiHelperRole.HandleFree
        && !plan.Parameters.Any(parameter => parameter.Type is FunctionPointerType || parameter.Flow == Flow.UserData)
        && !(plan.Result is { Type: HandleRef } && plan.Outputs.Any());

    /// <summary>An interface in TypeScript: what the object the caller passes has.</summary>
    private static void AppendInterfaceDeclaration(StringBuilder ts, AbiStruct structure, AbiCallerInterface table, string name, NodeTypes types)
    {
        ts.Append($"\n/** {Doc(structure.Doc) ?? structure.Managed} Implemented by the caller: any object with these members. */\nexport interface {name} {{\n");
        foreach (var group in table.Members.GroupBy(MemberName))
        {
            AbiInterfaceMember first = group.First();
            var pointer = (FunctionPointerType)structure.Fields.First(field => field.Name == first.Field).Type;
            if (first.Kind == AbiInterfaceMemberKind.Method)
            {
                var parameters = pointer.Parameters.Skip(1).Take(pointer.Parameters.Count - 1 - (first.Result is null ? 0 : 1))
                    .Select((type, i) => $"{Identifier(first.Parameters[i])}: {types.TypeScript(type, input: false)}");
                ts.Append($"    {group.Key}({string.Join(", ", parameters)}): {(first.Result is null ? "void" : types.TypeScript(first.Result, input: true))};\n");
            }
            else
            {
                AbiType type = group.FirstOrDefault(member => member.Kind == AbiInterfaceMemberKind.Getter)?.Result
                    ?? ((FunctionPointerType)structure.Fields.First(field => field.Name == first.Field).Type).Parameters[1];
                bool readOnly = group.All(member => member.Kind == AbiInterfaceMemberKind.Getter);
                ts.Append($"    {(readOnly ? "readonly " : "")}{group.Key}: {types.TypeScript(type, input: true)};\n");
            }
        }
        ts.Append("}\n");
    }
}
