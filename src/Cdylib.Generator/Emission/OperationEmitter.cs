using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.Abi.Model;
using Cdylib.Generator.Model;

namespace Cdylib.Generator.Emission;

/// <summary>
/// Writes what an async export needs: its operation class (a <c>Cdylib.Runtime.AsyncOperation</c>
/// that converts the result and calls the C callback) and the start, wait and cancel entry points.
/// The runtime class holds the rules (ends once, waits, cancels); this writes only what depends on
/// the export's types.
/// </summary>
internal static class OperationEmitter
{
    private const string Task = "global::System.Threading.Tasks.Task";
    private const string Handles = "global::Cdylib.Runtime.Handles";

    /// <summary>The entry point of <paramref name="shim"/>, one of an async export's functions.</summary>
    public static void AppendShim(StringBuilder code, ShimMethod shim, OperationShim operation, System.Func<string, string> local, string attribute)
    {
        code.Append(attribute);
        switch (operation.Kind)
        {
            case OperationShimKind.Start:
                AppendStart(code, shim, operation, local);
                break;
            case OperationShimKind.Wait:
                AppendWait(code, shim, operation);
                break;
            default:
                code.Append($$"""
                            private static void Shim_{{shim.EntryPoint}}(void* op)
                            {
                                try
                                {
                                    {{Handles}}.Get<{{operation.Class}}>(op, "op").Cancel();
                                }
                                catch (global::System.Exception exception)
                                {
                                    global::Cdylib.Runtime.LastError.Record(exception);
                                }
                            }

                    """);
                break;
        }
    }

    // Arguments are converted before the operation exists: a refused argument fails the call (NULL
    // and the last error) and no callback comes. Whatever the method then does, even throwing
    // before it returns a task, arrives through the callback.
    private static void AppendStart(StringBuilder code, ShimMethod shim, OperationShim operation, System.Func<string, string> local)
    {
        List<ParameterCode> parameters = shim.Parameters.Select(parameter => Marshallers.Parameter(parameter, local)).ToList();
        var signature = parameters.SelectMany(parameter => parameter.ShimParameters)
            .Append($"{AsyncCallbackType(operation)} {Marshallers.Identifier(operation.Callback)}")
            .Append($"void* {Marshallers.Identifier(operation.UserData)}");
        var body = new List<string>(parameters.SelectMany(parameter => parameter.Before));
        var arguments = new List<string>();
        foreach (ParameterCode parameter in parameters)
        {
            // out/ref/in arguments name the caller's memory; everything else is converted up front.
            if (parameter.Argument.StartsWith("out ", System.StringComparison.Ordinal) || parameter.Argument.StartsWith("ref ", System.StringComparison.Ordinal)
                || parameter.Argument.StartsWith("in ", System.StringComparison.Ordinal))
            {
                arguments.Add(parameter.Argument);
                continue;
            }
            string argument = local("argument" + arguments.Count);
            body.Add($"var {argument} = {parameter.Argument};");
            arguments.Add(argument);
        }
        string operationLocal = local("operation");
        string handle = local("handle");
        string task = local("task");
        string thrown = local("thrown");
        body.Add($"var {operationLocal} = new {operation.Class}({Marshallers.Identifier(operation.Callback)}, {Marshallers.Identifier(operation.UserData)});");
        body.Add($"void* {handle} = {Handles}.Allocate({operationLocal});");
        if (operation.TakesToken)
        {
            arguments.Add($"{operationLocal}.Token");
        }
        string call = Marshallers.Call(shim, arguments);
        body.Add($"{Task} {task};");
        body.Add("try");
        body.Add("{");
        body.Add($"    {task} = {call}{(operation.IsValueTask ? ".AsTask()" : "")};");
        body.Add("}");
        body.Add($"catch (global::System.Exception {thrown})");
        body.Add("{");
        body.Add($"    {task} = global::Cdylib.Runtime.AsyncOperation.Threw({thrown});");
        body.Add("}");
        body.AddRange(parameters.SelectMany(parameter => parameter.After));
        body.Add($"{operationLocal}.Follow({task});");
        body.Add($"return {handle};");

        string exception = local("exception");
        code.Append($"        private static void* Shim_{shim.EntryPoint}({string.Join(", ", signature)})\n");
        code.Append("        {\n            try\n            {\n");
        foreach (string line in body)
        {
            code.Append("                ").Append(line).Append('\n');
        }
        code.Append($$"""
                        }
                        catch (global::System.Exception {{exception}})
                        {
                            global::Cdylib.Runtime.LastError.Record({{exception}});
                            return null;
                        }
                    }

            """);
    }

    private static void AppendWait(StringBuilder code, ShimMethod shim, OperationShim operation)
    {
        string outResult = CSignature.OutResult;
        string signature = operation.Result is { } result ? $"void* op, int timeout_ms, {result.ShimType}* {outResult}" : "void* op, int timeout_ms";
        string store = operation.Result is null ? "" : $"if ({outResult} != null) *{outResult} = status == 0 && operation.EndedTask is {{ }} task ? {operation.Class}.ToNative(task) : default;\n                ";
        string clear = operation.Result is null ? "" : $"if ({outResult} != null) *{outResult} = default;\n                ";
        code.Append($$"""
                    private static int Shim_{{shim.EntryPoint}}({{signature}})
                    {
                        try
                        {
                            var operation = {{Handles}}.Get<{{operation.Class}}>(op, "op");
                            int status = operation.Wait(timeout_ms);
                            {{store}}return status;
                        }
                        catch (global::System.Exception exception)
                        {
                            global::Cdylib.Runtime.LastError.Record(exception);
                            {{clear}}return global::Cdylib.Runtime.LastError.GetCode();
                        }
                    }

            """);
    }

    /// <summary>The operation class of an async export's start shim.</summary>
    public static void AppendClass(StringBuilder code, OperationShim operation)
    {
        string callbackType = AsyncCallbackType(operation);
        ValueMarshalling? result = operation.Result;
        string deliver = result is null
            ? "_done(_userData, status);"
            : $$"""
                {{result.ShimType}} result = default;
                                if (status == 0)
                                {
                                    try
                                    {
                                        result = ToNative(task!);
                                    }
                                    catch (global::System.Exception exception)
                                    {
                                        status = Fail(exception);
                                    }
                                }
                                _done(_userData, status, result);
                """;
        string toNative = result is null ? "" : $$"""


                            // The awaited result in C: given to the callback once, or to each successful wait.
                            internal static {{result.ShimType}} ToNative({{Task}} task) =>
                                {{Marshallers.ToNative($"(({Task}<{result.ManagedType}>)task).Result", result)}};
                """;
        code.Append($$"""

                    /// <summary>One call of {{operation.Class.Substring("Operation_".Length)}}, held by C as a handle.</summary>
                    internal sealed class {{operation.Class}} : global::Cdylib.Runtime.AsyncOperation
                    {
                        private readonly {{callbackType}} _done;
                        private readonly void* _userData;

                        public {{operation.Class}}({{callbackType}} done, void* userData)
                            : base(observesToken: {{(operation.TakesToken ? "true" : "false")}})
                        {
                            _done = done;
                            _userData = userData;
                        }

                        protected override bool HasCallback => _done != null;

                        protected override void Deliver(int status, {{Task}}? task)
                        {
                            if (_done == null)
                            {
                                return;
                            }
                            {{deliver}}
                        }{{toNative}}
                    }

            """);
    }

    private static string AsyncCallbackType(OperationShim operation) => Parsing.AsyncExport.CallbackShimType(operation.Result);
}
