using System.IO;

namespace Cdylib.EndToEnd.Tests.Infrastructure;

/// <summary>An example under examples/ built once with <c>cdylib build</c> for all the tests of a class.</summary>
public abstract class ExampleFixture
{
    protected ExampleFixture(string example, string library) =>
        Library = BuiltLibrary.Build(Path.Combine(Repo.Examples, example), library);

    internal BuiltLibrary Library { get; }
}
