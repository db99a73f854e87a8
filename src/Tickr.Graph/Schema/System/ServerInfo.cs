using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.System;

/// <summary>The server instance that answered.</summary>
public sealed class ServerInfo
{
    /// <summary>Server version (the assembly's informational version).</summary>
    public required string Version { get; init; }

    /// <summary>The hosting environment (Development, Staging, Production…).</summary>
    public required string Environment { get; init; }

    /// <summary>Identifies this server process; differs between instances and across restarts.</summary>
    [ID]
    public required string InstanceId { get; init; }

    /// <summary>When this process started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The bus that carries subscription events.</summary>
    public required SubscriptionBusInfo SubscriptionBus { get; init; }
}
