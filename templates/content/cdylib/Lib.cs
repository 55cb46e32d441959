using Cdylib;

namespace Cdylib._1;

/// <summary>The functions libCdylib.1 exports to C.</summary>
public static class Lib
{
    /// <summary>Adds two numbers.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns>Their sum; on overflow 0, with the error recorded for Cdylib__1_last_error_code().</returns>
    [CExport("Cdylib__1_add")]
    public static int Add(int left, int right) => checked(left + right);
}
