using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Ordering;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Graph.Auth;
using Tickr.Graph.Schema.Catalog.Loaders;
using Tickr.Graph.Schema.Errors;
using Tickr.GraphQL;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>
/// One catalog mutation's unit of work: its own context (resolvers never share one), the caller's access, one clock
/// reading, and the rules every catalog mutation follows in the same order:
/// <list type="number">
/// <item>anonymous callers get a top-level <c>UNAUTHENTICATED</c> error (a client fault, not a business outcome);</item>
/// <item>the target is loaded with what its rules need; unknown, or outside the caller's organizations:
/// <see cref="NotFoundError"/> (whether a foreign object exists is never revealed); in one of the caller's
/// organizations but their role (scanner) or key (read-only) does not allow it: <see cref="NotAuthorizedError"/>;</item>
/// <item>the domain decides (a <see cref="DomainException"/> becomes its typed error);</item>
/// <item>one <c>SaveChanges</c> writes everything or nothing; a lost optimistic-concurrency race becomes
/// <see cref="ConcurrentUpdateError"/>, a unique index <see cref="DuplicateError"/>, an inventory CHECK
/// <see cref="CapacityBelowSoldError"/>.</item>
/// </list>
/// </summary>
internal sealed class CatalogWrite
{
    private readonly IResolverContext _context;

    private CatalogWrite(IResolverContext context, TickrDbContext db, Access access, DateTimeOffset now)
    {
        _context = context;
        Db = db;
        Access = access;
        Now = now;
    }

    public TickrDbContext Db { get; }

    public Access Access { get; }

    /// <summary>The instant of the mutation, read once.</summary>
    public DateTimeOffset Now { get; }

    public CancellationToken CancellationToken => _context.CancellationToken;

    /// <summary>
    /// Runs <paramref name="body"/> as described on the class; business failures come back as <paramref name="failed"/>
    /// payloads with errors of the mutation's union <typeparamref name="TError"/>.
    /// </summary>
    public static async Task<TPayload> RunAsync<TError, TPayload>(
        IResolverContext context,
        Func<CatalogWrite, Task<TPayload>> body,
        Func<IReadOnlyList<TError>, TPayload> failed)
        where TError : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var access = context.GetAccess();
        if (!access.Actor.IsAuthenticated)
        {
            throw new GraphQLException("This mutation requires a signed-in user or an API key.", TickrErrorCodes.Unauthenticated);
        }
        var contexts = context.Services.GetRequiredService<IDbContextFactory<TickrDbContext>>();
        var clock = context.Services.GetRequiredService<TimeProvider>();
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var write = new CatalogWrite(context, db, access, clock.GetUtcNow());
        try
        {
            return await body(write);
        }
        catch (RefusedException e)
        {
            return failed([UserError.As<TError>(e.Error)]);
        }
        catch (DomainException e)
        {
            return failed(UserError.From<TError>(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            return failed([UserError.As<TError>(new ConcurrentUpdateError(
                "Someone else changed this while your change was being saved; nothing was written. Read it again and retry."))]);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(db, e, out var violation))
        {
            return failed([UserError.As<TError>(Duplicate(violation))]);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsCheckViolation(e, out var constraint) && IsInventoryCheck(constraint))
        {
            // The domain checked the capacity against what it read; tickets sold in the meantime made it too low.
            return failed([UserError.As<TError>(new CapacityBelowSoldError(
                "The capacity is below the tickets sold or held (sales happened while you were editing); nothing was written."))]);
        }
    }

    /// <summary>Ends the mutation with <paramref name="error"/> (caught by <see cref="RunAsync"/>).</summary>
    public static RefusedException Refuse(IUserError error) => new(error);

    /// <summary>Refuses unless the caller may manage the organization's catalog (see the class for which error).</summary>
    public async Task RequireManageAsync(Guid organizationId, string targetId, string what)
    {
        if (await Access.CanManageEventsAsync(organizationId, CancellationToken))
        {
            return;
        }
        if (await Access.CanViewPrivateAsync(organizationId, CancellationToken))
        {
            throw Refuse(new NotAuthorizedError(
                "Your role in this organization does not allow changing its events and venues: managers and owners (or a READ_WRITE API key) can."));
        }
        throw Refuse(NotFound(what, targetId));
    }

    /// <summary>The event with everything its rules look at (ticket types, quotas, promo codes), if the caller may manage it.</summary>
    public Task<Event> LoadEventAsync(Guid eventId, string id) =>
        LoadManagedEventAsync(events => events.Where(e => e.Id == eventId), id, "event");

    /// <summary>The event that owns a ticket type, loaded as <see cref="LoadEventAsync"/> does.</summary>
    public Task<Event> LoadEventOfTicketTypeAsync(Guid ticketTypeId, string id) =>
        LoadManagedEventAsync(events => events.Where(e => e.TicketTypes.Any(t => t.Id == ticketTypeId)), id, "ticket type");

    /// <summary>The event that owns a quota, loaded as <see cref="LoadEventAsync"/> does.</summary>
    public Task<Event> LoadEventOfQuotaAsync(Guid quotaId, string id) =>
        LoadManagedEventAsync(events => events.Where(e => e.Quotas.Any(q => q.Id == quotaId)), id, "quota");

    /// <summary>A venue the caller may manage, tracked for update.</summary>
    public async Task<Venue> LoadVenueAsync(Guid venueId, string id)
    {
        var venue = await Db.Venues.FirstOrDefaultAsync(v => v.Id == venueId, CancellationToken)
            ?? throw Refuse(NotFound("venue", id));
        await RequireManageAsync(venue.OrganizationId, id, "venue");
        return venue;
    }

    /// <summary>
    /// Checks a venue an event of <paramref name="organizationId"/> wants to use: it must exist and belong to the same
    /// organization (venues are public, but an event can only be held at its own organization's venues).
    /// </summary>
    public async Task RequireOwnVenueAsync(Guid venueId, string id, Guid organizationId, string field)
    {
        var owner = await Db.Venues.AsNoTracking().Where(v => v.Id == venueId).Select(v => (Guid?)v.OrganizationId)
            .FirstOrDefaultAsync(CancellationToken)
            ?? throw Refuse(NotFound("venue", id));
        if (owner != organizationId)
        {
            throw Refuse(new InvalidInputError("MISMATCH",
                "The venue belongs to another organization; an event can only use its own organization's venues (create one with createVenue).", field));
        }
    }

    /// <summary>Checks that a category exists.</summary>
    public async Task RequireCategoryAsync(Guid categoryId, string id)
    {
        if (!await Db.Categories.AnyAsync(c => c.Id == categoryId, CancellationToken))
        {
            throw Refuse(NotFound("category", id));
        }
    }

    /// <summary>Writes every change of the mutation at once; afterwards the request's loaders forget the event's rows.</summary>
    public async Task SaveAsync(Event? changed = null)
    {
        await Db.SaveChangesAsync(CancellationToken);
        if (changed is not null)
        {
            Forget(changed);
        }
    }

    /// <summary>
    /// Another mutation or payload field of the same request must not read the rows as they were before this write
    /// (loaders cache per request).
    /// </summary>
    public void Forget(Event e)
    {
        _context.DataLoader<EventByIdLoader>().Clear(e.Id);
        _context.DataLoader<TicketTypesByEventLoader>().Clear(e.Id);
        _context.DataLoader<QuotasByEventLoader>().Clear(e.Id);
        _context.DataLoader<PromoCodesByEventLoader>().Clear(e.Id);
        var ticketTypes = _context.DataLoader<TicketTypeByIdLoader>();
        foreach (var t in e.TicketTypes)
        {
            ticketTypes.Clear(t.Id);
        }
        var quotas = _context.DataLoader<QuotaByIdLoader>();
        foreach (var q in e.Quotas)
        {
            quotas.Clear(q.Id);
        }
        var promoCodes = _context.DataLoader<PromoCodeByIdLoader>();
        foreach (var p in e.PromoCodes)
        {
            promoCodes.Clear(p.Id);
        }
    }

    /// <summary><inheritdoc cref="Forget(Event)"/></summary>
    public void Forget(Venue venue) => _context.DataLoader<VenueByIdLoader>().Clear(venue.Id);

    private async Task<Event> LoadManagedEventAsync(Func<IQueryable<Event>, IQueryable<Event>> which, string id, string what)
    {
        // Split queries: an event's ticket types × quotas × promo codes would multiply in one join. The event's version
        // check on save covers what changes between the queries.
        var e = await which(Db.Events)
            .Include(x => x.TicketTypes)
            .Include(x => x.Quotas).ThenInclude(q => q.TicketTypes)
            .Include(x => x.PromoCodes).ThenInclude(p => p.TicketTypes)
            .AsSplitQuery()
            .FirstOrDefaultAsync(CancellationToken)
            ?? throw Refuse(NotFound(what, id));
        await RequireManageAsync(e.OrganizationId, id, what);
        // Sold and held live in the inventory buckets: capacity rules and new quotas need them.
        await InventoryStore.HydrateAsync(Db, e, CancellationToken);
        return e;
    }

    private static NotFoundError NotFound(string what, string id) =>
        new($"No {what} with this id, or it belongs to an organization you are not a member of.", id);

    private static DuplicateError Duplicate(UniqueViolation? violation) => violation switch
    {
        { } v when v.Is<Event>(nameof(Event.Slug)) => new DuplicateError("Another event already uses this slug; choose another one.", "slug"),
        { } v when v.Is<PromoCode>(nameof(PromoCode.Code)) => new DuplicateError("The event already has a promo code with this code.", "code"),
        _ => new DuplicateError("This value is already taken.", null),
    };

    private static bool IsInventoryCheck(string? constraint) =>
        constraint is "ck_inventory_buckets_capacity";
}

/// <summary>A mutation ends with a business error (thrown by <see cref="CatalogWrite"/>'s checks, caught by its runner).</summary>
internal sealed class RefusedException(IUserError error) : Exception(error.Message)
{
    public IUserError Error { get; } = error;
}
