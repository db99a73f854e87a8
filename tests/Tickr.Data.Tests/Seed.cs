using Tickr.Data.Identity;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;

namespace Tickr.Data.Tests;

/// <summary>Rows the tests start from, made through the domain (so they are valid) and saved in one go.</summary>
internal static class Seed
{
    /// <summary>When the data is created: events are in the summer after.</summary>
    public static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Start = new(2027, 7, 10, 21, 0, 0, TimeSpan.Zero);

    /// <summary>A unique suffix for slugs, so several tests can seed the same class database.</summary>
    public static string Unique() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>A user and the organization they own.</summary>
    public static async Task<Organization> OrganizationAsync(TickrDbContext db, string? slug = null)
    {
        var userId = Guid.CreateVersion7(Now);
        var email = $"owner-{Unique()}@tickr.tn";
        db.Users.Add(new TickrUser { Id = userId, UserName = email, Email = email, DisplayName = "Owner", CreatedAt = Now });
        var organization = Organization.Create("Festival de Carthage", slug ?? "org-" + Unique(), null, userId, email, Now);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization;
    }

    public static Venue Venue(Organization organization, string name = "Théâtre romain de Carthage", string city = "Carthage") =>
        Domain.Catalog.Venue.Create(organization.Id, new VenueDetails(name, "Rue Hannibal", city, "TN", new GeoPoint(36.8578, 10.3236), 7_500), Now);

    public static EventDetails Details(string title, string? description = null, Venue? venue = null, DateTimeOffset? startsAt = null) =>
        new(title, description, null, startsAt ?? Start, (startsAt ?? Start).AddHours(3), null, venue?.Id, null, null);

    /// <summary>A draft event with one regular ticket type (50 TND, 500 places).</summary>
    public static Event Event(Organization organization, string title = "Festival de Carthage", string? description = null, Venue? venue = null,
        Currency? currency = null, DateTimeOffset? startsAt = null)
    {
        currency ??= Currency.Tnd;
        var e = Domain.Catalog.Event.Create(organization.Id, Details(title, description, venue, startsAt), Slug.From(title) + "-" + Unique(), currency, Now);
        e.AddTicketType(new TicketTypeDetails("Regular", null, Money.FromMajor(50, currency), 500), Now);
        return e;
    }

    /// <summary>An organization with one event (and its ticket type), saved.</summary>
    public static async Task<Event> EventAsync(TickrDbContext db, Action<Event>? arrange = null)
    {
        var organization = await OrganizationAsync(db);
        var e = Event(organization);
        arrange?.Invoke(e);
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e;
    }
}
