using System;

namespace Cdylib;

/// <summary>
/// Thrown by an exported method to fail with a specific code: the caller reads
/// <see cref="Code"/> from <c>NAME_last_error_code()</c> and <see cref="Exception.Message"/>
/// from <c>NAME_last_error_message()</c>.
/// </summary>
public class CExportException : Exception
{
    /// <summary>Fails with <paramref name="code"/> and <paramref name="message"/>.</summary>
    public CExportException(int code, string message)
        : base(message)
    {
        // 0 means "no error" to the caller, so it cannot be the code of a failure.
        Code = code == (int)ErrorCode.None ? (int)ErrorCode.Exception : code;
    }

    /// <summary>Fails with one of the predefined codes.</summary>
    public CExportException(ErrorCode code, string message)
        : this((int)code, message)
    {
    }

    /// <summary>The code recorded as the last error; never <see cref="ErrorCode.None"/>.</summary>
    public int Code { get; }
}
