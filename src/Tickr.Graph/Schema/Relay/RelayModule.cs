using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Relay;

/// <summary>Global object identification: <c>node</c>, <c>nodes</c> and the <c>Node</c> interface.</summary>
public sealed class RelayModule : ISchemaModule
{
    public void Configure(SchemaBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTypeExtension<NodeQueries>();
    }
}
