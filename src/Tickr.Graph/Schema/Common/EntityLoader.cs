using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.GraphQL.Execution.DataLoader;

namespace Tickr.Graph.Schema.Common;

/// <summary>
/// Loads rows by id, a batch per request level: N parents asking for their venue cost one query. Each batch runs on
/// a context of its own (resolvers run concurrently; a DbContext must not be shared). Rows are not tracked.
/// </summary>
public abstract class EntityLoader<T>(IDbContextFactory<TickrDbContext> contexts) : BatchDataLoader<Guid, T>
    where T : class
{
    /// <summary>The rows whose id is in <paramref name="ids"/>.</summary>
    protected abstract IQueryable<T> Query(TickrDbContext db, IReadOnlyList<Guid> ids);

    protected abstract Guid KeyOf(T row);

    protected sealed override async Task<IReadOnlyDictionary<Guid, T>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Query(db, keys).AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(KeyOf);
    }
}

/// <summary>Loads the rows belonging to each parent id (e.g. the ticket types of each event), one query per batch.</summary>
public abstract class EntityGroupLoader<T>(IDbContextFactory<TickrDbContext> contexts) : GroupDataLoader<Guid, T>
    where T : class
{
    /// <summary>The rows whose parent id is in <paramref name="parentIds"/>, in display order.</summary>
    protected abstract IQueryable<T> Query(TickrDbContext db, IReadOnlyList<Guid> parentIds);

    protected abstract Guid ParentOf(T row);

    protected sealed override async Task<ILookup<Guid, T>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Query(db, keys).AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToLookup(ParentOf);
    }
}
