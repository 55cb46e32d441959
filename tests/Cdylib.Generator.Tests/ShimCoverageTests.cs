using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cdylib.Generator.Tests;

/// <summary>
/// No generated shim lets an exception escape, whatever the types. Each shim of every golden case
/// and of a library with every kind of signature (struct results and parameters, strings, spans,
/// arrays, handles, the status form, callbacks, .NET's Guid/Int128/Half/NFloat) is read back from
/// the generated C# and must be one of two shapes:
/// <list type="bullet">
/// <item>everything it does inside one <c>try</c> whose only handler catches
/// <see cref="Exception"/> without a filter and only records the error and returns the failure value;</item>
/// <item>no <c>try</c>, and then nothing that can throw: arguments passed as they are (or a byte
/// compared with 0), the result returned as it is (or a bool as a byte), and a call either to a
/// helper of the runtime that only reads state or to a method whose body this test, independently of
/// the generator's <c>ThrowAnalysis</c>, sees cannot throw.</item>
/// </list>
/// What the compiler adds around the body (reading the arguments, writing a struct result through the
/// caller's buffer) cannot throw either when C and .NET agree on every layout, which
/// <see cref="StructLayoutTests"/> checks against the runtime. Issue 13's <c>make_rec</c> crash was
/// that write: its shim caught everything, but the header's <c>Rec</c> was 8 bytes against .NET's
/// 20, so C passed no result buffer and the shim's epilogue wrote through its first argument.
/// </summary>
public sealed class ShimCoverageTests
{
    private const string EveryShape = """
        using System;
        using System.Runtime.InteropServices;
        using Cdylib;

        public enum Color : byte { Red, Green }
        public struct Point { public int X; public int Y; }
        public struct Rec { public Guid Id; public int N; }
        public struct Wide { public byte Tag; public Int128 Value; }

        [CExport]
        public sealed class Thing
        {
            [CExport] public static Thing Create(int value) => new Thing { Value = value };
            [CExport] public int Get() => Value;
            public int Value;
        }

        public static unsafe class Api
        {
            // Bodies that cannot throw: their shims have no try.
            [CExport] public static int Add(int a, int b) => a + b;
            [CExport] public static Rec SameRec(Rec r) => r;
            [CExport] public static Point SamePoint(Point p) => p;
            [CExport] public static Guid SameGuid(Guid g) => g;
            [CExport] public static Half SameHalf(Half h) => h;
            [CExport] public static bool Not(bool b) => !b;
            [CExport] public static void Nothing() { }
            [CExport] public static Color SameColor(Color c) => c;
            [CExport] public static nint SameNint(nint n) => n;
            [CExport(ReturnsStatus = true)] public static void StatusVoid() { }
            [CExport] public static int Unchecked(int a) => unchecked((int)(a * 3L));

            // Bodies and conversions that can.
            [CExport] public static Rec MakeRec(int n) => new Rec { N = n };
            [CExport] public static int RecN(Rec r) => r.N;
            [CExport] public static Point Origin() => default(Point);
            [CExport] public static int Divide(int a, int b) => a / b;
            [CExport] public static string Greet(string name) => "hi " + name;
            [CExport] public static string? Maybe(string? name) => name;
            [CExport] public static int Length(ReadOnlySpan<byte> data) => data.Length;
            [CExport] public static int[] Squares(int n) => new int[n];
            [CExport] public static Point[] Points() => new Point[2];
            [CExport] public static void Split(string text, out string head, out bool found, ref Point p, in Rec r) { head = text; found = true; }
            [CExport] public static bool Has(int? value) => value.HasValue;
            [CExport] public static long Each(delegate* unmanaged<int, void*, int> callback, void* context) => callback(1, context);
            [CExport(ReturnsStatus = true)] public static Rec Status(int n) => new Rec { N = n };
            [CExport] public static void Int128s(in Int128 a, out UInt128 b, Int128* c, ReadOnlySpan<Int128> d) { b = 0; }
            [CExport] public static void Wides(in Wide w, out Wide o) { o = w; }
            [CExport] public static Guid ParseGuid(string text) => Guid.Parse(text);
            [CExport] public static NFloat Twice(NFloat f) => f * 2;
            [CExport] public static Half HalfOf(float f) => (Half)f;
            [CExport] public static long Checked(long a) => checked(a * a);
            [CExport] public static System.Threading.Tasks.Task<string> LaterText(string s, System.Threading.CancellationToken cancel) => System.Threading.Tasks.Task.FromResult(s);
            [CExport] public static System.Threading.Tasks.ValueTask Later(ReadOnlySpan<byte> data, out int n) { n = data.Length; return default; }
            [CExport] public static System.Collections.Generic.IEnumerable<Point> Many(string name) => new Point[name.Length];
        }
        """;

    /// <summary>The helpers' shims without a try, and why they cannot throw: they read a thread-static or a constant.</summary>
    private static readonly HashSet<string> StateReaders = new(StringComparer.Ordinal)
    {
        "global::Cdylib.Runtime.LastError.GetCode",
        "global::Cdylib.Runtime.LastError.GetMessage",
        "global::Cdylib.Runtime.LastError.Clear",
        "global::Cdylib.Runtime.NativeAllocations.GetLive",
        "global::Cdylib.Runtime.Handles.GetLive",
        "global::Cdylib.Generated.CdylibManifest.AbiVersion",
        "global::Cdylib.Generated.CdylibManifest.ApiHash",
    };

    public static IEnumerable<object[]> Libraries => GoldenCase.Names.Append(new object[] { nameof(EveryShape) });

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Every_shim_catches_everything_or_provably_cannot_throw(string library)
    {
        GeneratorRun run = library == nameof(EveryShape)
            ? GeneratorHarness.Run(GeneratorHarness.Compilation("every_shape", new[] { GeneratorHarness.Parse(EveryShape) }, framework: GeneratorHarness.ReferencePack))
            : GoldenCase.Get(library).Run();
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
        SyntaxTree shims = run.Output.SyntaxTrees.Single(tree => tree.FilePath.EndsWith(GeneratorHarness.ShimsHintName, StringComparison.Ordinal));
        SemanticModel model = run.Output.GetSemanticModel(shims);
        var methods = shims.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Where(method => method.Identifier.Text.StartsWith("Shim_", StringComparison.Ordinal)).ToList();
        Assert.Equal(run.ExportNames.Count, methods.Count);

        var plain = new List<string>();
        foreach (MethodDeclarationSyntax method in methods)
        {
            string name = method.Identifier.Text;
            Assert.True(method.AttributeLists.SelectMany(list => list.Attributes).Any(a => a.Name.ToString().EndsWith("UnmanagedCallersOnly", StringComparison.Ordinal)), name);
            BlockSyntax body = method.Body ?? throw new Xunit.Sdk.XunitException($"{name} has no block body");
            if (body.DescendantNodes().OfType<TryStatementSyntax>().Any())
            {
                AssertCatchesEverything(name, body);
            }
            else
            {
                AssertCannotThrow(name, body, model, run);
                plain.Add(name);
            }
        }

        if (library == nameof(EveryShape))
        {
            // Both shapes occur, and the trivially safe bodies (struct results included) are the ones without a try.
            Assert.Equal(
                new[] { "Add", "SameRec", "SamePoint", "SameGuid", "SameHalf", "Not", "Nothing", "SameColor", "SameNint", "StatusVoid", "Unchecked" }.Select(n => "Shim_" + n).Order(),
                plain.Where(n => !n.StartsWith("Shim_every_shape_", StringComparison.Ordinal)).Order());
        }
    }

    private static void AssertCatchesEverything(string name, BlockSyntax body)
    {
        // Nothing before or after the try: every statement of the shim is covered.
        Assert.True(body.Statements.Count == 1 && body.Statements[0] is TryStatementSyntax, $"{name}: statements outside its try:\n{body}");
        var @try = (TryStatementSyntax)body.Statements[0];
        Assert.True(@try.Finally is null, $"{name}: a finally block runs outside the handler");
        CatchClauseSyntax @catch = Assert.Single(@try.Catches);
        Assert.True(@catch.Declaration?.Type.ToString() == "global::System.Exception" && @catch.Filter is null, $"{name}: the handler does not catch every exception: {@catch.Declaration}");
        // An async export's start shim calls the method in a try of its own: whatever the method throws
        // becomes the operation's failure (a faulted task) instead of the call's. That inner handler only
        // makes that task; it cannot throw, and the outer try covers it anyway.
        foreach (TryStatementSyntax inner in @try.Block.DescendantNodes().OfType<TryStatementSyntax>())
        {
            CatchClauseSyntax innerCatch = Assert.Single(inner.Catches);
            Assert.True(inner.Finally is null && innerCatch.Filter is null && innerCatch.Block.Statements is [ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Right: InvocationExpressionSyntax made } }]
                && made.Expression.ToString() == "global::Cdylib.Runtime.AsyncOperation.Threw", $"{name}: a nested try that does more than make the operation's failed task:\n{inner}");
        }

        // The handler itself only records the error and returns the failure value.
        foreach (InvocationExpressionSyntax call in @catch.Block.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            string target = call.Expression.ToString();
            Assert.True(target is "global::Cdylib.Runtime.LastError.Record" or "global::Cdylib.Runtime.LastError.GetCode", $"{name}: the handler calls {target}, which might throw");
        }
        foreach (StatementSyntax statement in @catch.Block.Statements)
        {
            Assert.True(statement is ExpressionStatementSyntax or ReturnStatementSyntax or IfStatementSyntax, $"{name}: unexpected statement in the handler: {statement}");
        }
    }

    private static void AssertCannotThrow(string name, BlockSyntax body, SemanticModel model, GeneratorRun run)
    {
        var calls = body.DescendantNodes().OfType<InvocationExpressionSyntax>().ToList();
        InvocationExpressionSyntax call = Assert.Single(calls);
        foreach (StatementSyntax statement in body.Statements)
        {
            bool allowed = statement switch
            {
                ExpressionStatementSyntax { Expression: InvocationExpressionSyntax } => true,
                LocalDeclarationStatementSyntax { Declaration.Variables: [{ Initializer.Value: InvocationExpressionSyntax }] } => true,
                ReturnStatementSyntax { Expression: null or IdentifierNameSyntax } => true,
                // the status form's success
                ReturnStatementSyntax { Expression: LiteralExpressionSyntax } => true,
                // bool → byte
                ReturnStatementSyntax { Expression: ConditionalExpressionSyntax { Condition: IdentifierNameSyntax, WhenTrue: CastExpressionSyntax, WhenFalse: CastExpressionSyntax } } => true,
                _ => false,
            };
            Assert.True(allowed, $"{name} has no try but does more than pass values through: {statement}");
        }
        foreach (ArgumentSyntax argument in call.ArgumentList.Arguments)
        {
            bool passedThrough = argument.Expression is IdentifierNameSyntax
                || argument.Expression is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.NotEqualsExpression, Left: IdentifierNameSyntax, Right: LiteralExpressionSyntax };
            Assert.True(passedThrough && argument.RefKindKeyword.IsKind(SyntaxKind.None), $"{name} has no try but converts an argument: {argument}");
        }

        string target = call.Expression.ToString();
        if (StateReaders.Contains(target))
        {
            return;
        }
        var method = model.GetSymbolInfo(call).Symbol as IMethodSymbol ?? throw new Xunit.Sdk.XunitException($"{name}: cannot resolve {target}");
        var declaration = method.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax()).OfType<MethodDeclarationSyntax>().SingleOrDefault()
            ?? throw new Xunit.Sdk.XunitException($"{name} has no try and calls {target}, which is not a method of the library's source");
        Assert.True(BodyCannotThrow(declaration, method, run.Output.GetSemanticModel(declaration.SyntaxTree)), $"{name} has no try, but {method.Name}'s body might throw:\n{declaration}");
    }

    // Independently of the generator: an empty body, or one expression of the method's own by-value
    // parameters, literals, and the built-in operators and numeric conversions that never throw
    // (no division, nothing checked for overflow).
    private static bool BodyCannotThrow(MethodDeclarationSyntax method, IMethodSymbol symbol, SemanticModel model)
    {
        if (method.Body is { Statements.Count: 0 })
        {
            return true;
        }
        ExpressionSyntax? expression = method.ExpressionBody?.Expression
            ?? (method.Body is { Statements: [ReturnStatementSyntax { Expression: { } returned }] } ? returned : null);
        if (expression is null)
        {
            return false;
        }
        bool IsChecked(SyntaxNode node) =>
            node.AncestorsAndSelf().OfType<CheckedExpressionSyntax>().FirstOrDefault() is { } scope
                ? scope.IsKind(SyntaxKind.CheckedExpression)
                : model.Compilation.Options.CheckOverflow;
        bool IsNumber(ExpressionSyntax e) => model.GetTypeInfo(e).Type?.SpecialType is
            SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
            or SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Single or SpecialType.System_Double;
        foreach (SyntaxNode node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case ParenthesizedExpressionSyntax or LiteralExpressionSyntax or PredefinedTypeSyntax:
                    break;
                case CheckedExpressionSyntax scope when scope.IsKind(SyntaxKind.UncheckedExpression):
                    break;
                case IdentifierNameSyntax { Parent: CastExpressionSyntax cast } type when cast.Type == type:
                    break; // nint, nuint
                case IdentifierNameSyntax identifier:
                    if (model.GetSymbolInfo(identifier).Symbol is not IParameterSymbol { RefKind: RefKind.None } parameter
                        || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, symbol))
                    {
                        return false;
                    }
                    break;
                case CastExpressionSyntax cast:
                    if (IsChecked(cast) || !IsNumber(cast) || !IsNumber(cast.Expression))
                    {
                        return false;
                    }
                    break;
                case PrefixUnaryExpressionSyntax or BinaryExpressionSyntax:
                    var operation = (ExpressionSyntax)node;
                    if (model.GetSymbolInfo(operation).Symbol is IMethodSymbol { MethodKind: not MethodKind.BuiltinOperator }
                        || node.IsKind(SyntaxKind.DivideExpression) || node.IsKind(SyntaxKind.ModuloExpression)
                        || (IsChecked(node) && (node.IsKind(SyntaxKind.UnaryMinusExpression) || node.IsKind(SyntaxKind.AddExpression)
                            || node.IsKind(SyntaxKind.SubtractExpression) || node.IsKind(SyntaxKind.MultiplyExpression))))
                    {
                        return false;
                    }
                    break;
                default:
                    return false;
            }
        }
        return true;
    }
}
