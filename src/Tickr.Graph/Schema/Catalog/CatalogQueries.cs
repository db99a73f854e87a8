using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Catalog;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;
using Tickr.Graph.Schema.Catalog.Loaders;
using Tickr.Graph.Schema.Common;
using Tickr.Graph.Schema.Identity;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog;

/// <summary>The public catalog: events, categories and venues.</summary>
[QueryType]
public sealed class CatalogQueries
{
    /// <summary>
    /// Published events, upcoming first (or as <c>order</c> says), filtered by <c>where</c>. Drafts never appear here,
    /// even to their organization (see <c>Organization.events</c>).
    /// </summary>
    [GraphQLCost(1, SlicingArguments = ["first"])]
    public Task<Connection<EventNode>> GetEventsAsync(
        [Service] IDbContextFactory<TickrDbContext> contexts,
        [Service] TimeProvider clock,
        IResolverContext context,
        [GraphQLDescription("Filters; all given ones apply together.")] EventFilter? where = null,
        [GraphQLDescription("Sort order (default: relevance when searching, else start date).")] EventOrder? order = null,
        [GraphQLDescription("Page size, 0 to 100 (default 20).")] int? first = null,
        [GraphQLDescription("The cursor after which the page starts (an edge's `cursor` or `pageInfo.endCursor`).")] string? after = null)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(context);
        var now = clock.GetUtcNow();
        var filter = where ?? new EventFilter();
        var categoryId = Ids.Optional(filter.CategoryId, CategoryNode.TypeName, "where.categoryId");
        var organizationId = Ids.Optional(filter.OrganizationId, OrganizationNode.TypeName, "where.organizationId");
        Money? maxPrice = null;
        if (filter.MaxPrice is { } price)
        {
            try
            {
                maxPrice = price.ToMoney("where.maxPrice");
            }
            catch (DomainException e)
            {
                throw new GraphQLException(e.Message, ErrorCodes.BadUserInput);
            }
        }
        if (filter.StartsAfter is { } a && filter.StartsBefore is { } b && b <= a)
        {
            throw new GraphQLException("where.startsBefore must be after where.startsAfter.", ErrorCodes.BadUserInput);
        }
        var city = filter.City is { } c ? EventSearchText.Normalize(c) : null;
        var startsAfter = filter.StartsAfter?.ToUniversalTime();
        var startsBefore = filter.StartsBefore?.ToUniversalTime();
        var includeEnded = filter.IncludeEnded ?? false;

        IQueryable<Event> Query(TickrDbContext db)
        {
            var events = db.Events.AsNoTracking().Where(e => e.Status == EventStatus.Published);
            if (!includeEnded)
            {
                events = events.Where(e => e.EndsAt > now);
            }
            if (categoryId is { } category)
            {
                events = events.Where(e => e.CategoryId == category);
            }
            if (organizationId is { } organization)
            {
                events = events.Where(e => e.OrganizationId == organization);
            }
            if (startsAfter is { } after)
            {
                events = events.Where(e => e.StartsAt >= after);
            }
            if (startsBefore is { } before)
            {
                events = events.Where(e => e.StartsAt < before);
            }
            if (!string.IsNullOrEmpty(city))
            {
                events = events.Where(e => db.Venues.Any(v => v.Id == e.VenueId && EF.Property<string>(v, EventSearchText.CityKey) == city));
            }
            if (maxPrice is { } max)
            {
                var limit = max.MinorUnits;
                var currency = max.Currency;
                events = events.Where(e => e.Currency == currency
                    && db.TicketTypes.Any(t => t.EventId == e.Id && !t.IsHidden && t.Price.MinorUnits <= limit));
            }
            events = EventSearch.Matching(db, events, filter.Search);
            return Sort(db, events, order, filter.Search);
        }

        var venues = context.DataLoader<VenueByIdLoader>();
        var organizations = context.DataLoader<Identity.Loaders.OrganizationByIdLoader>();
        EventNode ToNode(EventPageRow row)
        {
            if (row.Venue is { } venue)
            {
                venues.Prime(venue.Id, venue);
            }
            if (row.Organization is { } organization)
            {
                organizations.Prime(organization.Id, organization);
            }
            return new EventNode(row.Event);
        }

        if (IsUpcomingPage(filter, order))
        {
            // The catalog's landing page (no filter, default order), the most frequent request: a compiled query.
            return Paging.ToConnectionAsync(
                contexts,
                (db, skip, take) => CompiledQueries.Get(UpcomingKey, db.GetType(), CompileUpcomingPage)(db, now, skip, take),
                (db, ct) => CompiledQueries.Get(UpcomingCountKey, db.GetType(), CompileUpcomingCount)(db, now),
                first,
                after,
                ToNode,
                context.CancellationToken);
        }
        return Paging.ToConnectionAsync(contexts, Query, WithVenueAndOrganization, first, after, ToNode, context.CancellationToken);
    }

    private static readonly object UpcomingKey = new();
    private static readonly object UpcomingCountKey = new();

    // The same query as the general path with no filter (published, not ended, by start date, venue and organization
    // joined), written out: a compiled query's expression cannot call helper methods.
    private static Func<TickrDbContext, DateTimeOffset, int, int, IAsyncEnumerable<EventPageRow>> CompileUpcomingPage() =>
        EF.CompileAsyncQuery((TickrDbContext db, DateTimeOffset now, int skip, int take) =>
            from e in db.Events.AsNoTracking()
                .Where(e => e.Status == EventStatus.Published && e.EndsAt > now)
                .OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
                .Skip(skip).Take(take)
            join v in db.Venues on e.VenueId equals v.Id into venues
            from v in venues.DefaultIfEmpty()
            join o in db.Organizations on e.OrganizationId equals o.Id
            select new EventPageRow(e, v, o));

    private static Func<TickrDbContext, DateTimeOffset, Task<int>> CompileUpcomingCount() =>
        EF.CompileAsyncQuery((TickrDbContext db, DateTimeOffset now) =>
            db.Events.Count(e => e.Status == EventStatus.Published && e.EndsAt > now));

    private static bool IsUpcomingPage(EventFilter filter, EventOrder? order) =>
        filter is { Search: null, CategoryId: null, City: null, StartsAfter: null, StartsBefore: null, MaxPrice: null, OrganizationId: null, IncludeEnded: null or false }
        && order is null or { Field: null or EventOrderField.StartsAt, Direction: null or SortDirection.Asc };

    /// <summary>One event by id or by slug (give exactly one). Drafts are found by their organization only; null otherwise.</summary>
    public async Task<EventNode?> GetEventAsync(
        [Service] IDbContextFactory<TickrDbContext> contexts,
        IResolverContext context,
        EventByIdLoader events,
        [ID, GraphQLDescription("The event's global id.")] string? id = null,
        [GraphQLDescription("The event's slug, e.g. `nuit-du-malouf`.")] string? slug = null)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        if ((id is null) == (slug is null))
        {
            throw new GraphQLException("event takes exactly one of id and slug.", ErrorCodes.BadUserInput);
        }
        Event? e;
        if (id is not null)
        {
            e = await events.LoadAsync(Ids.Require(id, EventNode.TypeName, "id"));
        }
        else
        {
            await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
            e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Slug == slug, context.CancellationToken);
        }
        return e is not null && await context.GetAccess().CanSeeAsync(e, context.CancellationToken)
            ? new EventNode(e)
            : null;
    }

    /// <summary>Every category, by name.</summary>
    public async Task<IReadOnlyList<CategoryNode>> GetCategoriesAsync([Service] IDbContextFactory<TickrDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return categories.Select(c => new CategoryNode(c)).ToArray();
    }

    /// <summary>Venues, by city then name, optionally in one city (accents and case ignored).</summary>
    [GraphQLCost(1, SlicingArguments = ["first"])]
    public Task<Connection<VenueNode>> GetVenuesAsync(
        [Service] IDbContextFactory<TickrDbContext> contexts,
        IResolverContext context,
        [GraphQLDescription("Only venues in this city, e.g. `Sfax`.")] string? city = null,
        [GraphQLDescription("Page size, 0 to 100 (default 20).")] int? first = null,
        [GraphQLDescription("The cursor after which the page starts.")] string? after = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = city is null ? null : EventSearchText.Normalize(city);
        return Paging.ToConnectionAsync(
            contexts,
            db =>
            {
                var venues = db.Venues.AsNoTracking();
                if (key is not null)
                {
                    venues = venues.Where(v => EF.Property<string>(v, EventSearchText.CityKey) == key);
                }
                return venues.OrderBy(v => v.City).ThenBy(v => v.Name).ThenBy(v => v.Id);
            },
            first,
            after,
            v => new VenueNode(v),
            context.CancellationToken);
    }

    // Each event's venue and organization come with the page (left joins by key on the page's rows): a catalog page
    // nearly always shows them, and priming their loaders saves two round trips.
    private static IQueryable<EventPageRow> WithVenueAndOrganization(TickrDbContext db, IQueryable<Event> page) =>
        from e in page
        join v in db.Venues on e.VenueId equals v.Id into venues
        from v in venues.DefaultIfEmpty()
        join o in db.Organizations on e.OrganizationId equals o.Id
        select new EventPageRow(e, v, o);

    private static IOrderedQueryable<Event> Sort(TickrDbContext db, IQueryable<Event> events, EventOrder? order, string? search)
    {
        var field = order?.Field ?? (EventSearch.Terms(search).Count > 0 ? EventOrderField.Relevance : EventOrderField.StartsAt);
        var descending = order?.Direction == SortDirection.Desc;
        return field switch
        {
            EventOrderField.Relevance => EventSearch.OrderByRelevance(db, events, search),
            EventOrderField.Title => descending
                ? events.OrderByDescending(e => e.Title).ThenByDescending(e => e.Id)
                : events.OrderBy(e => e.Title).ThenBy(e => e.Id),
            EventOrderField.PublishedAt => descending
                ? events.OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.Id)
                : events.OrderBy(e => e.PublishedAt).ThenBy(e => e.Id),
            _ => descending
                ? events.OrderByDescending(e => e.StartsAt).ThenByDescending(e => e.Id)
                : events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id),
        };
    }
}

/// <summary>An event of a catalog page with its venue and organization, read in the page's query.</summary>
public sealed record EventPageRow(Event Event, Venue? Venue, Organization? Organization);
