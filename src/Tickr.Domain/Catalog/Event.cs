using Tickr.Domain.Common;

namespace Tickr.Domain.Catalog;

/// <summary>
/// An event an organization sells tickets for. It owns its ticket types, quotas and promo codes, and guards the
/// rules that span them: one currency for every price, no publishing without a ticket type, no sales once cancelled.
/// </summary>
public sealed class Event
{
    public const int TitleMaxLength = 160;
    public const int DescriptionMaxLength = 20_000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(366);

    private readonly List<TicketType> _ticketTypes = [];
    private readonly List<Quota> _quotas = [];
    private readonly List<PromoCode> _promoCodes = [];

    private Event() { }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid? VenueId { get; private set; }

    public Guid? CategoryId { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The event's address in URLs; unique across Tickr.</summary>
    public string Slug { get; private set; } = "";

    public string? Description { get; private set; }

    public Uri? ImageUrl { get; private set; }

    /// <summary>When the event starts (stored in UTC; shown in <see cref="TimeZoneId"/>).</summary>
    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>IANA time zone of the venue (Africa/Tunis): how start and end are shown to people.</summary>
    public string TimeZoneId { get; private set; } = EventTimeZone.Default;

    /// <summary>Every price of the event is in this currency.</summary>
    public Currency Currency { get; private set; } = Currency.Tnd;

    /// <summary>The stored status; see <see cref="StatusAt"/> for the status that includes "ended".</summary>
    public EventStatus Status { get; private set; }

    public RefundPolicy RefundPolicy { get; private set; } = RefundPolicy.NoRefunds;

    /// <summary>At most this many tickets (all types) per buyer for the event, held or bought; null = no limit.</summary>
    public int? MaxTicketsPerBuyer { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? CancellationReason { get; private set; }

    public IReadOnlyList<TicketType> TicketTypes => _ticketTypes;

    public IReadOnlyList<Quota> Quotas => _quotas;

    public IReadOnlyList<PromoCode> PromoCodes => _promoCodes;

    public static Event Create(Guid organizationId, EventDetails details, string slug, Currency currency, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var e = new Event
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Slug = Common.Slug.Require(slug),
            Currency = currency,
            Status = EventStatus.Draft,
            CreatedAt = now,
        };
        e.Apply(details, now, creating: true);
        return e;
    }

    /// <summary>The status at <paramref name="now"/>: a published event whose end has passed has ended.</summary>
    public EventStatus StatusAt(DateTimeOffset now) =>
        Status == EventStatus.Published && now >= EndsAt ? EventStatus.Ended : Status;

    /// <summary>Edits the description of the event. Cancelled and ended events are frozen.</summary>
    public void Update(EventDetails details, DateTimeOffset now)
    {
        RequireEditable(now);
        Apply(details, now, creating: false);
    }

    public void ChangeSlug(string slug, DateTimeOffset now)
    {
        RequireEditable(now);
        Slug = Common.Slug.Require(slug);
        UpdatedAt = now;
    }

    /// <summary>
    /// Draft → published: needs a ticket type and an end in the future (a festival may go on sale while it runs; each
    /// ticket type's sales window says until when it is sold).
    /// </summary>
    public void Publish(DateTimeOffset now)
    {
        if (Status != EventStatus.Draft)
        {
            throw new DomainException(DomainErrorCode.InvalidStatus, $"Only a draft event can be published; this one is {Status.ToString().ToUpperInvariant()}.");
        }
        if (_ticketTypes.Count == 0)
        {
            throw new DomainException(DomainErrorCode.NoTicketTypes, "Add a ticket type before publishing the event.");
        }
        if (EndsAt <= now)
        {
            throw new DomainException(DomainErrorCode.InvalidPeriod, "The event has already ended.", "endsAt");
        }
        Status = EventStatus.Published;
        PublishedAt = now;
        UpdatedAt = now;
    }

    /// <summary>Draft or published → cancelled; sales stop. Ended events cannot be cancelled.</summary>
    public void Cancel(string? reason, DateTimeOffset now)
    {
        var status = StatusAt(now);
        if (status is EventStatus.Cancelled or EventStatus.Ended)
        {
            throw new DomainException(DomainErrorCode.InvalidStatus, $"The event is already {status.ToString().ToUpperInvariant()}.");
        }
        Status = EventStatus.Cancelled;
        CancelledAt = now;
        CancellationReason = Text.Optional(reason, "reason", 1_000);
        UpdatedAt = now;
    }

    public TicketType AddTicketType(TicketTypeDetails details, DateTimeOffset now)
    {
        RequireEditable(now);
        var type = TicketType.Create(this, details, _ticketTypes.Count == 0 ? 0 : _ticketTypes.Max(t => t.Position) + 1, now);
        _ticketTypes.Add(type);
        UpdatedAt = now;
        return type;
    }

    public TicketType UpdateTicketType(Guid ticketTypeId, TicketTypeDetails details, DateTimeOffset now)
    {
        RequireEditable(now);
        var type = FindTicketType(ticketTypeId)
            ?? throw new DomainException(DomainErrorCode.Mismatch, "The ticket type is not one of this event's.", "ticketTypeId");
        type.Apply(this, details, now);
        UpdatedAt = now;
        return type;
    }

    public Quota CreateQuota(string name, int capacity, IReadOnlyCollection<Guid> ticketTypeIds, DateTimeOffset now)
    {
        RequireEditable(now);
        ArgumentNullException.ThrowIfNull(ticketTypeIds);
        var quota = Quota.Create(this, name, capacity, ticketTypeIds, now);
        _quotas.Add(quota);
        UpdatedAt = now;
        return quota;
    }

    /// <summary>Renames a quota or changes its capacity (never below what its ticket types sold or hold).</summary>
    public Quota UpdateQuota(Guid quotaId, string name, int capacity, DateTimeOffset now)
    {
        RequireEditable(now);
        var quota = _quotas.Find(q => q.Id == quotaId)
            ?? throw new DomainException(DomainErrorCode.Mismatch, "The quota is not one of this event's.", "quotaId");
        // Everything that can be refused is checked before anything changes: a refused capacity keeps the old name.
        var validName = Text.Required(name, "name", 80);
        quota.SetCapacity(capacity);
        quota.Rename(validName);
        UpdatedAt = now;
        return quota;
    }

    public PromoCode CreatePromoCode(PromoCodeDetails details, DateTimeOffset now)
    {
        RequireEditable(now);
        var promo = PromoCode.Create(this, details, now);
        if (_promoCodes.Exists(p => p.Code == promo.Code))
        {
            throw new DomainException(DomainErrorCode.Duplicate, $"The promo code {promo.Code} already exists for this event.", "code");
        }
        _promoCodes.Add(promo);
        UpdatedAt = now;
        return promo;
    }

    public TicketType? FindTicketType(Guid id) => _ticketTypes.Find(t => t.Id == id);

    /// <summary>Whether tickets can be bought at <paramref name="now"/> at all (published and not ended; sales windows narrow it).</summary>
    public bool IsOnSaleAt(DateTimeOffset now) => Status == EventStatus.Published && now < EndsAt;

    private void RequireEditable(DateTimeOffset now)
    {
        var status = StatusAt(now);
        if (status is EventStatus.Cancelled or EventStatus.Ended)
        {
            throw new DomainException(DomainErrorCode.InvalidStatus, $"A {status.ToString().ToLowerInvariant()} event cannot be changed.");
        }
    }

    private void Apply(EventDetails details, DateTimeOffset now, bool creating)
    {
        ArgumentNullException.ThrowIfNull(details);
        // Every check before any assignment: a refused edit leaves the event exactly as it was.
        var title = Text.Required(details.Title, "title", TitleMaxLength);
        var description = Text.Optional(details.Description, "description", DescriptionMaxLength);
        if (details.ImageUrl is { } image && (!image.IsAbsoluteUri || image.Scheme is not ("https" or "http")))
        {
            throw new DomainException(DomainErrorCode.InvalidValue, "imageUrl must be an absolute http(s) URL.", "imageUrl");
        }
        Period.Require(details.StartsAt, details.EndsAt, "endsAt");
        if (details.EndsAt - details.StartsAt > MaxDuration)
        {
            throw new DomainException(DomainErrorCode.InvalidPeriod, "An event lasts at most a year.", "endsAt");
        }
        if (creating && details.StartsAt <= now)
        {
            throw new DomainException(DomainErrorCode.InvalidPeriod, "An event must start in the future.", "startsAt");
        }
        if (!creating && Status == EventStatus.Published && details.EndsAt <= now)
        {
            throw new DomainException(DomainErrorCode.InvalidPeriod, "A published event cannot be moved into the past.", "endsAt");
        }
        // Ticket types' sales windows must still fit the event after a move.
        foreach (var t in _ticketTypes)
        {
            if (t.SalesWindow.StartsAt is { } s && s >= details.EndsAt || t.SalesWindow.EndsAt is { } e && e > details.EndsAt)
            {
                throw new DomainException(DomainErrorCode.InvalidPeriod,
                    $"The sales window of ticket type '{t.Name}' would end after the event; change it first.", "endsAt");
            }
        }
        var timeZoneId = EventTimeZone.Require(details.TimeZoneId);
        var refundPolicy = (details.RefundPolicy ?? RefundPolicy).Validate();
        if (details.MaxTicketsPerBuyer is < 1 or > 10_000)
        {
            throw new DomainException(DomainErrorCode.InvalidValue, "maxTicketsPerBuyer must be between 1 and 10000 (or absent).", "maxTicketsPerBuyer");
        }

        Title = title;
        Description = description;
        ImageUrl = details.ImageUrl;
        StartsAt = Period.Utc(details.StartsAt);
        EndsAt = Period.Utc(details.EndsAt);
        TimeZoneId = timeZoneId;
        VenueId = details.VenueId;
        CategoryId = details.CategoryId;
        RefundPolicy = refundPolicy;
        MaxTicketsPerBuyer = details.MaxTicketsPerBuyer;
        UpdatedAt = now;
    }
}

/// <summary>What an organizer gives to create or edit an event (the venue and category are checked by the caller).</summary>
public sealed record EventDetails(
    string Title,
    string? Description,
    Uri? ImageUrl,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? TimeZoneId,
    Guid? VenueId,
    Guid? CategoryId,
    RefundPolicy? RefundPolicy,
    int? MaxTicketsPerBuyer = null);
