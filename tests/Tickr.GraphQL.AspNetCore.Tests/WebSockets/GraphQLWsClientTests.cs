using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;
using Tickr.GraphQL.AspNetCore.WebSockets;
using Xunit.Abstractions;

namespace Tickr.GraphQL.AspNetCore.Tests.WebSockets;

/// <summary>The reference graphql-ws client (npm) against the server: query, mutation, subscriptions, errors, 4403.</summary>
public sealed class GraphQLWsClientTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Reference_client_works_end_to_end()
    {
        await using var server = await GraphQLTestServer.StartAsync(services: s => s.AddSingleton<IWebSocketAuthenticator, TokenAuthenticator>());
        var json = await NodeScript.RunAsync("ws-client.mjs", TimeSpan.FromMinutes(1), server.WebSocketUri.ToString());
        output.WriteLine(json);
        var report = JsonDocument.Parse(json).RootElement;

        Assert.Equal("[{\"next\":{\"data\":{\"hello\":\"Hello, ws!\",\"whoami\":\"alice\"}}},\"complete\"]", report.GetProperty("query").GetRawText());
        Assert.Equal("[{\"next\":{\"data\":{\"echo\":\"hi\"}}},\"complete\"]", report.GetProperty("mutation").GetRawText());
        Assert.Equal(
            "[{\"next\":{\"data\":{\"countdown\":3}}},{\"next\":{\"data\":{\"countdown\":2}}},{\"next\":{\"data\":{\"countdown\":1}}},\"complete\"]",
            report.GetProperty("countdown").GetRawText());

        var invalid = report.GetProperty("invalid");
        Assert.Equal(1, invalid.GetArrayLength());
        Assert.Contains("nope", invalid[0].GetProperty("error")[0].GetProperty("message").GetString());

        var counter = report.GetProperty("counter");
        Assert.Equal(2, counter.GetArrayLength());
        Assert.True(counter[0].GetProperty("data").GetProperty("counter").GetInt32() >= 1);

        Assert.Equal(4403, report.GetProperty("forbidden").GetProperty("code").GetInt32());
        Assert.Equal("Forbidden", report.GetProperty("forbidden").GetProperty("reason").GetString());
    }
}
