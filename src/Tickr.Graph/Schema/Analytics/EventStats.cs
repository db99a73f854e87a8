using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Live;
using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Schema.Common;
using Tickr.Graph.Schema.Relay;
using Tickr.Graph.Schema.Ticketing;
using Tickr.GraphQL;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Analytics;

/// <summary>The organizer's dashboard of an event.</summary>
[ExtendObjectType(typeof(EventNode))]
public sealed class EventAnalytics
{
    /// <summary>
    /// Sales, revenue and check-ins of the event, read now: inventory (capacity, sold, held, remaining), revenue (gross,
    /// the platform's 4 % commission, the organizer's net, refunds) in total, by ticket type and by day in the event's
    /// time zone, and each check-in list's rate. The event's organization only (null otherwise).
    /// </summary>
    public async Task<EventStats?> GetStatsAsync([Parent] EventNode e, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        if (!await context.GetAccess().CanViewPrivateAsync(e.Entity.OrganizationId, context.CancellationToken))
        {
            return null;
        }
        var contexts = context.Services.GetRequiredService<IDbContextFactory<TickrDbContext>>();
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        return await EventStats.ReadAsync(db, e.Entity, now, context.CancellationToken);
    }
}

/// <summary>
/// An event's figures. Revenue counts paid orders (and orders refunded since): <c>gross</c> is what buyers paid,
/// <c>commission</c> the platform's 4 % of it, <c>net</c> gross minus commission (what the organizer receives before
/// refunds), <c>refunded</c> what was given back.
/// </summary>
[GraphQLName("EventStats")]
public sealed class EventStats
{
    private EventStats(Currency currency) => Currency = currency;

    internal Currency Currency { get; }

    internal Guid EventId { get; private init; }

    /// <summary>The longest <c>ordersPerMinute</c> series: a day.</summary>
    public const int MaxMinutes = 1440;

    /// <summary>When the figures were read.</summary>
    public DateTimeOffset At { get; private init; }

    /// <summary>Tickets on sale in total: the sum of the ticket types' capacities.</summary>
    public int Capacity { get; private init; }

    /// <summary>Tickets sold.</summary>
    public int Sold { get; private init; }

    /// <summary>Tickets held by unpaid reservations.</summary>
    public int Held { get; private init; }

    /// <summary>Tickets still available, shared quotas applied (an upper bound when quotas overlap).</summary>
    public int Remaining { get; private init; }

    /// <summary>Valid tickets issued (sold and not refunded).</summary>
    public int TicketsValid { get; private init; }

    /// <summary>What buyers paid.</summary>
    public MoneyAmount Gross => Money(GrossMinorUnits);

    /// <summary>The platform's commission (4 % of each ticket).</summary>
    public MoneyAmount Commission => Money(CommissionMinorUnits);

    /// <summary>Gross minus commission: the organizer's share before refunds.</summary>
    public MoneyAmount Net => Money(GrossMinorUnits - CommissionMinorUnits);

    /// <summary>Refunded to buyers.</summary>
    public MoneyAmount Refunded => Money(RefundedMinorUnits);

    /// <summary>The same figures per ticket type, in display order.</summary>
    public IReadOnlyList<TicketTypeStats> ByTicketType { get; private init; } = [];

    /// <summary>Sales and refunds per day in the event's time zone (days with neither are left out), oldest first.</summary>
    public IReadOnlyList<DailySales> ByDay { get; private init; } = [];

    /// <summary>Each check-in list's admissions out of the valid tickets it admits.</summary>
    public IReadOnlyList<CheckInListCountNode> CheckIns { get; private init; } = [];

    /// <summary>
    /// Paid orders per minute (refunded since included, counted in the minute they were paid), one entry per minute
    /// with zeros included, oldest first, ending with the current minute (UTC). <c>minutes</c>: 1 to 1440.
    /// </summary>
    public async Task<IReadOnlyList<MinuteSalesNode>> GetOrdersPerMinuteAsync(
        IResolverContext context,
        [GraphQLDescription("How many minutes, the current one included (1 to 1440).")] int minutes = 60)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (minutes is < 1 or > MaxMinutes)
        {
            throw new GraphQLException($"minutes must be between 1 and {MaxMinutes}; got {minutes}.", ErrorCodes.BadUserInput);
        }
        await using var db = await context.Services.GetRequiredService<IDbContextFactory<TickrDbContext>>().CreateDbContextAsync(context.CancellationToken);
        var series = await LiveUpdates.ReadOrdersPerMinuteAsync(db, [EventId], At, minutes, context.CancellationToken);
        return MinuteSalesNode.From(series[EventId], Currency);
    }

    /// <summary>
    /// Admissions per gate, gates in name order and scans without a gate (devices that name none) last under a null
    /// gate. A gate is named by the scanning devices: the web scanner sends <c>deviceId</c> as "&lt;gate&gt; · &lt;device&gt;".
    /// </summary>
    public async Task<IReadOnlyList<GateCheckInsNode>> GetCheckInsByGateAsync(IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var db = await context.Services.GetRequiredService<IDbContextFactory<TickrDbContext>>().CreateDbContextAsync(context.CancellationToken);
        var gates = await LiveUpdates.ReadGatesAsync(db, [EventId], At, context.CancellationToken);
        return GateCheckInsNode.From(gates.GetValueOrDefault(EventId));
    }

    internal long GrossMinorUnits { get; private init; }

    internal long CommissionMinorUnits { get; private init; }

    internal long RefundedMinorUnits { get; private init; }

    private MoneyAmount Money(long minorUnits) => new(new Money(minorUnits, Currency));

    internal static async Task<EventStats> ReadAsync(TickrDbContext db, Event e, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inventory = (await LiveUpdates.ReadInventoryAsync(db, [e.Id], now, cancellationToken))[0];
        var types = await db.TicketTypes.AsNoTracking().Where(t => t.EventId == e.Id)
            .OrderBy(t => t.Position).ThenBy(t => t.Id).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        var quotas = await db.Quotas.AsNoTracking().Include(q => q.TicketTypes).Where(q => q.EventId == e.Id).ToListAsync(cancellationToken);
        var quotaCounts = await Data.Ordering.InventoryStore.ReadAsync(db, quotas.Select(q => q.Id).ToList(), cancellationToken);

        var sold = new[] { OrderStatus.Paid, OrderStatus.Refunded };
        var lines = await (
                from o in db.Orders.AsNoTracking()
                where o.EventId == e.Id && sold.Contains(o.Status)
                from l in o.Lines
                select new { o.PaidAt, l.TicketTypeId, l.Quantity, l.UnitPriceMinorUnits, l.UnitDiscountMinorUnits, l.UnitCommissionMinorUnits })
            .ToListAsync(cancellationToken);
        var refundedTotal = await db.Orders.AsNoTracking().Where(o => o.EventId == e.Id && sold.Contains(o.Status))
            .SumAsync(o => o.RefundedMinorUnits, cancellationToken);
        var refunds = await (
                from r in db.Refunds.AsNoTracking()
                join o in db.Orders on r.OrderId equals o.Id
                where o.EventId == e.Id && r.Status == "Succeeded"
                select new { r.CreatedAt, r.AmountMinorUnits })
            .ToListAsync(cancellationToken);
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.EventId == e.Id)
            .GroupBy(t => new { t.TicketTypeId, t.Status }).Select(g => new { g.Key.TicketTypeId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var checkIns = (await LiveUpdates.ReadCheckInsAsync(db, [e.Id], now, cancellationToken))[0];

        var byType = types.Select(t =>
        {
            var c = inventory.TicketTypes.FirstOrDefault(x => x.TicketTypeId == t.Id) ?? new TicketTypeInventory(t.Id, 0, 0, 0, 0);
            var mine = lines.Where(l => l.TicketTypeId == t.Id).ToList();
            return new TicketTypeStats(e, t.Id, t.Name, c,
                mine.Sum(l => (l.UnitPriceMinorUnits - l.UnitDiscountMinorUnits) * l.Quantity),
                mine.Sum(l => l.UnitCommissionMinorUnits * l.Quantity),
                tickets.Where(x => x.TicketTypeId == t.Id && x.Status == TicketStatus.Valid).Sum(x => x.Count),
                tickets.Where(x => x.TicketTypeId == t.Id && x.Status == TicketStatus.Revoked).Sum(x => x.Count));
        }).ToList();

        var zone = TimeZoneInfo.FindSystemTimeZoneById(e.TimeZoneId);
        DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        var salesByDay = lines.Where(l => l.PaidAt is not null).GroupBy(l => Day(l.PaidAt!.Value)).ToDictionary(g => g.Key, g => g.ToList());
        var refundsByDay = refunds.GroupBy(r => Day(r.CreatedAt)).ToDictionary(g => g.Key, g => g.Sum(r => r.AmountMinorUnits));
        var days = salesByDay.Keys.Union(refundsByDay.Keys).Order().Select(day =>
        {
            var dayLines = salesByDay.GetValueOrDefault(day) ?? [];
            return new DailySales(e.Currency, day,
                dayLines.Sum(l => l.Quantity),
                dayLines.Sum(l => (l.UnitPriceMinorUnits - l.UnitDiscountMinorUnits) * l.Quantity),
                dayLines.Sum(l => l.UnitCommissionMinorUnits * l.Quantity),
                refundsByDay.GetValueOrDefault(day));
        }).ToList();

        // Remaining: each type's own remainder (quotas applied), but a shared quota cannot give more than it has left.
        var typeRemaining = inventory.TicketTypes.Sum(t => t.Remaining);
        var uncovered = inventory.TicketTypes.Where(t => !quotas.Any(q => q.Covers(t.TicketTypeId))).Sum(t => t.Remaining);
        var quotaRemaining = quotas.Sum(q => quotaCounts.GetValueOrDefault(q.Id).Remaining);
        return new EventStats(e.Currency)
        {
            At = now,
            EventId = e.Id,
            Capacity = inventory.TicketTypes.Sum(t => t.Capacity),
            Sold = inventory.TicketTypes.Sum(t => t.Sold),
            Held = inventory.TicketTypes.Sum(t => t.Held),
            Remaining = quotas.Count == 0 ? typeRemaining : Math.Min(typeRemaining, uncovered + quotaRemaining),
            TicketsValid = tickets.Where(x => x.Status == TicketStatus.Valid).Sum(x => x.Count),
            GrossMinorUnits = byType.Sum(t => t.GrossMinorUnits),
            CommissionMinorUnits = byType.Sum(t => t.CommissionMinorUnits),
            RefundedMinorUnits = refundedTotal,
            ByTicketType = byType,
            ByDay = days,
            CheckIns = checkIns.Lists.Select(l => new CheckInListCountNode(l)).ToArray(),
        };
    }
}

/// <summary>One ticket type's figures.</summary>
[GraphQLName("TicketTypeStats")]
public sealed class TicketTypeStats(Event e, Guid ticketTypeId, string name, TicketTypeInventory inventory, long gross, long commission, int valid, int revoked)
{
    /// <summary>The ticket type.</summary>
    [ID]
    public string TicketTypeId => GlobalId.Encode(TicketTypeNode.TypeName, ticketTypeId);

    /// <summary>Its name.</summary>
    public string Name => name;

    /// <summary>Its capacity.</summary>
    public int Capacity => inventory.Capacity;

    /// <summary>Tickets sold.</summary>
    public int Sold => inventory.Sold;

    /// <summary>Tickets held by unpaid reservations.</summary>
    public int Held => inventory.Held;

    /// <summary>Tickets still available (its quotas applied).</summary>
    public int Remaining => inventory.Remaining;

    /// <summary>Valid tickets issued.</summary>
    public int TicketsValid => valid;

    /// <summary>Tickets revoked by refunds.</summary>
    public int TicketsRefunded => revoked;

    /// <summary>What buyers paid for this type.</summary>
    public MoneyAmount Gross => new(new Money(gross, e.Currency));

    /// <summary>The platform's commission on it.</summary>
    public MoneyAmount Commission => new(new Money(commission, e.Currency));

    /// <summary>Gross minus commission.</summary>
    public MoneyAmount Net => new(new Money(gross - commission, e.Currency));

    internal long GrossMinorUnits => gross;

    internal long CommissionMinorUnits => commission;
}

/// <summary>Sales and refunds of one day (in the event's time zone).</summary>
[GraphQLName("DailySales")]
public sealed class DailySales(Currency currency, DateOnly date, int ticketsSold, long gross, long commission, long refunded)
{
    /// <summary>The day, in the event's time zone.</summary>
    public DateOnly Date => date;

    /// <summary>Tickets in orders paid that day.</summary>
    public int TicketsSold => ticketsSold;

    /// <summary>What buyers paid that day.</summary>
    public MoneyAmount Gross => new(new Money(gross, currency));

    /// <summary>The platform's commission on it.</summary>
    public MoneyAmount Commission => new(new Money(commission, currency));

    /// <summary>Gross minus commission.</summary>
    public MoneyAmount Net => new(new Money(gross - commission, currency));

    /// <summary>Refunded that day (whichever day the tickets were bought).</summary>
    public MoneyAmount Refunded => new(new Money(refunded, currency));
}
