using Cdylib;

namespace Samples.Names
{
    public static class Outer
    {
        /// <summary>A public type nested in a public type.</summary>
        public static class Inner
        {
            // C and C++ keywords as parameter names get a trailing '_' in C.
            [CExport]
            public static int Nested(int @class, int @default) => @class + @default;
        }

        internal static class Hidden
        {
            [CExport]
            internal static int InInternalNestedType() => 1;
        }
    }

    internal static class Internals
    {
        [CExport]
        internal static int InternalMethod() => 2;

        // C# keywords (not C ones) as the method and parameter names: '@' in C#, verbatim in C.
        [CExport]
        public static int @checked(int @object, int @lock, int @params) => @object + @lock + @params;

        // C++-only keywords, and keywords that are macros in C (bool).
        [CExport]
        public static int Template(int template, int @namespace, int @bool, int @this, int delete) => template;

        [CExport("renamed_export")]
        public static long Original(long value) => value;
    }

    public struct Container
    {
        [CExport]
        public static int InStruct() => 3;
    }
}

public static class GlobalNamespace
{
    [CExport]
    public static int InGlobalNamespace() => 4;
}
