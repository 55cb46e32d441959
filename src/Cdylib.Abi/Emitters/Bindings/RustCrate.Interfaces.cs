using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Lowering;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The crate's caller-implemented interfaces: each is a trait (<c>Send + Sync</c>, methods on
/// <c>&amp;self</c> returning <c>Result&lt;_, Error&gt;</c>: the library calls them from any thread, several
/// at once), and a parameter taking the interface takes an <c>Arc&lt;dyn Trait&gt;</c> (or <c>None</c>). The
/// table C# receives is filled with plain <c>extern "C"</c> trampolines, one per function of the table,
/// whose <c>user_data</c> is a boxed clone of that <c>Arc</c>; <c>release</c> drops the box, once. An
/// <c>Err</c> becomes <c>PREFIX_set_callback_error(code, message)</c> and the code; a panic is caught
/// before it reaches C# (<c>EXCEPTION</c> with the panic's message).
/// </summary>
public static partial class RustCrate
{
    /// <summary>The tables of the caller-implemented interfaces, as C lays them out, in <c>ffi</c> (the crate root has the traits).</summary>
    private static void AppendInterfaceTables(StringBuilder rs, AbiLibrary library, RustTypes types)
    {
        foreach (AbiStruct structure in library.CallerInterfaces())
        {
            var table = new StringBuilder();
            AppendStruct(table, structure, types);
            // Indented as the rest of ffi.
            rs.Append(string.Concat(table.ToString().Split('\n').Select((line, index) => (index == 0 || line.Length == 0 ? "" : "    ") + line + "\n")).TrimEnd('\n') + "\n");
        }
    }

    /// <summary>Each caller-implemented interface's trait and the filling of its table, and what the trampolines share.</summary>
    private static void AppendInterfaces(StringBuilder rs, AbiLibrary library, RustTypes types)
    {
        var interfaces = library.CallerInterfaces().ToList();
        if (interfaces.Count == 0)
        {
            return;
        }
        rs.Append(CallbacksModule(library));
        foreach (AbiStruct structure in interfaces)
        {
            AppendInterface(rs, structure, types);
        }
    }

    private static void AppendInterface(StringBuilder rs, AbiStruct structure, RustTypes types)
    {
        string trait = types.Names.Of(structure);
        var fields = structure.Fields.ToDictionary(field => field.Name);
        var methods = new StringBuilder();
        var trampolines = new StringBuilder();
        var methodNames = new HashSet<string>();
        foreach (AbiInterfaceMember member in structure.Interface!.Members)
        {
            AbiField field = fields[member.Field];
            var function = (FunctionPointerType)field.Type;
            // user_data first, out_result last when there is a result.
            var values = function.Parameters.Skip(1).Take(function.Parameters.Count - 1 - (member.Result is null ? 0 : 1)).ToList();
            string method = BindingShapes.SnakeCase(member.Member);
            method = Identifier(member.Kind == AbiInterfaceMemberKind.Setter ? "set_" + method : method);
            while (!methodNames.Add(method))
            {
                method += "_";
            }
            // The C# parameter names, in Rust's case, clear of the trampoline's own names.
            var names = Identifiers(member.Parameters.Select(BindingShapes.SnakeCase), ["user_data", "out_result", "implementation"]);
            string result = member.Result is null ? "()" : types.Type(member.Result);
            if (field.Doc is not null)
            {
                methods.Append($"    /// {Line(field.Doc)}\n");
            }
            methods.Append($"    fn {method}(&self{string.Concat(values.Select((type, index) => $", {names[index]}: {TraitParameter(type, types)}"))}) -> Result<{result}, Error>;\n");

            string fieldName = Identifier(field.Name);
            var cParameters = values.Select((type, index) => $", {names[index]}: {types.Type(type, "ffi::")}")
                .Concat(member.Result is null ? [] : new[] { $", out_result: *mut {types.Type(member.Result, "ffi::")}" });
            string call = $"implementation.{method}({string.Join(", ", values.Select((type, index) => TraitArgument(names[index], type)))})";
            trampolines.Append($"        unsafe extern \"C\" fn {fieldName}(user_data: *mut c_void{string.Concat(cParameters)}) -> i32 {{\n");
            trampolines.Append(member.Result is null
                ? $"            unsafe {{ callbacks::call::<dyn {trait}>(user_data, |implementation| {call}) }}\n"
                : $"            unsafe {{ callbacks::call::<dyn {trait}>(user_data, |implementation| {call}.map(|value| *out_result = value)) }}\n");
            trampolines.Append("        }\n");
        }

        string summary = Line((structure.Doc ?? structure.Managed).Split('\n')[0]);
        rs.Append($$"""

            /// {{summary}}
            ///
            /// Implemented in Rust: pass an `Arc<dyn {{trait}}>` where the library takes one (or `None`, where
            /// C# allows null; elsewhere the call fails with NULL_ARGUMENT). The library may keep it past the
            /// call and call it from any of its threads, several at once: hence `Send + Sync` and `&self`
            /// (keep mutable state behind atomics or a `Mutex`). An `Err` reaches the C# code as an exception
            /// with its code and message, and, unless caught there, the call's caller as its error; a panic is
            /// caught at the boundary and reported as `EXCEPTION` with the panic's message. The library holds
            /// one clone of the `Arc` per call that passed it, dropped exactly once when its C# object is
            /// collected (on the finalizer thread), or never if the process exits first.
            pub trait {{trait}}: Send + Sync {
            {{methods}}}

            impl ffi::{{trait}} {
                /// The table of `implementation`: its `user_data` is a boxed clone of the `Arc`, which `release` drops.
                pub(crate) fn new(implementation: std::sync::Arc<dyn {{trait}}>) -> Self {
            {{trampolines}}        unsafe extern "C" fn release(user_data: *mut c_void) {
                        unsafe { callbacks::release::<dyn {{trait}}>(user_data) }
                    }
                    ffi::{{trait}} {
                        user_data: callbacks::user_data(implementation),
            {{string.Concat(structure.Interface.Members.Select(member => $"            {Identifier(member.Field)}: Some({Identifier(member.Field)}),\n"))}}            release: Some(release),
                    }
                }
            }

            """);
    }

    /// <summary>A table parameter as the trait's method takes it: text as <c>&amp;str</c> (borrowed for the call), anything else as C passes it.</summary>
    private static string TraitParameter(AbiType type, RustTypes types) => type switch
    {
        StringType { Nullable: true } => "Option<&str>",
        StringType => "&str",
        _ => types.Type(type),
    };

    /// <summary>The conversion of a trampoline's parameter <paramref name="name"/> to the trait's.</summary>
    private static string TraitArgument(string name, AbiType type) => type switch
    {
        StringType { Nullable: true } => $"callbacks::optional_text({name}).as_deref()",
        StringType => $"&callbacks::text({name})",
        _ => name,
    };

    /// <summary>What every table's trampolines share: the call of the implementation, with its failure reported to C#, and the release.</summary>
    private static string CallbacksModule(AbiLibrary library)
    {
        string exception = CodeName(library, "EXCEPTION");
        if (exception.StartsWith("error_codes::", System.StringComparison.Ordinal))
        {
            exception = "super::" + exception;
        }
        string setError = library.Functions.Single(function => function.Role == AbiHelperRole.SetCallbackError).Name;
        return $$"""

            /// The trampolines of the caller-implemented interfaces: calls of a Rust implementation from C#.
            mod callbacks {
                use super::{ffi, Error};
                use std::borrow::Cow;
                use std::ffi::{c_char, c_void, CStr, CString};
                use std::panic::{catch_unwind, AssertUnwindSafe};
                use std::sync::Arc;

                /// A table's `user_data`: one clone of the implementation's `Arc`, boxed (a `dyn` `Arc` is two words).
                pub(crate) fn user_data<I: ?Sized>(implementation: Arc<I>) -> *mut c_void {
                    Box::into_raw(Box::new(implementation)) as *mut c_void
                }

                /// Runs `body` on the implementation behind `user_data`: 0, or the code of its `Err` (a panic's:
                /// EXCEPTION) after `{{setError}}` gave C# the message. Nothing unwinds into the library.
                pub(crate) unsafe fn call<I: ?Sized>(user_data: *mut c_void, body: impl FnOnce(&I) -> Result<(), Error>) -> i32 {
                    let implementation: &Arc<I> = unsafe { &*(user_data as *const Arc<I>) };
                    let (code, message) = match catch_unwind(AssertUnwindSafe(|| body(&**implementation))) {
                        Ok(Ok(())) => return 0,
                        // 0 would read as success: an error without a code is an exception.
                        Ok(Err(error)) if error.code == 0 => ({{exception}}, error.message),
                        Ok(Err(error)) => (error.code, error.message),
                        Err(panic) => {
                            let message = panic_message(&*panic);
                            // Dropping the payload runs its code too: it must not unwind either.
                            let _ = catch_unwind(AssertUnwindSafe(move || drop(panic)));
                            ({{exception}}, message)
                        }
                    };
                    // C takes a NUL for the end of the text: one would cut the message short. No message at all
                    // (NULL) lets C# name the member and the code.
                    let message = CString::new(message.replace('\0', "\u{fffd}")).unwrap_or_default();
                    unsafe { ffi::{{setError}}(code, if message.is_empty() { std::ptr::null() } else { message.as_ptr() }) };
                    code
                }

                /// The table's `release`, called once by C#: drops the `Arc` clone `user_data` holds (the
                /// implementation itself when it was the last), and with it anything its `Drop` panics with.
                pub(crate) unsafe fn release<I: ?Sized>(user_data: *mut c_void) {
                    let implementation = unsafe { Box::from_raw(user_data as *mut Arc<I>) };
                    let _ = catch_unwind(AssertUnwindSafe(move || drop(implementation)));
                }

                /// A borrowed UTF-8 argument (valid for the call), invalid sequences replaced; NULL is "".
                pub(crate) unsafe fn text<'a>(value: *const c_char) -> Cow<'a, str> {
                    if value.is_null() {
                        return Cow::Borrowed("");
                    }
                    unsafe { CStr::from_ptr(value) }.to_string_lossy()
                }

                /// A borrowed UTF-8 argument that may be NULL (a C# `string?`).
                pub(crate) unsafe fn optional_text<'a>(value: *const c_char) -> Option<Cow<'a, str>> {
                    if value.is_null() { None } else { Some(unsafe { text(value) }) }
                }

                fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
                    match (panic.downcast_ref::<&str>(), panic.downcast_ref::<String>()) {
                        (Some(message), _) => (*message).to_string(),
                        (_, Some(message)) => message.clone(),
                        _ => "the implementation panicked".to_string(),
                    }
                }
            }

            """;
    }
}
