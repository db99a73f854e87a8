using System.Text.Json;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests;

/// <summary>With <c>ConnectionStrings:Redis</c> the server uses the Redis bus; readiness follows the connection.</summary>
public sealed class RedisBusTests : IClassFixture<RedisServer>
{
    private readonly RedisServer _redis;

    public RedisBusTests(RedisServer redis) => _redis = redis;

    [Fact]
    public async Task Redis_bus_is_reported_and_readiness_follows_redis_up_and_down()
    {
        await using var factory = new TickrAppFactory().WithSetting("ConnectionStrings:Redis", _redis.ConnectionString);
        var client = factory.CreateClient();

        await Wait.UntilAsync(async () => await BusAsync(client) is ("REDIS", true), "the Redis bus to connect");
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));

        await _redis.StopAsync();
        await Wait.UntilAsync(async () => await client.GetStringAsync("/health/ready") == "Degraded", "readiness to report Redis down");
        Assert.Equal(("REDIS", false), await BusAsync(client));
        // Liveness never depends on Redis: the instance still serves its own clients.
        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));

        await _redis.StartAsync();
        await Wait.UntilAsync(async () => await client.GetStringAsync("/health/ready") == "Healthy", "readiness to recover", TimeSpan.FromSeconds(40));
    }

    private static async Task<(string? Kind, bool Connected)> BusAsync(HttpClient client)
    {
        var body = await GraphQLHttp.QueryAsync(client, "{ serverInfo { subscriptionBus { kind connected } } }");
        var bus = body.GetProperty("data").GetProperty("serverInfo").GetProperty("subscriptionBus");
        return (bus.GetProperty("kind").GetString(), bus.GetProperty("connected").GetBoolean());
    }
}
