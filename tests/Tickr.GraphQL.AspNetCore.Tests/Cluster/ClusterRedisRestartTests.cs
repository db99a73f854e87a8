using System.Net;
using System.Net.WebSockets;
using Tickr.GraphQL.AspNetCore.Tests.Subscriptions;

namespace Tickr.GraphQL.AspNetCore.Tests.Cluster;

/// <summary>The real redis-server is killed while both instances serve, then started again on the same port.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRedisRestartTests : IClassFixture<RedisServer>
{
    private const string Topic = "show:4:seats";
    private const string LateTopic = "show:4:prices";
    private readonly RedisServer _redis;

    public ClusterRedisRestartTests(RedisServer redis) => _redis = redis;

    [Fact]
    public async Task Mutations_and_subscriptions_survive_a_redis_restart_and_cross_instance_delivery_resumes()
    {
        using var unobserved = UnobservedTaskExceptions.Start();
        await _redis.StartAsync();
        var a = await ClusterNode.StartAsync("A", _redis.ConnectionString);
        var b = await ClusterNode.StartAsync("B", _redis.ConnectionString);
        try
        {
            await a.WaitForReadyAsync("Healthy");
            await b.WaitForReadyAsync("Healthy");
            await using var localOnA = await a.SubscribeAsync(Topic);
            await using var remoteOnB = await b.SubscribeAsync(Topic);
            await ClusterSync.SubscribedAsync(_redis, Topic, (a, 1), (b, 1));
            await a.PublishAsync(Topic, "before");
            Assert.Equal("before", await remoteOnB.NextAsync());
            Assert.Equal("before", await localOnA.NextAsync());

            await _redis.StopAsync();
            await a.WaitForReadyAsync("Degraded");
            await b.WaitForReadyAsync("Degraded");
            Assert.Equal(HttpStatusCode.OK, (await a.ReadyAsync()).Status);

            // Mutations keep succeeding (200, data, no errors: asserted by PublishAsync); A's own subscriber gets them.
            for (var i = 1; i <= 5; i++)
            {
                await a.PublishAsync(Topic, $"outage {i}");
            }

            for (var i = 1; i <= 5; i++)
            {
                Assert.Equal($"outage {i}", await localOnA.NextAsync());
            }

            // B's subscription is still open and has nothing pending: the pong is the very next message.
            await remoteOnB.PingAsync();
            Assert.Equal(WebSocketState.Open, remoteOnB.State);
            // A subscription started during the outage is accepted too, and joins Redis when it is back.
            await using var lateOnB = await b.SubscribeAsync(LateTopic);
            await b.WaitForLocalSubscribersAsync(LateTopic, 1);

            await _redis.StartAsync();
            await a.WaitForReadyAsync("Healthy");
            await b.WaitForReadyAsync("Healthy");
            await ClusterSync.SubscribedAsync(_redis, Topic, (a, 1), (b, 1));
            await ClusterSync.SubscribedAsync(_redis, LateTopic, (b, 1));

            // The same subscriptions, without resubscribing, receive again; the outage messages are not replayed.
            await a.PublishAsync(Topic, "after restart");
            Assert.Equal("after restart", await remoteOnB.NextAsync());
            Assert.Equal("after restart", await localOnA.NextAsync());
            await a.PublishAsync(LateTopic, "late");
            Assert.Equal("late", await lateOnB.NextAsync());
            await b.PublishAsync(Topic, "from B");
            Assert.Equal("from B", await localOnA.NextAsync());
            Assert.Equal("from B", await remoteOnB.NextAsync());

            Assert.True(a.Bus.DroppedPublishCount >= 5);
            Assert.True(a.Logs.Has("Redis is unreachable"), "the dropped publishes were not logged");
            Assert.True(b.Logs.Has("restored"), "the reconnection was not logged");
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
