using System.Net;
using Tickr.GraphQL.AspNetCore.Tests.Subscriptions;

namespace Tickr.GraphQL.AspNetCore.Tests.Cluster;

/// <summary>Both instances start while Redis is not running; Redis starts later. No server is restarted.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRedisDownAtStartTests : IClassFixture<RedisServer>
{
    private const string Topic = "show:3:seats";
    private readonly RedisServer _redis;

    public ClusterRedisDownAtStartTests(RedisServer redis) => _redis = redis;

    [Fact]
    public async Task Instances_serve_without_redis_and_deliver_across_instances_once_it_starts()
    {
        using var unobserved = UnobservedTaskExceptions.Start();
        await _redis.StopAsync();
        var a = await ClusterNode.StartAsync("A", _redis.ConnectionString);
        var b = await ClusterNode.StartAsync("B", _redis.ConnectionString);
        try
        {
            Assert.False(a.Bus.IsConnected);

            // Queries and mutations work: HTTP 200 with data (asserted by PostAsync/PublishAsync).
            Assert.Equal("A", (await a.PostAsync("{ instance }")).GetProperty("instance").GetString());

            // Readiness runs the Redis check: Degraded, which ASP.NET Core's health endpoint answers with 200 (the
            // instance stays in rotation: it still serves everything but cross-instance live updates). Liveness runs no check.
            Assert.Equal((HttpStatusCode.OK, "Degraded"), await a.ReadyAsync());
            Assert.Equal((HttpStatusCode.OK, "Degraded"), await b.ReadyAsync());
            using (var live = await a.Client.GetAsync("/health/live"))
            {
                Assert.Equal(HttpStatusCode.OK, live.StatusCode);
                Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
            }

            await using var localOnA = await a.SubscribeAsync(Topic);
            await using var remoteOnB = await b.SubscribeAsync(Topic);
            await a.WaitForLocalSubscribersAsync(Topic, 1);
            await b.WaitForLocalSubscribersAsync(Topic, 1);

            // The local subscriber gets the message; Redis cannot carry it to B (counted, not an error).
            await a.PublishAsync(Topic, "during outage");
            Assert.Equal("during outage", await localOnA.NextAsync());
            Assert.True(a.Bus.DroppedPublishCount >= 1);
            Assert.Equal(1, (await a.PostAsync("{ committedCount }")).GetProperty("committedCount").GetInt32());

            await _redis.StartAsync();
            await a.WaitForReadyAsync("Healthy");
            await b.WaitForReadyAsync("Healthy");
            // The subscriptions made while Redis was down reach it without any server restart.
            await ClusterSync.SubscribedAsync(_redis, Topic, (a, 1), (b, 1));

            await a.PublishAsync(Topic, "A after start");
            await b.PublishAsync(Topic, "B after start");
            Assert.Equal(2, await ClusterSync.PublishMarkerAsync(_redis, Topic, "end"));

            // B's first event is A's message after the start: the outage message is not replayed (at-most-once).
            Assert.Equal(["A after start", "B after start"], (await remoteOnB.ReceiveUntilAsync("end")).Order(StringComparer.Ordinal));
            Assert.Equal(["A after start", "B after start"], (await localOnA.ReceiveUntilAsync("end")).Order(StringComparer.Ordinal));
            Assert.True(a.Logs.Has("Redis is unreachable"), "the dropped publish was not logged");
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }

        a.Logs.AssertNoErrors(a.Name);
        b.Logs.AssertNoErrors(b.Name);
        unobserved.AssertNone();
    }
}
