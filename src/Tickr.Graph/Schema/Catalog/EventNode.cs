using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Catalog.Loaders;
using Tickr.Graph.Schema.Common;
using Tickr.Graph.Schema.Identity;
using Tickr.Graph.Schema.Identity.Loaders;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog;

/// <summary>An event an organization sells tickets for: a concert, a play, a match, a conference…</summary>
[GraphQLName("Event")]
public sealed class EventNode(Event e) : INode
{
    public const string TypeName = "Event";

    internal Event Entity => e;

    public string Id => GlobalId.Encode(TypeName, e.Id);

    /// <summary>The event's address in URLs, unique across Tickr (<c>event(slug:)</c> finds it).</summary>
    public string Slug => e.Slug;

    /// <summary>The event's title, e.g. "Nuit du malouf".</summary>
    public string Title => e.Title;

    /// <summary>What the event is about (plain text, paragraphs separated by blank lines).</summary>
    public string? Description => e.Description;

    /// <summary>The poster or banner image.</summary>
    public Uri? ImageUrl => e.ImageUrl;

    /// <summary>When the event starts (UTC).</summary>
    public DateTimeOffset StartsAt => e.StartsAt;

    /// <summary>When the event ends (UTC).</summary>
    public DateTimeOffset EndsAt => e.EndsAt;

    /// <summary>IANA time zone of the event (Africa/Tunis): the zone its times are shown in.</summary>
    public string TimeZone => e.TimeZoneId;

    /// <summary>The start as wall-clock time in the event's time zone, with that zone's offset.</summary>
    public DateTimeOffset LocalStartsAt => EventTimeZone.ToLocal(e.StartsAt, e.TimeZoneId);

    /// <summary>The end as wall-clock time in the event's time zone, with that zone's offset.</summary>
    public DateTimeOffset LocalEndsAt => EventTimeZone.ToLocal(e.EndsAt, e.TimeZoneId);

    /// <summary>ISO 4217 code of the currency every price of the event is in.</summary>
    public string Currency => e.Currency.Code;

    /// <summary>Where the event is in its life; a published event whose end has passed is ENDED.</summary>
    public EventStatus GetStatus([Service] TimeProvider clock) => e.StatusAt(clock.GetUtcNow());

    /// <summary>Whether tickets can be bought now: published and not ended (each ticket type also has its own sales window).</summary>
    public bool GetIsOnSale([Service] TimeProvider clock) => e.IsOnSaleAt(clock.GetUtcNow());

    /// <summary>What buyers are promised about refunds.</summary>
    public RefundPolicyInfo RefundPolicy => new(e.RefundPolicy);

    /// <summary>At most this many tickets per buyer (all types, held or bought); null: no limit.</summary>
    public int? MaxTicketsPerBuyer => e.MaxTicketsPerBuyer;

    /// <summary>When the event was published; null for a draft.</summary>
    public DateTimeOffset? PublishedAt => e.PublishedAt;

    /// <summary>When the organizer cancelled the event; null unless cancelled.</summary>
    public DateTimeOffset? CancelledAt => e.CancelledAt;

    /// <summary>Why the organizer cancelled the event, when they said.</summary>
    public string? CancellationReason => e.CancellationReason;

    /// <summary>The organization selling the tickets.</summary>
    public async Task<OrganizationNode> GetOrganizationAsync(OrganizationByIdLoader organizations)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        var organization = await organizations.LoadAsync(e.OrganizationId)
            ?? throw new InvalidOperationException($"Event {e.Id} has no organization {e.OrganizationId}.");
        return new OrganizationNode(organization);
    }

    /// <summary>Where the event happens; null for an event without a venue yet.</summary>
    public async Task<VenueNode?> GetVenueAsync(VenueByIdLoader venues)
    {
        ArgumentNullException.ThrowIfNull(venues);
        return e.VenueId is { } id && await venues.LoadAsync(id) is { } venue ? new VenueNode(venue) : null;
    }

    /// <summary>What kind of event this is (concerts, theatre…); null when not categorized.</summary>
    public async Task<CategoryNode?> GetCategoryAsync(CategoryByIdLoader categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        return e.CategoryId is { } id && await categories.LoadAsync(id) is { } category ? new CategoryNode(category) : null;
    }

    /// <summary>
    /// The ticket types on offer, in display order. Hidden types appear only with their <c>accessCode</c>, or to the
    /// event's organization.
    /// </summary>
    public async Task<IReadOnlyList<TicketTypeNode>> GetTicketTypesAsync(
        TicketTypesByEventLoader ticketTypes,
        IResolverContext context,
        [GraphQLDescription("The access code of hidden ticket types: the types it unlocks are listed too.")] string? accessCode = null)
    {
        ArgumentNullException.ThrowIfNull(ticketTypes);
        ArgumentNullException.ThrowIfNull(context);
        var all = await ticketTypes.LoadAsync(e.Id);
        var seesHidden = all.Any(o => o.Type.IsHidden)
            && await context.GetAccess().CanViewPrivateAsync(e.OrganizationId, context.CancellationToken);
        return all.Where(o => seesHidden || o.Type.IsUnlockedBy(accessCode)).Select(o => new TicketTypeNode(o.Type, e, o)).ToArray();
    }

    /// <summary>The lowest and highest price of the public ticket types; null when there is none.</summary>
    public async Task<PriceRange?> GetPriceRangeAsync(TicketTypesByEventLoader ticketTypes)
    {
        ArgumentNullException.ThrowIfNull(ticketTypes);
        var visible = (await ticketTypes.LoadAsync(e.Id)).Select(o => o.Type).Where(t => !t.IsHidden).ToArray();
        return visible.Length == 0
            ? null
            : new PriceRange(new MoneyAmount(visible.MinBy(t => t.Price.MinorUnits)!.Price), new MoneyAmount(visible.MaxBy(t => t.Price.MinorUnits)!.Price));
    }

    /// <summary>Capacities shared by several ticket types. Only the event's organization sees them (null otherwise).</summary>
    public async Task<IReadOnlyList<QuotaNode>?> GetQuotasAsync(QuotasByEventLoader quotas, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(quotas);
        ArgumentNullException.ThrowIfNull(context);
        if (!await context.GetAccess().CanViewPrivateAsync(e.OrganizationId, context.CancellationToken))
        {
            return null;
        }
        return (await quotas.LoadAsync(e.Id)).Select(q => new QuotaNode(q, e)).ToArray();
    }

    /// <summary>The event's promo codes. Only the event's managers see them (null otherwise).</summary>
    public async Task<IReadOnlyList<PromoCodeNode>?> GetPromoCodesAsync(PromoCodesByEventLoader promoCodes, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(promoCodes);
        ArgumentNullException.ThrowIfNull(context);
        if (!await context.GetAccess().CanManageEventsAsync(e.OrganizationId, context.CancellationToken))
        {
            return null;
        }
        return (await promoCodes.LoadAsync(e.Id)).Select(p => new PromoCodeNode(p, e)).ToArray();
    }

    /// <summary>Whether the caller may edit this event (a manager of its organization, or a read-write API key of it).</summary>
    public Task<bool> GetViewerCanManageAsync(IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetAccess().CanManageEventsAsync(e.OrganizationId, context.CancellationToken);
    }
}

/// <summary>The cheapest and the dearest public ticket type of an event.</summary>
/// <param name="Min">The lowest price.</param>
/// <param name="Max">The highest price.</param>
public sealed record PriceRange(MoneyAmount Min, MoneyAmount Max);

/// <summary>What an event promises buyers about refunds.</summary>
[GraphQLName("RefundPolicy")]
public sealed class RefundPolicyInfo(RefundPolicy policy)
{
    /// <summary>Whether paid tickets can be refunded at all.</summary>
    public bool Refundable => policy.Refundable;

    /// <summary>Refunds are possible until this many hours before the start (0: until it starts).</summary>
    public int DeadlineHoursBeforeStart => policy.DeadlineHoursBeforeStart;

    /// <summary>Whether refunded tickets go back on sale.</summary>
    public bool RestockOnRefund => policy.RestockOnRefund;
}
