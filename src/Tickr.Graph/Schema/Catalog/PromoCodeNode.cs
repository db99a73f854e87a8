using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Catalog.Loaders;
using Tickr.Graph.Schema.Common;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog;

/// <summary>A discount code of an event. Visible to the event's managers only.</summary>
[GraphQLName("PromoCode")]
public sealed class PromoCodeNode(PromoCode p, Event owner) : INode
{
    public const string TypeName = "PromoCode";

    /// <summary>The promo code's global id.</summary>
    public string Id => GlobalId.Encode(TypeName, p.Id);

    /// <summary>What buyers type (case-insensitive; shown upper-case).</summary>
    public string Code => p.Code;

    /// <summary>Percentage or fixed amount.</summary>
    public DiscountKind Kind => p.Kind;

    /// <summary>Percent off each ticket (1–100), for PERCENTAGE codes.</summary>
    public int? PercentOff => p.PercentOff;

    /// <summary>Amount off each ticket, for FIXED_AMOUNT codes.</summary>
    public MoneyAmount? AmountOff => MoneyAmount.From(p.AmountOff);

    /// <summary>How many tickets the code may discount in all; null: unlimited.</summary>
    public int? MaxUses => p.MaxUses;

    /// <summary>Tickets discounted so far.</summary>
    public int TimesUsed => p.TimesUsed;

    /// <summary>Uses left; null: unlimited.</summary>
    public int? RemainingUses => p.RemainingUses;

    /// <summary>From when the code works; null: at once.</summary>
    public DateTimeOffset? ValidFrom => p.ValidFrom;

    /// <summary>Until when the code works (exclusive); null: until sales end.</summary>
    public DateTimeOffset? ValidUntil => p.ValidUntil;

    /// <summary>The ticket types the code applies to; empty: all of the event's types.</summary>
    public async Task<IReadOnlyList<TicketTypeNode>> GetTicketTypesAsync(TicketTypesByEventLoader ticketTypes)
    {
        ArgumentNullException.ThrowIfNull(ticketTypes);
        if (p.TicketTypes.Count == 0)
        {
            return [];
        }
        var all = await ticketTypes.LoadAsync(p.EventId);
        return all.Where(o => p.TicketTypes.Any(x => x.TicketTypeId == o.Type.Id)).Select(o => new TicketTypeNode(o.Type, owner, o)).ToArray();
    }
}
