using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests.Infrastructure;

/// <summary>GitHub Actions workflows as the tests read them: parsed by PyYAML, as JSON.</summary>
internal static class Workflows
{
    public static JsonDocument Parse(string path) =>
        JsonDocument.Parse(Run.Program("python3", ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", path]).Succeeded().Output);

    /// <summary>The RIDs of a job's matrix, in order.</summary>
    public static IReadOnlyList<string> MatrixRids(JsonElement job) =>
        job.GetProperty("strategy").GetProperty("matrix").GetProperty("include").EnumerateArray().Select(entry => entry.GetProperty("rid").GetString()!).ToList();

    /// <summary>The runner of each RID of a job's matrix.</summary>
    public static IReadOnlyDictionary<string, string> Runners(JsonElement job) =>
        job.GetProperty("strategy").GetProperty("matrix").GetProperty("include").EnumerateArray()
            .ToDictionary(entry => entry.GetProperty("rid").GetString()!, entry => entry.GetProperty("os").GetString()!);
}
