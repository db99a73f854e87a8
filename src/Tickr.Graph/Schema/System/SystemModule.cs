using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.System;

/// <summary>Server information, the caller's identity and heartbeat subscriptions: useful before any domain module.</summary>
public sealed class SystemModule : ISchemaModule
{
    public void Configure(SchemaBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder
            .AddTypeExtension<SystemQueries>()
            .AddTypeExtension<SystemSubscriptions>();
    }
}
