using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Tickr.Data;
using Tickr.Data.Ordering;
using Tickr.Data.Providers;
using Tickr.Domain.Common;
using Tickr.Domain.Ordering;
using Tickr.Domain.Payments;
using Tickr.Graph.Ordering;
using Tickr.Graph.Tests.Catalog;
using Tickr.Graph.Tests.TestHost;
using Xunit.Abstractions;
using static Tickr.Graph.Tests.Ordering.SellingApi;

namespace Tickr.Graph.Tests.Faults;

/// <summary>
/// The tests that restart the run's PostgreSQL cluster: xUnit runs this collection alone, after the parallel ones, so a
/// restart never breaks another class's connections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection
{
    public const string Name = "Faults (restart the PostgreSQL cluster)";
}

/// <summary>
/// Buying while the infrastructure fails: a burst of buyers reserves and pays while the test terminates every
/// database connection (several times), kills and restarts Redis, and restarts PostgreSQL. Afterwards the books must
/// balance (no bucket oversold, holds and sales equal to what the orders hold and bought), every paid order must have
/// its tickets and its confirmation email queued, no reservation may be stuck, every buyer must have had an answer
/// (a success, a typed error, or a GraphQL error with a code: never a hang or a bare failure), and the server must
/// still sell. The deterministic tests cut one payment confirmation at a chosen statement and check it can be finished.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class PurchaseFaultTests(TickrPostgres database, RedisServer redis, ITestOutputHelper output)
    : IClassFixture<TickrPostgres>, IClassFixture<RedisServer>, IAsyncLifetime
{
    private const string CheckoutSelection = "order { id status } payment { providerReference state } errors { __typename ... on Error { code message } }";
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private readonly ConnectionKiller _killer = new();
    private CatalogApi _api = null!;

    public async Task InitializeAsync()
    {
        var app = new TickrAppFactory()
            .WithSetting("ConnectionStrings:Tickr", database.ConnectionString)
            .WithSetting("ConnectionStrings:Redis", redis.ConnectionString)
            .WithService<IInterceptor>(_killer);
        _api = new CatalogApi(app);
        await Wait.UntilAsync(BusConnectedAsync, "the Redis bus to connect");
    }

    public async Task DisposeAsync()
    {
        _killer.Disarm();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task A_burst_of_purchases_through_connection_kills_a_Redis_restart_and_a_PostgreSQL_restart_keeps_the_books_straight()
    {
        var organizer = await _api.OrganizerAsync("Fault Org");
        // Two ticket types, demand well above capacity: "Normal" spreads over two buckets, "VIP" is a single one.
        var (eventId, normal) = await OnSaleEventAsync(_api, organizer, price: 20_000, capacity: 100);
        var vip = await _api.AddTicketTypeAsync(organizer, eventId, "VIP", 60_000, 25);
        var late = await _api.AddTicketTypeAsync(organizer, eventId, "Late", 10_000, 5);
        object[][] baskets =
        [
            [new { ticketTypeId = normal, quantity = 2 }],
            [new { ticketTypeId = vip, quantity = 1 }],
            [new { ticketTypeId = normal, quantity = 1 }, new { ticketTypeId = vip, quantity = 1 }],
            [new { ticketTypeId = normal, quantity = 3 }],
        ];
        const int Buyers = 80;
        var accounts = new List<(Guid Id, string Email, string Token)>();
        for (var i = 0; i < Buyers; i++)
        {
            accounts.Add(await _api.ParticipantAsync());
        }

        var replies = new ConcurrentQueue<Reply>();
        var clock = Stopwatch.StartNew();
        var buyers = Enumerable.Range(0, Buyers)
            .Select(i => Task.Run(() => BuyAsync(accounts[i].Token, eventId, baskets[i % baskets.Length], TimeSpan.FromMilliseconds(i * 25), replies)))
            .ToList();
        var burst = Task.WhenAll(buyers);

        // The faults, paced by the burst's progress so that they land in its middle however fast the machine is.
        var terminated = new List<long>();
        var faultLog = new List<string>();
        async Task AfterRepliesAsync(int count)
        {
            while (replies.Count < count && !burst.IsCompleted)
            {
                await Task.Delay(10);
            }
        }
        async Task TerminateAsync()
        {
            var n = await database.Server.TerminateConnectionsAsync(database.DatabaseName);
            terminated.Add(n);
            faultLog.Add($"{clock.ElapsedMilliseconds} ms: terminated {n} connection(s) after {replies.Count} replies");
        }
        var faults = Task.Run(async () =>
        {
            await AfterRepliesAsync(10);
            await TerminateAsync();
            await AfterRepliesAsync(25);
            await TerminateAsync();
            await redis.StopAsync();
            faultLog.Add($"{clock.ElapsedMilliseconds} ms: Redis killed");
            await AfterRepliesAsync(40);
            await TerminateAsync();
            await redis.StartAsync();
            faultLog.Add($"{clock.ElapsedMilliseconds} ms: Redis started again");
            await AfterRepliesAsync(55);
            await TerminateAsync();
            await AfterRepliesAsync(70);
            faultLog.Add($"{clock.ElapsedMilliseconds} ms: restarting PostgreSQL after {replies.Count} replies");
            await database.Server.RestartAsync();
            faultLog.Add($"{clock.ElapsedMilliseconds} ms: PostgreSQL up again");
            await AfterRepliesAsync(95);
            await TerminateAsync();
        });
        var results = await burst;
        await faults;
        var burstTime = clock.Elapsed;

        foreach (var line in faultLog)
        {
            output.WriteLine(line);
        }
        output.WriteLine($"burst: {burstTime.TotalSeconds:0.0} s, {replies.Count} replies: " + string.Join(", ",
            replies.GroupBy(r => r.Kind == ReplyKind.Ok ? "ok" : r.Detail).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} × {g.Key}")));
        output.WriteLine("buyers: " + string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Count()} {g.Key}")));

        // Every answer was a success or a clear error; none hung.
        var unclear = replies.Where(r => r.Kind == ReplyKind.Unclear).ToList();
        Assert.True(unclear.Count == 0, "Unclear answers:\n" + string.Join("\n", unclear.Select(r => r.Detail)));
        Assert.True(terminated.Sum() > 0, "The terminations hit no connection: the faults missed the burst.");
        Assert.Contains(results, r => r.Outcome == "paid");
        // A development checkout either pays or fails with an error; a payment left pending would never be confirmed.
        var unpaid = results.Where(r => r.Outcome.StartsWith("checkout not paid", StringComparison.Ordinal)).ToList();
        Assert.True(unpaid.Count == 0, string.Join("\n", unpaid.Select(r => r.Outcome)));

        // Redis is back: the bus reconnects by itself.
        await Wait.UntilAsync(BusConnectedAsync, "the Redis bus to reconnect", TimeSpan.FromSeconds(40));

        // Every hold runs out; the sweeper releases them (retrying like its background loop would at its next tick:
        // connections the faults broke while idle in the pool fail once each).
        await using (var db = Verifier())
        {
            await db.Orders.Where(o => o.Status == OrderStatus.Reserved && o.EventId == CatalogApi.Key(eventId))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }
        // A payment recorded as succeeded whose confirmation a fault cut short, and whose buyer gave up retrying, is
        // completed by the provider's next delivery of its notification (webhooks are retried): deliver them again.
        var checkout = _api.App.Services.GetRequiredService<Checkout>();
        List<PaymentRecord> unconfirmed;
        await using (var db = Verifier())
        {
            unconfirmed = await db.Payments.AsNoTracking()
                .Where(p => p.Status == nameof(PaymentState.Succeeded)
                    && db.Orders.Any(o => o.Id == p.OrderId && o.EventId == CatalogApi.Key(eventId) && o.Status != OrderStatus.Paid))
                .ToListAsync();
        }
        foreach (var payment in unconfirmed)
        {
            var outcome = await ApplyOnFreshConnectionsAsync(checkout, new PaymentNotification(PaymentProviderKind.Development,
                $"{payment.ProviderReference}:created", payment.ProviderReference, PaymentState.Succeeded,
                new Money(payment.AmountMinorUnits, Currency.FromCode(payment.Currency)), DateTimeOffset.UtcNow, payment.OrderId));
            output.WriteLine($"payment {payment.ProviderReference} delivered again: {outcome}");
        }
        output.WriteLine($"succeeded payments left unconfirmed by the faults: {unconfirmed.Count}");

        var sweeper = _api.App.Services.GetRequiredService<ReservationSweeper>();
        var sweepFailures = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sweeper.SweepAsync();
                break;
            }
            catch (Exception e) when (attempt < 10)
            {
                sweepFailures++;
                output.WriteLine($"sweep attempt {attempt} failed: {e.GetType().Name}: {e.Message}");
            }
        }
        output.WriteLine($"sweep failures before one went through: {sweepFailures}");

        await AssertBooksBalanceAsync(CatalogApi.Key(eventId), [CatalogApi.Key(normal), CatalogApi.Key(vip), CatalogApi.Key(late)], settled: true);

        // What each buyer was told matches what was stored.
        await using (var db = Verifier())
        {
            foreach (var result in results.Where(r => r.OrderId is not null))
            {
                var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == result.OrderId);
                Assert.True(order is not null, $"The buyer was given order {result.OrderId}, which is not stored.");
                if (result.Outcome == "paid")
                {
                    Assert.Equal(OrderStatus.Paid, order.Status);
                }
            }
        }

        // The server still sells, on its first try.
        var buyer = await _api.ParticipantAsync();
        var reserved = await CallAsync("reserveTickets", new { eventId, items = new[] { new { ticketTypeId = late, quantity = 2 } } }, buyer.Token,
            $"replayed {OrderSelection} {ErrorSelection}");
        Assert.True(reserved.Kind == ReplyKind.Ok, reserved.Detail);
        var paid = await CallAsync("checkout", new { orderId = reserved.Payload.GetProperty("order").GetProperty("id").GetString(), provider = "DEVELOPMENT" },
            buyer.Token, CheckoutSelection);
        Assert.True(paid.Kind == ReplyKind.Ok, paid.Detail);
        Assert.Equal("PAID", paid.Payload.GetProperty("order").GetProperty("status").GetString());
        await AssertBooksBalanceAsync(CatalogApi.Key(eventId), [CatalogApi.Key(late)], settled: true);
    }

    [Theory]
    [InlineData("INSERT INTO tickets")]
    [InlineData("UPDATE payments")]
    public async Task A_confirmation_cut_by_a_dropped_connection_leaves_the_order_payable_and_a_redelivered_notification_completes_it(string cutAt)
    {
        var organizer = await _api.OrganizerAsync("Webhook Retry Org");
        var (eventId, typeId) = await OnSaleEventAsync(_api, organizer, price: 15_000, capacity: 5);
        var buyer = await _api.ParticipantAsync();
        var orderGid = (await ReserveOkAsync(_api, buyer.Token, eventId, typeId, 2)).GetProperty("id").GetString()!;
        var orderId = CatalogApi.Key(orderGid);

        var fired = _killer.Arm(cutAt, () => database.Server.TerminateConnectionsAsync(database.DatabaseName));
        var cut = await CallAsync("checkout", new { orderId = orderGid, provider = "DEVELOPMENT" }, buyer.Token, CheckoutSelection);
        Assert.True(fired.IsCompleted, $"No statement containing '{cutAt}' ran during the checkout.");
        output.WriteLine($"checkout cut at '{cutAt}': {cut.Kind} {cut.Detail}");
        Assert.Equal(ReplyKind.Coded, cut.Kind);

        // Nothing half-done: still reserved, the tickets still held, none issued, no email.
        await using (var db = Verifier())
        {
            Assert.Equal(OrderStatus.Reserved, (await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId)).Status);
            Assert.Equal(0, await db.Tickets.CountAsync(t => t.OrderId == orderId));
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.DeduplicationKey == $"confirmation:{orderId}"));
        }
        await AssertBooksBalanceAsync(CatalogApi.Key(eventId), [CatalogApi.Key(typeId)], settled: false);

        // The provider delivers its notification again (a webhook retry): the order is paid, once.
        string reference;
        await using (var db = Verifier())
        {
            reference = (await db.Payments.AsNoTracking().SingleAsync(p => p.OrderId == orderId)).ProviderReference;
        }
        var checkout = _api.App.Services.GetRequiredService<Checkout>();
        var notification = new PaymentNotification(PaymentProviderKind.Development, $"{reference}:created", reference, PaymentState.Succeeded,
            new Money(30_000, Currency.Tnd), DateTimeOffset.UtcNow, orderId);
        Assert.Equal(NotificationOutcome.Applied, await ApplyOnFreshConnectionsAsync(checkout, notification));
        Assert.Equal(NotificationOutcome.Duplicate, await checkout.ApplyAsync(notification, AuditSource.System, CancellationToken.None));

        await using (var db = Verifier())
        {
            Assert.Equal(OrderStatus.Paid, (await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId)).Status);
            Assert.Equal(2, await db.Tickets.CountAsync(t => t.OrderId == orderId));
            Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.DeduplicationKey == $"confirmation:{orderId}"));
        }
        await AssertBooksBalanceAsync(CatalogApi.Key(eventId), [CatalogApi.Key(typeId)], settled: true);
    }

    [Theory]
    [InlineData("INSERT INTO tickets")]
    [InlineData("UPDATE payments")]
    public async Task A_checkout_retried_after_its_confirmation_was_cut_finishes_the_first_payment_instead_of_charging_again(string cutAt)
    {
        var organizer = await _api.OrganizerAsync("Checkout Retry Org");
        var (eventId, typeId) = await OnSaleEventAsync(_api, organizer, price: 15_000, capacity: 5);
        var buyer = await _api.ParticipantAsync();
        var orderGid = (await ReserveOkAsync(_api, buyer.Token, eventId, typeId, 1)).GetProperty("id").GetString()!;
        var orderId = CatalogApi.Key(orderGid);

        var fired = _killer.Arm(cutAt, () => database.Server.TerminateConnectionsAsync(database.DatabaseName));
        var cut = await CallAsync("checkout", new { orderId = orderGid, provider = "DEVELOPMENT" }, buyer.Token, CheckoutSelection);
        Assert.True(fired.IsCompleted, $"No statement containing '{cutAt}' ran during the checkout.");
        Assert.Equal(ReplyKind.Coded, cut.Kind);

        // The buyer tries again (after the pool let go of its dead connections).
        Reply retried;
        var attempts = 0;
        do
        {
            retried = await CallAsync("checkout", new { orderId = orderGid, provider = "DEVELOPMENT" }, buyer.Token, CheckoutSelection);
            output.WriteLine($"retry {++attempts}: {retried.Kind} {retried.Detail}");
        }
        while (retried.Kind == ReplyKind.Coded && attempts < 10);
        Assert.True(retried.Kind == ReplyKind.Ok, retried.Detail);
        Assert.Equal("PAID", retried.Payload.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal("SUCCEEDED", retried.Payload.GetProperty("payment").GetProperty("state").GetString());

        await using (var db = Verifier())
        {
            var payments = await db.Payments.AsNoTracking().Where(p => p.OrderId == orderId).ToListAsync();
            Assert.True(payments.Count == 1, "Charged again: " + string.Join(", ", payments.Select(p => $"{p.ProviderReference} {p.Status}")));
            Assert.Equal(nameof(PaymentState.Succeeded), payments[0].Status);
            Assert.Equal(1, await db.Tickets.CountAsync(t => t.OrderId == orderId));
        }
        await AssertBooksBalanceAsync(CatalogApi.Key(eventId), [CatalogApi.Key(typeId)], settled: true);
    }

    // ------------------------------------------------------------------ the buyers

    private enum ReplyKind
    {
        /// <summary>The mutation's payload, without errors.</summary>
        Ok,

        /// <summary>The mutation's payload with typed errors (sold out, invalid status…).</summary>
        Typed,

        /// <summary>GraphQL errors, each with an extensions.code.</summary>
        Coded,

        /// <summary>Anything else: no answer in time, a body that is not GraphQL, an error without a code.</summary>
        Unclear,
    }

    private sealed record Reply(ReplyKind Kind, JsonElement Payload, string Detail);

    private sealed record BuyerResult(Guid? OrderId, string Outcome);

    private async Task<BuyerResult> BuyAsync(string token, string eventId, object[] items, TimeSpan startAfter, ConcurrentQueue<Reply> replies)
    {
        await Task.Delay(startAfter);
        var key = Guid.NewGuid().ToString();
        Reply? reserved = null;
        for (var attempt = 1; attempt <= 5 && reserved is null; attempt++)
        {
            var reply = await CallAsync("reserveTickets", new { eventId, items, idempotencyKey = key }, token, $"replayed {OrderSelection} {ErrorSelection}");
            replies.Enqueue(reply);
            if (reply.Kind == ReplyKind.Coded)
            {
                // A failure of the server's: try again with the same idempotency key, as a client should.
                await Task.Delay(200 * attempt);
                continue;
            }
            reserved = reply;
        }
        if (reserved is null)
        {
            return new BuyerResult(null, "reservation gave up");
        }
        if (reserved.Kind != ReplyKind.Ok)
        {
            return new BuyerResult(null, "refused: " + reserved.Detail);
        }
        var orderGid = reserved.Payload.GetProperty("order").GetProperty("id").GetString()!;
        var orderId = CatalogApi.Key(orderGid);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var reply = await CallAsync("checkout", new { orderId = orderGid, provider = "DEVELOPMENT" }, token, CheckoutSelection);
            replies.Enqueue(reply);
            switch (reply.Kind)
            {
                case ReplyKind.Coded:
                    await Task.Delay(200 * attempt);
                    continue;
                case ReplyKind.Ok when reply.Payload.GetProperty("order").GetProperty("status").GetString() == "PAID":
                    return new BuyerResult(orderId, "paid");
                case ReplyKind.Ok:
                    return new BuyerResult(orderId, "checkout not paid: " + reply.Payload.GetProperty("payment"));
                default:
                    return new BuyerResult(orderId, "checkout refused: " + reply.Detail);
            }
        }
        return new BuyerResult(orderId, "checkout gave up");
    }

    /// <summary>Runs one mutation and classifies the answer; a request that gets no answer within a minute is "hung".</summary>
    private async Task<Reply> CallAsync(string field, object input, string token, string selection)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = $"mutation($input: {char.ToUpperInvariant(field[0])}{field[1..]}Input!) {{ {field}(input: $input) {{ {selection} }} }}", variables = new { input } }),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var timeout = new CancellationTokenSource(RequestTimeout);
        int status;
        string text;
        try
        {
            using var response = await _api.Client.SendAsync(request, timeout.Token);
            status = (int)response.StatusCode;
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new Reply(ReplyKind.Unclear, default, $"{field}: no answer within {RequestTimeout.TotalSeconds} s");
        }
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return new Reply(ReplyKind.Unclear, default, $"{field}: HTTP {status}, not JSON: {text}");
        }
        if (body.TryGetProperty("errors", out var errors))
        {
            var codes = errors.EnumerateArray()
                .Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() : null)
                .ToList();
            return codes.Count > 0 && codes.All(c => !string.IsNullOrEmpty(c))
                ? new Reply(ReplyKind.Coded, body, $"{field}: HTTP {status} {string.Join("+", codes)}")
                : new Reply(ReplyKind.Unclear, body, $"{field}: HTTP {status}, an error without a code: {text}");
        }
        if (status != 200 || !body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty(field, out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            return new Reply(ReplyKind.Unclear, body, $"{field}: HTTP {status}: {text}");
        }
        var typed = payload.GetProperty("errors");
        return typed.GetArrayLength() == 0
            ? new Reply(ReplyKind.Ok, payload, $"{field}: ok")
            : new Reply(ReplyKind.Typed, payload, $"{field}: " + string.Join("+", typed.EnumerateArray().Select(e => e.GetProperty("__typename").GetString())));
    }

    // ------------------------------------------------------------------ the books

    /// <summary>
    /// For each pool: held + sold ≤ capacity in every bucket and overall; held equals what the RESERVED orders hold and
    /// sold what the PAID orders bought (order_holds); each live order holds exactly its lines. Every PAID order has its
    /// tickets and its confirmation email; no other order has tickets; no order was charged twice. Once
    /// <paramref name="settled"/> (holds expired and swept, notifications delivered again): no hold is left, and no
    /// succeeded payment has an unpaid, unrefunded order. Read on connections of its own, outside the server's pool.
    /// </summary>
    private async Task AssertBooksBalanceAsync(Guid eventId, IReadOnlyList<Guid> pools, bool settled)
    {
        await using var db = Verifier();
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.EventId == eventId).ToListAsync();
        var orderIds = orders.Select(o => o.Id).ToList();
        var holds = await db.OrderHolds.AsNoTracking().Where(h => orderIds.Contains(h.OrderId)).ToListAsync();
        var status = orders.ToDictionary(o => o.Id, o => o.Status);
        foreach (var pool in pools)
        {
            var buckets = await db.InventoryBuckets.AsNoTracking().Where(b => b.PoolId == pool).ToListAsync();
            Assert.NotEmpty(buckets);
            Assert.All(buckets, b => Assert.True(b.Held >= 0 && b.Sold >= 0 && b.Held + b.Sold <= b.Capacity, $"bucket {b.Bucket}: {b.Held} held + {b.Sold} sold of {b.Capacity}"));
            foreach (var bucket in buckets)
            {
                var inBucket = holds.Where(h => h.PoolId == pool && h.Bucket == bucket.Bucket).ToList();
                Assert.True(inBucket.Where(h => status[h.OrderId] == OrderStatus.Reserved).Sum(h => h.Quantity) == bucket.Held,
                    $"pool {pool} bucket {bucket.Bucket}: {bucket.Held} held, but the reserved orders hold {inBucket.Where(h => status[h.OrderId] == OrderStatus.Reserved).Sum(h => h.Quantity)}");
                Assert.True(inBucket.Where(h => status[h.OrderId] == OrderStatus.Paid).Sum(h => h.Quantity) == bucket.Sold,
                    $"pool {pool} bucket {bucket.Bucket}: {bucket.Sold} sold, but the paid orders bought {inBucket.Where(h => status[h.OrderId] == OrderStatus.Paid).Sum(h => h.Quantity)}");
            }
            if (settled)
            {
                Assert.Equal(0, buckets.Sum(b => b.Held));
            }
        }
        var stuck = orders.Where(o => o.Status == OrderStatus.Reserved && (settled || o.ExpiresAt <= DateTimeOffset.UtcNow)).ToList();
        Assert.True(stuck.Count == 0, $"{stuck.Count} reservation(s) stuck: " + string.Join(", ", stuck.Select(o => o.Number)));

        var tickets = await db.Tickets.AsNoTracking().Where(t => orderIds.Contains(t.OrderId)).GroupBy(t => t.OrderId)
            .Select(g => new { OrderId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.OrderId, g => g.Count);
        var confirmations = (await db.OutboxMessages.AsNoTracking().Where(m => m.DeduplicationKey != null && m.DeduplicationKey.StartsWith("confirmation:"))
            .Select(m => m.DeduplicationKey!).ToListAsync()).ToHashSet();
        var payments = await db.Payments.AsNoTracking().Where(p => orderIds.Contains(p.OrderId)).ToListAsync();
        var refunded = (await db.Refunds.AsNoTracking().Where(r => orderIds.Contains(r.OrderId)).Select(r => r.PaymentId).ToListAsync()).ToHashSet();
        foreach (var order in orders)
        {
            var live = order.Status is OrderStatus.Reserved or OrderStatus.Paid;
            foreach (var line in order.Lines.GroupBy(l => l.TicketTypeId).Where(g => pools.Contains(g.Key)))
            {
                var held = holds.Where(h => h.OrderId == order.Id && h.PoolId == line.Key).Sum(h => h.Quantity);
                Assert.True(!live || held == line.Sum(l => l.Quantity), $"order {order.Number} ({order.Status}) holds {held} of its {line.Sum(l => l.Quantity)} tickets of {line.Key}");
            }
            var issued = tickets.GetValueOrDefault(order.Id);
            if (order.Status == OrderStatus.Paid)
            {
                Assert.True(issued == order.TicketCount, $"paid order {order.Number} has {issued} of its {order.TicketCount} tickets");
                Assert.True(confirmations.Contains($"confirmation:{order.Id}"), $"paid order {order.Number} has no confirmation email queued");
            }
            else
            {
                Assert.True(issued == 0, $"{order.Status} order {order.Number} has {issued} tickets");
            }
            var succeeded = payments.Where(p => p.OrderId == order.Id && p.Status == nameof(PaymentState.Succeeded)).ToList();
            Assert.True(succeeded.Count <= 1, $"order {order.Number} was charged {succeeded.Count} times");
            Assert.True(!settled || succeeded.All(p => order.Status is OrderStatus.Paid or OrderStatus.Refunded || refunded.Contains(p.Id)),
                $"order {order.Number} is {order.Status} although its payment succeeded and nothing was refunded");
        }
    }

    private PostgresTickrDbContext Verifier()
    {
        var builder = new DbContextOptionsBuilder<PostgresTickrDbContext>();
        TickrDbContextOptions.UsePostgres(builder, database.Server.ConnectionString(database.DatabaseName, pooling: false));
        return new PostgresTickrDbContext(builder.Options);
    }

    // The notification is delivered again once the server's pool has let go of the connections the fault killed: the
    // first use of each dead pooled connection fails, as the provider's next retry would find out.
    private static async Task<NotificationOutcome> ApplyOnFreshConnectionsAsync(Checkout checkout, PaymentNotification notification)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await checkout.ApplyAsync(notification, AuditSource.System, CancellationToken.None);
            }
            catch (Exception e) when (attempt < 10 && e is Npgsql.NpgsqlException or InvalidOperationException or DbUpdateException)
            {
            }
        }
    }

    private async Task<bool> BusConnectedAsync()
    {
        var body = await GraphQLHttp.QueryAsync(_api.Client, "{ serverInfo { subscriptionBus { kind connected } } }");
        var bus = body.GetProperty("data").GetProperty("serverInfo").GetProperty("subscriptionBus");
        return bus.GetProperty("kind").GetString() == "REDIS" && bus.GetProperty("connected").GetBoolean();
    }
}
