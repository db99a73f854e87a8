using System.Globalization;
using Npgsql;

namespace Tickr.Bench.FlashSale;

/// <summary>What the database holds for one sale after its phases.</summary>
internal sealed record Verification(
    string Sale, int Buckets, long Capacity, long Held, long Sold, int OverfullBuckets, long Orders, long OrderTickets,
    int OrdersWithWrongHolds, long ClientReservations, long ClientTickets, IReadOnlyList<string> Problems)
{
    public long Oversold => Math.Max(0, Held + Sold - Capacity);

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Sale}: {Buckets} buckets, capacity {Capacity}, held {Held} + sold {Sold} = {Held + Sold}, oversold {Oversold}, buckets over capacity {OverfullBuckets}; "
        + $"{Orders} orders in the database for {OrderTickets} tickets ({OrdersWithWrongHolds} whose holds differ from their lines); "
        + $"the clients were told {ClientReservations} reservations for {ClientTickets} tickets{(Problems.Count == 0 ? ": consistent" : ": PROBLEMS: " + string.Join("; ", Problems))}");
}

/// <summary>
/// Checks a sale from the database after the fact: the pool's buckets (never over capacity; with
/// <c>expectSoldOut</c>, held + sold exactly the capacity), every order of the event (its holds on the pool add up
/// to its lines, it is RESERVED), and the clients' view (every order a client was given exists with the quantity it
/// asked, and no other order exists). Any difference is a problem that fails the run.
/// </summary>
internal static class Verify
{
    public static async Task<Verification> SaleAsync(NpgsqlDataSource source, SaleEvent sale, IEnumerable<LoadResult> phases, bool expectSoldOut)
    {
        var problems = new List<string>();
        int buckets, overfull;
        long capacity, held, sold;
        await using (var command = source.CreateCommand("""
            SELECT count(*)::int, coalesce(sum(capacity), 0)::bigint, coalesce(sum(held), 0)::bigint, coalesce(sum(sold), 0)::bigint,
                   (count(*) FILTER (WHERE held + sold > capacity OR held < 0 OR sold < 0))::int
            FROM inventory_buckets WHERE pool_id = @pool
            """))
        {
            command.Parameters.AddWithValue("pool", sale.TicketTypeId);
            await using var r = await command.ExecuteReaderAsync();
            await r.ReadAsync();
            (buckets, capacity, held, sold, overfull) = (r.GetInt32(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt32(4));
        }
        var orders = new Dictionary<Guid, (string Status, long Lines, long Holds, long OtherHolds)>();
        await using (var command = source.CreateCommand("""
            SELECT o.id, o.status,
                   (SELECT coalesce(sum(l.quantity), 0) FROM order_lines l WHERE l.order_id = o.id)::bigint,
                   (SELECT coalesce(sum(h.quantity), 0) FROM order_holds h WHERE h.order_id = o.id AND h.pool_id = @pool)::bigint,
                   (SELECT count(*) FROM order_holds h WHERE h.order_id = o.id AND h.pool_id <> @pool)::bigint
            FROM orders o WHERE o.event_id = @event
            """))
        {
            command.Parameters.AddWithValue("pool", sale.TicketTypeId);
            command.Parameters.AddWithValue("event", sale.EventId);
            await using var r = await command.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                orders[r.GetGuid(0)] = (r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
            }
        }
        var wrongHolds = orders.Values.Count(o => o.Lines != o.Holds || o.OtherHolds != 0 || o.Lines <= 0);
        var orderTickets = orders.Values.Sum(o => o.Lines);
        if (wrongHolds > 0)
        {
            problems.Add($"{wrongHolds} orders whose holds do not add up to their tickets");
        }
        if (orders.Values.Any(o => o.Status != "reserved"))
        {
            problems.Add("orders not in status reserved: " + string.Join(", ", orders.Values.Where(o => o.Status != "reserved").Select(o => o.Status).Distinct()));
        }
        if (capacity != sale.Capacity)
        {
            problems.Add($"capacity {capacity}, seeded {sale.Capacity}");
        }
        if (overfull > 0 || held + sold > capacity)
        {
            problems.Add($"OVERSOLD: {overfull} buckets over capacity, held + sold {held + sold} > capacity {capacity}");
        }
        if (held + sold != orderTickets)
        {
            problems.Add($"the buckets hold {held + sold} tickets, the orders {orderTickets}");
        }
        if (expectSoldOut && held + sold != capacity)
        {
            problems.Add($"not sold out exactly: held + sold {held + sold} ≠ capacity {capacity}");
        }
        long clientReservations = 0, clientTickets = 0;
        var missing = 0;
        var wrongQuantity = 0;
        foreach (var answer in phases.SelectMany(p => p.Answers).Where(a => a.Outcome == Outcome.Reserved))
        {
            clientReservations++;
            clientTickets += answer.Quantity;
            if (!orders.TryGetValue(answer.OrderId, out var order))
            {
                missing++;
            }
            else if (order.Lines != answer.Quantity)
            {
                wrongQuantity++;
            }
        }
        if (missing > 0 || wrongQuantity > 0)
        {
            problems.Add($"{missing} orders given to clients are not in the database, {wrongQuantity} have another quantity");
        }
        if (clientReservations != orders.Count)
        {
            problems.Add($"{orders.Count} orders in the database, {clientReservations} given to clients");
        }
        return new Verification(sale.Name, buckets, capacity, held, sold, overfull, orders.Count, orderTickets, wrongHolds, clientReservations, clientTickets, problems);
    }
}
