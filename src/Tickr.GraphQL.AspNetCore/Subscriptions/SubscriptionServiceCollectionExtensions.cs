using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Tickr.GraphQL.AspNetCore.Subscriptions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a subscription bus as <see cref="ISubscriptionBus"/>, <see cref="ITopicEventSender"/> and <see cref="ITopicEventReceiver"/>.</summary>
public static class SubscriptionServiceCollectionExtensions
{
    /// <summary>The name under which <see cref="AddRedisSubscriptions"/> registers the Redis bus's health check.</summary>
    public const string RedisHealthCheckName = "redis-bus";

    /// <summary>The in-process bus: enough for a single server instance.</summary>
    public static IServiceCollection AddInMemorySubscriptions(
        this IServiceCollection services,
        Action<SubscriptionBusOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new SubscriptionBusOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(sp => new InMemorySubscriptionBus(options, sp.GetService<ILogger<InMemorySubscriptionBus>>()));
        return services.AddBusInterfaces<InMemorySubscriptionBus>();
    }

    /// <summary>
    /// The Redis bus, shared by every server instance connected to the same Redis. The application starts and
    /// runs while Redis is down (see <see cref="RedisSubscriptionBus"/>). Also registers
    /// <see cref="RedisSubscriptionBusHealthCheck"/> with ASP.NET Core health checks as <c>"redis-bus"</c> (tag
    /// <c>ready</c>), so <c>/health/ready</c> reports the bus. Idempotent: if the host registers a check named
    /// <c>"redis-bus"</c> itself (before or after this call), that one is kept and no duplicate is added.
    /// </summary>
    public static IServiceCollection AddRedisSubscriptions(
        this IServiceCollection services,
        string connectionString,
        Action<RedisSubscriptionBusOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new RedisSubscriptionBusOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        services.TryAddSingleton(sp => new RedisSubscriptionBus(options, sp.GetService<ILogger<RedisSubscriptionBus>>()));
        services.TryAddSingleton<RedisSubscriptionBusHealthCheck>();
        services.AddHealthChecks();
        // PostConfigure runs after every AddCheck (they are Configure actions), whatever the registration order, so
        // this sees a host's own "redis-bus" and adds nothing then (duplicate names make HealthCheckService throw).
        services.PostConfigure<HealthCheckServiceOptions>(health =>
        {
            if (!health.Registrations.Any(registration => registration.Name == RedisHealthCheckName))
            {
                health.Registrations.Add(new HealthCheckRegistration(
                    RedisHealthCheckName,
                    sp => sp.GetRequiredService<RedisSubscriptionBusHealthCheck>(),
                    failureStatus: null,
                    tags: ["ready"]));
            }
        });
        return services.AddBusInterfaces<RedisSubscriptionBus>();
    }

    private static IServiceCollection AddBusInterfaces<TBus>(this IServiceCollection services)
        where TBus : class, ISubscriptionBus
    {
        // One instance behind all three interfaces: a sender and a receiver must share the same topics.
        services.TryAddSingleton<ISubscriptionBus>(sp => sp.GetRequiredService<TBus>());
        services.TryAddSingleton<ITopicEventSender>(sp => sp.GetRequiredService<ISubscriptionBus>());
        services.TryAddSingleton<ITopicEventReceiver>(sp => sp.GetRequiredService<ISubscriptionBus>());
        return services;
    }
}
