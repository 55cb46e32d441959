using System;
using System.Collections.Generic;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>
/// The nodes a parser makes most (source names, <c>Qual::Name</c>, template arguments, functions,
/// pointers and references), the encodings' name states and the short arrays of its lists, kept from
/// name to name and handed out again. A listing of libLLVM's 44,000 names made new ones for every name;
/// allocating them (fresh memory, the collections that free it) was a fifth of the listing, and with a
/// second thread demangling, both threads' fresh memory cost more in page faults than the thread saved.
/// </summary>
/// <remarks>
/// A tree lives only while its name is parsed and printed (<see cref="ItaniumDemangler.TryDemangle"/>),
/// so every node handed out for one name is free again once <see cref="Reset"/> runs; each is handed
/// out once per name, so nodes stay distinct within a tree. A free node keeps what it pointed at until
/// it is handed out again (at most one name's tree per thread): clearing every node at every name cost
/// more than the objects saved.
/// </remarks>
internal sealed class NodePool
{
    /// <summary>Longer lists than this are rare (a long parameter list): made fresh.</summary>
    private const int PooledArrayLength = 8;

    private readonly Shelf<NameType> _names = new();
    private readonly Shelf<NestedName> _nestedNames = new();
    private readonly Shelf<NameWithTemplateArgs> _templateNames = new();
    private readonly Shelf<TemplateArgs> _templateArgs = new();
    private readonly Shelf<FunctionEncoding> _functions = new();
    private readonly Shelf<PointerType> _pointers = new();
    private readonly Shelf<ReferenceType> _references = new();
    private readonly Shelf<NameState> _states = new();

    /// <summary>Arrays of each length up to <see cref="PooledArrayLength"/>.</summary>
    private readonly Shelf<Node[]>[] _arrays = new Shelf<Node[]>[PooledArrayLength + 1];

    public NameType Name(ReadOnlyMemory<char> text) =>
        _names.TryTake(out var node) ? node.Reuse(text) : _names.Keep(new NameType(text));

    public NestedName NestedName(Node qualifier, Node name) =>
        _nestedNames.TryTake(out var node) ? node.Reuse(qualifier, name) : _nestedNames.Keep(new NestedName(qualifier, name));

    public NameWithTemplateArgs NameWithTemplateArgs(Node name, Node templateArgs) =>
        _templateNames.TryTake(out var node) ? node.Reuse(name, templateArgs) : _templateNames.Keep(new NameWithTemplateArgs(name, templateArgs));

    public TemplateArgs TemplateArgs(Node[] arguments) =>
        _templateArgs.TryTake(out var node) ? node.Reuse(arguments) : _templateArgs.Keep(new TemplateArgs(arguments));

    public FunctionEncoding FunctionEncoding(Node? returnType, Node name, Node[] parameters, Node? attributes, Qualifiers qualifiers, RefQualifier refQualifier) =>
        _functions.TryTake(out var node)
            ? node.Reuse(returnType, name, parameters, attributes, qualifiers, refQualifier)
            : _functions.Keep(new FunctionEncoding(returnType, name, parameters, attributes, qualifiers, refQualifier));

    public PointerType PointerType(Node pointee) =>
        _pointers.TryTake(out var node) ? node.Reuse(pointee) : _pointers.Keep(new PointerType(pointee));

    public ReferenceType ReferenceType(Node pointee, bool isRValue) =>
        _references.TryTake(out var node) ? node.Reuse(pointee, isRValue) : _references.Keep(new ReferenceType(pointee, isRValue));

    public NameState NameState(int forwardRefsBegin) =>
        _states.TryTake(out var state) ? state.Reuse(forwardRefsBegin) : _states.Keep(new NameState(forwardRefsBegin));

    /// <summary>An array holding <paramref name="nodes"/>; a short one is reused from an earlier name.</summary>
    public Node[] Array(ReadOnlySpan<Node> nodes)
    {
        if (nodes.Length > PooledArrayLength)
        {
            return nodes.ToArray();
        }

        var shelf = _arrays[nodes.Length] ??= new();
        var array = shelf.TryTake(out var reused) ? reused : shelf.Keep(new Node[nodes.Length]);
        nodes.CopyTo(array);
        return array;
    }

    /// <summary>Frees everything handed out, for the next name.</summary>
    public void Reset()
    {
        _names.Free();
        _nestedNames.Free();
        _templateNames.Free();
        _templateArgs.Free();
        _functions.Free();
        _pointers.Free();
        _references.Free();
        _states.Free();
        foreach (var shelf in _arrays)
        {
            shelf?.Free();
        }
    }

    /// <summary>Objects of one kind: those handed out since the last <see cref="Free"/>, then those free to take again.</summary>
    private sealed class Shelf<T>
        where T : class
    {
        private readonly List<T> _items = [];
        private int _used;

        public bool TryTake(out T item)
        {
            if (_used < _items.Count)
            {
                item = _items[_used++];
                return true;
            }

            item = null!;
            return false;
        }

        /// <summary>Adds a new object, handed out.</summary>
        public T Keep(T item)
        {
            _items.Add(item);
            _used++;
            return item;
        }

        public void Free() => _used = 0;
    }
}
