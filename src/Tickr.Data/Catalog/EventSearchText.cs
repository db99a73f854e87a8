using Microsoft.EntityFrameworkCore;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;

namespace Tickr.Data.Catalog;

/// <summary>
/// Keeps the columns that search and filters read in step with the entities, on every save: a venue's city key, an
/// event's venue text (so that search finds "Sousse" in events held there) and, on SQLite, the event's plain search
/// text. PostgreSQL computes its ranked full-text vector from these columns itself (a stored generated column).
/// </summary>
public static class EventSearchText
{
    /// <summary>Venue: the city, lower-case without accents.</summary>
    public const string CityKey = "CityKey";

    /// <summary>Event: its venue's name and city, lower-case without accents.</summary>
    public const string VenueText = "VenueText";

    /// <summary>Event, SQLite only: title and description, lower-case without accents (LIKE search).</summary>
    public const string SearchText = "SearchText";

    /// <summary>Lower-case, accents removed, whitespace collapsed: how both stored text and queries are compared.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var plain = Text.RemoveDiacritics(text).ToLowerInvariant();
        return string.Join(' ', plain.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Fills the derived columns of added and modified venues and events; returns the venues whose text changed.</summary>
    internal static async Task<List<Venue>> RefreshAsync(TickrDbContext db, CancellationToken cancellationToken)
    {
        var renamedVenues = new List<Venue>();
        foreach (var entry in db.ChangeTracker.Entries<Venue>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Property<string>(CityKey).CurrentValue = Normalize(entry.Entity.City);
                if (entry.State == EntityState.Modified
                    && (entry.Property(v => v.Name).IsModified || entry.Property(v => v.City).IsModified))
                {
                    renamedVenues.Add(entry.Entity);
                }
            }
        }
        var hasSearchText = db.Model.FindEntityType(typeof(Event))?.FindProperty(SearchText) is not null;
        foreach (var entry in db.ChangeTracker.Entries<Event>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            var e = entry.Entity;
            if (entry.State == EntityState.Added || entry.Property(x => x.VenueId).IsModified)
            {
                entry.Property<string?>(VenueText).CurrentValue = e.VenueId is { } venueId
                    ? await VenueTextAsync(db, venueId, cancellationToken).ConfigureAwait(false)
                    : null;
            }
            if (hasSearchText)
            {
                entry.Property<string>(SearchText).CurrentValue = Normalize(e.Title + " " + e.Description);
            }
        }
        return renamedVenues;
    }

    /// <summary>After a venue's name or city changed: its events' venue text follows.</summary>
    internal static async Task PropagateAsync(TickrDbContext db, List<Venue> renamedVenues, CancellationToken cancellationToken)
    {
        foreach (var venue in renamedVenues)
        {
            var text = Of(venue);
            await db.Events
                .Where(e => e.VenueId == venue.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => EF.Property<string?>(e, VenueText), text), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static string Of(Venue venue) => Normalize(venue.Name + " " + venue.City);

    private static async Task<string?> VenueTextAsync(TickrDbContext db, Guid venueId, CancellationToken cancellationToken)
    {
        var tracked = db.Venues.Local.FirstOrDefault(v => v.Id == venueId);
        if (tracked is not null)
        {
            return Of(tracked);
        }
        var venue = await db.Venues.AsNoTracking()
            .Where(v => v.Id == venueId)
            .Select(v => new { v.Name, v.City })
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        return venue is null ? null : Normalize(venue.Name + " " + venue.City);
    }
}
