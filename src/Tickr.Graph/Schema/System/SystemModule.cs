using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.System;

/// <summary>Server information and heartbeat subscriptions (the authenticated one tells who the connection is authenticated as): useful before any domain module.</summary>
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
