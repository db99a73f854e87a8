using System.Text.Json;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Live;

/// <summary>graphql-transport-ws helpers for the live subscriptions: connect as someone, read results, read refusals.</summary>
public static class LiveSockets
{
    /// <summary>A connection acknowledged with <paramref name="token"/> as its bearer (anonymous when null).</summary>
    public static async Task<WsClient> ConnectAsync(Uri server, string? token)
    {
        var ws = await WsClient.ConnectAsync(server);
        await ws.InitAsync(token is null ? new { } : new { Authorization = "Bearer " + token });
        var ack = await ws.ReceiveMessageAsync();
        Assert.True(ack.GetProperty("type").GetString() == "connection_ack", ack.ToString());
        return ws;
    }

    /// <summary>The data of the next <c>next</c> message of operation <paramref name="id"/> (asserting it has no errors).</summary>
    public static async Task<JsonElement> NextDataAsync(WsClient ws, string id, string field)
    {
        var message = await ws.ReceiveMessageAsync();
        Assert.True(message.GetProperty("type").GetString() == "next" && message.GetProperty("id").GetString() == id, message.ToString());
        var payload = message.GetProperty("payload");
        Assert.False(payload.TryGetProperty("errors", out var errors), errors.ToString());
        return payload.GetProperty("data").GetProperty(field);
    }

    /// <summary>Reads results of operation <paramref name="id"/> until one satisfies <paramref name="done"/>; returns it and how many were read.</summary>
    public static async Task<(JsonElement Data, int Read)> UntilAsync(WsClient ws, string id, string field, Func<JsonElement, bool> done, int max = 20)
    {
        for (var read = 1; read <= max; read++)
        {
            var data = await NextDataAsync(ws, id, field);
            if (done(data))
            {
                return (data, read);
            }
        }
        throw new InvalidOperationException($"No {field} result matched within {max} messages.");
    }

    /// <summary>
    /// The refusal of a subscribe resolver: its error code and message, whether it came as an <c>error</c> message or
    /// as a <c>next</c> with errors (followed by <c>complete</c>). Asserts no data came with it.
    /// </summary>
    public static async Task<(string? Code, string Message)> RefusalAsync(WsClient ws, string id)
    {
        var message = await ws.ReceiveMessageAsync();
        Assert.Equal(id, message.GetProperty("id").GetString());
        JsonElement error;
        switch (message.GetProperty("type").GetString())
        {
            case "error":
                error = message.GetProperty("payload")[0];
                break;
            case "next":
                var payload = message.GetProperty("payload");
                Assert.True(!payload.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null, message.ToString());
                error = payload.GetProperty("errors")[0];
                var complete = await ws.ReceiveMessageAsync();
                Assert.Equal("complete", complete.GetProperty("type").GetString());
                break;
            default:
                throw new InvalidOperationException($"Expected a refusal, got {message}");
        }
        var code = error.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var c) ? c.GetString() : null;
        return (code, error.GetProperty("message").GetString()!);
    }
}
