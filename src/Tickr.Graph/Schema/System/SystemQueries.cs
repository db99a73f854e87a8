using Tickr.Graph.Hosting;
using Tickr.GraphQL.AspNetCore.Subscriptions;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.System;

/// <summary>Query fields of the System module.</summary>
[QueryType]
public sealed class SystemQueries
{
    /// <summary>The server instance that answered this request.</summary>
    public ServerInfo GetServerInfo([Service] ServerInstance instance, [Service] ISubscriptionBus bus)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new ServerInfo
        {
            Version = instance.Version,
            Environment = instance.EnvironmentName,
            InstanceId = instance.InstanceId,
            StartedAt = instance.StartedAt,
            SubscriptionBus = bus switch
            {
                RedisSubscriptionBus redis => new SubscriptionBusInfo(SubscriptionBusKind.Redis, redis.IsConnected),
                _ => new SubscriptionBusInfo(SubscriptionBusKind.InMemory, Connected: true),
            },
        };
    }
}
