using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// Decides whether a method's body provably cannot throw, so its shim may leave out the
/// try/catch. In Native AOT a try/catch is not free on the path that does not throw (a frame
/// pointer, a zeroed transition frame, the result kept on the stack: nine instructions on a
/// 65-instruction call, see bench/README.md), and a catch that can catch nothing changes nothing.
/// Only the plainest bodies qualify: an expression (or an empty body) made of the method's own
/// parameters, constants, and built-in operators on numbers and bools that cannot fail — no
/// calls, no allocation, no integer division, nothing checked for overflow.
/// </summary>
/// <remarks>
/// With or without the try, the compiler's own code around the body — reading the arguments, writing
/// a struct result through the caller's buffer — sits outside any handler. It cannot fail as long as
/// C and .NET agree on every layout, which is why <see cref="TypeMapper"/> only lays out structs whose
/// fields it can see whole (issue 13: <c>make_rec</c>'s shim caught everything, yet its epilogue wrote
/// a 20-byte <c>Rec</c> through a result buffer C never passed, because the header said 8 bytes).
/// </remarks>
internal static class ThrowAnalysis
{
    public static bool CannotThrow(IMethodSymbol method, SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (declaration is not MethodDeclarationSyntax syntax || method.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }
        if (syntax.Body is { Statements.Count: 0 })
        {
            return true;
        }
        ExpressionSyntax? body = syntax.ExpressionBody?.Expression
            ?? (syntax.Body is { Statements.Count: 1 } block && block.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);
        return body is not null && IsSafe(body, model.Compilation.Options.CheckOverflow, method, model, cancellationToken);
    }

    private static bool IsSafe(ExpressionSyntax expression, bool isChecked, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetConstantValue(expression, cancellationToken).HasValue)
        {
            return true;
        }
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return IsSafe(parenthesized.Expression, isChecked, method, model, cancellationToken);
            case CheckedExpressionSyntax checkedExpression:
                return IsSafe(checkedExpression.Expression, checkedExpression.IsKind(SyntaxKind.CheckedExpression), method, model, cancellationToken);
            case IdentifierNameSyntax identifier:
                return model.GetSymbolInfo(identifier, cancellationToken).Symbol is IParameterSymbol { RefKind: RefKind.None } parameter
                    && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method);
            case ConditionalExpressionSyntax conditional:
                return IsSafe(conditional.Condition, isChecked, method, model, cancellationToken)
                    && IsSafe(conditional.WhenTrue, isChecked, method, model, cancellationToken)
                    && IsSafe(conditional.WhenFalse, isChecked, method, model, cancellationToken);
            case BinaryExpressionSyntax binary:
                return IsBuiltIn(binary, model, cancellationToken)
                    && IsPlainValue(binary.Left, model, cancellationToken)
                    && IsPlainValue(binary.Right, model, cancellationToken)
                    && !CanFail(binary, isChecked, model, cancellationToken)
                    && IsSafe(binary.Left, isChecked, method, model, cancellationToken)
                    && IsSafe(binary.Right, isChecked, method, model, cancellationToken);
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression) || unary.IsKind(SyntaxKind.UnaryPlusExpression)
                || unary.IsKind(SyntaxKind.BitwiseNotExpression) || unary.IsKind(SyntaxKind.LogicalNotExpression):
                return IsBuiltIn(unary, model, cancellationToken)
                    && IsPlainValue(unary.Operand, model, cancellationToken)
                    && !(isChecked && unary.IsKind(SyntaxKind.UnaryMinusExpression) && IsInteger(unary.Operand, model, cancellationToken))
                    && IsSafe(unary.Operand, isChecked, method, model, cancellationToken);
            case CastExpressionSyntax cast:
                // An unchecked conversion between numbers wraps or truncates; a checked one can throw.
                return !isChecked
                    && IsPlainValue(cast, model, cancellationToken)
                    && IsPlainValue(cast.Expression, model, cancellationToken)
                    && IsSafe(cast.Expression, isChecked, method, model, cancellationToken);
            default:
                return false;
        }
    }

    // Integer division and remainder throw on zero (and int.MinValue / -1); checked arithmetic throws on overflow.
    private static bool CanFail(BinaryExpressionSyntax binary, bool isChecked, SemanticModel model, CancellationToken cancellationToken)
    {
        bool integer = IsInteger(binary.Left, model, cancellationToken) || IsInteger(binary.Right, model, cancellationToken);
        if (!integer)
        {
            return false;
        }
        return binary.Kind() switch
        {
            SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression => true,
            SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression => isChecked,
            _ => false,
        };
    }

    // User-defined operators are calls; only the language's own operators are known not to throw.
    private static bool IsBuiltIn(ExpressionSyntax operation, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(operation, cancellationToken).Symbol is null or IMethodSymbol { MethodKind: MethodKind.BuiltinOperator };

    private static bool IsPlainValue(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetTypeInfo(expression, cancellationToken).Type?.SpecialType is
            SpecialType.System_Boolean or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16
            or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
            or SpecialType.System_UInt64 or SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Single
            or SpecialType.System_Double;

    private static bool IsInteger(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetTypeInfo(expression, cancellationToken).Type?.SpecialType is
            SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
            or SpecialType.System_IntPtr or SpecialType.System_UIntPtr;
}
