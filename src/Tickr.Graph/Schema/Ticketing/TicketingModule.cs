using Tickr.Graph.Schema.Catalog.Loaders;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ticketing;

/// <summary>Tickets at the door: check-in lists, scans (live and offline), the scanners' key, transfers, live check-in counts.</summary>
public sealed class TicketingModule : ISchemaModule
{
    public void Configure(SchemaBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder
            .AddTypeExtension<EventTicketing>()
            .AddTypeExtension<CheckInListMutations>()
            .AddTypeExtension<CheckInMutations>()
            .AddTypeExtension<TicketTransferMutations>()
            .AddTypeExtension<TicketingSubscriptions>();
    }

    public void RegisterNodes(NodeTypes nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        nodes.Add(CheckInListNode.TypeName, async (context, id) =>
            await context.DataLoader<CheckInListByIdLoader>().LoadAsync(id) is { } l
            && await context.DataLoader<EventByIdLoader>().LoadAsync(l.EventId) is { } e
            && await context.GetAccess().CanViewPrivateAsync(e.OrganizationId, context.CancellationToken)
                ? new CheckInListNode(l)
                : null);
    }
}
