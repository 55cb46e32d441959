using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The Node module's iterator exports (docs/abi.md, "Iterator exports"). The function returns an object of the
/// export's sequence class (<c>seq_range</c> → <c>RangeSequence</c>), a JavaScript iterator (<c>for…of</c>,
/// <c>next()</c>, <c>Array.from</c>) over the items converted as results are (a string decoded and freed once,
/// a handle wrapped as its class, a struct as a plain object, a bool, an enum's number). An exception the
/// sequence threw is thrown as the module's error by the <c>next()</c> that hit it. The iterator's handle is
/// freed exactly once: when the items ran out or the sequence failed, on <c>return()</c> (a <c>break</c> out of
/// a <c>for…of</c> loop), <c>close()</c> or <c>using</c>, or when the object is collected — each of which ends
/// the C# enumerator, so its <c>finally</c> blocks run. The next function is the class's own: nothing else calls it.
/// </summary>
public static partial class NodeModule
{
    /// <summary>The iterator exports by the handle type of their sequences.</summary>
    private static Dictionary<string, AbiFunction> Sequences(AbiLibrary library) =>
        library.Functions.Where(function => function.Iterator is not null).ToDictionary(function => function.Iterator!.Handle);

    /// <summary>The sequence class of one iterator export: a <c>_Sequence</c> with its free and next functions and how an item becomes its value.</summary>
    private static void AppendSequence(StringBuilder js, AbiFunction function, AbiHandle handle, string name, NodeTypes types)
    {
        AbiIterator iterator = function.Iterator!;
        js.Append($"/** The items {Identifier(function.Name)}() gives, one at a time: iterate it; return(), close() (or `using`) ends it early. */\n");
        js.Append($"class {name} extends _Sequence {{}}\n");
        js.Append($"Object.defineProperty({name}.prototype, '_free', {{ value: _func(null, '{handle.FreeFunction}', 'void', ['void *']) }});\n");
        string step = $"_func(null, '{iterator.Next}', 'bool', ['void *', koffi.out(koffi.pointer({types.Koffi(iterator.Item)}))])";
        js.Append($"_sequence({name}, {step}, () => ({NodeTypes.EmptyHolder(iterator.Item)}), (item) => {types.FromHolder("item", iterator.Item)});\n\n");
    }

    /// <summary>A sequence class in TypeScript: an <c>IterableIterator</c> of its items that can be closed.</summary>
    private static void AppendSequenceDeclaration(StringBuilder ts, AbiFunction function, string name, string error, NodeTypes types)
    {
        string item = types.TypeScript(function.Iterator!.Item, input: false);
        ts.Append($"\n/** The items {Identifier(function.Name)}() gives, one at a time: iterate it; return(), close() (or `using`) ends it early, once. */\n");
        ts.Append($"export declare class {name} implements IterableIterator<{item}> {{\n");
        ts.Append("    private constructor();\n");
        ts.Append($"    /** The next item; done once the items ran out. An exception the sequence threw is thrown here (as {error}), and ends it. */\n");
        ts.Append($"    next(): IteratorResult<{item}, undefined>;\n");
        ts.Append("    /** Ends the sequence early (a `break` out of for…of calls it): its C# finally blocks run. */\n");
        ts.Append("    return<R = undefined>(value?: R): IteratorReturnResult<R>;\n");
        ts.Append($"    [Symbol.iterator](): {name};\n");
        ts.Append("    /** Ends the sequence now if it has not ended, once; next() then gives done. */\n    close(): void;\n    [Symbol.dispose](): void;\n    readonly closed: boolean;\n}\n");
    }
}
