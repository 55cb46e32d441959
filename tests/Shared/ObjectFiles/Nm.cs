using System;
using System.Collections.Generic;
using System.Globalization;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>One line of <c>nm -D</c>: address (none for undefined symbols), type letter, name with version decoration.</summary>
public sealed record NmSymbol(ulong? Address, char Letter, string DecoratedName);

/// <summary>The second reference: nm from binutils, which decides "defined", "weak" and versions on its own.</summary>
public static class Nm
{
    public static IReadOnlyList<NmSymbol> DynamicSymbols(string path)
    {
        var symbols = new List<NmSymbol>();
        foreach (var line in Tool.Run("nm", "-D", path).Split('\n'))
        {
            if (line.Length < 3)
            {
                continue;
            }

            // "<address or spaces> <letter> <name>"; the address column is as wide as the file's addresses.
            int letterAt = line.IndexOf(' ', StringComparison.Ordinal) + 1;
            string addressText = line[..(letterAt - 1)].Trim();
            ulong? address = addressText.Length == 0 ? null : ulong.Parse(addressText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (address is null)
            {
                // Undefined: the address column is blank, so the line starts with spaces.
                string trimmed = line.TrimStart();
                symbols.Add(new NmSymbol(null, trimmed[0], trimmed[2..]));
            }
            else
            {
                symbols.Add(new NmSymbol(address, line[letterAt], line[(letterAt + 2)..]));
            }
        }

        return symbols;
    }
}
