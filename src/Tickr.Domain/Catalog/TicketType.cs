using Tickr.Domain.Common;

namespace Tickr.Domain.Catalog;

/// <summary>
/// A kind of ticket of an event (early bird, regular, VIP…): its price, how many exist, when and how many at a time
/// they can be bought. Hidden types are offered only to buyers who give their access code.
/// </summary>
public sealed class TicketType
{
    public const int MaxCapacity = 1_000_000;
    public const int MaxPerOrderLimit = 100;

    private TicketType() { }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }

    /// <summary>Price of one ticket in the event's currency (zero for a free ticket).</summary>
    public Money Price { get; private set; }

    /// <summary>How many tickets of this type exist.</summary>
    public int Capacity { get; private set; }

    /// <summary>Tickets sold (paid or free and confirmed).</summary>
    public int Sold { get; private set; }

    /// <summary>Tickets held by unpaid reservations that have not expired yet.</summary>
    public int Held { get; private set; }

    public SalesWindow SalesWindow { get; private set; } = SalesWindow.Unbounded;

    public int MinPerOrder { get; private set; } = 1;

    public int MaxPerOrder { get; private set; } = 10;

    /// <summary>Hidden types are left out of public listings and sold only with <see cref="AccessCode"/>.</summary>
    public bool IsHidden { get; private set; }

    /// <summary>The code that unlocks a hidden type (upper-case); null for a public type.</summary>
    public string? AccessCode { get; private set; }

    /// <summary>Display order within the event.</summary>
    public int Position { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Tickets still available: capacity minus sold and held (quotas may limit further).</summary>
    public int Remaining => Math.Max(0, Capacity - Sold - Held);

    /// <summary>
    /// Sets the sold and held counts as the inventory store read them. The counts live in the inventory buckets (the
    /// data layer), not in this row, so that buyers do not queue on one row; capacity edits read them first.
    /// </summary>
    public void LoadInventory(int sold, int held)
    {
        Sold = sold;
        Held = held;
    }

    internal static TicketType Create(Event owner, TicketTypeDetails details, int position, DateTimeOffset now)
    {
        var type = new TicketType
        {
            Id = Guid.CreateVersion7(now),
            EventId = owner.Id,
            Position = position,
            CreatedAt = now,
        };
        type.Apply(owner, details, now);
        return type;
    }

    internal void Apply(Event owner, TicketTypeDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        // Every check before any assignment: a refused edit leaves the ticket type exactly as it was.
        var name = Text.Required(details.Name, "name", 80);
        var description = Text.Optional(details.Description, "description", 2_000);
        if (details.Price.IsNegative)
        {
            throw new DomainException(DomainErrorCode.InvalidValue, "price cannot be negative.", "price");
        }
        var price = details.Price.EnsureCurrency(owner.Currency, "price");
        RequireCapacity(details.Capacity);
        if (details.MinPerOrder < 1 || details.MaxPerOrder < details.MinPerOrder || details.MaxPerOrder > MaxPerOrderLimit)
        {
            throw new DomainException(DomainErrorCode.InvalidValue,
                $"Per-order limits must satisfy 1 ≤ minPerOrder ≤ maxPerOrder ≤ {MaxPerOrderLimit}.", "maxPerOrder");
        }
        var window = new SalesWindow(details.SalesStartAt, details.SalesEndAt);
        if (window.StartsAt is { } start && start >= owner.EndsAt)
        {
            throw new DomainException(DomainErrorCode.InvalidPeriod, "Sales cannot start after the event has ended.", "salesStartAt");
        }
        if (window.EndsAt is { } end && end > owner.EndsAt)
        {
            throw new DomainException(DomainErrorCode.InvalidPeriod, "Sales cannot end after the event has ended.", "salesEndAt");
        }
        var accessCode = details.IsHidden
            ? Codes.Normalize(details.AccessCode, "accessCode")
            : details.AccessCode is null ? null
            : throw new DomainException(DomainErrorCode.InvalidValue, "Only hidden ticket types have an access code.", "accessCode");

        Name = name;
        Description = description;
        Price = price;
        Capacity = details.Capacity;
        MinPerOrder = details.MinPerOrder;
        MaxPerOrder = details.MaxPerOrder;
        SalesWindow = window;
        IsHidden = details.IsHidden;
        AccessCode = accessCode;
        UpdatedAt = now;
    }

    /// <summary>Changes the capacity; never below what is sold or held.</summary>
    public void SetCapacity(int capacity)
    {
        RequireCapacity(capacity);
        Capacity = capacity;
    }

    private void RequireCapacity(int capacity)
    {
        if (capacity is < 0 or > MaxCapacity)
        {
            throw new DomainException(DomainErrorCode.InvalidValue, $"capacity must be between 0 and {MaxCapacity}.", "capacity");
        }
        if (capacity < Sold + Held)
        {
            throw new DomainException(DomainErrorCode.CapacityBelowSold,
                $"capacity {capacity} is below the {Sold + Held} tickets already sold or held.", "capacity");
        }
    }

    /// <summary>Whether a buyer who typed <paramref name="accessCode"/> may see and buy this type.</summary>
    public bool IsUnlockedBy(string? accessCode) =>
        !IsHidden || (AccessCode is not null && Codes.TryNormalize(accessCode) == AccessCode);

    /// <summary>Whether this type is on sale at <paramref name="now"/> (the event must be published too).</summary>
    public bool IsInSalesWindow(DateTimeOffset now, DateTimeOffset eventStartsAt) => SalesWindow.Contains(now, eventStartsAt);
}

/// <summary>What an organizer gives to create or edit a ticket type.</summary>
public sealed record TicketTypeDetails(
    string Name,
    string? Description,
    Money Price,
    int Capacity,
    DateTimeOffset? SalesStartAt = null,
    DateTimeOffset? SalesEndAt = null,
    int MinPerOrder = 1,
    int MaxPerOrder = 10,
    bool IsHidden = false,
    string? AccessCode = null);
