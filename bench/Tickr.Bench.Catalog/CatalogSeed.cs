using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Identity;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;

namespace Tickr.Bench.Catalog;

/// <summary>
/// The benchmark's catalog, built through the domain like src/Tickr.Graph/Commands/DemoSeed.cs: 6 organizations (each
/// with an owner account), 2 venues each in 7 cities, the 8 standard categories, and N published upcoming events
/// with 2–4 ticket types each. Deterministic: event i always has the same organization, venue, category, title,
/// description, start (relative to now: one every 7 hours from tomorrow), prices and ticket types. Only ids (UUIDv7)
/// and the absolute dates change from run to run.
/// Ticket types: "Normal" always; a second one, alternately "Early bird" (with a "Salle" quota over it and Normal,
/// smaller than their capacities, so that `remaining` is limited by the quota) or "Tarif réduit"; "VIP" on a third of
/// the events; a fourth on another third, every fifth of those a hidden "Presse" type (never listed publicly).
/// </summary>
internal static class CatalogSeed
{
    private static readonly string[] Organizations =
        ["Carthage Live", "Sahel Events", "Médina Productions", "Tunis Arena", "Cap Bon Festivals", "Djerba Scènes"];

    private static readonly (string Name, string Address, string City, double Lat, double Lon, int Capacity)[] Venues =
    [
        ("Théâtre municipal de Tunis", "2 rue de Grèce", "Tunis", 36.7996, 10.1817, 1_000),
        ("Cité de la Culture", "Avenue Mohamed V", "Tunis", 36.8166, 10.1807, 1_800),
        ("Stade olympique de Sousse", "Boulevard du 14 Janvier", "Sousse", 35.8166, 10.6080, 25_000),
        ("Centre culturel de Sousse", "Rue de Palestine", "Sousse", 35.8290, 10.6370, 450),
        ("Théâtre municipal de Sfax", "Avenue Habib Bourguiba", "Sfax", 34.7398, 10.7600, 600),
        ("Palais des expositions de Sfax", "Route de Tunis km 1", "Sfax", 34.7610, 10.7420, 3_000),
        ("Coupole d'El Menzah", "Avenue Taieb Mhiri", "Tunis", 36.8390, 10.1760, 5_000),
        ("Amphithéâtre de Carthage", "Rue de l'Amphithéâtre", "Carthage", 36.8570, 10.3161, 7_500),
        ("Centre culturel international d'Hammamet", "Avenue des Nations Unies", "Hammamet", 36.3920, 10.5980, 1_000),
        ("Théâtre de plein air de Nabeul", "Avenue Habib Thameur", "Nabeul", 36.4510, 10.7350, 2_500),
        ("Espace Houmt Souk", "Place Hedi Chaker", "Djerba", 33.8760, 10.8570, 700),
        ("Théâtre de plein air de Midoun", "Route touristique", "Djerba", 33.8080, 10.9920, 1_500),
    ];

    private static readonly string[] Themes =
    [
        "Nuit du malouf", "Jazz sous les étoiles", "Hamlet en tunisien", "Derby du Sahel", "Stand-up: On rit de tout",
        "Conférence Tech Tunisia", "Festival de la médina", "Beethoven 9", "Mosaïques de Carthage", "Le petit prince",
        "Rap tunisien: la nouvelle scène", "Semi-marathon", "Soirée stambali", "Forum de l'entrepreneuriat", "Ali Baba, la comédie musicale",
        "Grand concert d'été", "Cinéma en plein air", "Tunisoise, one-woman show", "Nuit du oud", "Gala de la chanson",
    ];

    private static readonly string[] Categories = ["concerts", "theatre", "festivals", "sport", "conferences", "humour", "expositions", "famille"];

    public static async Task<string> RunAsync(TickrDbContext db, int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.ToDictionaryAsync(c => c.Slug, cancellationToken);

        var organizations = new List<Organization>();
        var venues = new List<Venue>();
        for (var o = 0; o < Organizations.Length; o++)
        {
            var email = $"owner{o.ToString(CultureInfo.InvariantCulture)}@bench.tickr.tn";
            var owner = new TickrUser
            {
                Id = Guid.CreateVersion7(now),
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                DisplayName = "Owner " + Organizations[o],
                SecurityStamp = Guid.NewGuid().ToString("N"),
                CreatedAt = now,
            };
            db.Users.Add(owner);
            var organization = Organization.Create(Organizations[o], Slug.From(Organizations[o]), $"{Organizations[o]}: concerts, théâtre et festivals en Tunisie.", owner.Id, email, now);
            organizations.Add(organization);
            db.Organizations.Add(organization);
            for (var v = 0; v < 2; v++)
            {
                var spec = Venues[(2 * o + v) % Venues.Length];
                var venue = Venue.Create(organization.Id, new VenueDetails(spec.Name, spec.Address, spec.City, "TN", new GeoPoint(spec.Lat, spec.Lon), spec.Capacity), now);
                venues.Add(venue);
                db.Venues.Add(venue);
            }
        }
        await db.SaveChangesAsync(cancellationToken);

        var tunis = TimeZoneInfo.FindSystemTimeZoneById(EventTimeZone.Default);
        var firstDay = TimeZoneInfo.ConvertTime(now, tunis).Date.AddDays(1).AddHours(9);
        var types = 0;
        for (var i = 0; i < count; i++)
        {
            var o = i % organizations.Count;
            var venue = venues[2 * o + (i / organizations.Count) % 2];
            var category = categories[Categories[(i * 5 + i / 8) % Categories.Length]];
            var local = firstDay.AddHours(7 * i);
            var startsAt = new DateTimeOffset(local, tunis.GetUtcOffset(local)).ToUniversalTime();
            var endsAt = startsAt.AddHours(2 + i % 3);
            var number = (i + 1).ToString("000", CultureInfo.InvariantCulture);
            var title = $"{Themes[i % Themes.Length]} #{number}";
            var description =
                $"{Themes[i % Themes.Length]}, édition {number}, à {venue.Name} ({venue.City}). Une soirée préparée par {organizations[o].Name} "
                + "avec des artistes tunisiens et invités, ouverture des portes une heure avant le début. Placement libre sauf en carré VIP.";
            var e = Event.Create(
                organizations[o].Id,
                new EventDetails(title, description, null, startsAt, endsAt, EventTimeZone.Default, venue.Id, category.Id, new RefundPolicy(true, 48, true)),
                Slug.From(title),
                Currency.Tnd,
                now);
            var basePrice = i % 37 == 0 ? 0 : 10 + i * 7 % 90;
            var capacity = Math.Max(100, (venue.Capacity ?? 1_000) * (6 + i % 4) / 10);
            var price = Money.FromMajor(basePrice, Currency.Tnd);
            var normal = e.AddTicketType(new TicketTypeDetails(basePrice == 0 ? "Entrée libre" : "Normal", null, price, capacity, MaxPerOrder: 8), now);
            if (i % 2 == 0)
            {
                var early = e.AddTicketType(new TicketTypeDetails("Early bird", "Le tarif des premiers acheteurs.", Money.FromDecimal(basePrice * 0.75m, Currency.Tnd), capacity / 4, MaxPerOrder: 4), now);
                // Early bird and Normal share the hall, which holds less than both together: the quota limits Normal.
                e.CreateQuota("Salle", capacity * 9 / 10, [normal.Id, early.Id], now);
            }
            else
            {
                e.AddTicketType(new TicketTypeDetails("Tarif réduit", "Étudiants et moins de 18 ans, sur justificatif.", Money.FromDecimal(basePrice * 0.5m, Currency.Tnd), capacity / 5, MaxPerOrder: 4), now);
            }
            if (i % 3 >= 1)
            {
                e.AddTicketType(new TicketTypeDetails("VIP", "Placement en carré VIP, accès au salon.", price * 3, Math.Max(20, capacity / 20), MaxPerOrder: 4), now);
            }
            if (i % 3 == 2)
            {
                e.AddTicketType(i % 5 == 0
                    ? new TicketTypeDetails("Presse", "Réservé à la presse accréditée.", Money.Zero(Currency.Tnd), 50, MaxPerOrder: 2, IsHidden: true, AccessCode: "PRESSE" + number)
                    : new TicketTypeDetails("Famille (4 places)", "Deux adultes et deux enfants.", price * 3, Math.Max(10, capacity / 10), MinPerOrder: 1, MaxPerOrder: 2), now);
            }
            e.Publish(now);
            types += e.TicketTypes.Count;
            db.Events.Add(e);
        }
        await db.SaveChangesAsync(cancellationToken);
        return $"{count} published events ({types} ticket types) of {organizations.Count} organizations at {venues.Count} venues";
    }
}
