using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Demangling;
using Xunit.Abstractions;

namespace Cdylib.ObjectFile.Tests.Demangling;

/// <summary>
/// The Microsoft demangler against llvm-undname (LLVM 14), name for name: on every MSVC-decorated name our
/// reader finds in real files (exports, imports, archive members' symbols; <see cref="MsvcNameSources"/>),
/// and on names mutated from them, where any text we print must be llvm-undname's.
/// </summary>
public sealed class MicrosoftDemanglerAgreementTests(ITestOutputHelper output)
{
    /// <summary>Names in those files where our text differs from llvm-undname's, each with the reason. None
    /// today; a name that starts to differ fails the test until it is listed here (or fixed).</summary>
    private static readonly Dictionary<string, string> KnownDifferences = new(StringComparer.Ordinal);

    [Fact]
    public void Real_msvc_names_demangle_as_llvm_undname_prints_them()
    {
        Assert.All(MsvcNameSources.Folders, folder => Assert.True(Directory.Exists(folder.Folder),
            $"{folder.Folder} is missing: the PackageDownload of {folder.Package} in tests/Directory.Build.targets did not restore"));

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, found) in MsvcNameSources.NamesByFile.Where(file => file.Names.Count > 0))
        {
            output.WriteLine($"{found.Count,6} MSVC names in {Path.GetFileName(path)}");
            names.UnionWith(found);
        }

        IReadOnlyDictionary<string, string?> reference = LlvmUndname.Demangle(names);
        var differences = names.Where(name => MicrosoftDemangler.Demangle(name) != reference[name]).ToList();
        int agreeing = names.Count - differences.Count;
        output.WriteLine($"{agreeing} of {names.Count} distinct names identical to llvm-undname ({reference.Count(r => r.Value is null)} it cannot demangle, nor can we)");

        Assert.True(names.Count > 6000, $"expected the runtime and host libraries' 6,000+ MSVC names, found {names.Count}");
        Assert.Empty(differences.Where(name => !KnownDifferences.ContainsKey(name))
            .Select(name => $"{name}\n  llvm-undname: {reference[name]}\n  ours:         {MicrosoftDemangler.Demangle(name)}"));
        var stale = KnownDifferences.Keys.Where(name => names.Contains(name) && !differences.Contains(name)).ToList();
        Assert.True(stale.Count == 0, $"listed as differing, but now identical: {string.Join(", ", stale)}");
        Assert.True(agreeing >= names.Count * 0.999, $"{agreeing} of {names.Count} agree: under 99.9 %");
    }

    /// <summary>
    /// Names mutated from the real ones (fixed seed): wherever both print a text it is the same, with two
    /// deliberate exceptions: a vftable for several bases lists them all (llvm-undname 14 prints the first,
    /// a bug LLVM fixed later; MSVC's undname lists all), and the deduced return types <c>_P</c> (auto) and
    /// <c>_T</c> (decltype(auto)) that later LLVMs read and LLVM 14 does not. Where llvm-undname prints and
    /// we give null, the name is malformed: LLVM 14 forgets some errors (its pointer check resets the error
    /// flag) and prints what it read on; a malformed name gives null here.
    /// </summary>
    [Fact]
    public void Mutated_names_print_what_llvm_undname_prints_or_nothing()
    {
        string[] seeds = MsvcNameSources.NamesByFile.SelectMany(file => file.Names)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(seeds);

        var random = new Random(18);
        const string Alphabet = "?@$0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_az";
        var mutated = new SortedSet<string>(StringComparer.Ordinal);
        while (mutated.Count < 10_000)
        {
            var name = new List<char>(seeds[random.Next(seeds.Length)]);
            for (int edits = random.Next(1, 4); edits > 0 && name.Count > 1; edits--)
            {
                int at = random.Next(1, name.Count);
                switch (random.Next(4))
                {
                    case 0: name[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                    case 1: name.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    case 2: name.RemoveAt(at); break;
                    default: name.InsertRange(random.Next(1, name.Count), name.GetRange(at, Math.Min(random.Next(1, 30), name.Count - at))); break;
                }
            }
            mutated.Add(new string(name.ToArray()));
        }

        IReadOnlyDictionary<string, string?> reference = LlvmUndname.Demangle(mutated);
        int same = 0, malformed = 0;
        var wrong = new List<string>();
        foreach (string name in mutated)
        {
            string? ours = MicrosoftDemangler.Demangle(name);
            string? llvm = reference[name];
            if (ours == llvm)
            {
                same++;
            }
            else if (ours is null)
            {
                malformed++;
            }
            else if (!(llvm is not null && IsFullerVftable(ours, llvm)) && !(llvm is null && ours.Contains("auto", StringComparison.Ordinal)))
            {
                wrong.Add($"{name}\n  llvm-undname: {llvm}\n  ours:         {ours}");
            }
        }
        output.WriteLine($"{mutated.Count} mutated names: {same} identical, {malformed} where only llvm-undname prints (after an error it forgot), {mutated.Count - same - malformed} deliberate");
        Assert.Empty(wrong);
    }

    private static bool IsFullerVftable(string ours, string llvm) =>
        llvm.EndsWith("'}", StringComparison.Ordinal) && ours.StartsWith(llvm[..^2] + "'s `", StringComparison.Ordinal);
}
