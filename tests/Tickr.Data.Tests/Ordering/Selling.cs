using Microsoft.EntityFrameworkCore;
using Tickr.Data.Identity;
using Tickr.Data.Ordering;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Ordering;

namespace Tickr.Data.Tests.Ordering;

/// <summary>A buyer account (orders reference their buyer).</summary>
internal sealed record Buyer(Guid Id, string Email);

/// <summary>
/// What the ordering tests start from and look at: published events, buyers, reservations made the way the API makes
/// them (a context per request, the event loaded for sale), and the inventory as the buckets count it.
/// </summary>
internal static class Selling
{
    /// <summary>When the tests buy: the day after the events were created and published.</summary>
    public static readonly DateTimeOffset Now = Seed.Now.AddDays(1);

    public static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(15);

    public static TicketTypeDetails Type(string name, int capacity, decimal price = 50, int maxPerOrder = 10) =>
        new(name, null, Money.FromDecimal(price, Currency.Tnd), capacity, MaxPerOrder: maxPerOrder);

    /// <summary>
    /// An event with Seed's regular type (50 TND, 500 places) and whatever <paramref name="arrange"/> adds, published
    /// (unless <paramref name="publish"/> is false), as the reservation use case loads it.
    /// </summary>
    public static async Task<Event> EventAsync(ITestDatabase database, Action<Event>? arrange = null, bool publish = true)
    {
        Guid id;
        await using (var db = database.CreateContext())
        {
            var e = await Seed.EventAsync(db, e =>
            {
                arrange?.Invoke(e);
                if (publish)
                {
                    e.Publish(Seed.Now);
                }
            });
            id = e.Id;
        }
        return await LoadAsync(database, id);
    }

    public static async Task<Event> LoadAsync(ITestDatabase database, Guid eventId)
    {
        await using var db = database.CreateContext();
        return await OrderBook.LoadEventForSaleAsync(db, eventId, default) ?? throw new InvalidOperationException("no such event");
    }

    /// <summary>Sets the event's per-buyer limit (an organizer's edit).</summary>
    public static void LimitPerBuyer(Event e, int max) =>
        e.Update(new EventDetails(e.Title, e.Description, e.ImageUrl, e.StartsAt, e.EndsAt, e.TimeZoneId, e.VenueId, e.CategoryId,
            e.RefundPolicy, max), Seed.Now);

    public static TicketType TypeNamed(this Event e, string name) => e.TicketTypes.Single(t => t.Name == name);

    public static async Task<Buyer> BuyerAsync(ITestDatabase database)
    {
        await using var db = database.CreateContext();
        var email = $"buyer-{Seed.Unique()}@tickr.tn";
        var user = new TickrUser { Id = Guid.CreateVersion7(Seed.Now), UserName = email, Email = email, DisplayName = "Buyer", CreatedAt = Seed.Now };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new Buyer(user.Id, email);
    }

    public static ReservationRequest Request(Event e, Buyer buyer, IReadOnlyList<ReservationItem> items,
        string? promoCode = null, string? accessCode = null, string? idempotencyKey = null) =>
        new(e.Id, buyer.Id, buyer.Email, items, promoCode, accessCode, idempotencyKey);

    public static ReservationItem[] Items(TicketType type, int quantity) => [new(type.Id, quantity)];

    /// <summary>Reserves through the order book in a context of its own, as one API request would.</summary>
    public static async Task<ReservationOutcome> ReserveAsync(ITestDatabase database, Event e, ReservationRequest request, DateTimeOffset? now = null)
    {
        await using var db = database.CreateContext();
        return await OrderBook.ReserveAsync(db, e, request, now ?? Now, HoldFor, AuditSource.System, default);
    }

    public static async Task<Order> ReserveAsync(ITestDatabase database, Event e, Buyer buyer, TicketType type, int quantity,
        string? promoCode = null, DateTimeOffset? now = null) =>
        (await ReserveAsync(database, e, Request(e, buyer, Items(type, quantity), promoCode), now)).Order;

    /// <summary>A reservation that must be refused: the error.</summary>
    public static Task<OrderingException> RefusedAsync(ITestDatabase database, Event e, ReservationRequest request) =>
        Assert.ThrowsAsync<OrderingException>(() => ReserveAsync(database, e, request));

    public static async Task<ConfirmationOutcome> ConfirmAsync(ITestDatabase database, Guid orderId, DateTimeOffset? now = null)
    {
        await using var db = database.CreateContext();
        var (outcome, _) = await OrderBook.ConfirmPaymentAsync(db, orderId, now ?? Now.AddMinutes(2), AuditSource.System, new { Provider = "test" }, default);
        return outcome;
    }

    /// <summary>Cancels (or expires) an order loaded in a fresh context.</summary>
    public static async Task<bool> ReleaseAsync(ITestDatabase database, Guid orderId, bool expired, DateTimeOffset? now = null)
    {
        await using var db = database.CreateContext();
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId);
        return await OrderBook.ReleaseAsync(db, order, expired, now ?? Now.AddMinutes(expired ? 16 : 1), AuditSource.System, default);
    }

    public static async Task<PoolCounts> CountsAsync(ITestDatabase database, Guid poolId)
    {
        await using var db = database.CreateContext();
        return (await InventoryStore.ReadAsync(db, [poolId], default)).GetValueOrDefault(poolId);
    }

    public static async Task<List<InventoryBucket>> BucketsAsync(ITestDatabase database, Guid poolId)
    {
        await using var db = database.CreateContext();
        return await db.InventoryBuckets.AsNoTracking().Where(b => b.PoolId == poolId).OrderBy(b => b.Bucket).ToListAsync();
    }

    public static async Task<Order> OrderAsync(ITestDatabase database, Guid orderId)
    {
        await using var db = database.CreateContext();
        return await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == orderId);
    }

    public static async Task<List<OrderHold>> HoldsAsync(ITestDatabase database, Guid orderId)
    {
        await using var db = database.CreateContext();
        return await db.OrderHolds.AsNoTracking().Where(h => h.OrderId == orderId).ToListAsync();
    }

    public static async Task<int> TimesUsedAsync(ITestDatabase database, Guid promoCodeId)
    {
        await using var db = database.CreateContext();
        return await db.PromoCodes.Where(p => p.Id == promoCodeId).Select(p => p.TimesUsed).SingleAsync();
    }

    /// <summary>What the buyer holds or bought of the event, as the per-buyer limit counts it (0 without a row).</summary>
    public static async Task<int> AllowanceAsync(ITestDatabase database, Guid eventId, Guid buyerId)
    {
        await using var db = database.CreateContext();
        return await db.BuyerAllowances.Where(a => a.EventId == eventId && a.BuyerId == buyerId).Select(a => a.Tickets).SingleOrDefaultAsync();
    }
}
