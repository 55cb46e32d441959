namespace Cdylib.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Native AOT builds share the repository's build outputs (src/*/bin, obj): the tests that make
/// them run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NativeBuilds
{
    public const string Name = "native builds";
}
