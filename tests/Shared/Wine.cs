using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit.Sdk;

namespace Cdylib.Tests.Shared;

/// <summary>The Windows machines whose programs the tests run under wine.</summary>
public enum WineMachine
{
    X64,
    X86,
}

/// <summary>
/// Runs Windows programs under wine on every machine of this kind. An x64 program goes straight to
/// wine's 64-bit loader: the <c>wine</c> wrapper starts the 32-bit loader first, even for a 64-bit
/// program, and some kernels cannot execute i386 programs at all (<c>Exec format error</c>). Whether
/// this kernel can is found out once, by starting the 32-bit loader; where it cannot, x86 programs
/// are not run (<see cref="WineMachineDataAttribute"/> reports those test cases as skipped, with why).
/// </summary>
internal static class Wine
{
    private const string Install = "scripts/prerequisites.sh installs it (apt-get install --no-install-recommends wine wine64 wine32:i386)";

    // One program at a time: the first start creates the prefix (~10 s), and two starts racing to create it fail.
    private static readonly object Gate = new();

    private static readonly Lazy<string?> X86Unavailable = new(FindWhyX86CannotRun);

    /// <summary>Why programs for <paramref name="machine"/> cannot run here, or null when they can.</summary>
    public static string? CannotRun(WineMachine machine) => machine == WineMachine.X86 ? X86Unavailable.Value : null;

    /// <summary>
    /// Runs <paramref name="program"/> (a path relative to <paramref name="directory"/>, or absolute) with <paramref name="arguments"/> under
    /// the loader for <paramref name="machine"/>, with one prefix kept beside the test output.
    /// </summary>
    public static ProcessResult Run(WineMachine machine, string directory, string program, params string[] arguments)
    {
        string? why = CannotRun(machine);
        if (why is not null)
        {
            throw new InvalidOperationException($"cannot run {program} under wine: {why}");
        }
        var environment = new Dictionary<string, string>
        {
            ["WINEPREFIX"] = Path.Combine(AppContext.BaseDirectory, "wine-prefix"),
            ["WINEDEBUG"] = "-all",
            // No Mono or Gecko installer dialogs while the prefix is created.
            ["WINEDLLOVERRIDES"] = "mscoree,mshtml=",
        };
        lock (Gate)
        {
            return ProcessRunner.Run(Loader(machine), [program, .. arguments], directory, environment, timeoutSeconds: 300);
        }
    }

    /// <summary>What <paramref name="program"/> printed (line ends as on Linux); fails the test unless it exited with 0.</summary>
    public static string Output(WineMachine machine, string directory, string program)
    {
        ProcessResult run = Run(machine, directory, program);
        Assert.True(run.ExitCode == 0, $"{program} under wine ({machine})\n{run.Transcript}");
        return run.Output.Replace("\r\n", "\n");
    }

    /// <summary>
    /// wine's own loader for the machine: Debian keeps both in /usr/lib/wine (only the wrapper is on PATH);
    /// other distributions put <c>wine64</c> and <c>wine</c> on PATH.
    /// </summary>
    private static string Loader(WineMachine machine)
    {
        (string debian, string onPath) = machine == WineMachine.X64 ? ("/usr/lib/wine/wine64", "wine64") : ("/usr/lib/wine/wine", "wine");
        if (File.Exists(debian))
        {
            return debian;
        }
        try
        {
            return Toolchain.Find(onPath);
        }
        catch (InvalidOperationException)
        {
            throw new InvalidOperationException($"wine's {(machine == WineMachine.X64 ? "64" : "32")}-bit loader was found neither at {debian} nor as {onPath} on PATH; {Install}");
        }
    }

    // A missing 32-bit loader is a missing prerequisite (a failure, not a skip); a kernel that cannot
    // execute it is a property of the machine.
    private static string? FindWhyX86CannotRun()
    {
        string loader = Loader(WineMachine.X86);
        ProcessResult started;
        try
        {
            started = ProcessRunner.Run(loader, ["--version"], timeoutSeconds: 60);
        }
        catch (Win32Exception exception)
        {
            return $"this machine's kernel cannot execute i386 programs: starting wine's 32-bit loader {loader} failed ({exception.Message})";
        }
        return started.ExitCode == 0
            ? null
            : $"this machine's kernel cannot execute i386 programs: wine's 32-bit loader {loader} --version exited with {started.ExitCode} ({started.Error.Trim()})";
    }
}

/// <summary>
/// A theory row for one Windows machine whose programs the test runs under wine: the row is
/// reported as skipped, with the reason, where this machine cannot run that machine's programs
/// (x86 on a kernel without i386 support), and runs everywhere else.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class WineMachineDataAttribute(WineMachine machine) : DataAttribute
{
    // xunit reads Skip from this instance when it discovers the row.
    public override string? Skip
    {
        get => Wine.CannotRun(machine);
        set => throw new NotSupportedException("the skip reason comes from the machine");
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[machine]];
}
