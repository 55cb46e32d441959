using System;
using Cdylib;

namespace Boundary;

/// <summary>A colour, one byte wide in C as in C#.</summary>
public enum Color : byte
{
    /// <summary>The colour of the walkthrough.</summary>
    Red = 1,
    Green = 2,
    Blue = 4,
}

/// <summary>Outcomes with negative values, to check signed constants.</summary>
public enum Outcome
{
    Lost = -1,
    Drawn = 0,
    Won = 1,
    Worst = int.MinValue,
}

/// <summary>Flags that need all 64 bits.</summary>
[Flags]
public enum Wide : ulong
{
    None = 0,
    Low = 1,
    High = 0x8000_0000_0000_0000,
}

/// <summary>out/ref/in parameters, nullable values and enums.</summary>
public static class Values
{
    /// <summary>Divides with a remainder.</summary>
    /// <returns>The quotient; the remainder goes to <paramref name="remainder"/>.</returns>
    [CExport("bnd_divide")]
    public static int Divide(int dividend, int divisor, out int remainder)
    {
        remainder = dividend % divisor;
        return dividend / divisor;
    }

    /// <summary>Adds <paramref name="step"/> to <paramref name="counter"/> in place.</summary>
    [CExport("bnd_bump")]
    public static void Bump(ref long counter, in long step) => counter += step;

    /// <summary>Flips a flag in place.</summary>
    [CExport("bnd_toggle")]
    public static void Toggle(ref bool flag) => flag = !flag;

    /// <summary>The next colour in the cycle red → green → blue → red.</summary>
    [CExport("bnd_next_color")]
    public static Color NextColor(Color color) => color switch
    {
        Color.Red => Color.Green,
        Color.Green => Color.Blue,
        Color.Blue => Color.Red,
        _ => throw new ArgumentOutOfRangeException(nameof(color), $"{(byte)color} is not a Color"),
    };

    /// <summary>Reverses an outcome.</summary>
    [CExport("bnd_reverse_outcome")]
    public static void ReverseOutcome(ref Outcome outcome) => outcome = outcome == Outcome.Worst ? Outcome.Won : (Outcome)(-(int)outcome);

    /// <summary>Sets the high flag.</summary>
    [CExport("bnd_widen")]
    public static Wide Widen(Wide flags) => flags | Wide.High;

    /// <summary>Adds one to <paramref name="value"/>, or returns -1 when NULL stands for "no value".</summary>
    [CExport("bnd_increment_optional")]
    public static long IncrementOptional(long? value) => value is long present ? present + 1 : -1;
}
