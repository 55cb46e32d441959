namespace Cdylib.Generator.Parsing;

/// <summary>What the target's runtime identifier says about calling managed code straight from C.</summary>
internal static class TargetRuntime
{
    /// <summary>
    /// Whether the managed calling convention passes numbers, pointers and plain structs as the C one
    /// does, so C can call a method with no entry point in between. True on x64 and arm64 (and when
    /// no runtime identifier is known yet: the build that links sets one and checks again); not on
    /// x86, whose managed convention passes arguments in registers, nor on 32-bit arm.
    /// </summary>
    public static bool PassesPlainValuesAsC(string? runtimeIdentifier) =>
        runtimeIdentifier is null
        || !(runtimeIdentifier.EndsWith("-x86", System.StringComparison.OrdinalIgnoreCase)
            || runtimeIdentifier.EndsWith("-arm", System.StringComparison.OrdinalIgnoreCase)
            || runtimeIdentifier.EndsWith("-armel", System.StringComparison.OrdinalIgnoreCase)
            || runtimeIdentifier.EndsWith("-armv6", System.StringComparison.OrdinalIgnoreCase));
}
