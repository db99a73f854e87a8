using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tickr.Data.Catalog;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;

namespace Tickr.Data.Tests.Schema;

/// <summary>
/// Aggregates come back from the database exactly as they were saved: money with its currency, complex values, child
/// collections, UTC instants (PostgreSQL timestamptz; SQLite a binary-encoded long).
/// </summary>
public abstract class RoundTripTests(ITestDatabase database)
{
    /// <summary>A rich event in EUR: two ticket types (one hidden), a shared quota, two promo codes, a refund policy.</summary>
    private static Event RichEvent(Organization organization, Venue venue)
    {
        // Given in Paris time (+02:00 in July): stored and read back as the same instant in UTC.
        var start = new DateTimeOffset(2027, 7, 14, 21, 30, 0, TimeSpan.FromHours(2));
        var details = new EventDetails("Jazz à Juan", "Cinq soirées au bord de la mer.", new Uri("https://cdn.tickr.tn/jazz.png"),
            start, start.AddDays(4), "Europe/Paris", venue.Id, StandardCategories.All[0].Id,
            new RefundPolicy(Refundable: true, DeadlineHoursBeforeStart: 48, RestockOnRefund: true));
        var e = Event.Create(organization.Id, details, "jazz-a-juan-" + Seed.Unique(), Currency.Eur, Seed.Now);
        var regular = e.AddTicketType(new TicketTypeDetails("Pelouse", "Places libres", Money.FromDecimal(12.5m, Currency.Eur), 200,
            SalesStartAt: Seed.Now.AddDays(1), SalesEndAt: start.AddHours(-1), MinPerOrder: 1, MaxPerOrder: 6), Seed.Now);
        var vip = e.AddTicketType(new TicketTypeDetails("Carré or", null, Money.FromDecimal(99.99m, Currency.Eur), 20,
            IsHidden: true, AccessCode: "gold-2027"), Seed.Now);
        e.CreateQuota("Pinède", 150, [regular.Id, vip.Id], Seed.Now);
        e.CreatePromoCode(new PromoCodeDetails("MINUS5", DiscountKind.FixedAmount, null, Money.FromDecimal(5m, Currency.Eur), 50,
            Seed.Now, start, [vip.Id]), Seed.Now);
        e.CreatePromoCode(new PromoCodeDetails("early15", DiscountKind.Percentage, 15, null, null, null, null, null), Seed.Now);
        e.Publish(Seed.Now.AddHours(1));
        return e;
    }

    /// <summary>Everything an event holds, written out (instants with their offset, so UTC is checked too).</summary>
    private static string Describe(Event e)
    {
        var sb = new StringBuilder();
        void Line(string name, object? value) =>
            sb.Append(name).Append(" = ").AppendLine(value is DateTimeOffset d ? d.ToString("O", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture));
        Line("id", e.Id);
        Line("organization", e.OrganizationId);
        Line("venue", e.VenueId);
        Line("category", e.CategoryId);
        Line("title", e.Title);
        Line("slug", e.Slug);
        Line("description", e.Description);
        Line("image", e.ImageUrl);
        Line("startsAt", e.StartsAt);
        Line("endsAt", e.EndsAt);
        Line("timeZone", e.TimeZoneId);
        Line("currency", e.Currency);
        Line("status", e.Status);
        Line("refundPolicy", e.RefundPolicy);
        Line("createdAt", e.CreatedAt);
        Line("updatedAt", e.UpdatedAt);
        Line("publishedAt", e.PublishedAt);
        Line("cancelledAt", e.CancelledAt);
        foreach (var t in e.TicketTypes.OrderBy(t => t.Position))
        {
            Line("ticketType", $"{t.Id} {t.Name} [{t.Description}] {t.Price} cap={t.Capacity} sold={t.Sold} held={t.Held} " +
                $"min={t.MinPerOrder} max={t.MaxPerOrder} hidden={t.IsHidden} code={t.AccessCode} pos={t.Position}");
            Line("  salesStartAt", t.SalesWindow.StartsAt);
            Line("  salesEndAt", t.SalesWindow.EndsAt);
            Line("  createdAt", t.CreatedAt);
        }
        foreach (var q in e.Quotas.OrderBy(q => q.Name))
        {
            Line("quota", $"{q.Id} {q.Name} cap={q.Capacity} sold={q.Sold} held={q.Held} types={string.Join(",", q.TicketTypes.Select(x => x.TicketTypeId).Order())}");
        }
        foreach (var p in e.PromoCodes.OrderBy(p => p.Code, StringComparer.Ordinal))
        {
            Line("promo", $"{p.Id} {p.Code} {p.Kind} percent={p.PercentOff} amount={p.AmountOff} max={p.MaxUses} used={p.TimesUsed} " +
                $"types={string.Join(",", p.TicketTypes.Select(x => x.TicketTypeId).Order())}");
            Line("  validFrom", p.ValidFrom);
            Line("  validUntil", p.ValidUntil);
        }
        return sb.ToString();
    }

    [Fact]
    public async Task An_event_with_its_ticket_types_quota_promo_codes_and_refund_policy_comes_back_equal()
    {
        Event saved;
        await using (var db = database.CreateContext())
        {
            var organization = await Seed.OrganizationAsync(db);
            var venue = Seed.Venue(organization);
            db.Venues.Add(venue);
            saved = RichEvent(organization, venue);
            db.Events.Add(saved);
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var loaded = await read.Events.AsNoTracking()
            .Include(e => e.TicketTypes)
            .Include(e => e.Quotas).ThenInclude(q => q.TicketTypes)
            .Include(e => e.PromoCodes).ThenInclude(p => p.TicketTypes)
            .AsSplitQuery()
            .SingleAsync(e => e.Id == saved.Id);

        Assert.Equal(Describe(saved), Describe(loaded));
        Assert.Equal(TimeSpan.Zero, loaded.StartsAt.Offset);
        Assert.Equal(new DateTimeOffset(2027, 7, 14, 19, 30, 0, TimeSpan.Zero), loaded.StartsAt);
        Assert.Equal(new Money(1250, Currency.Eur), loaded.TicketTypes[0].Price);
        Assert.Equal(Money.FromDecimal(5m, Currency.Eur), loaded.PromoCodes.Single(p => p.Code == "MINUS5").AmountOff);
        Assert.Same(Currency.Eur, loaded.Currency);
        Assert.True(loaded.TicketTypes.Single(t => t.IsHidden).IsUnlockedBy("Gold-2027"));
    }

    [Fact]
    public async Task Ticket_types_quotas_and_promo_codes_added_to_a_loaded_event_are_inserted()
    {
        // Ids are made by the domain: a child with an id, found in a tracked event's collection, is new, not a row to update.
        Event seeded;
        await using (var db = database.CreateContext())
        {
            seeded = await Seed.EventAsync(db);
        }
        await using (var db = database.CreateContext())
        {
            var e = await db.Events.Include(x => x.TicketTypes).SingleAsync(x => x.Id == seeded.Id);
            var balcony = e.AddTicketType(new TicketTypeDetails("Balcon", null, Money.FromMajor(30, Currency.Tnd), 100), Seed.Now);
            e.CreateQuota("Salle", 550, [e.TicketTypes[0].Id, balcony.Id], Seed.Now);
            e.CreatePromoCode(new PromoCodeDetails("BALCON10", DiscountKind.Percentage, 10, null, null, null, null, [balcony.Id]), Seed.Now);
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var loaded = await read.Events.AsNoTracking()
            .Include(e => e.TicketTypes)
            .Include(e => e.Quotas).ThenInclude(q => q.TicketTypes)
            .Include(e => e.PromoCodes).ThenInclude(p => p.TicketTypes)
            .AsSplitQuery()
            .SingleAsync(e => e.Id == seeded.Id);
        Assert.Equal(["Regular", "Balcon"], loaded.TicketTypes.OrderBy(t => t.Position).Select(t => t.Name));
        Assert.Equal(2, loaded.Quotas.Single().TicketTypes.Count);
        Assert.True(loaded.PromoCodes.Single().AppliesTo(loaded.TicketTypes.Single(t => t.Name == "Balcon").Id));
    }

    [Fact]
    public async Task A_venue_keeps_its_coordinates()
    {
        Venue saved;
        await using (var db = database.CreateContext())
        {
            saved = Seed.Venue(await Seed.OrganizationAsync(db));
            db.Venues.Add(saved);
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var loaded = await read.Venues.AsNoTracking().SingleAsync(v => v.Id == saved.Id);
        Assert.Equal(new GeoPoint(36.8578, 10.3236), loaded.Location);
        Assert.Equal((saved.Name, saved.Address, saved.City, saved.CountryCode, saved.Capacity, saved.CreatedAt),
            (loaded.Name, loaded.Address, loaded.City, loaded.CountryCode, loaded.Capacity, loaded.CreatedAt));
    }

    [Fact]
    public async Task An_organization_keeps_its_active_and_invited_members()
    {
        Organization saved;
        await using (var db = database.CreateContext())
        {
            saved = await Seed.OrganizationAsync(db);
            var owner = saved.Members[0].UserId!.Value;
            saved.Invite(owner, "scanner-" + Seed.Unique() + "@tickr.tn", OrganizationRole.Scanner, null, Seed.Now.AddDays(1));
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var loaded = await read.Organizations.AsNoTracking().Include(o => o.Members).SingleAsync(o => o.Id == saved.Id);
        Assert.Equal(
            saved.Members.Select(m => (m.Id, m.UserId, m.Email, m.Role, m.Status, m.InvitedByUserId, m.InvitedAt, m.JoinedAt)).OrderBy(m => m.Id),
            loaded.Members.Select(m => (m.Id, m.UserId, m.Email, m.Role, m.Status, m.InvitedByUserId, m.InvitedAt, m.JoinedAt)).OrderBy(m => m.Id));
        Assert.Equal(OrganizationRole.Owner, loaded.RoleOf(saved.Members[0].UserId!.Value));
    }

    [Fact]
    public async Task An_API_key_keeps_its_hash_and_accepts_its_secret_after_a_reload()
    {
        Guid id;
        string secret;
        await using (var db = database.CreateContext())
        {
            var organization = await Seed.OrganizationAsync(db);
            (var key, secret) = ApiKey.Create(organization.Id, "Partenaire", ApiKeyScope.ReadWrite, organization.Members[0].UserId!.Value,
                Seed.Now.AddDays(90), Seed.Now);
            id = key.Id;
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var prefix = ApiKey.PrefixOf(secret);
        var loaded = await read.ApiKeys.AsNoTracking().SingleAsync(k => k.Prefix == prefix);
        Assert.Equal(id, loaded.Id);
        Assert.True(loaded.Accepts(secret, Seed.Now.AddDays(1)));
        Assert.Equal(ApiKeyScope.ReadWrite, loaded.Scope);
    }

    [Fact]
    public async Task A_refresh_token_is_found_by_the_hash_of_its_value()
    {
        string value;
        await using (var db = database.CreateContext())
        {
            var organization = await Seed.OrganizationAsync(db);
            (var token, value) = RefreshToken.Issue(organization.Members[0].UserId!.Value, TimeSpan.FromDays(30), Seed.Now);
            db.RefreshTokens.Add(token);
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var hash = RefreshToken.Hash(value);
        var loaded = await read.RefreshTokens.AsNoTracking().SingleAsync(t => t.TokenHash == hash);
        Assert.True(loaded.IsUsableAt(Seed.Now.AddDays(29)));
        Assert.Equal(Seed.Now.AddDays(30), loaded.ExpiresAt);
    }
}

public sealed class PostgresRoundTripTests(PostgresDatabase database) : RoundTripTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqliteRoundTripTests(SqliteDatabase database) : RoundTripTests(database), IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task Instants_are_stored_as_integers_that_sort_in_time_order()
    {
        // SQLite has no instant type: the binary converter stores UTC instants as integers, so the period CHECK and the
        // catalog's date filters compare them correctly.
        await using var db = database.CreateContext();
        var organization = await Seed.OrganizationAsync(db);
        var early = Seed.Event(organization, "Matinale", startsAt: Seed.Start);
        var late = Seed.Event(organization, "Nocturne", startsAt: Seed.Start.AddMinutes(1));
        db.Events.AddRange(late, early);
        await db.SaveChangesAsync();

        var stored = await db.Database
            .SqlQueryRaw<StoredInstant>("SELECT slug AS Slug, typeof(starts_at) AS Type, starts_at AS Value FROM events WHERE slug IN ({0}, {1})", early.Slug, late.Slug)
            .ToListAsync();
        Assert.All(stored, s => Assert.Equal("integer", s.Type));
        Assert.True(stored.Single(s => s.Slug == early.Slug).Value < stored.Single(s => s.Slug == late.Slug).Value);
        Assert.Equal([early.Id, late.Id],
            await db.Events.Where(e => e.Id == early.Id || e.Id == late.Id).OrderBy(e => e.StartsAt).Select(e => e.Id).ToListAsync());
    }

    private sealed record StoredInstant(string Slug, string Type, long Value);
}
