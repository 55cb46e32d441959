using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Cdylib.Runtime;

/// <summary>
/// Runs, once and on one thread, the class constructors that Native AOT's <c>System.Threading.Lock</c>
/// needs the first time any lock is contended, before a second thread can run the library's code.
/// </summary>
/// <remarks>
/// Why: these class constructors run at their first use (ILC does not pre-initialize <c>UTF8Encoding</c>'s,
/// in Debug or Release builds). The first contended lock reads its spin count through
/// <c>AppContext</c> and an environment variable, whose name is marshalled with <c>Encoding.UTF8</c>.
/// When that first contention happens inside one of those class constructors (two threads entering
/// the library at once, each starting a class constructor: a host thread and a thread-pool thread
/// completing a task), the runtime sees its own class constructor running and returns null;
/// the NullReferenceException fails the class constructor and the process aborts (SIGABRT with
/// <c>Lock.TryInitializeStatics</c> on the stack; seen under Node, about 1 run in 15 with a tiny gen0).
/// Running the same reads here, when the runtime starts the library (a module initializer runs
/// before any export's body), leaves no such class constructor for the lock to meet.
/// </remarks>
internal static class LockStaticsWarmup
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "The runtime must start these class constructors before any export runs; see the remarks.")]
    internal static void Run()
    {
        GC.KeepAlive(Encoding.UTF8);
        GC.KeepAlive(AppContext.GetData("System.Threading.Lock.SpinCount"));
        GC.KeepAlive(Environment.GetEnvironmentVariable("DOTNET_Lock_SpinCount"));
    }
}
