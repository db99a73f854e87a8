using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema;

/// <summary>
/// One module's part of the schema (its query, mutation and subscription classes, its types) and the node types it
/// can refetch by id. Modules are listed in <see cref="TickrSchema.Modules"/>; the root types belong to no module.
/// </summary>
public interface ISchemaModule
{
    void Configure(SchemaBuilder builder);

    /// <summary>Registers the module's <c>Node</c> types with their fetchers.</summary>
    void RegisterNodes(NodeTypes nodes)
    {
    }
}
