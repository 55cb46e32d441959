using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The Python module's caller-implemented interfaces (docs/abi.md, "Interfaces implemented by the caller").
/// Each interface is an abstract base class named after it (<c>ILogger</c>) whose abstract methods and
/// properties are the table's members, named as the module names functions (snake case: <c>Log</c> →
/// <c>log</c>, <c>Level</c> → the property <c>level</c>). An object of a subclass passed where the library
/// takes the interface becomes a table at the call: <c>user_data</c> is a key into the module's registry of
/// such objects, and the functions are callbacks the module made once at import, so they never go away. The
/// registry holds the object until the library calls <c>release</c> with that key, from whatever thread,
/// then calls the object's <c>released()</c>. An exception a member raises becomes
/// <c>PREFIX_set_callback_error</c> and its code (the module's <c>Error</c> keeps its code; any other is
/// <c>EXCEPTION</c>).
/// </summary>
public static partial class PythonModule
{
    /// <summary>The registry of the objects the library holds, and what every interface's callbacks do.</summary>
    private static void AppendInterfaceRuntime(StringBuilder py, AbiLibrary library)
    {
        int exception = library.ErrorCodes.FirstOrDefault(code => code.Name == "EXCEPTION")?.Value ?? 1;
        string setError = library.Functions.FirstOrDefault(function => function.Role == AbiHelperRole.SetCallbackError)?.Name
            ?? throw new BindingRefusedException($"{library.Name}.abi.json has interfaces the caller implements but no set_callback_error function: rebuild the library with this version of Cdylib");
        py.Append($$""""


            import abc as _abc
            import itertools as _itertools

            _lib.{{setError}}.argtypes = [ctypes.c_int32, ctypes.c_char_p]
            _lib.{{setError}}.restype = None
            _release_type = ctypes.CFUNCTYPE(None, ctypes.c_void_p)

            # The objects of the caller's classes the library holds, by the key each table carries as its user_data:
            # one entry for each table (each call that passed the object), let go when the library releases that
            # table, which may be long after the call, on another thread, or never before the process exits.
            _implementations = {}
            _implementations_lock = _threading.Lock()
            _implementation_keys = _itertools.count(1)


            class _Implementation:
                """How ctypes passes an object where the library takes an interface: a table of the module's
                callbacks (made once, at import) whose user_data names the object in _implementations."""

                def __init__(self, table, callbacks):
                    self.table = table
                    self.callbacks = callbacks

                def from_param(self, value):
                    # ctypes calls this at the call, once every argument was checked: from here on the library
                    # holds the object, until it releases the table. It copies the table during the call.
                    if value is None:
                        return None
                    with _implementations_lock:
                        key = next(_implementation_keys)
                        _implementations[key] = value
                    return ctypes.byref(self.table(key, *self.callbacks))


            def _implementation(cls, value, name):
                if value is not None and not isinstance(value, cls):
                    raise TypeError(f"{name} must be a {cls.__name__} (an object of a subclass of it), not {type(value).__name__}")
                return value


            def _implemented(key, call):
                # One member called by the library, on whatever thread it runs on. An exception cannot cross the C
                # frames: it becomes the callback's error (its code and message) and a non-zero return, which the
                # library raises as its own exception.
                try:
                    call(_implementations[key])
                    return 0
                except Error as error:
                    code, message = error.code, error.message
                except BaseException as error:
                    code, message = {{exception}}, f"{type(error).__name__}: {error}"
                if not isinstance(code, int) or code == 0 or not -2**31 <= code < 2**31:
                    code = {{exception}}
                _lib.{{setError}}(int(code), str(message).encode("utf-8", "replace"))
                return int(code)


            def _released(key, hook):
                # The library let go of one table: the object may go (once no table and nobody else holds it).
                with _implementations_lock:
                    value = _implementations.pop(key, None)
                if value is not None:
                    getattr(value, hook)()


            def _text(value):
                # A string the library lends for the call (UTF-8).
                return None if value is None else value.decode("utf-8")


            def _put(pointer, value):
                pointer[0] = value


            @_abc.abstractmethod
            def _abstract_member(self, *args):
                raise NotImplementedError

            """");
    }

    /// <summary>The ctypes object that passes an object of <paramref name="structure"/>'s interface (its table at the call).</summary>
    private static string InterfaceArgument(AbiStruct structure, BindingNames names) => $"_{names.Of(structure)}_argument";

    /// <summary>The interface's base class, its table as ctypes lays it out, one callback per member, and its release.</summary>
    private static void AppendInterface(StringBuilder py, AbiStruct structure, BindingNames names, PythonTypes types)
    {
        AbiCallerInterface contract = structure.Interface!;
        string name = names.Of(structure);
        var fields = structure.Fields.ToDictionary(field => field.Name);
        IReadOnlyDictionary<AbiInterfaceMember, string> members = MemberNames(contract);
        string hook = "released";
        while (members.Values.Contains(hook))
        {
            hook += "_";
        }

        // The base class the caller's class derives from: abstract members, so a class missing one cannot be made.
        py.Append($"\n\nclass {name}(_abc.ABC):\n");
        py.Append($"    \"\"\"{Doc(Summary(structure)) ?? structure.Managed} Implemented in Python: subclass it, define its members, and pass an object where the\n");
        py.Append("    library takes it. The library may call the members from any thread, also after the call that passed the\n");
        py.Append($"    object returned, and holds the object until it calls {hook}() (once for each call that passed it). A\n");
        py.Append($"    member fails by raising: the module's Error keeps its code, any other exception is ErrorCode.EXCEPTION.\"\"\"\n");
        foreach (IGrouping<string, AbiInterfaceMember> member in contract.Members.GroupBy(member => members[member]))
        {
            AbiInterfaceMember first = member.First();
            string doc = StringLiteral.Of(Doc(fields[first.Field].Doc) ?? first.Member);
            if (first.Kind == AbiInterfaceMemberKind.Method)
            {
                // The C# parameter names in Python's case: an implementation may take them by keyword too.
                var parameterNames = first.Parameters.Select(parameter => Identifier(BindingShapes.SnakeCase(parameter))).ToList();
                var parameters = Parameters(fields[first.Field], first).Select((type, index) => $"{parameterNames[index]}: {PythonTypeName(type, names)}");
                string result = first.Result is null ? "returns nothing" : "returns " + PythonTypeName(first.Result, names);
                py.Append($"\n    @_abc.abstractmethod\n    def {member.Key}(self{string.Concat(parameterNames.Select(parameter => ", " + parameter))}):\n");
                py.Append($"        \"\"\"{Doc(fields[first.Field].Doc) ?? first.Member} Called as {member.Key}({string.Join(", ", parameters)}); {result}.\"\"\"\n");
            }
            else
            {
                bool get = member.Any(m => m.Kind == AbiInterfaceMemberKind.Getter);
                bool set = member.Any(m => m.Kind == AbiInterfaceMemberKind.Setter);
                py.Append($"\n    {member.Key} = property({(get ? "_abstract_member" : "None")}, {(set ? "_abstract_member" : "None")}, doc={doc})\n");
            }
        }
        py.Append($"\n    def {hook}(self):\n");
        py.Append("        \"\"\"Called once for each table of this object the library let go of (on the thread it lets go on,\n");
        py.Append("        usually its finalizer thread): does nothing unless a subclass says otherwise.\"\"\"\n");

        // The table, laid out as the library lays it out.
        var callbackTypes = new List<string>();
        foreach (AbiInterfaceMember member in contract.Members)
        {
            var function = (FunctionPointerType)fields[member.Field].Type;
            string parameters = string.Concat(Parameters(fields[member.Field], member).Select(type => ", " + types.CType(type)));
            string result = member.Result is null ? "" : $", ctypes.POINTER({types.CType(member.Result)})";
            py.Append($"\n\n_{name}_{member.Field}_type = ctypes.CFUNCTYPE({types.CType(function.Returns)}, ctypes.c_void_p{parameters}{result})\n");
        }
        string table = $"_{name}_table";
        py.Append($"\n\nclass {table}(ctypes.Structure):\n");
        py.Append($"    \"\"\"{structure.Name} as C lays it out.\"\"\"\n\n");
        py.Append("    _fields_ = [\n");
        foreach (AbiField field in structure.Fields)
        {
            string type = field.Type is FunctionPointerType
                ? contract.Members.Any(member => member.Field == field.Name) ? $"_{name}_{field.Name}_type" : "_release_type"
                : types.CType(field.Type);
            py.Append($"        (\"{field.Name}\", {type}),\n");
        }
        py.Append("    ]\n");
        py.Append($"\n\n_layout({table}, {Tuple(structure.Fields.Select(field => $"\"{field.Name}\""))}, {structure.Layout64.Size}, {Tuple(structure.Fields.Select(field => field.Offset64.ToString(System.Globalization.CultureInfo.InvariantCulture)))}, {structure.Layout32.Size}, {Tuple(structure.Fields.Select(field => field.Offset32.ToString(System.Globalization.CultureInfo.InvariantCulture)))})\n");

        // One callback per member, made once: the table of every call points at these.
        foreach (AbiInterfaceMember member in contract.Members)
        {
            var parameters = Parameters(fields[member.Field], member).ToList();
            var arguments = parameters.Select((type, i) => Argument($"a{i + 1}", type, names, types)).ToList();
            string label = StringLiteral.Of($"{name}.{members[member]}");
            string call = member.Kind switch
            {
                AbiInterfaceMemberKind.Getter => $"self.{members[member]}",
                AbiInterfaceMemberKind.Setter => $"setattr(self, \"{members[member]}\", {arguments[0]})",
                _ => $"self.{members[member]}({string.Join(", ", arguments)})",
            };
            if (member.Result is { } result)
            {
                call = $"_put(out_result, {ResultValue(call, result, label, names, types)})";
            }
            var signature = new List<string> { "key" };
            signature.AddRange(parameters.Select((_, i) => $"a{i + 1}"));
            if (member.Result is not null)
            {
                signature.Add("out_result");
            }
            py.Append($"\n\n@_{name}_{member.Field}_type\ndef _{name}_{member.Field}({string.Join(", ", signature)}):\n");
            py.Append($"    return _implemented(key, lambda self: {call})\n");
        }
        py.Append($"\n\n@_release_type\ndef _{name}_release(key):\n    _released(key, \"{hook}\")\n");
        var callbacks = structure.Fields.Skip(1).Select(field => contract.Members.Any(member => member.Field == field.Name) ? $"_{name}_{field.Name}" : $"_{name}_release");
        py.Append($"\n\n{InterfaceArgument(structure, names)} = _Implementation({table}, {Tuple(callbacks)})\n");
    }

    /// <summary>
    /// Each member's Python name: the C# name in snake case (<c>Log</c> → <c>log</c>); a property's getter and
    /// setter share theirs. A method whose name another member would share is named after its table field.
    /// </summary>
    private static IReadOnlyDictionary<AbiInterfaceMember, string> MemberNames(AbiCallerInterface contract)
    {
        string Of(AbiInterfaceMember member) => Identifier(BindingShapes.SnakeCase(member.Member));
        var owners = contract.Members
            .GroupBy(Of)
            .ToDictionary(group => group.Key, group => group.Select(member => member.Kind == AbiInterfaceMemberKind.Method ? member.Field : "property " + member.Member).Distinct().Count());
        return contract.Members.ToDictionary(
            member => member,
            member => owners[Of(member)] > 1 && member.Kind == AbiInterfaceMemberKind.Method ? Identifier(member.Field) : Of(member));
    }

    /// <summary>A member's own parameters: its function's, without user_data first and out_result last.</summary>
    private static IEnumerable<AbiType> Parameters(AbiField field, AbiInterfaceMember member)
    {
        var parameters = ((FunctionPointerType)field.Type).Parameters;
        return parameters.Skip(1).Take(parameters.Count - 1 - (member.Result is null ? 0 : 1));
    }

    /// <summary>The Python value of an argument the library passes (a string decoded from the UTF-8 it lends, a struct copied).</summary>
    private static string Argument(string value, AbiType type, BindingNames names, PythonTypes types) => type switch
    {
        StringType or PointerType { IsConst: true, Pointee: PrimitiveType { Primitive: Primitive.Char } } => $"_text({value})",
        StructRef when types.ValueOf(type) is null => $"{names.Of(type)}.from_buffer_copy({value})",
        _ => types.FromC(value, type),
    };

    /// <summary>What a member gives back as the C value written through out_result, checked as an argument is.</summary>
    private static string ResultValue(string value, AbiType type, string label, BindingNames names, PythonTypes types) =>
        type is StructRef && types.ValueOf(type) is null ? $"_struct({names.Of(type)}, {value}, {label})" : types.Argument(value, type, label);

    /// <summary>The interface's own summary: the table's doc before the paragraph the generator adds for C.</summary>
    private static string? Summary(AbiStruct structure) =>
        structure.Doc is { } doc && doc.IndexOf("\n\n", System.StringComparison.Ordinal) is var end and > 0 ? doc.Substring(0, end) : null;

    /// <summary>How a member's docstring names a type: the Python value it is.</summary>
    private static string PythonTypeName(AbiType type, BindingNames names) => type switch
    {
        StringType or PointerType { IsConst: true, Pointee: PrimitiveType { Primitive: Primitive.Char } } => "str",
        PrimitiveType { Primitive: Primitive.Bool } => "bool",
        PrimitiveType { Primitive: Primitive.Float or Primitive.Double or Primitive.Half or Primitive.NFloat } => "float",
        PrimitiveType { IsInteger: true } => "int",
        EnumRef or StructRef => names.Of(type),
        _ => "int",
    };
}
