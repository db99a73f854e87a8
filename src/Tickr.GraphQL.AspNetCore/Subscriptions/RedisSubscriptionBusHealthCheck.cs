using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>
/// Reports the Redis bus as Degraded (not Unhealthy) while Redis is unreachable: the instance still serves
/// queries, mutations and its own subscribers, so a load balancer should not take it out of rotation.
/// Register with <c>services.AddHealthChecks().AddCheck&lt;RedisSubscriptionBusHealthCheck&gt;("redis-bus")</c>.
/// </summary>
public sealed class RedisSubscriptionBusHealthCheck : IHealthCheck
{
    private readonly RedisSubscriptionBus _bus;

    public RedisSubscriptionBusHealthCheck(RedisSubscriptionBus bus) => _bus = bus;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(_bus.IsConnected
            ? HealthCheckResult.Healthy("Redis subscription bus connected.")
            : HealthCheckResult.Degraded("Redis is unreachable: live updates reach only this instance's subscribers."));
}
