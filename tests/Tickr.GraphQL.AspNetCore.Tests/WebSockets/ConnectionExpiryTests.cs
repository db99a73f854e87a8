using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;
using Tickr.GraphQL.AspNetCore.WebSockets;

namespace Tickr.GraphQL.AspNetCore.Tests.WebSockets;

/// <summary>
/// <see cref="WebSocketConnectContext.ExpiresAt"/>: an authenticated connection ends with 4403 when its credentials
/// expire. Timeouts here are failure guards only; no test measures when the close happens.
/// </summary>
public sealed class ConnectionExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private GraphQLTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GraphQLTestServer.StartAsync(
        services: s => s.AddSingleton<IWebSocketAuthenticator, ExpiringAuthenticator>());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Type(JsonElement? message) => message!.Value.GetProperty("type").GetString()!;

    [Fact]
    public async Task Connection_closes_with_4403_when_its_expiry_is_reached_and_completes_nothing()
    {
        await using var client = await WsTestClient.ConnectAsync(_server);
        await client.InitAsync("expires-in:1000");
        // A live subscription (no events are published on this topic) that the expiry must end without a 'complete'.
        await client.SendAsync(new { type = "subscribe", id = "live", payload = new { query = "subscription { counter(topic: \"expiry\") }" } });

        var seen = new List<string>();
        while (await client.ReceiveAsync(Guard) is { } message)
        {
            seen.Add(Type(message));
        }

        Assert.Equal(4403, (int?)client.Socket.CloseStatus);
        Assert.Equal("Forbidden", client.Socket.CloseStatusDescription);
        Assert.DoesNotContain("complete", seen);
        Assert.DoesNotContain("error", seen);
    }

    [Theory]
    [InlineData("forever")]
    [InlineData("expires-in:3600000")]
    public async Task Connection_without_a_reached_expiry_stays_open(string token)
    {
        await using var client = await WsTestClient.ConnectAsync(_server);
        await client.InitAsync(token);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // past the 1 s expiry of the test above

        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", Type(await client.ReceiveAsync(Guard)));
        await client.SendAsync(new { type = "subscribe", id = "q", payload = new { query = "{ whoami }" } });
        Assert.Equal("next", Type(await client.ReceiveAsync(Guard)));
        Assert.Equal("complete", Type(await client.ReceiveAsync(Guard)));
    }

    [Fact]
    public async Task Expiry_already_reached_refuses_the_connection_with_4403_and_no_ack()
    {
        await using var client = await WsTestClient.ConnectAsync(_server);
        await client.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer expires-in:-1000" } });

        var (code, reason) = await client.ReceiveCloseAsync(Guard);

        Assert.Equal(4403, code);
        Assert.Equal("Forbidden", reason);
    }

    /// <summary>"forever": no expiry; "expires-in:N": expires N ms from now (negative: already expired).</summary>
    private sealed class ExpiringAuthenticator : IWebSocketAuthenticator
    {
        public ValueTask<bool> AuthenticateAsync(WebSocketConnectContext context, CancellationToken cancellationToken)
        {
            var token = context.GetBearerToken();
            if (token is null)
            {
                return new(false);
            }
            if (token.StartsWith("expires-in:", StringComparison.Ordinal))
            {
                var ms = int.Parse(token["expires-in:".Length..], CultureInfo.InvariantCulture);
                context.ExpiresAt = DateTimeOffset.UtcNow.AddMilliseconds(ms);
            }
            else if (token != "forever")
            {
                return new(false);
            }
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "alice")], "Bearer"));
            return new(true);
        }
    }
}
