using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Identity;
using Tickr.Data.Ordering;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;
using Tickr.Domain.Ordering;
using Tickr.Domain.Payments;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Ordering;

namespace Tickr.Graph.Commands;

/// <summary>
/// The demo data a new user explores: an organizer with a team, venues in Tunis, Sfax and Sousse, about twenty events
/// over the coming months with ticket types, shared quotas, a hidden type and promo codes, and a participant. Dates are
/// relative to now, so the catalog is never in the past. The first event ("Nuit du malouf") is ready for the web app's
/// dashboard and scanner: a check-in list, and paid orders spread over the last hour (bought through the real
/// reservation and checkout path with the Development payment provider, so inventory, tickets and audit agree; left
/// out where that provider is off, i.e. in Production). Runs on an empty embedded database at start-up, and on any
/// database with <c>-- seed-demo</c> (it refuses to seed twice).
/// </summary>
public sealed class DemoSeed(
    IDbContextFactory<TickrDbContext> contexts,
    UserManager<TickrUser> users,
    TimeProvider clock,
    IPaymentProviders payments,
    Checkout checkout)
{
    /// <summary>The password of every demo account (README lists them).</summary>
    public const string Password = "tickr-demo-2026";

    public const string OrganizerEmail = "organizer@demo.tickr.tn";
    public const string ManagerEmail = "manager@demo.tickr.tn";
    public const string ScannerEmail = "scanner@demo.tickr.tn";
    public const string ParticipantEmail = "participant@demo.tickr.tn";
    public const string OrganizationSlug = "carthage-live";
    public const string PromoCode = "BIENVENUE10";
    public const string AccessCode = "PRESSE2027";

    /// <summary>The event with a check-in list and paid orders.</summary>
    public const string LiveEventSlug = "nuit-du-malouf";

    public const string CheckInListName = "Entrée principale";

    /// <summary>
    /// The demo orders: buyers (accounts of their own with the demo password; the participant's wallet stays empty for a
    /// first purchase), when each paid, in minutes ago, and how many Normal and Early bird tickets.
    /// </summary>
    private static readonly (string Email, string Name, int MinutesAgo, int Normal, int EarlyBird)[] DemoOrders =
    [
        ("yasmine.bouazizi@demo.tickr.tn", "Yasmine Bouazizi", 57, 2, 0),
        ("mehdi.karoui@demo.tickr.tn", "Mehdi Karoui", 49, 0, 3),
        ("ines.chaabane@demo.tickr.tn", "Inès Chaabane", 41, 1, 0),
        ("nour.ayari@demo.tickr.tn", "Nour Ayari", 33, 2, 0),
        ("yasmine.bouazizi@demo.tickr.tn", "", 26, 1, 0),
        ("omar.haddad@demo.tickr.tn", "Omar Haddad", 18, 4, 0),
        ("ines.chaabane@demo.tickr.tn", "", 11, 0, 2),
        ("mehdi.karoui@demo.tickr.tn", "", 6, 1, 0),
        ("omar.haddad@demo.tickr.tn", "", 2, 2, 0),
    ];

    public async Task<string> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.Organizations.AnyAsync(o => o.Slug == OrganizationSlug, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"The demo data is already there (organization '{OrganizationSlug}').");
        }
        var now = clock.GetUtcNow();

        var organizer = await UserAsync(OrganizerEmail, "Leïla Ben Salah", now).ConfigureAwait(false);
        var manager = await UserAsync(ManagerEmail, "Karim Trabelsi", now).ConfigureAwait(false);
        var scanner = await UserAsync(ScannerEmail, "Sami Gharbi", now).ConfigureAwait(false);
        await UserAsync(ParticipantEmail, "Amira Jlassi", now).ConfigureAwait(false);

        var categories = await db.Categories.ToDictionaryAsync(c => c.Slug, cancellationToken).ConfigureAwait(false);

        var organization = Organization.Create("Carthage Live", OrganizationSlug,
            "Concerts, théâtre et festivals en Tunisie depuis 2011.", organizer.Id, organizer.Email!, now);
        organization.Invite(organizer.Id, manager.Email!, OrganizationRole.Manager, manager.Id, now);
        organization.Invite(organizer.Id, scanner.Email!, OrganizationRole.Scanner, scanner.Id, now);
        db.Organizations.Add(organization);

        var venues = Venues(organization.Id, now).ToDictionary(v => v.Name);
        db.Venues.AddRange(venues.Values);

        var events = new List<Event>();
        foreach (var spec in EventSpecs())
        {
            events.Add(CreateEvent(organization.Id, spec, venues[spec.Venue], categories[spec.Category], now));
        }
        db.Events.AddRange(events);
        var live = events.Single(e => e.Slug == LiveEventSlug);
        db.CheckInLists.Add(CheckInList.Create(live.Id, CheckInListName, [], now));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var orders = await SellAsync(live, now, cancellationToken).ConfigureAwait(false);
        return $"{events.Count} events ({events.Count(e => e.Status == EventStatus.Published)} published) at {venues.Count} venues, "
            + $"{orders} paid orders for '{live.Title}', {4 + (orders > 0 ? DemoOrders.Select(o => o.Email).Distinct().Count() : 0)} accounts";
    }

    /// <summary>
    /// Buys the demo orders of <paramref name="live"/> as real buyers would (reservation, then a Development payment),
    /// each reserved at its moment of the last hour; then dates each payment and its tickets to that moment, so the
    /// dashboard's orders-per-minute chart has a history. Nothing when the Development provider is off.
    /// </summary>
    private async Task<int> SellAsync(Event live, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!payments.IsConfigured(PaymentProviderKind.Development))
        {
            return 0;
        }
        var normal = live.TicketTypes.Single(t => t.Name == "Normal").Id;
        var earlyBird = live.TicketTypes.Single(t => t.Name == "Early bird").Id;
        var buyers = new Dictionary<string, TickrUser>(StringComparer.Ordinal);
        var paid = new List<(Guid OrderId, DateTimeOffset At)>();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var ev = await OrderBook.LoadEventForSaleAsync(db, live.Id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The demo event just created is not there.");
            foreach (var (email, name, minutesAgo, normalCount, earlyCount) in DemoOrders)
            {
                if (!buyers.TryGetValue(email, out var buyer))
                {
                    buyer = buyers[email] = await UserAsync(email, name, now).ConfigureAwait(false);
                }
                var at = now.AddMinutes(-minutesAgo).AddSeconds(-(minutesAgo * 7 % 50));
                List<ReservationItem> items = [];
                if (normalCount > 0)
                {
                    items.Add(new ReservationItem(normal, normalCount));
                }
                if (earlyCount > 0)
                {
                    items.Add(new ReservationItem(earlyBird, earlyCount));
                }
                var request = new ReservationRequest(ev.Id, buyer.Id, buyer.Email!, items, null, null, null);
                // Held from its moment until a little after now, so that paying it now is still within the hold.
                var outcome = await OrderBook.ReserveAsync(db, ev, request, at, now - at + TimeSpan.FromMinutes(10), new AuditSource(buyer.Id, null), cancellationToken)
                    .ConfigureAwait(false);
                db.ChangeTracker.Clear();
                var (_, order) = await checkout.StartAsync(outcome.Order, PaymentProviderKind.Development, new Uri("http://localhost/"),
                    new AuditSource(buyer.Id, null), cancellationToken).ConfigureAwait(false);
                if (order.Status == OrderStatus.Paid)
                {
                    paid.Add((order.Id, at.AddSeconds(40)));
                }
            }
        }
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var (orderId, at) in paid)
            {
                await db.Orders.Where(o => o.Id == orderId).ExecuteUpdateAsync(u => u.SetProperty(o => o.PaidAt, at), cancellationToken).ConfigureAwait(false);
                await db.Tickets.Where(t => t.OrderId == orderId).ExecuteUpdateAsync(u => u.SetProperty(t => t.IssuedAt, at), cancellationToken).ConfigureAwait(false);
            }
        }
        return paid.Count;
    }

    private async Task<TickrUser> UserAsync(string email, string name, DateTimeOffset now)
    {
        var user = new TickrUser
        {
            Id = Guid.CreateVersion7(now),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            CreatedAt = now,
        };
        var result = await users.CreateAsync(user, Password).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Cannot create the demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
        return user;
    }

    private static IEnumerable<Venue> Venues(Guid organizationId, DateTimeOffset now) =>
    [
        Venue.Create(organizationId, new VenueDetails("Théâtre municipal de Tunis", "2 rue de Grèce", "Tunis", "TN", new GeoPoint(36.7996, 10.1817), 1_000), now),
        Venue.Create(organizationId, new VenueDetails("Cité de la Culture", "Avenue Mohamed V", "Tunis", "TN", new GeoPoint(36.8166, 10.1807), 1_800), now),
        Venue.Create(organizationId, new VenueDetails("Amphithéâtre de Carthage", "Rue de l'Amphithéâtre", "Carthage", "TN", new GeoPoint(36.8570, 10.3161), 7_500), now),
        Venue.Create(organizationId, new VenueDetails("Théâtre municipal de Sfax", "Avenue Habib Bourguiba", "Sfax", "TN", new GeoPoint(34.7398, 10.7600), 600), now),
        Venue.Create(organizationId, new VenueDetails("Palais des expositions de Sfax", "Route de Tunis km 1", "Sfax", "TN", new GeoPoint(34.7610, 10.7420), 3_000), now),
        Venue.Create(organizationId, new VenueDetails("Stade olympique de Sousse", "Boulevard du 14 Janvier", "Sousse", "TN", new GeoPoint(35.8166, 10.6080), 25_000), now),
        Venue.Create(organizationId, new VenueDetails("Centre culturel de Sousse", "Rue de Palestine", "Sousse", "TN", new GeoPoint(35.8290, 10.6370), 450), now),
    ];

    private sealed record EventSpec(
        string Title, string Description, string Category, string Venue, int DaysFromNow, int Hour, double Hours,
        long RegularTnd, int Capacity, bool EarlyBird = false, bool Vip = false, bool Hidden = false, bool Promo = false, bool Draft = false);

    private static IEnumerable<EventSpec> EventSpecs() =>
    [
        new("Nuit du malouf", "Un voyage dans la musique arabo-andalouse avec l'orchestre de la Rachidia.", "concerts", "Théâtre municipal de Tunis", 9, 20, 2.5, 40, 600, EarlyBird: true, Promo: true),
        new("Jazz à Carthage — soirée d'ouverture", "Le festival de jazz s'ouvre sous les étoiles de l'amphithéâtre.", "festivals", "Amphithéâtre de Carthage", 16, 21, 3, 80, 5_000, EarlyBird: true, Vip: true, Hidden: true, Promo: true),
        new("Hamlet, en arabe tunisien", "Une adaptation contemporaine de la tragédie de Shakespeare.", "theatre", "Théâtre municipal de Tunis", 20, 19, 2, 30, 500),
        new("Derby du Sahel", "Le match de gala de la saison au stade olympique.", "sport", "Stade olympique de Sousse", 24, 16, 2, 15, 20_000, Vip: true),
        new("Stand-up: « On rit de tout »", "Trois humoristes, une soirée, aucun sujet tabou.", "humour", "Centre culturel de Sousse", 27, 20, 1.5, 25, 400, Promo: true),
        new("Conférence Tech Tunisia 2027", "Une journée sur le cloud, l'IA et les start-up tunisiennes. Talks in English and French.", "conferences", "Cité de la Culture", 33, 9, 8, 120, 800, EarlyBird: true, Promo: true),
        new("Festival de la médina de Sfax", "Musique, contes et gastronomie dans la vieille ville.", "festivals", "Palais des expositions de Sfax", 38, 18, 5, 20, 2_500, EarlyBird: true),
        new("Orchestre symphonique tunisien: Beethoven 9", "La neuvième symphonie et son Ode à la joie, avec chœur.", "concerts", "Cité de la Culture", 41, 20, 2, 50, 1_500, Vip: true, Promo: true),
        new("Exposition « Mosaïques de Carthage »", "Visite guidée des plus belles mosaïques puniques et romaines.", "expositions", "Cité de la Culture", 45, 10, 6, 10, 300),
        new("Théâtre jeune public: Le petit prince", "Pour les enfants dès 6 ans, en français.", "famille", "Théâtre municipal de Sfax", 48, 15, 1.5, 12, 500),
        new("Rap tunisien: la nouvelle scène", "Cinq artistes de la scène rap de Tunis, Sfax et Sousse.", "concerts", "Palais des expositions de Sfax", 55, 21, 4, 35, 2_800, EarlyBird: true),
        new("Semi-marathon de Sousse", "21 km le long de la corniche. Dossard et t-shirt inclus.", "sport", "Stade olympique de Sousse", 62, 7, 4, 45, 3_000, EarlyBird: true),
        new("Soirée stambali", "Transe et musique gnawa tunisienne.", "concerts", "Centre culturel de Sousse", 66, 21, 3, 25, 400),
        new("Forum de l'entrepreneuriat", "Rencontres entre investisseurs et jeunes entreprises.", "conferences", "Palais des expositions de Sfax", 73, 9, 9, 60, 1_000, Promo: true),
        new("Comédie musicale: Ali Baba", "Un spectacle pour toute la famille.", "famille", "Théâtre municipal de Tunis", 80, 16, 2, 30, 800, Vip: true),
        new("Festival international de Carthage: grand concert", "La grande soirée du festival, dans l'amphithéâtre romain.", "festivals", "Amphithéâtre de Carthage", 95, 21, 3, 90, 7_000, EarlyBird: true, Vip: true, Promo: true),
        new("Cinéma en plein air: classiques tunisiens", "Projection de films restaurés sous les étoiles.", "expositions", "Amphithéâtre de Carthage", 110, 21, 3, 15, 3_000),
        new("One-woman show: « Tunisoise »", "Un regard drôle et tendre sur la vie à Tunis.", "humour", "Théâtre municipal de Sfax", 125, 20, 1.5, 30, 550),
        new("Nuit du oud", "Récital de oud solo, de la tradition à l'improvisation.", "concerts", "Théâtre municipal de Sfax", 140, 20, 2, 0, 500),
        new("Gala de fin d'année (brouillon)", "En préparation.", "concerts", "Cité de la Culture", 160, 20, 3, 70, 1_200, Vip: true, Draft: true),
        new("Tournée d'été (brouillon)", "Dates à confirmer.", "festivals", "Stade olympique de Sousse", 200, 20, 4, 40, 15_000, Draft: true),
    ];

    private static Event CreateEvent(Guid organizationId, EventSpec spec, Venue venue, Category category, DateTimeOffset now)
    {
        var tunis = TimeZoneInfo.FindSystemTimeZoneById(EventTimeZone.Default);
        var day = TimeZoneInfo.ConvertTime(now, tunis).Date.AddDays(spec.DaysFromNow).AddHours(spec.Hour);
        var startsAt = new DateTimeOffset(day, tunis.GetUtcOffset(day)).ToUniversalTime();
        var endsAt = startsAt.AddHours(spec.Hours);
        var e = Event.Create(
            organizationId,
            new EventDetails(spec.Title, spec.Description, null, startsAt, endsAt, EventTimeZone.Default, venue.Id, category.Id,
                spec.RegularTnd > 0 ? new RefundPolicy(true, 48, true) : RefundPolicy.NoRefunds),
            Slug.From(spec.Title),
            Currency.Tnd,
            now);
        var regularPrice = Money.FromMajor(spec.RegularTnd, Currency.Tnd);
        var general = new List<Guid>();
        if (spec.EarlyBird)
        {
            var earlyEnd = startsAt.AddDays(-Math.Max(2, spec.DaysFromNow / 3));
            general.Add(e.AddTicketType(new TicketTypeDetails("Early bird", "Le tarif des premiers acheteurs.", Money.FromDecimal(spec.RegularTnd * 0.75m, Currency.Tnd),
                spec.Capacity / 4, SalesEndAt: earlyEnd > now ? earlyEnd : null, MaxPerOrder: 4), now).Id);
        }
        general.Add(e.AddTicketType(new TicketTypeDetails(spec.RegularTnd == 0 ? "Entrée libre (réservation)" : "Normal", null, regularPrice,
            spec.EarlyBird ? spec.Capacity * 3 / 4 : spec.Capacity, MaxPerOrder: 8), now).Id);
        if (spec.EarlyBird)
        {
            // Early bird and regular share the hall: together they never sell more than its capacity.
            e.CreateQuota("Salle", spec.Capacity, general, now);
        }
        if (spec.Vip)
        {
            e.AddTicketType(new TicketTypeDetails("VIP", "Placement en carré VIP, accès au salon.", regularPrice * 3, Math.Max(20, spec.Capacity / 20), MaxPerOrder: 4), now);
        }
        if (spec.Hidden)
        {
            e.AddTicketType(new TicketTypeDetails("Presse", "Réservé à la presse accréditée.", Money.Zero(Currency.Tnd), 50, MaxPerOrder: 2,
                IsHidden: true, AccessCode: AccessCode), now);
        }
        if (spec.Promo)
        {
            e.CreatePromoCode(new PromoCodeDetails(PromoCode, DiscountKind.Percentage, 10, null, 200, null, startsAt, null), now);
        }
        if (!spec.Draft)
        {
            e.Publish(now);
        }
        return e;
    }
}
