using System;
using Cdylib;

namespace Boundary;

/// <summary>C function pointers with a <c>void* user_data</c>, called from C#.</summary>
public static unsafe class Callbacks
{
    /// <summary>
    /// Calls <paramref name="visit"/> for 0 … <paramref name="count"/> - 1 and sums what it returns.
    /// A negative result from the callback stops the walk with an error (BND_ERROR_INVALID_OPERATION).
    /// </summary>
    [CExport("bnd_for_each")]
    public static long ForEach(int count, delegate* unmanaged[Cdecl]<int, void*, int> visit, void* userData)
    {
        if (visit == null)
        {
            throw new ArgumentNullException(nameof(visit));
        }
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            int result = visit(i, userData);
            if (result < 0)
            {
                throw new InvalidOperationException($"the callback refused item {i}");
            }
            sum += result;
        }
        return sum;
    }

    /// <summary>Throws while the callback is on the stack below it: the export still catches.</summary>
    [CExport("bnd_call_then_fail")]
    public static void CallThenFail(delegate* unmanaged[Cdecl]<void*, void> callback, void* userData)
    {
        callback(userData);
        throw new NotSupportedException("failed after the callback returned");
    }
}
