using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema;

/// <summary>
/// One module's part of the schema (its query, mutation and subscription classes, its types). Modules are listed in
/// <see cref="TickrSchema.Modules"/>; the root types themselves belong to no module.
/// </summary>
public interface ISchemaModule
{
    void Configure(SchemaBuilder builder);
}
