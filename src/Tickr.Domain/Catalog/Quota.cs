using Tickr.Domain.Common;

namespace Tickr.Domain.Catalog;

/// <summary>
/// A capacity shared by several ticket types of one event: a 500-seat hall sold as early bird and regular has one
/// quota of 500 over both types, so together they never sell more than 500 whatever their own capacities say.
/// </summary>
public sealed class Quota
{
    private readonly List<QuotaTicketType> _ticketTypes = [];

    private Quota() { }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public string Name { get; private set; } = "";

    public int Capacity { get; private set; }

    /// <summary>Tickets sold across the quota's ticket types.</summary>
    public int Sold { get; private set; }

    /// <summary>Tickets held by unexpired reservations across the quota's ticket types.</summary>
    public int Held { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The ticket types that draw on this quota.</summary>
    public IReadOnlyList<QuotaTicketType> TicketTypes => _ticketTypes;

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

    internal static Quota Create(Event owner, string name, int capacity, IReadOnlyCollection<Guid> ticketTypeIds, DateTimeOffset now)
    {
        var quota = new Quota
        {
            Id = Guid.CreateVersion7(now),
            EventId = owner.Id,
            CreatedAt = now,
        };
        quota.Rename(name);
        if (ticketTypeIds.Count == 0)
        {
            throw new DomainException(DomainErrorCode.InvalidValue, "A quota needs at least one ticket type.", "ticketTypeIds");
        }
        foreach (var id in ticketTypeIds.Distinct())
        {
            var type = owner.FindTicketType(id)
                ?? throw new DomainException(DomainErrorCode.Mismatch, "A ticket type of the quota is not one of this event's.", "ticketTypeIds");
            quota._ticketTypes.Add(new QuotaTicketType(quota.Id, id));
            // A quota created after sales started counts what its types already sold or hold, or it would sell them again.
            quota.Sold += type.Sold;
            quota.Held += type.Held;
        }
        quota.SetCapacity(capacity);
        return quota;
    }

    internal void Rename(string name) => Name = Text.Required(name, "name", 80);

    public void SetCapacity(int capacity)
    {
        if (capacity is < 0 or > TicketType.MaxCapacity)
        {
            throw new DomainException(DomainErrorCode.InvalidValue, $"capacity must be between 0 and {TicketType.MaxCapacity}.", "capacity");
        }
        if (capacity < Sold + Held)
        {
            throw new DomainException(DomainErrorCode.CapacityBelowSold,
                $"capacity {capacity} is below the {Sold + Held} tickets already sold or held.", "capacity");
        }
        Capacity = capacity;
    }

    public bool Covers(Guid ticketTypeId) => _ticketTypes.Exists(t => t.TicketTypeId == ticketTypeId);
}

/// <summary>A ticket type drawing on a quota.</summary>
public sealed record QuotaTicketType(Guid QuotaId, Guid TicketTypeId);
