namespace Cdylib.ObjectFile;

/// <summary>Byte order of the multi-byte fields in a binary.</summary>
public enum Endianness
{
    Little,
    Big,
}
