using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Cdylib.Build;

/// <summary>
/// The entry points of the methods an assembly marks <c>[System.Runtime.RuntimeExport("name")]</c>:
/// what ILC exports with no GC transition (the generator writes one per <c>[CExport,
/// SuppressGCTransition]</c> method; a hand-written one counts too), read from the metadata.
/// </summary>
internal static class RuntimeExportReader
{
    private const string Namespace = "System.Runtime";
    private const string Name = "RuntimeExportAttribute";

    public static IReadOnlyList<string> Read(string assemblyPath)
    {
        using FileStream stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        var names = new List<string>();
        foreach (MethodDefinitionHandle methodHandle in metadata.MethodDefinitions)
        {
            foreach (CustomAttributeHandle attributeHandle in metadata.GetMethodDefinition(methodHandle).GetCustomAttributes())
            {
                CustomAttribute attribute = metadata.GetCustomAttribute(attributeHandle);
                if (IsRuntimeExport(metadata, attribute) && EntryPoint(metadata, attribute) is { } entry)
                {
                    names.Add(entry);
                }
            }
        }
        return names;
    }

    private static bool IsRuntimeExport(MetadataReader metadata, CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind switch
        {
            HandleKind.MethodDefinition => metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            HandleKind.MemberReference => metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            _ => default,
        };
        return type.Kind switch
        {
            HandleKind.TypeDefinition => Is(metadata, metadata.GetTypeDefinition((TypeDefinitionHandle)type).Namespace, metadata.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            HandleKind.TypeReference => Is(metadata, metadata.GetTypeReference((TypeReferenceHandle)type).Namespace, metadata.GetTypeReference((TypeReferenceHandle)type).Name),
            _ => false,
        };
    }

    private static bool Is(MetadataReader metadata, StringHandle @namespace, StringHandle name) =>
        metadata.StringComparer.Equals(@namespace, Namespace) && metadata.StringComparer.Equals(name, Name);

    // The blob of a constructor call with one string: prolog 0x0001, then the SerString.
    private static string? EntryPoint(MetadataReader metadata, CustomAttribute attribute)
    {
        BlobReader blob = metadata.GetBlobReader(attribute.Value);
        if (blob.Length < 2 || blob.ReadUInt16() != 1)
        {
            return null;
        }
        return blob.ReadSerializedString();
    }
}
