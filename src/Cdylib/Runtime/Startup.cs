using System;
using System.ComponentModel;

namespace Cdylib.Runtime;

/// <summary>
/// <c>PREFIX_init</c>: lets a host start the library's runtime when it chooses (at load time, on a
/// background thread) instead of on the first real call, which otherwise pays for it (about 1 ms).
/// Calling it is optional, idempotent and safe from any thread: the call itself starts the runtime,
/// and this warms what the boundary needs.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Startup
{
    /// <summary>Warms the boundary's statics; the call into the library has already started the runtime.</summary>
    public static void Initialize()
    {
        Boundary.EnsureInitialized();
        GC.KeepAlive(Handles.Live);
        GC.KeepAlive(NativeAllocations.Live);
    }
}
