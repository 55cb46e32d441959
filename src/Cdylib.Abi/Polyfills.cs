// Language support types netstandard2.0 lacks, so the model can use records and init-only members.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
