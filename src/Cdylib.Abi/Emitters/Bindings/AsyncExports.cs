using System.Linq;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>The async exports of a library, for the bindings that do not drive their operations yet.</summary>
internal static class AsyncExports
{
    /// <summary>
    /// Refuses <paramref name="language"/>'s binding of a library with async exports. Written as
    /// plain functions they would hand the caller a raw operation handle and a callback whose result
    /// the binding could not own correctly, so the binding is refused until it drives them.
    /// </summary>
    /// <exception cref="BindingRefusedException">The library has async exports.</exception>
    public static void Refuse(AbiLibrary library, string language)
    {
        var names = library.Functions.Where(function => function.Operation is not null).Select(function => function.Name).ToList();
        if (names.Count > 0)
        {
            throw new BindingRefusedException(
                $"the {language} binding cannot call async exports yet ({string.Join(", ", names)}): call them through the C header "
                + "(docs/abi.md#async-exports), or build the bindings of a library without them");
        }
    }
}
