using System;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Cdylib.Build;

/// <summary>
/// Reads the ABI model the generator left in the compiled assembly as the string constant
/// <c>Cdylib.Generated.CdylibManifest.AbiJson</c>, straight from the metadata: nothing is loaded or run.
/// </summary>
internal static class ManifestReader
{
    private const string Namespace = "Cdylib.Generated";
    private const string ClassName = "CdylibManifest";
    private const string FieldName = "AbiJson";

    /// <summary>The manifest's JSON, or null when the assembly has none (the generator did not run).</summary>
    public static string? Read(string assemblyPath)
    {
        using FileStream stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException($"{assemblyPath} is not a .NET assembly");
        }
        MetadataReader metadata = pe.GetMetadataReader();
        foreach (TypeDefinitionHandle typeHandle in metadata.TypeDefinitions)
        {
            TypeDefinition type = metadata.GetTypeDefinition(typeHandle);
            if (!metadata.StringComparer.Equals(type.Namespace, Namespace) || !metadata.StringComparer.Equals(type.Name, ClassName))
            {
                continue;
            }
            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = metadata.GetFieldDefinition(fieldHandle);
                ConstantHandle constant = field.GetDefaultValue();
                if (metadata.StringComparer.Equals(field.Name, FieldName) && !constant.IsNil)
                {
                    BlobReader blob = metadata.GetBlobReader(metadata.GetConstant(constant).Value);
                    return blob.ReadUTF16(blob.Length);
                }
            }
        }
        return null;
    }
}
