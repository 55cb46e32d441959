using System;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Loading;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// deps --tree on PE programs mingw-w64 builds here, against wine's DLLs as the system folder: DLLs found
/// in the application and system folders, an import forwarded by kernel32 followed to the DLL that
/// defines it, an API set import mapped through wine's apisetschema.dll (and, without a schema,
/// reported as an API set rather than a miss), a DLL that is nowhere.
/// </summary>
public sealed class DependencyTreePeTests : IDisposable
{
    private const string WineFolder = "/usr/lib/x86_64-linux-gnu/wine/x86_64-windows";

    private readonly string _folder = Directory.CreateTempSubdirectory("cdylib-deptree-pe-").FullName;
    private readonly LibraryCache _cache = new();

    public void Dispose()
    {
        _cache.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Imports_bind_through_forwarders_and_API_sets_to_the_DLLs_of_the_system_folder()
    {
        Assert.True(Directory.Exists(WineFolder), "wine's x86_64 DLLs are needed (scripts/prerequisites.sh installs wine64)");

        // Sleep comes from an API set (an import library made from a .def file, as the Windows SDK's umbrella libraries are);
        // HeapAlloc from kernel32, which forwards it to ntdll; missing_function from a DLL that exists nowhere.
        File.WriteAllText(Path.Combine(_folder, "synch.def"), "LIBRARY api-ms-win-core-synch-l1-2-0.dll\nEXPORTS\nSleep\n");
        File.WriteAllText(Path.Combine(_folder, "gone.def"), "LIBRARY gone.dll\nEXPORTS\nmissing_function\n");
        Tool.Run("x86_64-w64-mingw32-dlltool", "-d", Path.Combine(_folder, "synch.def"), "-l", Path.Combine(_folder, "libsynch.a"));
        Tool.Run("x86_64-w64-mingw32-dlltool", "-d", Path.Combine(_folder, "gone.def"), "-l", Path.Combine(_folder, "libgone.a"));
        File.WriteAllText(Path.Combine(_folder, "app.c"), """
            #include <windows.h>
            void missing_function(void);
            int main(int argc, char **argv)
            {
                (void)argv;
                Sleep(0);
                if (argc > 5) missing_function();
                return HeapAlloc(GetProcessHeap(), 0, 16) != NULL;
            }
            """);
        string app = Path.Combine(_folder, "app.exe");
        Tool.Run("x86_64-w64-mingw32-gcc", "-Wall", "-Werror", "-o", app, Path.Combine(_folder, "app.c"), Path.Combine(_folder, "libsynch.a"), Path.Combine(_folder, "libgone.a"));

        using var tree = DependencyTree.Build(app, _cache.Read(app), new LoaderOptions { SystemFolder = WineFolder, Cache = _cache });
        var dependencies = tree.Root.Dependencies.ToDictionary(d => d.Dependency.Name.ToLowerInvariant());
        var kernel32 = dependencies["kernel32.dll"];
        Assert.Equal((ResolutionStatus.Found, "system folder", Path.Combine(WineFolder, "kernel32.dll")), (kernel32.Status, kernel32.Rule, kernel32.Path));
        Assert.Equal(ResolutionStatus.NotFound, dependencies["gone.dll"].Status);
        Assert.Equal(["application folder", "system folder"], dependencies["gone.dll"].Attempts.Select(a => a.Rule));

        // wine's schema hosts this API set in kernelbase.dll, which kernel32 has already loaded.
        var synch = dependencies["api-ms-win-core-synch-l1-2-0.dll"];
        Assert.Equal(Path.Combine(WineFolder, "kernelbase.dll"), synch.Path);
        Assert.Contains("API set → kernelbase.dll", synch.Rule!, StringComparison.Ordinal);

        var imports = tree.Root.Imports.ToDictionary(i => i.Import.Name);
        Assert.Equal(Path.Combine(WineFolder, "kernelbase.dll"), imports["Sleep"].Provider?.Path);
        var heapAlloc = imports["HeapAlloc"];
        Assert.Equal((ProviderStatus.Provided, Path.Combine(WineFolder, "ntdll.dll")), (heapAlloc.Status, heapAlloc.Provider?.Path));
        var forwarder = _cache.Read(Path.Combine(WineFolder, "kernel32.dll")).Exports.Single(e => e.Name == "HeapAlloc").ForwardedTo;
        Assert.Equal($"forwarded to {forwarder}", heapAlloc.Detail);
        Assert.Equal(ProviderStatus.LibraryMissing, imports["missing_function"].Status);
        Assert.DoesNotContain(tree.LoadOrder.SelectMany(l => l.Imports), i => i.Status == ProviderStatus.NotProvided);

        // Without a schema, the API set is one: not searched for as a file, not a miss.
        using var noSchema = DependencyTree.Build(app, _cache.Read(app), new LoaderOptions { Cache = _cache });
        var unmapped = noSchema.Root.Dependencies.Single(d => d.Dependency.Name == "api-ms-win-core-synch-l1-2-0.dll");
        Assert.Equal(ResolutionStatus.ApiSet, unmapped.Status);
        Assert.Equal(ProviderStatus.ApiSet, noSchema.Root.Imports.Single(i => i.Import.Name == "Sleep").Status);
        Assert.Contains(noSchema.Notes, n => n.StartsWith("KnownDLLs are not knowable off Windows", StringComparison.Ordinal));
    }
}
