using System;
using System.Collections.Generic;
using System.Linq;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The kinds of export a binding has to drive, not just call: each hands the caller a handle or a
/// table whose life the binding must own, so a binding that does not drive one refuses the library
/// rather than expose it raw.
/// </summary>
[Flags]
internal enum BindingFeatures
{
    /// <summary>Plain functions only.</summary>
    None = 0,

    /// <summary>Async exports: an operation handle and a completion callback (docs/abi.md#async-exports).</summary>
    AsyncExports = 1,

    /// <summary>Iterator exports: an iterator handle with next and free (docs/abi.md#iterator-exports).</summary>
    IteratorExports = 2,

    /// <summary>Interfaces the caller implements: a table of functions filled from the caller's objects (docs/abi.md#interfaces-implemented-by-the-caller).</summary>
    CallerInterfaces = 4,

    /// <summary>Every kind.</summary>
    All = AsyncExports | IteratorExports | CallerInterfaces,
}

/// <summary>Which of <see cref="BindingFeatures"/> a library uses, and the refusal of a binding that cannot drive them.</summary>
internal static class BindingFeatureCheck
{
    /// <summary>Refuses <paramref name="language"/>'s binding when <paramref name="library"/> uses a kind of export it does not drive.</summary>
    /// <exception cref="BindingRefusedException">The library uses a kind of export outside <paramref name="drives"/>.</exception>
    public static void Refuse(string language, BindingFeatures drives, AbiLibrary library)
    {
        foreach ((BindingFeatures feature, string what, string anchor, IReadOnlyList<string> names) in Uses(library))
        {
            if ((drives & feature) == 0 && names.Count > 0)
            {
                throw new BindingRefusedException(
                    $"the {language} binding cannot {what} yet ({string.Join(", ", names)}): use them through the C header "
                    + $"(docs/abi.md#{anchor}), or build the bindings of a library without them");
            }
        }
    }

    private static IEnumerable<(BindingFeatures Feature, string What, string Anchor, IReadOnlyList<string> Names)> Uses(AbiLibrary library)
    {
        yield return (BindingFeatures.AsyncExports, "call async exports", "async-exports",
            library.Functions.Where(function => function.Operation is not null).Select(function => function.Name).ToList());
        yield return (BindingFeatures.IteratorExports, "call iterator exports", "iterator-exports",
            library.Functions.Where(function => function.Iterator is not null).Select(function => function.Name).ToList());
        yield return (BindingFeatures.CallerInterfaces, "implement the interfaces the library takes from its caller", "interfaces-implemented-by-the-caller",
            library.CallerInterfaces().Select(structure => structure.Name).ToList());
    }
}
