using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tickr.GraphQL.AspNetCore.Subscriptions;

namespace Tickr.GraphQL.AspNetCore.Tests.Subscriptions;

public sealed class ServiceRegistrationTests : IClassFixture<RedisServer>
{
    private readonly RedisServer _redis;

    public ServiceRegistrationTests(RedisServer redis) => _redis = redis;

    [Fact]
    public async Task In_memory_bus_is_one_singleton_behind_every_interface()
    {
        await using var services = new ServiceCollection().AddLogging().AddInMemorySubscriptions().BuildServiceProvider();

        var bus = services.GetRequiredService<ISubscriptionBus>();
        Assert.IsType<InMemorySubscriptionBus>(bus);
        Assert.Same(bus, services.GetRequiredService<ITopicEventSender>());
        Assert.Same(bus, services.GetRequiredService<ITopicEventReceiver>());

        await using var stream = await services.GetRequiredService<ITopicEventReceiver>().SubscribeAsync<int>("t");
        await using var messages = stream.GetAsyncEnumerator();
        await services.GetRequiredService<ITopicEventSender>().PublishAsync("t", 1);
        Assert.Equal(1, await Wait.NextAsync(messages));
    }

    [Fact]
    public async Task Redis_bus_is_one_singleton_with_a_health_check()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddRedisSubscriptions(_redis.ConnectionString, options => options.ChannelPrefix = "app:")
            .BuildServiceProvider();
        await using (services)
        {
            var bus = Assert.IsType<RedisSubscriptionBus>(services.GetRequiredService<ISubscriptionBus>());
            Assert.Same(bus, services.GetRequiredService<ITopicEventSender>());
            Assert.Same(bus, services.GetRequiredService<ITopicEventReceiver>());
            await Wait.UntilAsync(() => bus.IsConnected, "the bus to connect");

            var health = await services.GetRequiredService<RedisSubscriptionBusHealthCheck>().CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Healthy, health.Status);

            await using var stream = await bus.SubscribeAsync<int>("t");
            Assert.Equal(1, await _redis.SubscriberCountAsync("app:t"));
        }
    }

    [Fact]
    public async Task Redis_bus_registers_its_health_check_once_with_the_ready_tag()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddRedisSubscriptions(_redis.ConnectionString)
            .AddRedisSubscriptions(_redis.ConnectionString)
            .BuildServiceProvider();

        var registration = Assert.Single(services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        Assert.Equal("redis-bus", registration.Name);
        Assert.Contains("ready", registration.Tags);
        await Wait.UntilAsync(() => services.GetRequiredService<RedisSubscriptionBus>().IsConnected, "the bus to connect");
        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Entries["redis-bus"].Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_host_that_registers_the_check_itself_does_not_get_a_duplicate(bool hostFirst)
    {
        var collection = new ServiceCollection().AddLogging();
        if (hostFirst)
        {
            collection.AddHealthChecks().AddCheck<RedisSubscriptionBusHealthCheck>("redis-bus");
        }

        collection.AddRedisSubscriptions(_redis.ConnectionString);
        if (!hostFirst)
        {
            collection.AddHealthChecks().AddCheck<RedisSubscriptionBusHealthCheck>("redis-bus");
        }

        await using var services = collection.BuildServiceProvider();

        // HealthCheckService throws on duplicate names: resolving and running it is the assertion.
        Assert.Single(services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Contains("redis-bus", report.Entries.Keys);
    }

    [Fact]
    public async Task Health_check_reports_degraded_while_redis_is_unreachable()
    {
        // Nothing listens on this port: the bus must still be created and usable.
        var port = new RedisServer().Port;
        await using var bus = new RedisSubscriptionBus(new RedisSubscriptionBusOptions { ConnectionString = $"127.0.0.1:{port},connectTimeout=500" });
        await bus.PublishAsync("t", 1);

        var health = await new RedisSubscriptionBusHealthCheck(bus).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.False(bus.IsConnected);
    }

    [Fact]
    public void A_malformed_connection_string_fails_at_startup()
        => Assert.ThrowsAny<ArgumentException>(() => new RedisSubscriptionBus(new RedisSubscriptionBusOptions { ConnectionString = "127.0.0.1:6379,noSuchOption=1" }));
}
