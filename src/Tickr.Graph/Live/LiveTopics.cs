namespace Tickr.Graph.Live;

/// <summary>The bus topics of live updates (ARCHITECTURE.md: published after commit, fanned out to every instance).</summary>
public static class LiveTopics
{
    public static string Inventory(Guid eventId) => $"event:{eventId:N}:inventory";

    public static string CheckIns(Guid eventId) => $"event:{eventId:N}:checkins";

    public static string Sales(Guid eventId) => $"event:{eventId:N}:sales";

    public static string Order(Guid orderId) => $"order:{orderId:N}";
}

/// <summary>Remaining tickets of one type after a change.</summary>
public sealed record TicketTypeInventory(Guid TicketTypeId, int Capacity, int Sold, int Held, int Remaining);

/// <summary>An event's inventory after a change: every ticket type's counts (quotas applied to remaining).</summary>
public sealed record InventorySnapshot(Guid EventId, DateTimeOffset At, IReadOnlyList<TicketTypeInventory> TicketTypes);

/// <summary>Checked-in counts of one check-in list.</summary>
public sealed record CheckInListCount(Guid CheckInListId, string Name, int CheckedIn, int Total);

/// <summary>
/// Admissions recorded by the devices of one gate (<see cref="Ticketing.Gates"/>): in total, in the five minutes
/// before the snapshot, and the latest one's scan time.
/// </summary>
public sealed record GateCount(string? Gate, int CheckedIn, int LastFiveMinutes, DateTimeOffset? LastAdmissionAt);

/// <summary>An event's check-in counts after a scan; <see cref="Gates"/> is read for live messages only.</summary>
public sealed record CheckInSnapshot(Guid EventId, DateTimeOffset At, IReadOnlyList<CheckInListCount> Lists, IReadOnlyList<GateCount>? Gates = null);

/// <summary>Orders paid during one minute (UTC, starting at <see cref="Minute"/>), their tickets and what buyers paid.</summary>
public sealed record MinuteSalesCount(DateTimeOffset Minute, int Orders, int Tickets, long GrossMinorUnits);

/// <summary>
/// An event's sales totals after a change (organizer only): orders paid (refunded since included, as in the amounts)
/// and the last hour's paid orders per minute, oldest first.
/// </summary>
public sealed record SalesSnapshot(Guid EventId, DateTimeOffset At, int TicketsSold, long GrossMinorUnits, long CommissionMinorUnits, long RefundedMinorUnits, string Currency,
    int OrdersPaid = 0, IReadOnlyList<MinuteSalesCount>? LastHour = null);

/// <summary>An order's new status.</summary>
public sealed record OrderStatusMessage(Guid OrderId, Guid BuyerId, string Status, DateTimeOffset At);
