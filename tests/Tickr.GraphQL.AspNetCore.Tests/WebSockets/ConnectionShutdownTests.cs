using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tickr.GraphQL.AspNetCore.Subscriptions;
using Tickr.GraphQL.AspNetCore.Tests.Cluster;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;

namespace Tickr.GraphQL.AspNetCore.Tests.WebSockets;

/// <summary>
/// A client leaving while its subscriptions are live is routine, not an error. Regression: the connection disposed
/// its lifetime token source without waiting for its operations, so an operation ending after that read the
/// disposed source's Token (ObjectDisposedException logged at Error, and with no close handshake the failure path's
/// CancelAfter threw out of a fire-and-forget task).
/// </summary>
public sealed class ConnectionShutdownTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Clients_leaving_with_live_subscriptions_log_no_error(bool closeHandshake)
    {
        var logs = new CapturingLoggerProvider();
        await using (var server = await GraphQLTestServer.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(logs)))
        {
            var bus = server.Services.GetRequiredService<ITopicEventSender>();
            // Many connections: the failure was a race between the connection's cleanup and each operation's end.
            for (var i = 0; i < 20; i++)
            {
                var client = await WsTestClient.ConnectAsync(server);
                await client.InitAsync();
                await client.SendAsync(new { type = "subscribe", id = "s", payload = new { query = "subscription { counter(topic: \"t\") }" } });
                JsonElement? first = null;
                for (var attempt = 0; first is null && attempt < 100; attempt++)
                {
                    await bus.PublishAsync("t", i);
                    first = (await client.TryReceiveAsync(TimeSpan.FromMilliseconds(50))).Message;
                }
                Assert.NotNull(first); // the subscription is live
                if (closeHandshake)
                {
                    await client.DisposeAsync();
                }
                else
                {
                    client.Socket.Abort();
                    client.Socket.Dispose();
                }
            }
        }

        logs.AssertNoErrors("server");
    }
}
