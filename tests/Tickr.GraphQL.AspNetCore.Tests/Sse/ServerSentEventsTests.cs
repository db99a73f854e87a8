using System.Net;
using System.Text;
using System.Text.Json;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;
using static Tickr.GraphQL.AspNetCore.Tests.TestHost.Http;

namespace Tickr.GraphQL.AspNetCore.Tests.Sse;

/// <summary>GraphQL over SSE, graphql-sse distinct connections mode.</summary>
public sealed class ServerSentEventsTests : IAsyncLifetime
{
    private GraphQLTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GraphQLTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Reads the whole stream and splits it into (event, data) pairs, ignoring comments.</summary>
    private static async Task<List<(string Event, string Data)>> ReadEventsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var events = new List<(string, string)>();
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            var data = new StringBuilder();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event:", StringComparison.Ordinal)) name = line[6..].Trim();
                else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Append(line[5..].TrimStart());
            }
            if (name is not null)
            {
                events.Add((name, data.ToString()));
            }
        }
        return events;
    }

    [Fact]
    public async Task Subscription_streams_next_events_then_complete()
    {
        using var response = await _server.Client.SendAsync(PostQuery("subscription { countdown(from: 3) }", accept: "text/event-stream"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = await ReadEventsAsync(response);
        Assert.Equal(
            [("next", "{\"data\":{\"countdown\":3}}"), ("next", "{\"data\":{\"countdown\":2}}"), ("next", "{\"data\":{\"countdown\":1}}"), ("complete", "")],
            events);
    }

    [Fact]
    public async Task Query_and_get_work_as_a_single_event()
    {
        using var post = await _server.Client.SendAsync(PostQuery("{ hello }", accept: "text/event-stream"));
        Assert.Equal([("next", "{\"data\":{\"hello\":\"Hello, world!\"}}"), ("complete", "")], await ReadEventsAsync(post));

        using var get = await _server.Client.SendAsync(Get("?query=" + Uri.EscapeDataString("subscription { countdown(from: 1) }"), "text/event-stream"));
        Assert.Equal([("next", "{\"data\":{\"countdown\":1}}"), ("complete", "")], await ReadEventsAsync(get));
    }

    [Fact]
    public async Task Validation_errors_are_a_json_400_not_a_stream()
    {
        using var response = await _server.Client.SendAsync(PostQuery("subscription { nope }", accept: "text/event-stream"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Live_subscription_receives_published_events()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await _server.Client.SendAsync(PostQuery("subscription { counter(topic: \"sse\") }", accept: "text/event-stream"), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var readLine = reader.ReadLineAsync(cts.Token).AsTask();
        string? line = null;
        for (var i = 0; i < 100 && line is null; i++)
        {
            using var publish = await _server.Client.SendAsync(PostQuery($"mutation {{ publish(topic: \"sse\", value: {i}) }}"), cts.Token);
            if (await Task.WhenAny(readLine, Task.Delay(100, cts.Token)) == readLine)
            {
                line = await readLine;
            }
        }
        Assert.Equal("event: next", line);
        Assert.StartsWith("data: {\"data\":{\"counter\":", await reader.ReadLineAsync(cts.Token));
    }
}
