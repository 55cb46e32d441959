using System;
using System.Diagnostics.CodeAnalysis;

namespace Cdylib.ObjectFile.Reading;

/// <summary>
/// The one place where a reader's <see cref="ObjectFileException"/> becomes a value: an image that cannot
/// be read at all (a fat file's slice, an archive member) whose header a format reader rejected. Inside
/// an image nothing is caught: its tables record their problems (<see cref="ReadLog"/>, Try methods).
/// </summary>
internal static class ImageBoundary
{
    /// <summary>Reads an image; false with what stops it from being read.</summary>
    public static bool TryRead<T>(Func<T> read, [MaybeNullWhen(false)] out T image, [NotNullWhen(false)] out ObjectFileProblem? problem)
    {
        try
        {
            image = read();
            problem = null;
            return true;
        }
        catch (ObjectFileException e)
        {
            image = default;
            problem = e.Problem;
            return false;
        }
    }
}
