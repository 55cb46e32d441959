namespace Cdylib.ObjectFile.Reading;

/// <summary>
/// Offset arithmetic on values read from a file. Results saturate at <see cref="long.MaxValue"/>
/// instead of wrapping, so an absurd field always yields an offset that the next bounds check rejects
/// (a wrapped value could land back inside the file and be read as if it were valid).
/// </summary>
internal static class Saturating
{
    public static long ToLong(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;

    public static long Add(long a, long b)
    {
        long sum = unchecked(a + b);
        return (b > 0 && sum < a) ? long.MaxValue : sum;
    }

    public static long Multiply(long a, long b)
    {
        if (a < 0 || b < 0)
        {
            return long.MaxValue;
        }

        return b != 0 && a > long.MaxValue / b ? long.MaxValue : a * b;
    }
}
