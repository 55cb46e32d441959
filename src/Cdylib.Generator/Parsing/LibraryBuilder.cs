using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Cdylib.Abi.Model;
using Cdylib.Generator.Diagnostics;
using Cdylib.Generator.Model;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// Puts the exports and the library facts together into one <see cref="LibraryResult"/>: the
/// generated helpers first, then the author's exports in source order, the enums they use, the
/// API hash over all of it, and a diagnostic for every name used twice.
/// </summary>
internal static class LibraryBuilder
{
    public static LibraryResult Build(ImmutableArray<ExportResult> exports, LibraryInfo library)
    {
        var diagnostics = new List<DiagnosticInfo>(library.Diagnostics);
        var functions = new List<AbiFunction>();
        var shims = new List<ShimMethod>();
        foreach ((AbiFunction function, ShimMethod shim) in HelperFunctions.For(library.Prefix))
        {
            functions.Add(function);
            shims.Add(shim);
        }
        var helperNames = new HashSet<string>(functions.Select(function => function.Name));

        var owners = new Dictionary<string, string>();
        var enums = new List<AbiEnum>();
        foreach (ExportResult export in exports.OrderBy(export => export.SortKey, System.StringComparer.Ordinal))
        {
            diagnostics.AddRange(export.Diagnostics);
            if (export.Function is null || export.Shim is null)
            {
                continue;
            }
            string name = export.Function.Name;
            if (helperNames.Contains(name))
            {
                diagnostics.Add(new DiagnosticInfo(Descriptors.ReservedName, export.NameLocation, new[] { name, export.ManagedName, library.Name }.ToEquatableArray()));
                continue;
            }
            if (owners.TryGetValue(name, out string? first))
            {
                diagnostics.Add(new DiagnosticInfo(Descriptors.DuplicateName, export.NameLocation, new[] { name, first, export.ManagedName }.ToEquatableArray()));
                continue;
            }
            if (!AddEnums(enums, export, diagnostics))
            {
                continue;
            }
            owners.Add(name, export.ManagedName);
            functions.Add(export.Function);
            shims.Add(export.Shim);
        }

        var abi = new AbiLibrary(library.Name, library.Prefix, library.AssemblyName, library.ErrorCodes, functions.ToEquatableArray(),
            library.AbiVersion, ApiHash: 0, enums.ToEquatableArray());
        abi = abi with { ApiHash = ApiHash.Compute(abi) };
        return new LibraryResult(abi, shims.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    // One C typedef per name: two C# enums that would share one are an error on the later export.
    private static bool AddEnums(List<AbiEnum> enums, ExportResult export, List<DiagnosticInfo> diagnostics)
    {
        foreach (AbiEnum enumeration in export.Enums)
        {
            AbiEnum? known = enums.FirstOrDefault(other => other.Name == enumeration.Name);
            if (known is null)
            {
                enums.Add(enumeration);
            }
            else if (known.Managed != enumeration.Managed)
            {
                diagnostics.Add(new DiagnosticInfo(Descriptors.EnumNameClash, export.NameLocation, new[] { known.Managed, enumeration.Managed, enumeration.Name }.ToEquatableArray()));
                return false;
            }
        }
        return true;
    }
}
