using Tickr.Graph.Schema.Identity.Loaders;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>Accounts, sign-in, organizations and their teams, partner API keys.</summary>
public sealed class IdentityModule : ISchemaModule
{
    public void Configure(SchemaBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTypeExtension<OrganizationQueries>();
    }

    public void RegisterNodes(NodeTypes nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        nodes.Add(OrganizationNode.TypeName, async (context, id) =>
            await context.DataLoader<OrganizationByIdLoader>().LoadAsync(id) is { } o ? new OrganizationNode(o) : null);
    }
}
