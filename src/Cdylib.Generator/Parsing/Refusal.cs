namespace Cdylib.Generator.Parsing;

/// <summary>
/// Why a type cannot cross the C ABI, and, when one C# type can take its place where it stands,
/// that type.
/// </summary>
/// <param name="Reason">What the diagnostic says after "which cannot cross the C ABI: ".</param>
/// <param name="Replacement">
/// C# that replaces the refused parameter's modifiers and type (CDY0005) or the return type
/// (CDY0006) and compiles through the generator without a diagnostic; the reason quotes it, and the
/// diagnostic carries it as its <see cref="PropertyName"/> property, so a tool can apply it. Null
/// when the fix is not that local (a class to mark <c>[CExport]</c>, a result to return instead, a
/// struct field to change).
/// </param>
internal readonly record struct Refusal(string Reason, string? Replacement = null)
{
    /// <summary>The name of the diagnostic property that holds <see cref="Replacement"/>.</summary>
    public const string PropertyName = "Replacement";

    public static implicit operator Refusal(string reason) => new(reason);

    /// <summary>"{why}; use '{replacement}' instead ({note})", carrying the replacement.</summary>
    public static Refusal Use(string why, string replacement, string? note = null) =>
        new($"{why}; use '{replacement}' instead{(note is null ? "" : $" ({note})")}", replacement);

    /// <summary>The same refusal with <see cref="Reason"/> after <paramref name="context"/>, and the same replacement.</summary>
    public Refusal After(string context) => this with { Reason = $"{context}: {Reason}" };
}
