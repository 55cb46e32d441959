using System.Collections.Generic;
using System.Linq;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Checks;

/// <summary>
/// Changes to an interface the caller implements. Its table is filled by the caller, so what breaks is
/// the reverse of a function's: a function added to the table breaks (a table filled for the old header
/// lacks it, and the functions after it moved), and a parameter that may now be NULL breaks the caller's
/// implementation, which never had to check it.
/// </summary>
public static partial class AbiDiff
{
    private static void CompareInterface(List<AbiChange> changes, AbiStruct beforeTable, AbiStruct afterTable)
    {
        string subject = $"interface {afterTable.Name}";
        AbiCallerInterface before = beforeTable.Interface!;
        AbiCallerInterface after = afterTable.Interface!;
        var old = before.Members.ToDictionary(member => member.Field);
        var now = after.Members.ToDictionary(member => member.Field);
        int count = changes.Count;
        foreach (AbiInterfaceMember removed in before.Members.Where(member => !now.ContainsKey(member.Field)))
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"function {removed.Field} removed from the table ({removed.Member}): the functions after it moved"));
        }
        foreach (AbiInterfaceMember added in after.Members.Where(member => !old.ContainsKey(member.Field)))
        {
            string next = after.Members.SkipWhile(member => member != added).Skip(1).Select(member => member.Field).FirstOrDefault() ?? "release";
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"function {added.Field} added to the table ({added.Member}): a table filled for the old header lacks it, and {next} moved"));
        }
        var kept = before.Members.Where(member => now.ContainsKey(member.Field)).Select(member => member.Field).ToList();
        var keptNow = after.Members.Where(member => old.ContainsKey(member.Field)).Select(member => member.Field).ToList();
        if (changes.Count == count && !kept.SequenceEqual(keptNow))
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"functions reordered {string.Join(", ", kept)} → {string.Join(", ", keptNow)}"));
        }
        foreach (AbiInterfaceMember member in after.Members.Where(member => old.ContainsKey(member.Field)))
        {
            CompareInterfaceMember(changes, subject, member, Function(beforeTable, member.Field), Function(afterTable, member.Field));
        }
    }

    private static void CompareInterfaceMember(List<AbiChange> changes, string subject, AbiInterfaceMember after, FunctionPointerType before, FunctionPointerType now)
    {
        string oldSignature = CSpelling.Of(before);
        string newSignature = CSpelling.Of(now);
        if (oldSignature != newSignature)
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"{after.Field} ({after.Member}) {oldSignature} → {newSignature}"));
            return;
        }
        // The same C function pointer, but C# may now pass NULL where it never did (or never will where it did).
        // Parameter i of the member is parameter i + 1 of the function (user_data comes first).
        for (int i = 0; i < after.Parameters.Count; i++)
        {
            AbiType was = before.Parameters[i + 1];
            AbiType type = now.Parameters[i + 1];
            if (AbiNullability.IsNullable(was) != AbiNullability.IsNullable(type))
            {
                string change = $"for '{after.Parameters[i]}' ({Describe(was)} → {Describe(type)})";
                changes.Add(AbiNullability.IsNullable(type)
                    ? new AbiChange(ChangeKind.Breaking, subject, $"{after.Field} may now be given NULL {change}")
                    : new AbiChange(ChangeKind.Compatible, subject, $"{after.Field} is no longer given NULL {change}"));
            }
        }
    }

    private static FunctionPointerType Function(AbiStruct table, string field) => (FunctionPointerType)table.Fields.Single(f => f.Name == field).Type;
}
