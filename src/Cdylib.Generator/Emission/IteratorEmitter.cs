using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Model;
using Cdylib.Generator.Model;

namespace Cdylib.Generator.Emission;

/// <summary>
/// Writes what an iterator export needs: its iterator class (a <c>Cdylib.Runtime.SequenceIterator&lt;T&gt;</c>
/// of its own type, so another export's iterator handle is refused), the entry point that calls the
/// method and hands out the iterator's handle, and the next function that converts one item.
/// </summary>
internal static class IteratorEmitter
{
    private const string Handles = "global::Cdylib.Runtime.Handles";
    private const string LastError = "global::Cdylib.Runtime.LastError";

    public static void AppendShim(StringBuilder code, ShimMethod shim, IteratorShim iterator, System.Func<string, string> local, string attribute)
    {
        code.Append(attribute);
        if (iterator.IsNext)
        {
            AppendNext(code, shim, iterator);
            return;
        }
        List<ParameterCode> parameters = shim.Parameters.Select(parameter => Marshallers.Parameter(parameter, local)).ToList();
        string call = Marshallers.Call(shim, parameters.Select(parameter => parameter.Argument).ToList());
        string sequence = local("sequence");
        string exception = local("exception");
        var body = new List<string>(parameters.SelectMany(parameter => parameter.Before)) { $"var {sequence} = {call};" };
        body.AddRange(parameters.SelectMany(parameter => parameter.After));
        body.Add($"return {Handles}.Allocate(new {iterator.Class}({sequence}));");
        code.Append($"        private static void* Shim_{shim.EntryPoint}({string.Join(", ", parameters.SelectMany(parameter => parameter.ShimParameters))})\n");
        code.Append("        {\n            try\n            {\n");
        foreach (string line in body)
        {
            code.Append("                ").Append(line).Append('\n');
        }
        code.Append($$"""
                        }
                        catch (global::System.Exception {{exception}})
                        {
                            {{LastError}}.Record({{exception}});
                            return null;
                        }
                    }

            """);
    }

    // The NULL check comes before the move, so a bad call loses no item.
    private static void AppendNext(StringBuilder code, ShimMethod shim, IteratorShim iterator)
    {
        ValueMarshalling item = iterator.Item;
        code.Append($$"""
                    private static byte Shim_{{shim.EntryPoint}}(void* it, {{item.ShimType}}* out_item)
                    {
                        try
                        {
                            var iterator = {{Handles}}.Get<{{iterator.Class}}>(it, "it");
                            global::Cdylib.Runtime.Boundary.Reference((nint*)out_item, "out_item");
                            if (!iterator.MoveNext(out var item))
                            {
                                {{LastError}}.Clear();
                                *out_item = default;
                                return 0;
                            }
                            *out_item = {{Marshallers.ToNative("item", item)}};
                            return 1;
                        }
                        catch (global::System.Exception exception)
                        {
                            {{LastError}}.Record(exception);
                            if (out_item != null) *out_item = default;
                            return 0;
                        }
                    }

            """);
    }

    /// <summary>The iterator class of an iterator export.</summary>
    public static void AppendClass(StringBuilder code, IteratorShim iterator, string export)
    {
        string itemType = iterator.Item.ManagedType;
        code.Append($$"""

                    /// <summary>The sequence {{export}} returned, held by C as a handle.</summary>
                    internal sealed class {{iterator.Class}} : global::Cdylib.Runtime.SequenceIterator<{{itemType}}>
                    {
                        public {{iterator.Class}}(global::System.Collections.Generic.IEnumerable<{{itemType}}>? items)
                            : base(items, "{{export}}")
                        {
                        }
                    }

            """);
    }
}
