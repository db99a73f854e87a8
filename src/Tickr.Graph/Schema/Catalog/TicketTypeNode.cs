using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Catalog.Loaders;
using Tickr.Graph.Schema.Common;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog;

/// <summary>A kind of ticket of an event (early bird, regular, VIP…) with its price, availability and sales window.</summary>
[GraphQLName("TicketType")]
public sealed class TicketTypeNode(TicketType t, Event owner, OfferedTicketType? offered = null) : INode
{
    public const string TypeName = "TicketType";

    internal TicketType Entity => t;

    /// <summary>The ticket type's global id.</summary>
    public string Id => GlobalId.Encode(TypeName, t.Id);

    /// <summary>The ticket type's name, e.g. "Early bird".</summary>
    public string Name => t.Name;

    /// <summary>What the ticket includes.</summary>
    public string? Description => t.Description;

    /// <summary>The price of one ticket, in the event's currency (zero for a free ticket).</summary>
    public MoneyAmount Price => new(t.Price);

    /// <summary>When sales open; null: as soon as the event is published.</summary>
    public DateTimeOffset? SalesStartAt => t.SalesWindow.StartsAt;

    /// <summary>When sales close; null: when the event starts.</summary>
    public DateTimeOffset? SalesEndAt => t.SalesWindow.EndsAt;

    /// <summary>The fewest tickets of this type one order may hold.</summary>
    public int MinPerOrder => t.MinPerOrder;

    /// <summary>The most tickets of this type one order may hold.</summary>
    public int MaxPerOrder => t.MaxPerOrder;

    /// <summary>Whether the type is sold only to buyers with its access code.</summary>
    public bool IsHidden => t.IsHidden;

    /// <summary>Whether this type can be bought now: the event is on sale and now is inside the sales window.</summary>
    public bool GetIsOnSale([Service] TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return owner.IsOnSaleAt(now) && t.IsInSalesWindow(now, owner.StartsAt);
    }

    /// <summary>Tickets still available: the type's own remainder, limited by every quota the type draws on.</summary>
    public async Task<int> GetRemainingAsync(TicketTypesByEventLoader ticketTypes) => (await OfferedAsync(ticketTypes)).Remaining;

    /// <summary>Whether nothing is left to sell.</summary>
    public async Task<bool> GetIsSoldOutAsync(TicketTypesByEventLoader ticketTypes) => await GetRemainingAsync(ticketTypes) == 0;

    // The type with its inventory: given when listed with its event, else read with the event's types (one batch).
    private async Task<OfferedTicketType> OfferedAsync(TicketTypesByEventLoader ticketTypes)
    {
        ArgumentNullException.ThrowIfNull(ticketTypes);
        if (offered is not null)
        {
            return offered;
        }
        var all = await ticketTypes.LoadAsync(t.EventId);
        return all.FirstOrDefault(o => o.Type.Id == t.Id) ?? new OfferedTicketType(t, t.Sold, t.Held, null);
    }

    /// <summary>How many tickets of this type exist. The event's organization only (null otherwise).</summary>
    public Task<int?> GetCapacityAsync(IResolverContext context) => Private(context, t.Capacity);

    /// <summary>Tickets sold. The event's organization only (null otherwise).</summary>
    public async Task<int?> GetSoldAsync(IResolverContext context, TicketTypesByEventLoader ticketTypes) =>
        await Private(context, (await OfferedAsync(ticketTypes)).Type.Sold);

    /// <summary>Tickets held by unpaid reservations. The event's organization only (null otherwise).</summary>
    public async Task<int?> GetHeldAsync(IResolverContext context, TicketTypesByEventLoader ticketTypes) =>
        await Private(context, (await OfferedAsync(ticketTypes)).Type.Held);

    /// <summary>The code that unlocks a hidden type. The event's managers only (null otherwise).</summary>
    public async Task<string?> GetAccessCodeAsync(IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return t.AccessCode is not null && await context.GetAccess().CanManageEventsAsync(owner.OrganizationId, context.CancellationToken)
            ? t.AccessCode
            : null;
    }

    /// <summary>The event this ticket type belongs to.</summary>
    public EventNode Event => new(owner);

    private async Task<int?> Private(IResolverContext context, int value)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.GetAccess().CanViewPrivateAsync(owner.OrganizationId, context.CancellationToken) ? value : null;
    }
}
