using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The C# form of interfaces the caller implements (docs/abi.md, "Interfaces implemented by the caller"):
/// each table becomes a C# interface of the same shape (its methods and properties; members with a default
/// body stay the library's), and an export taking the table takes an object implementing it. Passing one
/// builds the table at the call: static <c>[UnmanagedCallersOnly]</c> trampolines, one per member, and a
/// <see cref="System.Runtime.InteropServices.GCHandle"/> to the object as <c>user_data</c>, which keeps it
/// alive until the library calls <c>release</c> — once, on any thread, maybe long after the call (the
/// trampolines are static methods: nothing of theirs is ever freed). An exception the implementation throws
/// becomes <c>PREFIX_set_callback_error(code, message)</c> and that code: the binding's own exception keeps
/// its code, any other is <c>EXCEPTION</c> with its message.
/// </summary>
public static partial class CSharpBinding
{
    /// <summary>The nested struct of each interface that is its C table (a name none of its members takes).</summary>
    private static Dictionary<string, string> InterfaceTables(AbiLibrary library, BindingNames names) =>
        library.CallerInterfaces().ToDictionary(
            structure => structure.Name,
            structure =>
            {
                string table = "NativeTable";
                while (structure.Interface!.Members.Any(member => member.Member == table))
                {
                    table += "_";
                }
                return $"{names.Of(structure)}.{table}";
            });

    /// <summary>The C function the trampolines report an implementation's exception through.</summary>
    private static string SetCallbackError(AbiLibrary library) =>
        library.Functions.FirstOrDefault(function => function.Role == AbiHelperRole.SetCallbackError)?.Name ?? library.Prefix + "_set_callback_error";

    /// <summary>
    /// The interface a caller implements, with its table nested in it. A member's parameters are named by
    /// position: the ABI file has their types only (an implementation names its own as it likes).
    /// </summary>
    private static void AppendInterface(StringBuilder cs, AbiStruct structure, CSharpTypes spelling)
    {
        string name = spelling.Names.Of(structure);
        cs.Append($"\n/// <summary>{Xml(structure.Doc ?? structure.Managed)} Implemented by the caller: the library calls it from any thread, so an implementation must be thread-safe.</summary>\n");
        cs.Append($"public unsafe interface {name}\n{{\n");
        var written = new HashSet<string>();
        foreach (AbiInterfaceMember member in structure.Interface!.Members)
        {
            AbiField field = structure.Fields.Single(candidate => candidate.Name == member.Field);
            if (field.Doc is not null && !written.Contains(member.Member))
            {
                cs.Append($"    /// <summary>{Xml(field.Doc)}</summary>\n");
            }
            if (member.Kind == AbiInterfaceMemberKind.Method)
            {
                string parameters = string.Join(", ", Arguments(member, field).Select((type, index) => $"{ArgumentType(type, spelling)} {Identifier(member.Parameters[index])}"));
                cs.Append($"    {(member.Result is null ? "void" : spelling.Managed(member.Result).TrimEnd('?'))} {Identifier(member.Member)}({parameters});\n\n");
            }
            else if (written.Add(member.Member))
            {
                // A property: its getter and setter are two functions of the table, written as one member.
                var accessors = structure.Interface.Members.Where(candidate => candidate.Member == member.Member && candidate.Kind != AbiInterfaceMemberKind.Method).ToList();
                AbiInterfaceMember first = accessors[0];
                string type = first.Result is { } result
                    ? spelling.Managed(result).TrimEnd('?')
                    : ArgumentType(Arguments(first, structure.Fields.Single(candidate => candidate.Name == first.Field))[0], spelling);
                string get = accessors.Any(accessor => accessor.Kind == AbiInterfaceMemberKind.Getter) ? " get;" : "";
                string set = accessors.Any(accessor => accessor.Kind == AbiInterfaceMemberKind.Setter) ? " set;" : "";
                cs.Append($"    {type} {Identifier(member.Member)} {{{get}{set} }}\n\n");
            }
        }
        string table = spelling.Raw(new StructRef(structure.Name));
        cs.Append($"    /// <summary>The C table the binding fills for an implementation (<c>{structure.Name}</c>).</summary>\n");
        cs.Append($"    [StructLayout(LayoutKind.Sequential)]\n    public struct {table.Substring(name.Length + 1)}\n    {{\n");
        foreach (AbiField field in structure.Fields)
        {
            cs.Append($"        public {spelling.Raw(field.Type)} {Identifier(field.Name)};\n");
        }
        cs.Append("    }\n}\n");
    }

    /// <summary>A member's own C parameters: those between <c>user_data</c> and the <c>out_result</c> a result comes back through.</summary>
    private static IReadOnlyList<AbiType> Arguments(AbiInterfaceMember member, AbiField field)
    {
        var function = (FunctionPointerType)field.Type;
        return function.Parameters.Skip(1).Take(function.Parameters.Count - 1 - (member.Result is null ? 0 : 1)).ToList();
    }

    /// <summary>A member's parameter as the implementation takes it: a string decoded (<c>string?</c> only where C may pass NULL), a bool as bool.</summary>
    private static string ArgumentType(AbiType type, CSharpTypes spelling) => type switch
    {
        StringType { Nullable: false } => "string",
        _ => spelling.Managed(type),
    };

    /// <summary>A C argument a trampoline received, as the implementation takes it.</summary>
    private static string FromArgument(string value, AbiType type) => type switch
    {
        StringType text => $"Marshal.PtrToStringUTF8((IntPtr){value}){(text.Nullable ? "" : "!")}",
        PrimitiveType { Primitive: Primitive.Bool } => $"{value} != 0",
        _ => value,
    };

    /// <summary>
    /// The trampolines of one interface and the method that fills its table for an implementation: each
    /// trampoline finds the implementation through the GCHandle in <c>user_data</c>, converts the arguments,
    /// writes a result through <c>out_result</c>, and turns an exception into the caller's error report.
    /// </summary>
    private static void AppendImplementation(StringBuilder cs, AbiStruct structure, CSharpTypes spelling)
    {
        string name = spelling.Names.Of(structure);
        string table = spelling.Raw(new StructRef(structure.Name));
        var fields = new List<string> { "        user_data = __Hold(implementation)," };
        foreach (AbiInterfaceMember member in structure.Interface!.Members)
        {
            AbiField field = structure.Fields.Single(candidate => candidate.Name == member.Field);
            var function = (FunctionPointerType)field.Type;
            IReadOnlyList<AbiType> arguments = Arguments(member, field);
            string trampoline = $"__{structure.Name}_{member.Field}";
            fields.Add($"        {Identifier(field.Name)} = &{trampoline},");
            string parameters = string.Concat(arguments.Select((type, index) => $", {spelling.Raw(type)} arg{index + 1}"))
                + (member.Result is null ? "" : $", {spelling.Raw(function.Parameters[function.Parameters.Count - 1])} result");
            string converted = string.Join(", ", arguments.Select((type, index) => FromArgument($"arg{index + 1}", type)));
            string call = member.Kind switch
            {
                AbiInterfaceMemberKind.Getter => $"implementation.{Identifier(member.Member)}",
                AbiInterfaceMemberKind.Setter => $"implementation.{Identifier(member.Member)} = {converted}",
                _ => $"implementation.{Identifier(member.Member)}({converted})",
            };
            string statement = member.Result is { } result ? $"*result = {spelling.ToRaw(call, result)};" : $"{call};";
            cs.Append($$"""

                    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
                    private static int {{trampoline}}(void* userData{{parameters}})
                    {
                        try
                        {
                            var implementation = ({{name}})GCHandle.FromIntPtr((IntPtr)userData).Target!;
                            {{statement}}
                            return 0;
                        }
                        catch (Exception error)
                        {
                            return __CallbackFailed(error);
                        }
                    }

                """);
        }
        fields.Add("        release = &__ReleaseImplementation,");
        cs.Append($$"""

                // The table of an implementation of {{name}}, which the library holds until it calls release.
                private static {{table}} __Implement({{name}} implementation) => new()
                {
            {{string.Join("\n", fields)}}
                };

            """);
    }

    /// <summary>
    /// What every interface's tables share: the GCHandles the library holds (counted, so a program can see
    /// each released exactly once), the one release function, and the report of an implementation's exception.
    /// </summary>
    private static void AppendImplementationHelpers(StringBuilder cs, AbiLibrary library)
    {
        string type = BindingShapes.CSharpName(library);
        cs.Append($$"""

                private static long s_implementationsHeld;
                private static long s_implementationsReleased;

                /// <summary>Implementations of the library's interfaces it holds now: passed to it, not released yet.</summary>
                public static long ImplementationsHeld => Interlocked.Read(ref s_implementationsHeld);

                /// <summary>Implementations the library has released (each once: then the binding let go of it).</summary>
                public static long ImplementationsReleased => Interlocked.Read(ref s_implementationsReleased);

                // An implementation kept alive for the library: the GCHandle is the table's user_data.
                private static void* __Hold(object implementation)
                {
                    Interlocked.Increment(ref s_implementationsHeld);
                    return (void*)GCHandle.ToIntPtr(GCHandle.Alloc(implementation));
                }

                // The library is done with a table (once, on any thread, often the finalizer's): the implementation may go.
                [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
                private static void __ReleaseImplementation(void* userData)
                {
                    GCHandle.FromIntPtr((IntPtr)userData).Free();
                    Interlocked.Decrement(ref s_implementationsHeld);
                    Interlocked.Increment(ref s_implementationsReleased);
                }

                // An implementation threw: the library gets its code ({{type}}Exception's own, else EXCEPTION) and message.
                private static int __CallbackFailed(Exception error)
                {
                    int code = error is {{type}}Exception { Code: not 0 } failure ? failure.Code : {{ErrorCode(library, "EXCEPTION", 1)}};
                    string message = error.Message;
                    int nul = message.IndexOf('\0');
                    // Lenient: C reads up to the first NUL, and a lone surrogate becomes U+FFFD rather than a second failure.
                    byte[] text = System.Text.Encoding.UTF8.GetBytes((nul >= 0 ? message.Substring(0, nul) : message) + "\0");
                    fixed (byte* pointer = text)
                    {
                        Raw.{{Identifier(SetCallbackError(library))}}(code, pointer);
                    }
                    return code;
                }

            """);
    }
}
