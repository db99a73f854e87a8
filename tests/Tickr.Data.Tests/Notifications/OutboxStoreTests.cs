using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Tickr.Data.Identity;
using Tickr.Data.Notifications;
using Tickr.Data.Ordering;
using Tickr.Domain.Ordering;

namespace Tickr.Data.Tests.Notifications;

/// <summary>
/// The outbox's delivery side on each provider: which messages are due, leases that keep concurrent dispatchers apart
/// and expire when a dispatcher dies, backoff and giving up, once-only queuing by deduplication key, and the reminders
/// of paid orders. Each test starts from an empty outbox (tests of a class run one after another).
/// </summary>
public abstract class OutboxStoreTests(ITestDatabase database)
{
    private static readonly DateTimeOffset Now = new(2027, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private async Task<List<Guid>> QueueAsync(int count, DateTimeOffset? at = null, string kind = OrderBook.ConfirmationEmail)
    {
        await using var db = database.CreateContext();
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            OrderBook.Enqueue(db, (at ?? Now).AddMilliseconds(i), kind, new { OrderId = Guid.NewGuid() }, $"test:{Guid.NewGuid():N}");
        }
        await db.SaveChangesAsync();
        ids.AddRange(db.OutboxMessages.Local.Select(m => m.Id));
        return ids;
    }

    private async Task ClearOutboxAsync()
    {
        await using var db = database.CreateContext();
        await db.OutboxMessages.ExecuteDeleteAsync();
    }

    private async Task<List<OutboxMessage>> ClaimAsync(DateTimeOffset now, int batch = 50, TimeSpan? lease = null)
    {
        await using var db = database.CreateContext();
        return await OutboxStore.ClaimDueAsync(db, now, batch, now + (lease ?? Lease));
    }

    private async Task<OutboxMessage> StoredAsync(Guid id)
    {
        await using var db = database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task Only_due_messages_are_claimed_oldest_first_and_leased()
    {
        await ClearOutboxAsync();
        var due = await QueueAsync(3, Now.AddMinutes(-5));
        var later = await QueueAsync(1, Now.AddMinutes(5));
        var sent = await QueueAsync(1, Now.AddMinutes(-5));
        var failed = await QueueAsync(1, Now.AddMinutes(-5));
        await using (var db = database.CreateContext())
        {
            await OutboxStore.MarkSentAsync(db, sent[0], Now);
            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == failed[0]);
            await OutboxStore.MarkFailedAsync(db, message, "550 no such mailbox", permanent: true, Now, OutboxRetryPolicy.Default);
        }

        var lease = TimeSpan.FromHours(1);
        var claimed = await ClaimAsync(Now, batch: 2, lease);
        Assert.Equal(due.Take(2), claimed.Select(m => m.Id));
        Assert.All(claimed, m => Assert.Equal(Now + lease, m.LockedUntil));
        Assert.Equal(Now + lease, (await StoredAsync(due[0])).LockedUntil);

        var rest = await ClaimAsync(Now, lease: lease);
        Assert.Equal([due[2]], rest.Select(m => m.Id));
        Assert.Empty(await ClaimAsync(Now));
        Assert.Equal([later[0]], (await ClaimAsync(Now.AddMinutes(6))).Select(m => m.Id));
    }

    [Fact]
    public async Task A_claimed_message_stays_with_its_dispatcher_until_the_lease_runs_out_then_another_can_claim_it()
    {
        await ClearOutboxAsync();
        var ids = await QueueAsync(1, Now);
        Assert.Single(await ClaimAsync(Now));

        Assert.Empty(await ClaimAsync(Now + Lease - TimeSpan.FromSeconds(1)));
        Assert.Empty(await ClaimAsync(Now + Lease));
        // The first dispatcher died without marking it: after the lease it is delivered again (at least once).
        var again = await ClaimAsync(Now + Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(ids, again.Select(m => m.Id));
    }

    [Fact]
    public async Task Concurrent_dispatchers_claim_disjoint_batches_and_every_message_once()
    {
        await ClearOutboxAsync();
        var ids = await QueueAsync(60, Now.AddMinutes(-1));
        var claims = new ConcurrentBag<Guid>();
        using var start = new ManualResetEventSlim();

        var dispatchers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            while (true)
            {
                var batch = await ClaimAsync(Now, batch: 4, lease: TimeSpan.FromHours(1));
                if (batch.Count == 0)
                {
                    return;
                }
                foreach (var message in batch)
                {
                    claims.Add(message.Id);
                }
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(dispatchers);

        Assert.Equal(ids.Count, claims.Count);
        Assert.Equal(ids.Order(), claims.Order());
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_with_exponential_backoff_capped_at_an_hour_then_given_up()
    {
        await ClearOutboxAsync();
        var id = (await QueueAsync(1, Now))[0];
        var policy = OutboxRetryPolicy.Default;
        var now = Now;
        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= policy.MaxAttempts; attempt++)
        {
            var claimed = Assert.Single(await ClaimAsync(now));
            Assert.Equal(id, claimed.Id);
            await using var db = database.CreateContext();
            var failure = await OutboxStore.MarkFailedAsync(db, claimed, $"connection refused ({attempt})", permanent: false, now, policy);
            Assert.Equal(attempt, failure.Attempts);

            var stored = await StoredAsync(id);
            Assert.Equal(attempt, stored.Attempts);
            Assert.Equal($"connection refused ({attempt})", stored.LastError);
            Assert.Null(stored.LockedUntil);
            if (attempt < policy.MaxAttempts)
            {
                Assert.False(failure.GaveUp);
                Assert.Null(stored.FailedAt);
                delays.Add(stored.NextAttemptAt - now);
                // Not before its time.
                Assert.Empty(await ClaimAsync(stored.NextAttemptAt.AddSeconds(-1)));
                now = stored.NextAttemptAt;
            }
            else
            {
                Assert.True(failure.GaveUp);
                Assert.Equal(now, stored.FailedAt);
            }
        }

        TimeSpan[] expected =
        [
            TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4),
            TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(32), TimeSpan.FromHours(1),
            TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromHours(1),
        ];
        Assert.Equal(expected, delays);
        Assert.Empty(await ClaimAsync(now.AddDays(30)));
    }

    [Fact]
    public async Task A_permanent_failure_is_given_up_at_once_and_never_claimed_again()
    {
        await ClearOutboxAsync();
        var id = (await QueueAsync(1, Now))[0];
        var claimed = Assert.Single(await ClaimAsync(Now));
        await using (var db = database.CreateContext())
        {
            var failure = await OutboxStore.MarkFailedAsync(db, claimed, "550 5.1.1 No such mailbox here", permanent: true, Now, OutboxRetryPolicy.Default);
            Assert.True(failure.GaveUp);
        }

        var stored = await StoredAsync(id);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(Now, stored.FailedAt);
        Assert.Null(stored.SentAt);
        Assert.Empty(await ClaimAsync(Now.AddDays(1)));
    }

    [Fact]
    public async Task A_sent_message_is_never_claimed_again_and_a_late_failure_report_does_not_undo_it()
    {
        await ClearOutboxAsync();
        var id = (await QueueAsync(1, Now))[0];
        var first = Assert.Single(await ClaimAsync(Now));
        // The first dispatcher stalls past its lease; a second delivers and marks it sent.
        var second = Assert.Single(await ClaimAsync(Now + Lease + TimeSpan.FromSeconds(1)));
        await using (var db = database.CreateContext())
        {
            Assert.True(await OutboxStore.MarkSentAsync(db, second.Id, Now.AddMinutes(3)));
            Assert.False(await OutboxStore.MarkSentAsync(db, first.Id, Now.AddMinutes(4)));
            await OutboxStore.MarkFailedAsync(db, first, "timeout", permanent: false, Now.AddMinutes(4), OutboxRetryPolicy.Default);
        }

        var stored = await StoredAsync(id);
        Assert.Equal(Now.AddMinutes(3), stored.SentAt);
        Assert.Null(stored.FailedAt);
        Assert.Null(stored.LastError);
        Assert.Equal(0, stored.Attempts);
        Assert.Empty(await ClaimAsync(Now.AddDays(1)));
    }

    [Fact]
    public async Task Released_messages_are_claimable_at_once()
    {
        await ClearOutboxAsync();
        var ids = await QueueAsync(2, Now.AddMinutes(-1));
        var claimed = await ClaimAsync(Now);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(2, await OutboxStore.ReleaseAsync(db, [.. claimed.Select(m => m.Id)]));
        }
        Assert.Equal(ids, (await ClaimAsync(Now)).Select(m => m.Id));
    }

    [Fact]
    public async Task A_deduplication_key_is_queued_once_even_by_racing_callers()
    {
        await ClearOutboxAsync();
        var key = $"reminder:{Guid.NewGuid()}";
        await using (var db = database.CreateContext())
        {
            Assert.True(await OutboxStore.TryEnqueueAsync(db, Now, OrderBook.ReminderEmail, new { OrderId = Guid.Empty }, key));
            Assert.False(await OutboxStore.TryEnqueueAsync(db, Now, OrderBook.ReminderEmail, new { OrderId = Guid.Empty }, key));
        }

        var raced = $"reminder:{Guid.NewGuid()}";
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await using var db = database.CreateContext();
            return await OutboxStore.TryEnqueueAsync(db, Now, OrderBook.ReminderEmail, new { OrderId = Guid.Empty }, raced);
        })));
        Assert.Single(results, r => r);

        await using var check = database.CreateContext();
        var stored = await check.OutboxMessages.AsNoTracking().SingleAsync(m => m.DeduplicationKey == key);
        Assert.Equal(OrderBook.ReminderEmail, stored.Kind);
        Assert.Equal(Now, stored.CreatedAt);
        Assert.Equal(Now, stored.NextAttemptAt);
        Assert.Equal(0, stored.Attempts);
        Assert.Contains(Guid.Empty.ToString(), stored.Payload, StringComparison.Ordinal);
        Assert.Equal(1, await check.OutboxMessages.CountAsync(m => m.DeduplicationKey == raced));
        // What was queued this way is claimed like any other message.
        Assert.Equal(2, (await ClaimAsync(Now)).Count);
    }

    [Fact]
    public async Task Reminders_are_queued_once_for_paid_orders_of_events_starting_within_the_lead_time()
    {
        await ClearOutboxAsync();
        var lead = TimeSpan.FromHours(24);
        var (ev, paid, reserved) = await PaidAndReservedOrdersAsync();

        await using var db = database.CreateContext();
        Assert.Equal(0, await Reminders.EnqueueDueAsync(db, ev.StartsAt - TimeSpan.FromHours(25), lead));
        Assert.Equal(1, await Reminders.EnqueueDueAsync(db, ev.StartsAt - TimeSpan.FromHours(23), lead));
        Assert.Equal(0, await Reminders.EnqueueDueAsync(db, ev.StartsAt - TimeSpan.FromHours(22), lead));
        Assert.Equal(0, await Reminders.EnqueueDueAsync(db, ev.StartsAt + TimeSpan.FromMinutes(1), lead));

        var reminders = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == OrderBook.ReminderEmail).ToListAsync();
        var reminder = Assert.Single(reminders);
        Assert.Equal(Reminders.Key(paid.Id), reminder.DeduplicationKey);
        Assert.Contains(paid.Id.ToString(), reminder.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain(reminders, m => m.Payload.Contains(reserved.Id.ToString(), StringComparison.Ordinal));
    }

    private async Task<(Domain.Catalog.Event Event, Order Paid, Order Reserved)> PaidAndReservedOrdersAsync()
    {
        await using var db = database.CreateContext();
        var ev = await Seed.EventAsync(db, e => e.Publish(Seed.Now));
        var buyerId = Guid.CreateVersion7(Seed.Now);
        var email = $"buyer-{Seed.Unique()}@tickr.tn";
        db.Users.Add(new TickrUser { Id = buyerId, UserName = email, Email = email, DisplayName = "Nadia", CreatedAt = Seed.Now });
        await db.SaveChangesAsync();
        var forSale = await OrderBook.LoadEventForSaleAsync(db, ev.Id, default) ?? throw new InvalidOperationException("No event.");
        var type = ev.TicketTypes[0].Id;

        var paid = await OrderBook.ReserveAsync(db, forSale, new ReservationRequest(ev.Id, buyerId, email, [new ReservationItem(type, 2)], null, null, null),
            Seed.Now, TimeSpan.FromMinutes(10), AuditSource.System, default);
        var (outcome, _) = await OrderBook.ConfirmPaymentAsync(db, paid.Order.Id, Seed.Now.AddMinutes(1), AuditSource.System, null, default);
        Assert.Equal(ConfirmationOutcome.Paid, outcome);
        db.ChangeTracker.Clear();
        var reserved = await OrderBook.ReserveAsync(db, forSale, new ReservationRequest(ev.Id, buyerId, email, [new ReservationItem(type, 1)], null, null, null),
            Seed.Now, TimeSpan.FromMinutes(10), AuditSource.System, default);
        return (ev, paid.Order, reserved.Order);
    }
}

public sealed class PostgresOutboxStoreTests(PostgresDatabase database) : OutboxStoreTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqliteOutboxStoreTests(SqliteDatabase database) : OutboxStoreTests(database), IClassFixture<SqliteDatabase>;
