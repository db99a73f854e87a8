using System.Text;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Tickr.Data.Providers;
using Tickr.Domain.Catalog;

namespace Tickr.Data.Catalog;

/// <summary>
/// Text search over events (title, description, venue name and city), accents and case ignored.
/// PostgreSQL: full-text search on the stored, weighted vector (French and English stemming, so "concerts" finds
/// "concert"), each word also matched as a prefix (so "carth" finds "Carthage"), ranked title › description › venue.
/// SQLite: every word must appear in the normalized text (LIKE), ranked title matches first.
/// </summary>
public static class EventSearch
{
    public const int MaxTerms = 8;

    /// <summary>The words of a search, normalized (lower-case, no accents, letters and digits only); at most <see cref="MaxTerms"/>.</summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        var normalized = EventSearchText.Normalize(text);
        var terms = new List<string>();
        var sb = new StringBuilder();
        foreach (var c in normalized + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0)
            {
                if (!terms.Contains(sb.ToString()))
                {
                    terms.Add(sb.ToString());
                }
                sb.Clear();
            }
        }
        return terms.Count > MaxTerms ? terms.GetRange(0, MaxTerms) : terms;
    }

    /// <summary>
    /// Keeps the events matching every word of <paramref name="text"/>; unchanged when the text is blank (no search),
    /// empty when it is not blank but holds no word (<c>"!!!"</c>, <c>"&amp;|"</c>, emoji): such a search finds nothing
    /// rather than the whole catalog.
    /// </summary>
    public static IQueryable<Event> Matching(TickrDbContext db, IQueryable<Event> events, string? text)
    {
        ArgumentNullException.ThrowIfNull(db);
        var terms = Terms(text);
        if (terms.Count == 0)
        {
            return string.IsNullOrWhiteSpace(text) ? events : events.Where(e => false);
        }
        if (db.Provider == DatabaseProvider.PostgreSql)
        {
            var words = terms.ToArray();
            var documents = db.Set<EventSearchDocument>();
            return events.Where(e => documents.Any(d => d.EventId == e.Id && d.Vector.Matches(SearchQuery(words))));
        }
        foreach (var term in terms)
        {
            var pattern = "%" + term + "%";
            events = events.Where(e =>
                EF.Functions.Like(EF.Property<string>(e, EventSearchText.SearchText), pattern)
                || EF.Functions.Like(EF.Property<string>(e, EventSearchText.VenueText), pattern));
        }
        return events;
    }

    /// <summary>Orders matches by relevance (best first), then by start date and id so pages are stable.</summary>
    public static IOrderedQueryable<Event> OrderByRelevance(TickrDbContext db, IQueryable<Event> events, string? text)
    {
        ArgumentNullException.ThrowIfNull(db);
        var terms = Terms(text);
        if (terms.Count == 0)
        {
            return events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id);
        }
        if (db.Provider == DatabaseProvider.PostgreSql)
        {
            var words = terms.ToArray();
            var documents = db.Set<EventSearchDocument>();
            return events
                .OrderByDescending(e => documents.Where(d => d.EventId == e.Id).Select(d => d.Vector.RankCoverDensity(SearchQuery(words))).FirstOrDefault())
                .ThenBy(e => e.StartsAt)
                .ThenBy(e => e.Id);
        }
        var first = "%" + terms[0] + "%";
        return events
            .OrderByDescending(e => EF.Functions.Like(e.Title.ToLower(), first))
            .ThenBy(e => e.StartsAt)
            .ThenBy(e => e.Id);
    }

    /// <summary>
    /// PostgreSQL's <c>tickr_search_query(text[])</c> (created by the initial migration): the tsquery of the words,
    /// one clause per word matching its French or English stem or, from 3 letters, any lexeme it starts. Only usable in
    /// queries.
    /// </summary>
    public static NpgsqlTsQuery SearchQuery(string[] terms) =>
        throw new InvalidOperationException("tickr_search_query runs in PostgreSQL only, inside a LINQ query.");
}
