using Tickr.Graph.Schema.Catalog.Loaders;
using Tickr.Graph.Schema.Catalog.Mutations;
using Tickr.Graph.Schema.Errors;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog;

/// <summary>The event catalog: events, ticket types, quotas, promo codes, venues and categories.</summary>
public sealed class CatalogModule : ISchemaModule
{
    public void Configure(SchemaBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder
            // The mutations' error types implement `Error`; registering it makes the schema say so.
            .AddType<IUserError>()
            .AddTypeExtension<CatalogQueries>()
            .AddTypeExtension<OrganizationEvents>()
            .AddTypeExtension<VenueMutations>()
            .AddTypeExtension<EventMutations>()
            .AddTypeExtension<TicketTypeMutations>()
            .AddTypeExtension<QuotaMutations>()
            .AddTypeExtension<PromoCodeMutations>();
    }

    public void RegisterNodes(NodeTypes nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        nodes
            .Add(EventNode.TypeName, async (context, id) =>
                await context.DataLoader<EventByIdLoader>().LoadAsync(id) is { } e
                && await context.GetAccess().CanSeeAsync(e, context.CancellationToken)
                    ? new EventNode(e)
                    : null)
            .Add(TicketTypeNode.TypeName, async (context, id) =>
                await context.DataLoader<TicketTypeByIdLoader>().LoadAsync(id) is { } t
                && await VisibleEventAsync(context, t.EventId) is { } owner
                && (!t.IsHidden || await context.GetAccess().CanViewPrivateAsync(owner.OrganizationId, context.CancellationToken))
                    ? new TicketTypeNode(t, owner)
                    : null)
            .Add(QuotaNode.TypeName, async (context, id) =>
                await context.DataLoader<QuotaByIdLoader>().LoadAsync(id) is { } q
                && await VisibleEventAsync(context, q.EventId) is { } owner
                && await context.GetAccess().CanViewPrivateAsync(owner.OrganizationId, context.CancellationToken)
                    ? new QuotaNode(q, owner)
                    : null)
            .Add(PromoCodeNode.TypeName, async (context, id) =>
                await context.DataLoader<PromoCodeByIdLoader>().LoadAsync(id) is { } p
                && await VisibleEventAsync(context, p.EventId) is { } owner
                && await context.GetAccess().CanManageEventsAsync(owner.OrganizationId, context.CancellationToken)
                    ? new PromoCodeNode(p, owner)
                    : null)
            .Add(VenueNode.TypeName, async (context, id) =>
                await context.DataLoader<VenueByIdLoader>().LoadAsync(id) is { } v ? new VenueNode(v) : null)
            .Add(CategoryNode.TypeName, async (context, id) =>
                await context.DataLoader<CategoryByIdLoader>().LoadAsync(id) is { } c ? new CategoryNode(c) : null);
    }

    private static async Task<Domain.Catalog.Event?> VisibleEventAsync(IResolverContext context, Guid eventId) =>
        await context.DataLoader<EventByIdLoader>().LoadAsync(eventId) is { } e
        && await context.GetAccess().CanSeeAsync(e, context.CancellationToken)
            ? e
            : null;
}
