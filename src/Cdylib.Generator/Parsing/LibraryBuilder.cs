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
        var types = new NamedTypes();
        var handles = new List<AbiHandle>();
        foreach (ExportResult export in exports.OrderBy(export => export.SortKey, System.StringComparer.Ordinal))
        {
            diagnostics.AddRange(export.Diagnostics);
            if (export.Handle is { } handleType)
            {
                (AbiFunction free, ShimMethod freeShim, AbiHandle handle) = HandleTypeParser.FreeFunction(handleType, library.Prefix);
                handles.Add(handle);
                functions.Add(free);
                shims.Add(freeShim);
                helperNames.Add(free.Name);
                continue;
            }
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
            if (types.Clash(export) is { } clash)
            {
                diagnostics.Add(new DiagnosticInfo(Descriptors.TypeNameClash, export.NameLocation, new[] { clash.Known, clash.Other, clash.Name }.ToEquatableArray()));
                continue;
            }
            types.Add(export);
            owners.Add(name, export.ManagedName);
            functions.Add(export.Function);
            shims.Add(export.Shim);
        }

        var abi = new AbiLibrary(library.Name, library.Prefix, library.AssemblyName, library.ErrorCodes, functions.ToEquatableArray(),
            library.AbiVersion, ApiHash: 0, types.Enums.ToEquatableArray(), types.Structs.ToEquatableArray(), handles.ToEquatableArray());
        abi = abi with { ApiHash = ApiHash.Compute(abi) };
        return new LibraryResult(abi, shims.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>The enums and structs of the library: one C name each, whichever kind.</summary>
    private sealed class NamedTypes
    {
        private readonly Dictionary<string, string> _managedByName = new();

        public List<AbiEnum> Enums { get; } = new();

        public List<AbiStruct> Structs { get; } = new();

        /// <summary>A C name the export would give to a second C# type, or null.</summary>
        public (string Known, string Other, string Name)? Clash(ExportResult export)
        {
            // Against the types of the exports before it, and between the types of this one (System.Guid and a Guid of the author's).
            var mine = new Dictionary<string, string>();
            foreach ((string name, string managed) in export.Enums.Select(e => (e.Name, e.Managed)).Concat(export.Structs.Select(s => (s.Name, s.Managed))))
            {
                if ((_managedByName.TryGetValue(name, out string? known) || mine.TryGetValue(name, out known)) && known != managed)
                {
                    return (known, managed, name);
                }
                mine[name] = managed;
            }
            return null;
        }

        public void Add(ExportResult export)
        {
            foreach (AbiEnum enumeration in export.Enums.Where(e => IsNew(e.Name, e.Managed)))
            {
                Enums.Add(enumeration);
            }
            foreach (AbiStruct structure in export.Structs.Where(s => IsNew(s.Name, s.Managed)))
            {
                Structs.Add(structure);
            }
        }

        // netstandard2.0 has no Dictionary.TryAdd.
        private bool IsNew(string name, string managed)
        {
            if (_managedByName.ContainsKey(name))
            {
                return false;
            }
            _managedByName.Add(name, managed);
            return true;
        }
    }
}
