using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Tickr.GraphQL.AspNetCore.Subscriptions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a subscription bus as <see cref="ISubscriptionBus"/>, <see cref="ITopicEventSender"/> and <see cref="ITopicEventReceiver"/>.</summary>
public static class SubscriptionServiceCollectionExtensions
{
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
    /// <see cref="RedisSubscriptionBusHealthCheck"/> as a service, for <c>AddHealthChecks().AddCheck&lt;…&gt;</c>.
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
