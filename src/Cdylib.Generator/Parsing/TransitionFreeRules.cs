using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cdylib.Generator.Parsing;

/// <summary>One construct that stops a method from running without the GC transition, and where it is.</summary>
/// <param name="Reason">What the construct does, then what to write instead: "'new int[4]' allocates: ...".</param>
internal readonly record struct TransitionFreeViolation(Location Location, string Reason);

/// <summary>
/// Decides whether a method body may run without the GC transition: as a
/// <c>System.Runtime.RuntimeExportAttribute</c> export, called straight from C with the thread in
/// preemptive mode (or unknown to the runtime, which may not even have started). The GC can run at
/// any moment beside such code and never waits for it, so the code must not touch the GC heap at all:
/// no allocation, no object reference, no static that needs the runtime's class-constructor check, no
/// exception (the unwinder would find a thread the runtime does not consider to be in managed code),
/// no lock, and no call into anything that might do one of these — which is why calls are allowed
/// only to this assembly's own methods that pass the same rules and to a short list of intrinsics.
/// </summary>
/// <remarks>
/// A whitelist over syntax, checked with the semantic model: every construct not listed is refused and
/// named, so a construct a later C# adds is refused until someone decides it is safe. Pointers are C's
/// contract: reading through a bad pointer faults, as it would in C.
/// </remarks>
internal sealed class TransitionFreeRules
{
    private const string NoObjects = "a transition-free export runs beside the GC without telling it, so it must not allocate or touch objects";

    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;
    private readonly List<TransitionFreeViolation> _violations = new();
    // Methods already checked or being checked (recursion), with what they were found to do.
    private readonly Dictionary<IMethodSymbol, string?> _callees = new(SymbolEqualityComparer.Default);
    private SemanticModel _model;
    private bool _checked;

    private TransitionFreeRules(Compilation compilation, SemanticModel model, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _model = model;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Every construct in <paramref name="method"/>'s body (and the bodies it calls) that a transition-free export cannot have.</summary>
    public static IReadOnlyList<TransitionFreeViolation> Check(IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        var rules = new TransitionFreeRules(model.Compilation, model, cancellationToken);
        rules._callees[method] = null;
        rules.CheckContainingType(method, method.Locations.FirstOrDefault() ?? Location.None);
        rules.CheckBody(method);
        return rules._violations;
    }

    /// <summary>Why a parameter, local or field of <paramref name="type"/> cannot be in a transition-free export, or null when it can.</summary>
    public static string? WhyNotPlainValue(ITypeSymbol type)
    {
        if (type.IsRefLikeType)
        {
            return $"'{type.ToDisplayString()}' is a ref struct (a span or a reference to managed memory): take a pointer and a length";
        }
        if (!type.IsUnmanagedType)
        {
            return $"'{type.ToDisplayString()}' is or holds an object reference; {NoObjects}";
        }
        return null;
    }

    private void CheckBody(IMethodSymbol method)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            SyntaxNode declaration = reference.GetSyntax(_cancellationToken);
            SemanticModel outer = _model;
            bool outerChecked = _checked;
            _model = declaration.SyntaxTree == _model.SyntaxTree ? _model : _compilation.GetSemanticModel(declaration.SyntaxTree);
            _checked = _compilation.Options.CheckOverflow;
            switch (declaration)
            {
                case BaseMethodDeclarationSyntax body:
                    if (body is ConstructorDeclarationSyntax { Initializer: { } initializer })
                    {
                        Visit(initializer);
                    }
                    if (body.Body is not null)
                    {
                        Visit(body.Body);
                    }
                    if (body.ExpressionBody is not null)
                    {
                        Visit(body.ExpressionBody.Expression);
                    }
                    break;
                case AccessorDeclarationSyntax accessor:
                    if (accessor.Body is not null)
                    {
                        Visit(accessor.Body);
                    }
                    if (accessor.ExpressionBody is not null)
                    {
                        Visit(accessor.ExpressionBody.Expression);
                    }
                    break;
                case ArrowExpressionClauseSyntax arrow: // an expression-bodied property
                    Visit(arrow.Expression);
                    break;
                case LocalFunctionStatementSyntax:
                    break; // its body is part of the method that declares it, visited there
                default:
                    Refuse(declaration, $"'{method.ToDisplayString()}' has no body the generator can read");
                    break;
            }
            _model = outer;
            _checked = outerChecked;
        }
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (WhyNotPlainValue(parameter.Type) is { } why)
            {
                Refuse(parameter.Locations.FirstOrDefault(), $"parameter '{parameter.Name}' of '{method.ToDisplayString()}': {why}");
            }
        }
    }

    private void Refuse(SyntaxNode node, string reason) => Refuse(node.GetLocation(), reason);

    private void Refuse(Location? location, string reason) =>
        _violations.Add(new TransitionFreeViolation(location ?? Location.None, reason));

    private void VisitChildren(SyntaxNode node)
    {
        foreach (SyntaxNode child in node.ChildNodes())
        {
            Visit(child);
        }
    }

    private void Visit(SyntaxNode node)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (node is ExpressionSyntax expression)
        {
            if (!IsTypeSyntax(expression) && VisitExpression(expression))
            {
                VisitChildren(node);
            }
            return;
        }
        switch (node)
        {
            case BlockSyntax or ExpressionStatementSyntax or EmptyStatementSyntax or ReturnStatementSyntax or BreakStatementSyntax
                or ContinueStatementSyntax or IfStatementSyntax or ElseClauseSyntax or WhileStatementSyntax or DoStatementSyntax
                or ForStatementSyntax or SwitchStatementSyntax or SwitchSectionSyntax or CaseSwitchLabelSyntax or DefaultSwitchLabelSyntax
                or CasePatternSwitchLabelSyntax or UnsafeStatementSyntax or LabeledStatementSyntax or GotoStatementSyntax
                or EqualsValueClauseSyntax or ArgumentListSyntax or ArgumentSyntax or BracketedArgumentListSyntax or InitializerExpressionSyntax
                or SwitchExpressionArmSyntax or WhenClauseSyntax or ConstantPatternSyntax or RelationalPatternSyntax or DiscardPatternSyntax
                or BinaryPatternSyntax or UnaryPatternSyntax or ParenthesizedPatternSyntax or ConstructorInitializerSyntax
                or ArrowExpressionClauseSyntax or LocalFunctionStatementSyntax or ParameterListSyntax or ParameterSyntax
                or TypeParameterListSyntax or TypeParameterSyntax or VariableDeclaratorSyntax:
                VisitChildren(node);
                return;
            case LocalDeclarationStatementSyntax local:
                if (local.UsingKeyword != default)
                {
                    Refuse(local, "a using declaration calls Dispose through an interface; call the cleanup method yourself");
                    return;
                }
                VisitChildren(node);
                return;
            case VariableDeclarationSyntax declaration:
                foreach (VariableDeclaratorSyntax variable in declaration.Variables)
                {
                    if (_model.GetDeclaredSymbol(variable, _cancellationToken) is ILocalSymbol symbol && WhyNotPlainValue(symbol.Type) is { } why)
                    {
                        Refuse(variable, $"local '{symbol.Name}': {why}");
                    }
                    Visit(variable);
                }
                return;
            case CheckedStatementSyntax checkedStatement:
                bool outer = _checked;
                _checked = checkedStatement.IsKind(SyntaxKind.CheckedStatement);
                Visit(checkedStatement.Block);
                _checked = outer;
                return;
            case LockStatementSyntax:
                Refuse(node, "a lock waits on a monitor the runtime owns; a transition-free export cannot wait or take runtime locks");
                return;
            case TryStatementSyntax:
                Refuse(node, "try/catch/finally: nothing in a transition-free export may throw, so there is nothing to catch or clean up after; remove it");
                return;
            case ThrowStatementSyntax:
                Refuse(node, "a throw: an exception cannot unwind out of code the runtime does not consider managed; return an error value instead, or drop [SuppressGCTransition]");
                return;
            case UsingStatementSyntax:
                Refuse(node, "a using statement calls Dispose through an interface; call the cleanup method yourself");
                return;
            case FixedStatementSyntax:
                Refuse(node, $"fixed pins a managed object; {NoObjects}: take a pointer from the caller");
                return;
            case CommonForEachStatementSyntax:
                Refuse(node, "foreach uses an enumerator (and indexing that can throw); loop with a pointer and a length");
                return;
            case YieldStatementSyntax:
                Refuse(node, $"an iterator allocates its state; {NoObjects}");
                return;
            case AttributeListSyntax or TypeArgumentListSyntax:
                return; // attributes and type arguments: nothing runs
            case StatementSyntax:
                Refuse(node, $"the statement '{Shorten(node)}' is not one a transition-free export may contain");
                return;
            default:
                Refuse(node, $"'{Shorten(node)}' is not a construct a transition-free export may contain");
                return;
        }
    }

    /// <summary>Checks one expression; true when its children are to be visited the usual way.</summary>
    private bool VisitExpression(ExpressionSyntax expression)
    {
        Optional<object?> constant = _model.GetConstantValue(expression, _cancellationToken);
        if (constant.HasValue && constant.Value is not string)
        {
            return false; // folded by the compiler: nothing runs
        }
        if (!CheckConversion(expression))
        {
            return false;
        }
        switch (expression)
        {
            case ParenthesizedExpressionSyntax or ConditionalExpressionSyntax or RefExpressionSyntax or SizeOfExpressionSyntax
                or DefaultExpressionSyntax or ThisExpressionSyntax or IsPatternExpressionSyntax or InitializerExpressionSyntax:
                return true;
            case LiteralExpressionSyntax literal:
                if (literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.Utf8StringLiteralExpression))
                {
                    Refuse(literal, $"a string literal is an object; {NoObjects}");
                }
                else if (literal.IsKind(SyntaxKind.NullLiteralExpression) && _model.GetTypeInfo(literal, _cancellationToken).ConvertedType is not (IPointerTypeSymbol or IFunctionPointerTypeSymbol))
                {
                    Refuse(literal, $"null here is an object reference; {NoObjects}");
                }
                return false;
            case CheckedExpressionSyntax checkedExpression:
                bool outer = _checked;
                _checked = checkedExpression.IsKind(SyntaxKind.CheckedExpression);
                Visit(checkedExpression.Expression);
                _checked = outer;
                return false;
            case IdentifierNameSyntax or GenericNameSyntax:
                return CheckName(expression);
            case MemberAccessExpressionSyntax member:
                // The member is checked here; only the expression before the dot is visited (the name would be checked twice).
                if (CheckName(member))
                {
                    Visit(member.Expression);
                }
                return false;
            case InvocationExpressionSyntax invocation:
                CheckInvocation(invocation);
                return true;
            case BaseObjectCreationExpressionSyntax creation:
                CheckCreation(creation);
                return true;
            case ElementAccessExpressionSyntax element:
                if (_model.GetTypeInfo(element.Expression, _cancellationToken).Type is not IPointerTypeSymbol)
                {
                    Refuse(element, $"'{Shorten(element)}' indexes something other than a pointer, which can throw IndexOutOfRangeException; take a pointer and a length");
                    return false;
                }
                return true;
            case BinaryExpressionSyntax binary:
                if (binary.IsKind(SyntaxKind.IsExpression) || binary.IsKind(SyntaxKind.AsExpression) || binary.IsKind(SyntaxKind.CoalesceExpression))
                {
                    Refuse(binary, $"'{binary.OperatorToken.Text}' tests or converts object references; {NoObjects}");
                    return false;
                }
                CheckOperator(binary, binary.OperatorToken, binary.Right);
                return true;
            case AssignmentExpressionSyntax assignment:
                if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                {
                    CheckOperator(assignment, assignment.OperatorToken, assignment.Right);
                }
                return true;
            case PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax:
                CheckUnary(expression);
                return true;
            case CastExpressionSyntax cast:
                CheckCast(cast);
                return true;
            case SwitchExpressionSyntax switchExpression:
                if (!switchExpression.Arms.Any(arm => arm.Pattern is DiscardPatternSyntax && arm.WhenClause is null))
                {
                    Refuse(switchExpression, "a switch expression without a '_ =>' arm throws when nothing matches; add one");
                    return false;
                }
                return true;
            case DeclarationExpressionSyntax declaration:
                if (_model.GetTypeInfo(declaration, _cancellationToken).Type is { } declared && WhyNotPlainValue(declared) is { } why)
                {
                    Refuse(declaration, $"'{Shorten(declaration)}': {why}");
                }
                return false;
            case ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax:
                Refuse(expression, $"'{Shorten(expression)}' allocates an array; {NoObjects}");
                return false;
            case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                Refuse(expression, "stackalloc can overflow the stack, which the runtime turns into an exception; use a fixed-size struct local or the caller's buffer");
                return false;
            case InterpolatedStringExpressionSyntax:
                Refuse(expression, $"an interpolated string builds a string; {NoObjects}");
                return false;
            case AnonymousFunctionExpressionSyntax:
                Refuse(expression, $"a lambda allocates a delegate; {NoObjects}: use a static method");
                return false;
            case ThrowExpressionSyntax:
                Refuse(expression, "a throw: an exception cannot unwind out of code the runtime does not consider managed; return an error value instead");
                return false;
            case AwaitExpressionSyntax:
                Refuse(expression, "await needs a task and the runtime's scheduler; a transition-free export runs to completion on the caller's thread");
                return false;
            default:
                Refuse(expression, $"'{Shorten(expression)}' is not an expression a transition-free export may contain");
                return false;
        }
    }

    // Names that read something: parameters, locals, constants, struct fields; never statics or objects.
    private bool CheckName(ExpressionSyntax name)
    {
        ISymbol? symbol = _model.GetSymbolInfo(name, _cancellationToken).Symbol;
        switch (symbol)
        {
            case IFieldSymbol { IsConst: true }:
                return false;
            case IFieldSymbol { IsStatic: true } field:
                Refuse(name, $"'{field.ToDisplayString()}' is a static field: reading it needs the runtime (its class constructor, its GC statics); use a constant, or pass the value in");
                return false;
            case IFieldSymbol field when !field.ContainingType.IsValueType:
                Refuse(name, $"'{field.ToDisplayString()}' is a field of an object; {NoObjects}");
                return false;
            case IPropertySymbol property:
                CheckPropertyAccess(name, property);
                return true;
            case IEventSymbol:
                Refuse(name, $"an event is a delegate field of an object; {NoObjects}");
                return false;
            default:
                return true; // parameters, locals, struct fields, types, namespaces, methods (checked at the call)
        }
    }

    private void CheckPropertyAccess(ExpressionSyntax name, IPropertySymbol property)
    {
        if (Intrinsics.AllowsProperty(property))
        {
            return;
        }
        // An auto-property of a struct is a field read; any other property is a call to its accessor.
        IMethodSymbol? accessor = IsWritten(name) ? property.SetMethod : property.GetMethod;
        if (property.IsStatic || accessor is null)
        {
            Refuse(name, $"'{property.ToDisplayString()}' is a static property: its value lives in the runtime's statics; use a constant, or pass the value in");
            return;
        }
        CheckCall(name, accessor);
    }

    private static bool IsWritten(ExpressionSyntax name)
    {
        SyntaxNode node = name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? member : name;
        return node.Parent is AssignmentExpressionSyntax assignment && assignment.Left == node;
    }

    private void CheckInvocation(InvocationExpressionSyntax invocation)
    {
        if (_model.GetTypeInfo(invocation.Expression, _cancellationToken).Type is IFunctionPointerTypeSymbol)
        {
            Refuse(invocation, $"'{Shorten(invocation)}' calls through a function pointer, which may enter the runtime; call a method of this assembly, or drop [SuppressGCTransition]");
            return;
        }
        ISymbol? symbol = _model.GetSymbolInfo(invocation, _cancellationToken).Symbol;
        if (symbol is not IMethodSymbol method)
        {
            Refuse(invocation, $"'{Shorten(invocation)}' is a call the generator cannot resolve");
            return;
        }
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            Refuse(invocation, $"'{Shorten(invocation)}' calls a delegate, an object; {NoObjects}");
            return;
        }
        CheckCall(invocation, method);
    }

    private void CheckCreation(BaseObjectCreationExpressionSyntax creation)
    {
        ITypeSymbol? type = _model.GetTypeInfo(creation, _cancellationToken).Type;
        if (type is null || !type.IsValueType || WhyNotPlainValue(type) is not null)
        {
            Refuse(creation, $"'{Shorten(creation)}' creates an object; {NoObjects}: use a struct of plain fields");
            return;
        }
        if (_model.GetSymbolInfo(creation, _cancellationToken).Symbol is IMethodSymbol { IsImplicitlyDeclared: false } constructor)
        {
            CheckCall(creation, constructor);
        }
    }

    // A call is allowed to a listed intrinsic, or to a method of this assembly whose body passes the same rules.
    private void CheckCall(SyntaxNode site, IMethodSymbol method)
    {
        if (Intrinsics.Allows(method))
        {
            return;
        }
        IMethodSymbol definition = method.OriginalDefinition;
        if (!SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, _compilation.Assembly) || definition.DeclaringSyntaxReferences.Length == 0)
        {
            Refuse(site, $"'{method.ToDisplayString()}' is not a method of this assembly, and not one of the few intrinsics a transition-free export may call (Math.Min/Max/Sqrt, BitOperations, Vector128, ...); the generator cannot see what it does");
            return;
        }
        // A partial method's code is its implementation part (LibraryImport's generated P/Invoke, say).
        definition = definition.PartialImplementationPart ?? definition;
        string? why = definition switch
        {
            { IsExtern: true } => "is extern (a P/Invoke or an internal call), which enters the runtime",
            { IsAbstract: true } or { IsVirtual: true } or { IsOverride: true } => "is virtual, so the code that runs is chosen at run time",
            { IsGenericMethod: true } => "is generic",
            { IsAsync: true } => "is async",
            _ => null,
        };
        if (why is null && definition.MethodKind == MethodKind.LocalFunction)
        {
            return; // its body is inside the method being checked
        }
        if (why is null && !_callees.TryGetValue(definition, out why))
        {
            _callees[definition] = null; // recursion: assume fine while checking
            int before = _violations.Count;
            CheckContainingType(definition, site.GetLocation());
            CheckBody(definition);
            if (_violations.Count > before)
            {
                // The callee's own constructs are reported where they are; the call says which export they reach.
                why = "does something a transition-free export cannot (see the other errors)";
            }
            _callees[definition] = why;
        }
        if (why is not null)
        {
            Refuse(site, $"'{method.ToDisplayString()}' {why}");
        }
    }

    // A type with a static constructor is not beforefieldinit: calling any of its methods runs the
    // runtime's class-constructor check first.
    private void CheckContainingType(IMethodSymbol method, Location site)
    {
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.StaticConstructors.Any(constructor => !constructor.IsImplicitlyDeclared))
            {
                Refuse(site, $"'{type.ToDisplayString()}' has a static constructor, which the runtime runs before '{method.Name}'; move the method to a type without one");
                return;
            }
        }
    }

    private void CheckOperator(ExpressionSyntax operation, SyntaxToken token, ExpressionSyntax right)
    {
        ISymbol? symbol = _model.GetSymbolInfo(operation, _cancellationToken).Symbol;
        if (symbol is IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator } userDefined)
        {
            CheckCall(operation, userDefined);
            return;
        }
        ITypeSymbol? type = _model.GetTypeInfo(operation is AssignmentExpressionSyntax assignment ? assignment.Left : operation, _cancellationToken).Type;
        if (type?.SpecialType == SpecialType.System_String || (operation is BinaryExpressionSyntax binary && IsString(binary.Left)))
        {
            Refuse(operation, $"'{Shorten(operation)}' builds a string; {NoObjects}");
            return;
        }
        if (!IsInteger(type))
        {
            return;
        }
        string op = token.Text.TrimEnd('=');
        switch (op)
        {
            case "/" or "%":
                Optional<object?> divisor = _model.GetConstantValue(right, _cancellationToken);
                if (!divisor.HasValue)
                {
                    Refuse(operation, $"'{Shorten(operation)}' divides integers by a value that may be zero, which throws DivideByZeroException; divide by a constant, or check and use a constant");
                }
                else if (ConstantIs(divisor.Value, 0))
                {
                    Refuse(operation, $"'{Shorten(operation)}' divides by zero, which throws DivideByZeroException");
                }
                else if (ConstantIs(divisor.Value, -1) && IsSigned(type))
                {
                    Refuse(operation, $"'{Shorten(operation)}' divides by -1, which throws OverflowException for the type's minimum; negate instead (unchecked(-x))");
                }
                break;
            case "+" or "-" or "*" when _checked:
                Refuse(operation, $"'{Shorten(operation)}' is checked arithmetic, which throws OverflowException; use unchecked(...){(_compilation.Options.CheckOverflow ? " (the project checks arithmetic: CheckForOverflowUnderflow)" : "")}");
                break;
        }
    }

    private void CheckUnary(ExpressionSyntax expression)
    {
        (SyntaxToken token, ExpressionSyntax operand) = expression switch
        {
            PrefixUnaryExpressionSyntax prefix => (prefix.OperatorToken, prefix.Operand),
            PostfixUnaryExpressionSyntax postfix => (postfix.OperatorToken, postfix.Operand),
            _ => default,
        };
        if (token.IsKind(SyntaxKind.ExclamationToken) && expression is PostfixUnaryExpressionSyntax)
        {
            return; // the null-forgiving operator: nothing runs
        }
        if (_model.GetSymbolInfo(expression, _cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator } userDefined)
        {
            CheckCall(expression, userDefined);
            return;
        }
        bool arithmetic = token.IsKind(SyntaxKind.PlusPlusToken) || token.IsKind(SyntaxKind.MinusMinusToken) || token.IsKind(SyntaxKind.MinusToken);
        if (_checked && arithmetic && IsInteger(operand))
        {
            Refuse(expression, $"'{Shorten(expression)}' is checked arithmetic, which throws OverflowException; use unchecked(...)");
        }
    }

    private void CheckCast(CastExpressionSyntax cast)
    {
        Conversion conversion = _model.ClassifyConversion(cast.Expression, _model.GetTypeInfo(cast, _cancellationToken).Type!, isExplicitInSource: true);
        if (conversion.IsUserDefined && conversion.MethodSymbol is { } method)
        {
            CheckCall(cast, method);
        }
        else if (conversion.IsBoxing || conversion.IsUnboxing || conversion.IsReference)
        {
            Refuse(cast, $"'{Shorten(cast)}' converts to or from an object; {NoObjects}");
        }
        else if (_checked && conversion.IsExplicit && (conversion.IsNumeric || conversion.IsEnumeration || conversion.IsPointer))
        {
            Refuse(cast, $"'{Shorten(cast)}' is a checked conversion, which throws OverflowException; use unchecked(...)");
        }
    }

    // Implicit conversions run code too: boxing allocates, a user-defined one is a call.
    private bool CheckConversion(ExpressionSyntax expression)
    {
        Conversion conversion = _model.GetConversion(expression, _cancellationToken);
        if (conversion.IsBoxing)
        {
            Refuse(expression, $"'{Shorten(expression)}' is boxed into an object here; {NoObjects}");
            return false;
        }
        if (conversion.IsUserDefined && conversion.MethodSymbol is { } method)
        {
            CheckCall(expression, method);
        }
        return true;
    }

    private static bool ConstantIs(object? value, long number) => value switch
    {
        char c => c == number,
        ulong u => number >= 0 && u == (ulong)number,
        null => false,
        _ => System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == number,
    };

    private bool IsInteger(ExpressionSyntax expression) => IsInteger(_model.GetTypeInfo(expression, _cancellationToken).Type);

    private bool IsString(ExpressionSyntax expression) => _model.GetTypeInfo(expression, _cancellationToken).Type?.SpecialType == SpecialType.System_String;

    private static bool IsInteger(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
            or SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Char;

    private static bool IsSigned(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_IntPtr;

    // Type names in casts, declarations, sizeof and default run nothing.
    private static bool IsTypeSyntax(ExpressionSyntax expression) =>
        expression is PredefinedTypeSyntax || SyntaxFacts.IsInTypeOnlyContext(expression);

    private static string Shorten(SyntaxNode node)
    {
        string text = string.Join(" ", node.ToString().Split(new[] { '\r', '\n', '\t', ' ' }, System.StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
