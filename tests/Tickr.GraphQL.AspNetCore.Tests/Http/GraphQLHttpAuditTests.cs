using System.Text.Json;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;
using Xunit.Abstractions;

namespace Tickr.GraphQL.AspNetCore.Tests.Http;

/// <summary>graphql-http's server audit suite (the GraphQL-over-HTTP spec's reference checks) against real Kestrel.</summary>
public sealed class GraphQLHttpAuditTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Passes_every_graphql_http_audit()
    {
        await using var server = await GraphQLTestServer.StartAsync();
        var json = await NodeScript.RunAsync("audit.mjs", TimeSpan.FromMinutes(2), server.GraphQLUri.ToString());
        using var document = JsonDocument.Parse(json);

        var counts = new Dictionary<string, (int Ok, int Failed)>();
        var failures = new List<string>();
        foreach (var audit in document.RootElement.EnumerateArray())
        {
            var name = audit.GetProperty("name").GetString()!;
            var level = name.Split(' ')[0]; // MUST, SHOULD or MAY
            var ok = audit.GetProperty("status").GetString() == "ok";
            var (o, f) = counts.GetValueOrDefault(level);
            counts[level] = ok ? (o + 1, f) : (o, f + 1);
            if (!ok)
            {
                failures.Add($"{audit.GetProperty("id").GetString()} {name}: {(audit.TryGetProperty("reason", out var r) ? r.GetString() : "")}");
            }
        }
        foreach (var (level, (ok, failed)) in counts.OrderBy(c => c.Key))
        {
            output.WriteLine($"{level}: {ok} passed, {failed} failed");
        }
        failures.ForEach(output.WriteLine);

        Assert.True(counts.Values.Sum(c => c.Ok) > 50, "the audit suite ran too few audits");
        // Every applicable MAY audit passes too (this server supports GET, 400 for bad parameters, URL-encoded variables).
        Assert.Empty(failures);
    }
}
