using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>
/// Reports the Redis bus as Degraded (not Unhealthy) while Redis is unreachable: the instance still serves
/// queries, mutations and its own subscribers, so a load balancer should not take it out of rotation.
/// Also Degraded while the bus's subscription check finds channel subscriptions missing (a SUBSCRIBE Redis refused)
/// and is re-subscribing them. <c>AddRedisSubscriptions</c> registers it as <c>"redis-bus"</c> (tag <c>ready</c>) unless a check
/// of that name is already registered.
/// </summary>
public sealed class RedisSubscriptionBusHealthCheck : IHealthCheck
{
    private readonly RedisSubscriptionBus _bus;

    public RedisSubscriptionBusHealthCheck(RedisSubscriptionBus bus) => _bus = bus;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!_bus.IsConnected)
        {
            return Task.FromResult(HealthCheckResult.Degraded("Redis is unreachable: live updates reach only this instance's subscribers."));
        }

        var missing = _bus.MissingSubscriptionCount;
        return Task.FromResult(missing == 0
            ? HealthCheckResult.Healthy("Redis subscription bus connected.")
            : HealthCheckResult.Degraded($"{missing} Redis channel subscription(s) were missing and are being re-subscribed."));
    }
}
