using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Live;
using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Schema.Catalog.Loaders;
using Tickr.Graph.Schema.Common;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ticketing;

/// <summary>
/// A gate of an event (or a session, a VIP entrance…): each ticket is admitted once per list. A list admits the ticket
/// types it names, or every type of the event when it names none. Visible to the event's organization.
/// </summary>
[GraphQLName("CheckInList")]
public sealed class CheckInListNode(CheckInList l) : INode
{
    public const string TypeName = "CheckInList";

    internal CheckInList Entity => l;

    /// <summary>The list's global id.</summary>
    public string Id => GlobalId.Encode(TypeName, l.Id);

    /// <summary>The list's name, shown at the gate and in "already checked in at …".</summary>
    public string Name => l.Name;

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt => l.CreatedAt;

    /// <summary>True when the list names no ticket type: it admits every type of the event.</summary>
    public bool AdmitsAllTicketTypes => l.TicketTypes.Count == 0;

    /// <summary>The ticket types it admits (every type of the event when it names none).</summary>
    public async Task<IReadOnlyList<TicketTypeNode>> GetTicketTypesAsync(TicketTypesByEventLoader ticketTypes, EventByIdLoader events)
    {
        ArgumentNullException.ThrowIfNull(ticketTypes);
        ArgumentNullException.ThrowIfNull(events);
        var e = await events.LoadAsync(l.EventId);
        if (e is null)
        {
            return [];
        }
        return (await ticketTypes.LoadAsync(l.EventId)).Where(o => l.Admits(o.Type.Id)).Select(o => new TicketTypeNode(o.Type, e, o)).ToArray();
    }

    /// <summary>The event.</summary>
    public async Task<EventNode?> GetEventAsync(EventByIdLoader events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return await events.LoadAsync(l.EventId) is { } e ? new EventNode(e) : null;
    }

    /// <summary>Tickets admitted through this list so far.</summary>
    public async Task<int> GetCheckedInAsync(CheckInCountsByEventLoader counts) => (await CountsAsync(counts))?.CheckedIn ?? 0;

    /// <summary>Valid tickets this list admits (of the types it admits): what <c>checkedIn</c> is out of.</summary>
    public async Task<int> GetTotalAsync(CheckInCountsByEventLoader counts) => (await CountsAsync(counts))?.Total ?? 0;

    private async Task<CheckInListCount?> CountsAsync(CheckInCountsByEventLoader counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return (await counts.LoadAsync(l.EventId))?.Lists.FirstOrDefault(c => c.CheckInListId == l.Id);
    }
}

/// <summary>Check-in lists (with the types they admit) by id, one query per batch.</summary>
public sealed class CheckInListByIdLoader(IDbContextFactory<TickrDbContext> contexts) : EntityLoader<CheckInList>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<CheckInList>>> Query => (db, ids) =>
        db.CheckInLists.Include(l => l.TicketTypes).Where(l => ids.Contains(l.Id));

    protected override Guid KeyOf(CheckInList row) => row.Id;
}

/// <summary>Each event's check-in lists in creation order, one query per batch.</summary>
public sealed class CheckInListsByEventLoader(IDbContextFactory<TickrDbContext> contexts) : EntityGroupLoader<CheckInList>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<CheckInList>>> Query => (db, parentIds) =>
        db.CheckInLists.Include(l => l.TicketTypes).Where(l => parentIds.Contains(l.EventId)).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id);

    protected override Guid ParentOf(CheckInList row) => row.EventId;
}

/// <summary>Checked-in and admissible counts of every list of each event (the live snapshot's query), one read per batch.</summary>
public sealed class CheckInCountsByEventLoader(IDbContextFactory<TickrDbContext> contexts, TimeProvider clock) : BatchDataLoader<Guid, CheckInSnapshot>
{
    protected override async Task<IReadOnlyDictionary<Guid, CheckInSnapshot>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var snapshots = await LiveUpdates.ReadCheckInsAsync(db, keys, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return snapshots.ToDictionary(s => s.EventId);
    }
}
