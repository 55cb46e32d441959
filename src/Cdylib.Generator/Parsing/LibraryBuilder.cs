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
        int helperCount = functions.Count;

        var owners = new Dictionary<string, string>();
        var types = new NamedTypes();
        var handles = new List<AbiHandle>();
        var interfaces = new List<CallbackInterface>();
        // Every other name the header declares: the helpers, its own macros, and (below) each
        // export's function, types and enum constants. A C name declared twice breaks the header.
        var names = new DeclaredNames(helperNames.Select(name => (name, "a function Cdylib generates"))
            .Concat(Abi.Emitters.CHeader.ReservedNames(library.Prefix, library.ErrorCodes).Select(name => (name, "a name the header itself defines"))));
        bool transitionFreeTarget = TargetRuntime.PassesPlainValuesAsC(library.RuntimeIdentifier);
        foreach (ExportResult export in exports.OrderBy(export => export.SortKey, System.StringComparer.Ordinal))
        {
            diagnostics.AddRange(export.Diagnostics);
            // Where C cannot call managed code directly, nothing can be transition-free.
            if (!transitionFreeTarget && export.Shim is { TransitionFree: true })
            {
                diagnostics.Add(new DiagnosticInfo(Descriptors.TransitionFreeNeeds64Bit, export.NameLocation, new[] { export.ManagedName, library.RuntimeIdentifier! }.ToEquatableArray()));
                continue;
            }
            if (export.Handle is { } handleType)
            {
                (AbiFunction free, ShimMethod freeShim, AbiHandle handle) = HandleTypeParser.FreeFunction(handleType, library.Prefix);
                if (types.ClashOfHandle(handle) is { } handleClash)
                {
                    diagnostics.Add(new DiagnosticInfo(Descriptors.TypeNameClash, export.NameLocation, new[] { handleClash.Known, handleClash.Other, handleClash.Name }.ToEquatableArray()));
                }
                else if (names.Taken(handle.Name, $"the handle type '{handle.Managed}'") is { } taken)
                {
                    diagnostics.Add(new DiagnosticInfo(Descriptors.CNameTaken, export.NameLocation, taken.ToEquatableArray()));
                }
                else if (names.Taken(free.Name, $"the free function of '{handle.Managed}'") is { } freeTaken)
                {
                    diagnostics.Add(new DiagnosticInfo(Descriptors.CNameTaken, export.NameLocation, freeTaken.ToEquatableArray()));
                }
                names.Add(handle.Name, $"the C name of the handle type '{handle.Managed}'");
                names.Add(free.Name, "a function Cdylib generates");
                types.AddHandle(handle);
                handles.Add(handle);
                functions.Add(free);
                shims.Add(freeShim);
                helperNames.Add(free.Name);
                continue;
            }
            if (export.Interface is { } contract)
            {
                var tables = export.Structs.Where(s => types.IsNew(s.Managed)).Select(s => (s.Name, $"the struct '{s.Managed}'")).ToList();
                if (types.Clash(export) is { } interfaceClash)
                {
                    diagnostics.Add(new DiagnosticInfo(Descriptors.TypeNameClash, export.NameLocation, new[] { interfaceClash.Known, interfaceClash.Other, interfaceClash.Name }.ToEquatableArray()));
                    continue;
                }
                if (names.FirstTaken(tables) is { } tableTaken)
                {
                    diagnostics.Add(new DiagnosticInfo(Descriptors.CNameTaken, export.NameLocation, tableTaken.ToEquatableArray()));
                    continue;
                }
                foreach ((string declaredName, string what) in tables)
                {
                    names.Add(declaredName, "the C name of " + what);
                }
                types.Add(export);
                interfaces.Add(contract);
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
            // The export's new declarations: its function, and the enums and structs no export before it used.
            var declared = new List<(string Name, string What)> { (name, $"the function '{export.ManagedName}'") };
            foreach (AbiEnum enumeration in export.Enums.Where(e => types.IsNew(e.Managed)))
            {
                declared.Add((enumeration.Name, $"the enum '{enumeration.Managed}'"));
                declared.AddRange(enumeration.Members.Select(member => (member.CName, $"the member '{enumeration.Managed}.{member.Name}'")));
            }
            declared.AddRange(export.Structs.Where(s => types.IsNew(s.Managed)).Select(s => (s.Name, $"the struct '{s.Managed}'")));
            // An async or iterator export declares its handle type and the functions that take it.
            CompanionSet? companions = export.Shim.Operation is { } operationShim ? AsyncExport.Companions(export.Function, operationShim, library.Prefix)
                : export.Shim.Iterator is { } iteratorShim ? IteratorExport.Companions(export.Function, iteratorShim, library.Prefix)
                : null;
            if (companions is not null)
            {
                declared.Add((companions.Handle.Name, $"the handle type of what '{export.ManagedName}' returns"));
                declared.AddRange(companions.Functions.Select(companion => (companion.Function.Name, $"a function of what '{export.ManagedName}' returns")));
            }
            if (names.FirstTaken(declared) is { } nameTaken)
            {
                diagnostics.Add(new DiagnosticInfo(Descriptors.CNameTaken, export.NameLocation, nameTaken.ToEquatableArray()));
                continue;
            }
            foreach ((string declaredName, string what) in declared)
            {
                names.Add(declaredName, "the C name of " + what);
            }
            types.Add(export);
            owners.Add(name, export.ManagedName);
            functions.Add(export.Function);
            shims.Add(export.Shim);
            if (companions is not null)
            {
                types.AddHandle(companions.Handle);
                handles.Add(companions.Handle);
                foreach (CompanionFunction companion in companions.Functions)
                {
                    functions.Add(companion.Function);
                    shims.Add(companion.Shim);
                    helperNames.Add(companion.Function.Name);
                }
            }
        }

        // Only a library with interfaces C implements needs the function their implementations report failures with.
        if (interfaces.Count > 0)
        {
            (AbiFunction setError, ShimMethod setErrorShim) = HelperFunctions.SetCallbackError(library.Prefix);
            if (owners.TryGetValue(setError.Name, out string? owner))
            {
                diagnostics.Add(new DiagnosticInfo(Descriptors.CNameTaken, null, new[] { setError.Name, "a function Cdylib generates for the interfaces C implements", $"the C name of the function '{owner}'" }.ToEquatableArray()));
            }
            functions.Insert(helperCount, setError);
            shims.Insert(helperCount, setErrorShim);
        }
        var abi = new AbiLibrary(library.Name, library.Prefix, library.AssemblyName, library.ErrorCodes, functions.ToEquatableArray(),
            library.AbiVersion, ApiHash: 0, types.Enums.ToEquatableArray(), types.Structs.ToEquatableArray(), handles.ToEquatableArray());
        abi = abi with { ApiHash = ApiHash.Compute(abi) };
        return new LibraryResult(abi, shims.ToEquatableArray(), diagnostics.ToEquatableArray())
        {
            DeclareRuntimeExportAttribute = !library.DeclaresRuntimeExportAttribute && shims.Any(shim => shim.TransitionFree),
            Interfaces = interfaces.ToEquatableArray(),
        };
    }

    /// <summary>
    /// The C names the header declares, and what declares each: a name taken twice (an enum constant
    /// <c>BND_ERROR_NONE</c> and the error code's macro, a type named like a function) is CDY0020.
    /// </summary>
    private sealed class DeclaredNames
    {
        private readonly Dictionary<string, string> _what = new();

        public DeclaredNames(IEnumerable<(string Name, string What)> reserved)
        {
            foreach ((string name, string what) in reserved)
            {
                Add(name, what);
            }
        }

        public void Add(string name, string what)
        {
            if (!_what.ContainsKey(name))
            {
                _what.Add(name, what);
            }
        }

        /// <summary>The arguments of CDY0020 when <paramref name="name"/> is taken, else null.</summary>
        public string[]? Taken(string name, string what) =>
            _what.TryGetValue(name, out string? known) ? new[] { name, what, known } : null;

        /// <summary>The first of these declarations whose name is taken, by an earlier one or one of them, as CDY0020's arguments.</summary>
        public string[]? FirstTaken(IEnumerable<(string Name, string What)> declarations)
        {
            var mine = new Dictionary<string, string>();
            foreach ((string name, string what) in declarations)
            {
                if (Taken(name, what) is { } taken)
                {
                    return taken;
                }
                if (mine.TryGetValue(name, out string? earlier))
                {
                    return new[] { name, what, "the C name of " + earlier };
                }
                mine.Add(name, what);
            }
            return null;
        }
    }

    /// <summary>The enums, structs and handle types of the library: one C name each, whichever kind.</summary>
    private sealed class NamedTypes
    {
        private readonly Dictionary<string, string> _managedByName = new();
        private readonly HashSet<string> _known = new();

        /// <summary>Whether no export before used the C# type <paramref name="managed"/>.</summary>
        public bool IsNew(string managed) => !_known.Contains(managed);

        /// <summary>A C name the handle type would give to a second C# type, or null.</summary>
        public (string Known, string Other, string Name)? ClashOfHandle(AbiHandle handle) =>
            _managedByName.TryGetValue(handle.Name, out string? known) && known != handle.Managed ? (known, handle.Managed, handle.Name) : null;

        public void AddHandle(AbiHandle handle)
        {
            if (!_managedByName.ContainsKey(handle.Name))
            {
                _managedByName.Add(handle.Name, handle.Managed);
            }
        }

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
            _known.Add(managed);
            if (_managedByName.ContainsKey(name))
            {
                return false;
            }
            _managedByName.Add(name, managed);
            return true;
        }
    }
}
