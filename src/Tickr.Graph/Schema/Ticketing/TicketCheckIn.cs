using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Graph.Schema.Catalog.Loaders;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ticketing;

/// <summary>Whether a ticket got in, for the organizer's attendee table.</summary>
/// <remarks>Extends Ticket by name, as <see cref="Ordering.TicketOrder"/> does.</remarks>
[ExtendObjectType(TicketNode.TypeName)]
public sealed class TicketCheckIn
{
    /// <summary>
    /// First admission through any check-in list (the scanning device's time); the event's organization only (null
    /// otherwise / not checked in).
    /// </summary>
    public async Task<DateTimeOffset?> GetCheckedInAtAsync([Parent] TicketNode ticket, EventByIdLoader events, FirstAdmissionByTicketLoader admissions, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(admissions);
        ArgumentNullException.ThrowIfNull(context);
        var t = ticket.Entity;
        if (await events.LoadAsync(t.EventId) is not { } e || !await context.GetAccess().CanViewPrivateAsync(e.OrganizationId, context.CancellationToken))
        {
            return null;
        }
        return await admissions.LoadAsync(t.Id);
    }
}

/// <summary>Each ticket's first admission (earliest scan through any list), one query per batch.</summary>
public sealed class FirstAdmissionByTicketLoader(IDbContextFactory<TickrDbContext> contexts) : BatchDataLoader<Guid, DateTimeOffset?>
{
    protected override async Task<IReadOnlyDictionary<Guid, DateTimeOffset?>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var ids = keys as Guid[] ?? [.. keys];
        return await db.CheckIns.AsNoTracking().Where(c => ids.Contains(c.TicketId))
            .GroupBy(c => c.TicketId)
            .Select(g => new { TicketId = g.Key, First = g.Min(c => c.ScannedAt) })
            .ToDictionaryAsync(x => x.TicketId, x => (DateTimeOffset?)x.First, cancellationToken)
            .ConfigureAwait(false);
    }
}
