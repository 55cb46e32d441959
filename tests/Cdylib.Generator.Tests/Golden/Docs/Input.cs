using Cdylib;

namespace Samples.Docs;

/// <summary>XML documentation comments become the header's doc comments.</summary>
public static unsafe class Documented
{
    /// <summary>
    /// Adds <paramref name="a"/> and <paramref name="b"/>; <see cref="Subtract(int, int)"/> does
    /// the opposite.
    /// </summary>
    /// <param name="a">The first addend.</param>
    /// <param name="b">The second addend, at most <see cref="int.MaxValue"/>.</param>
    /// <returns>The sum, wrapped around on overflow.</returns>
    /// <remarks>
    /// <para>The result is <c>a + b</c> modulo 2^32.</para>
    /// <para>Thread-safe. A C comment terminator */ in the text must not end the header comment.</para>
    /// </remarks>
    [CExport]
    public static int Add(int a, int b) => unchecked(a + b);

    /// <summary>Subtracts <paramref name="b"/> from <paramref name="a"/>.</summary>
    [CExport]
    public static int Subtract(int a, int b) => a - b;

    /// <param name="class">A parameter whose C name gets a trailing underscore.</param>
    /// <returns>The argument.</returns>
    [CExport]
    public static int KeywordParameter(int @class) => @class;

    [CExport]
    public static int Undocumented(int value) => value;

    /// <summary>
    /// Checks whether the NUL-terminated UTF-8 text is a well-formed identifier of the configuration
    /// language, which this long sentence exists to make wrap over more than one line of the header.
    /// </summary>
    /// <param name="text">The text; <see langword="null"/> is an error.</param>
    /// <param name="length">Its length in bytes, without the terminator.</param>
    /// <returns><see langword="true"/> when it is one, <see langword="false"/> otherwise.</returns>
    /// <seealso cref="Add"/>
    [CExport]
    public static bool IsIdentifier(byte* text, nuint length) => text != null && length > 0;
}
