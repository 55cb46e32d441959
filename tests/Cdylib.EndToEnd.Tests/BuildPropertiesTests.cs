using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// <c>cdylib build -p:NAME=VALUE</c> reaches the real build, as <c>dotnet publish -p:</c> does: one release build
/// of a copy of examples/primitives with three properties, each seen in what the library does.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class BuildPropertiesTests
{
    [Fact]
    public void Build_passes_msbuild_properties_through_to_the_library()
    {
        string project = ExampleCopy.Of("primitives", "build-properties");

        Run.Cdylib("build", project, "--release", "-p:CdylibProfile=minimal", "--property:CdylibAbiVersion=3", "-p:CdylibLazyLibm=false").Succeeded();

        string release = Path.Combine(project, "target", "release");
        Assert.Contains("#define PRIM_ABI_VERSION 3u", File.ReadAllText(Path.Combine(release, "prim.h")));
        ProcessResult run = Run.Program("python3", ["-c", """
            import ctypes, sys
            print(ctypes.CDLL(sys.argv[1]).prim_abi_version())
            """, Path.Combine(release, "libprim.so")]).Succeeded();
        Assert.Equal("3\n", run.Output);
        // CdylibProfile=minimal drops debugger support: Native AOT then leaves out the data symbol it exports
        // for debuggers, which every other build has (see "The export table" in docs/abi.md).
        Assert.DoesNotContain("DotNetRuntimeDebugHeader", new BuiltLibrary(project, "prim", "", "release").ExportedNames());
        Assert.Contains("prim_abi_version", new BuiltLibrary(project, "prim", "", "release").ExportedNames());

        // CdylibLazyLibm=false: libm.so.6 is a needed library again, as Native AOT links it (HostTests has the default).
        Assert.Contains("Shared library: [libm.so.6]", Run.Program("readelf", ["--dynamic", Path.Combine(release, "libprim.so")]).Succeeded().Output);

        // And the built project folder is what check takes.
        Assert.StartsWith($"ok: {Path.Combine(release, "libprim.so")} exports the ", Run.Cdylib("check", project).Succeeded().Output);
    }
}
