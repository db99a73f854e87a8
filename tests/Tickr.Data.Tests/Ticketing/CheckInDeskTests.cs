using Microsoft.EntityFrameworkCore;
using Tickr.Data.Ordering;
using Tickr.Data.Ticketing;
using Tickr.Domain.Catalog;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;

namespace Tickr.Data.Tests.Ticketing;

/// <summary>
/// The check-in use case on each provider: the order of the rules, exactly one admission per list and ticket under
/// concurrency, the audit row written with (and only with) the admission, offline scans where the earliest wins.
/// </summary>
public abstract class CheckInDeskTests(ITestDatabase database) : IDisposable
{
    private static readonly DateTimeOffset Now = Seed.Now;
    private readonly EventSigningKey _key = EventSigningKey.Create();

    public void Dispose()
    {
        _key.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed record Sold(Event Event, Ticket Ticket, CheckInGate Gate, string Token);

    // A published event, a paid order of one regular ticket, and a list admitting every type (or only a VIP type).
    private async Task<Sold> SellAsync(bool vipList = false)
    {
        await using var db = database.CreateContext();
        TicketType? vip = null;
        var e = await Seed.EventAsync(db, e =>
        {
            if (vipList)
            {
                vip = e.AddTicketType(new TicketTypeDetails("VIP", null, Domain.Common.Money.FromMajor(120, Domain.Common.Currency.Tnd), 10), Now);
            }
            e.Publish(Now);
        });
        var buyer = await db.OrganizationMembers.Where(m => m.OrganizationId == e.OrganizationId).Select(m => m.UserId!.Value).FirstAsync();
        var regular = e.TicketTypes.Single(t => t.Name == "Regular");
        var request = new ReservationRequest(e.Id, buyer, "buyer@tickr.tn", [new ReservationItem(regular.Id, 1)], null, null, null);
        var reserved = await OrderBook.ReserveAsync(db, e, request, Now, TimeSpan.FromMinutes(10), AuditSource.System, CancellationToken.None);
        db.ChangeTracker.Clear();
        var (outcome, _) = await OrderBook.ConfirmPaymentAsync(db, reserved.Order.Id, Now, AuditSource.System, null, CancellationToken.None);
        Assert.Equal(ConfirmationOutcome.Paid, outcome);
        var ticket = await db.Tickets.AsNoTracking().SingleAsync(t => t.OrderId == reserved.Order.Id);
        var list = CheckInList.Create(e.Id, "Porte A", vip is null ? [] : [vip.Id], Now);
        db.CheckInLists.Add(list);
        await db.SaveChangesAsync();
        var gate = await CheckInDesk.FindGateAsync(db, list.Id, CancellationToken.None);
        Assert.NotNull(gate);
        return new Sold(e, ticket, gate, _key.Sign(new TicketClaims(e.Id, ticket.Id, ticket.TicketTypeId, ticket.Version)));
    }

    private async Task<ScanResult> ScanAsync(CheckInGate gate, string? token, DateTimeOffset? scannedAt = null, bool offline = false, string device = "gate-1", string? entrance = null)
    {
        await using var db = database.CreateContext();
        return await CheckInDesk.ScanAsync(db, gate, _key, new TicketScan(token, scannedAt ?? Now, entrance), new ScanSource(device, null, "10.0.0.1"), offline, Now, CancellationToken.None);
    }

    private async Task<int> AuditCountAsync(Guid ticketId, string action)
    {
        await using var db = database.CreateContext();
        return await db.AuditEntries.CountAsync(a => a.SubjectId == ticketId && a.Action == action);
    }

    [Fact]
    public async Task The_gate_names_the_list_its_event_organization_and_types()
    {
        var sold = await SellAsync(vipList: true);
        Assert.Equal(sold.Event.Id, sold.Gate.EventId);
        Assert.Equal(sold.Event.OrganizationId, sold.Gate.OrganizationId);
        Assert.Equal("Porte A", sold.Gate.Name);
        Assert.Equal([sold.Event.TicketTypes.Single(t => t.Name == "VIP").Id], sold.Gate.TicketTypeIds);
        await using var db = database.CreateContext();
        Assert.Null(await CheckInDesk.FindGateAsync(db, Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task First_scan_admits_and_audits_the_second_is_already_checked_in_with_the_first_device_and_time()
    {
        var sold = await SellAsync();

        var first = await ScanAsync(sold.Gate, sold.Token, Now.AddSeconds(-3), device: "scanner-7");
        var second = await ScanAsync(sold.Gate, sold.Token, device: "scanner-8");

        Assert.Equal(CheckInOutcome.Ok, first.Outcome);
        Assert.Equal("Regular", first.Ticket!.TicketTypeName);
        Assert.Equal("buyer@tickr.tn", first.Ticket.HolderEmail);
        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, second.Outcome);
        Assert.Equal("scanner-7", second.FirstCheckIn!.DeviceId);
        Assert.Equal(Now.AddSeconds(-3), second.FirstCheckIn.ScannedAt);
        Assert.Equal(Now, second.FirstCheckIn.RecordedAt);
        Assert.Equal("Porte A", second.FirstCheckIn.ListName);
        Assert.False(second.FirstCheckIn.Offline);
        Assert.Equal(1, await AuditCountAsync(sold.Ticket.Id, CheckInDesk.CheckedInAction));
    }

    [Fact]
    public async Task Refusals_follow_the_rules_in_order()
    {
        var sold = await SellAsync();
        var other = EventSigningKey.Create();
        Assert.Equal(CheckInOutcome.InvalidSignature, (await ScanAsync(sold.Gate, "not a token")).Outcome);
        Assert.Equal(CheckInOutcome.InvalidSignature, (await ScanAsync(sold.Gate, null)).Outcome);
        Assert.Equal(CheckInOutcome.InvalidSignature, (await ScanAsync(sold.Gate, sold.Token[..^4])).Outcome);
        // Signed by another key: forged.
        Assert.Equal(CheckInOutcome.InvalidSignature,
            (await ScanAsync(sold.Gate, other.Sign(new TicketClaims(sold.Event.Id, sold.Ticket.Id, sold.Ticket.TicketTypeId, 1)))).Outcome);
        // Authentic, but of a ticket that does not exist.
        Assert.Equal(CheckInOutcome.InvalidSignature,
            (await ScanAsync(sold.Gate, _key.Sign(new TicketClaims(sold.Event.Id, Guid.NewGuid(), sold.Ticket.TicketTypeId, 1)))).Outcome);
        // Another event's ticket.
        Assert.Equal(CheckInOutcome.WrongEvent,
            (await ScanAsync(sold.Gate, _key.Sign(new TicketClaims(Guid.NewGuid(), sold.Ticket.Id, sold.Ticket.TicketTypeId, 1)))).Outcome);
        // An older version (the ticket was transferred since).
        Assert.Equal(CheckInOutcome.Revoked,
            (await ScanAsync(sold.Gate, _key.Sign(new TicketClaims(sold.Event.Id, sold.Ticket.Id, sold.Ticket.TicketTypeId, 0)))).Outcome);
        other.Dispose();

        await using (var db = database.CreateContext())
        {
            await db.Orders.Where(o => o.Id == sold.Ticket.OrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Reserved));
        }
        Assert.Equal(CheckInOutcome.NotPaid, (await ScanAsync(sold.Gate, sold.Token)).Outcome);
        await using (var db = database.CreateContext())
        {
            await db.Orders.Where(o => o.Id == sold.Ticket.OrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Paid));
            await db.Tickets.Where(t => t.Id == sold.Ticket.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Revoked));
        }
        var revoked = await ScanAsync(sold.Gate, sold.Token);
        Assert.Equal(CheckInOutcome.Revoked, revoked.Outcome);
        Assert.Equal(sold.Ticket.Id, revoked.Ticket!.TicketId);
        Assert.Equal(0, await AuditCountAsync(sold.Ticket.Id, CheckInDesk.CheckedInAction));
    }

    [Fact]
    public async Task A_list_of_other_types_refuses_the_ticket()
    {
        var sold = await SellAsync(vipList: true);
        Assert.Equal(CheckInOutcome.NotValidForList, (await ScanAsync(sold.Gate, sold.Token)).Outcome);
    }

    [Fact]
    public async Task Concurrent_scans_of_one_ticket_admit_it_exactly_once()
    {
        var sold = await SellAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => ScanAsync(sold.Gate, sold.Token, device: $"d{i}"))));

        Assert.Single(results, r => r.Outcome == CheckInOutcome.Ok);
        Assert.All(results.Where(r => r.Outcome != CheckInOutcome.Ok), r => Assert.Equal(CheckInOutcome.AlreadyCheckedIn, r.Outcome));
        var winner = results.Select((r, i) => (r, i)).Single(x => x.r.Outcome == CheckInOutcome.Ok).i;
        Assert.All(results.Where(r => r.Outcome == CheckInOutcome.AlreadyCheckedIn), r => Assert.Equal($"d{winner}", r.FirstCheckIn!.DeviceId));
        Assert.Equal(1, await AuditCountAsync(sold.Ticket.Id, CheckInDesk.CheckedInAction));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.CheckIns.CountAsync(c => c.TicketId == sold.Ticket.Id));
    }

    [Fact]
    public async Task Offline_the_earliest_scan_is_the_admission_and_the_replaced_one_is_reported()
    {
        var sold = await SellAsync();

        var first = await ScanAsync(sold.Gate, sold.Token, Now.AddMinutes(-10), offline: true, device: "tablet-1");
        var earlier = await ScanAsync(sold.Gate, sold.Token, Now.AddMinutes(-30), offline: true, device: "tablet-2");
        var later = await ScanAsync(sold.Gate, sold.Token, Now.AddMinutes(-20), offline: true, device: "tablet-3");
        var online = await ScanAsync(sold.Gate, sold.Token, Now.AddMinutes(-40), offline: false, device: "phone");

        Assert.Equal(CheckInOutcome.Ok, first.Outcome);
        Assert.Equal(CheckInOutcome.Ok, earlier.Outcome);
        Assert.Equal("tablet-1", earlier.Replaced!.DeviceId);
        Assert.Equal(Now.AddMinutes(-10), earlier.Replaced.ScannedAt);
        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, later.Outcome);
        Assert.Equal("tablet-2", later.FirstCheckIn!.DeviceId);
        Assert.True(later.FirstCheckIn.Offline);
        // A live scan is decided by arrival, whatever its clock says.
        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, online.Outcome);
        await using var db = database.CreateContext();
        var stored = await db.CheckIns.AsNoTracking().SingleAsync(c => c.TicketId == sold.Ticket.Id);
        Assert.Equal(("tablet-2", Now.AddMinutes(-30)), (stored.DeviceId, stored.ScannedAt));
        Assert.Equal(1, await AuditCountAsync(sold.Ticket.Id, CheckInDesk.ReplacedAction));
    }

    [Fact]
    public async Task The_entrance_is_stored_with_each_admission_and_shown_with_the_first_one()
    {
        // Online: the one-statement scan on PostgreSQL, the read-then-insert on SQLite.
        var online = await SellAsync();
        Assert.Equal(CheckInOutcome.Ok, (await ScanAsync(online.Gate, online.Token, device: "phone-1", entrance: " Porte 1 ")).Outcome);
        var again = await ScanAsync(online.Gate, online.Token, device: "phone-2", entrance: "Porte 2");
        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, again.Outcome);
        Assert.Equal(("phone-1", "Porte 1"), (again.FirstCheckIn!.DeviceId, again.FirstCheckIn.Gate));

        // Offline: the insert, then an earlier scan from another entrance replacing it (its gate with it).
        var offline = await SellAsync();
        Assert.Equal(CheckInOutcome.Ok, (await ScanAsync(offline.Gate, offline.Token, Now.AddMinutes(-10), offline: true, device: "tablet-1", entrance: "Porte 3")).Outcome);
        var earlier = await ScanAsync(offline.Gate, offline.Token, Now.AddMinutes(-30), offline: true, device: "tablet-2");
        Assert.Equal(("tablet-1", "Porte 3"), (earlier.Replaced!.DeviceId, earlier.Replaced.Gate));
        var later = await ScanAsync(offline.Gate, offline.Token, Now.AddMinutes(-20), offline: true, device: "tablet-3", entrance: "Porte 3");
        Assert.Equal("tablet-2", later.FirstCheckIn!.DeviceId);
        Assert.Null(later.FirstCheckIn.Gate);

        await using var db = database.CreateContext();
        var stored = await db.CheckIns.AsNoTracking().Where(c => c.TicketId == online.Ticket.Id || c.TicketId == offline.Ticket.Id)
            .ToDictionaryAsync(c => c.TicketId, c => c.Gate);
        Assert.Equal("Porte 1", stored[online.Ticket.Id]);
        Assert.Null(stored[offline.Ticket.Id]);
    }

    [Fact]
    public async Task A_transfer_revokes_the_old_token_and_refuses_once_checked_in()
    {
        var sold = await SellAsync();
        var holder = await HolderAsync(sold.Ticket.Id);
        await using (var db = database.CreateContext())
        {
            var moved = await TicketTransfer.TransferAsync(db, sold.Ticket.Id, holder, "  Amira@Example.TN ", Now, AuditSource.System, CancellationToken.None);
            Assert.Equal(("amira@example.tn", 2, (Guid?)null), (moved!.HolderEmail, moved.Version, moved.HolderId));
        }
        Assert.Equal(CheckInOutcome.Revoked, (await ScanAsync(sold.Gate, sold.Token)).Outcome);
        var fresh = _key.Sign(new TicketClaims(sold.Event.Id, sold.Ticket.Id, sold.Ticket.TicketTypeId, 2));
        Assert.Equal(CheckInOutcome.Ok, (await ScanAsync(sold.Gate, fresh)).Outcome);
        await using (var db = database.CreateContext())
        {
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.DeduplicationKey == $"transfer:{sold.Ticket.Id}:2" && m.Kind == TicketTransfer.TransferredEmail));
            // The new holder has no account: nobody holds it by id any more, so the former holder cannot transfer it again.
            Assert.Null(await TicketTransfer.TransferAsync(db, sold.Ticket.Id, holder, "other@example.tn", Now, AuditSource.System, CancellationToken.None));
        }
    }

    private async Task<Guid> HolderAsync(Guid ticketId)
    {
        await using var db = database.CreateContext();
        return (await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == ticketId)).HolderId!.Value;
    }
}

public sealed class PostgresCheckInDeskTests(PostgresDatabase database) : CheckInDeskTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqliteCheckInDeskTests(SqliteDatabase database) : CheckInDeskTests(database), IClassFixture<SqliteDatabase>;
