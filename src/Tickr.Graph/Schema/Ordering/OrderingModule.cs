using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ordering;

/// <summary>Orders and payments: reserving, checkout, cancelling, refunds, the wallet, live order status.</summary>
public sealed class OrderingModule : ISchemaModule
{
    public void Configure(SchemaBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder
            // By name, ahead of the extensions that bring Ticket into the schema: applied after Ticket's own fields.
            .AddTypeExtension<TicketOrder>()
            .AddTypeExtension<Ticketing.TicketCheckIn>()
            .AddTypeExtension<OrderingMutations>()
            .AddTypeExtension<Wallet>()
            .AddTypeExtension<PaymentQueries>()
            .AddTypeExtension<OrderingSubscriptions>();
    }

    public void RegisterNodes(NodeTypes nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        nodes
            .Add(OrderNode.TypeName, async (context, id) =>
                await context.DataLoader<OrderByIdLoader>().LoadAsync(id) is { } o && await OrderNode.CanSeeAsync(context, o)
                    ? new OrderNode(o)
                    : null)
            .Add(Ticketing.TicketNode.TypeName, async (context, id) =>
                await context.DataLoader<TicketByIdLoader>().LoadAsync(id) is { } t
                && (context.GetAccess().Actor.UserId == t.HolderId
                    || await context.DataLoader<Catalog.Loaders.EventByIdLoader>().LoadAsync(t.EventId) is { } e
                    && await context.GetAccess().CanViewPrivateAsync(e.OrganizationId, context.CancellationToken))
                    ? new Ticketing.TicketNode(t)
                    : null);
    }
}
