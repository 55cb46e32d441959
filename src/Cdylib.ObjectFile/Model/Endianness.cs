namespace Cdylib.ObjectFile;

/// <summary>Byte order of the multi-byte fields in a binary.</summary>
public enum Endianness
{
    /// <summary>Least significant byte first (x86, most ARM).</summary>
    Little,

    /// <summary>Most significant byte first (PowerPC, s390x, network order).</summary>
    Big,
}
