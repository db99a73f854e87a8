using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.GraphQL.Execution.DataLoader;

namespace Tickr.Graph.Schema.Common;

/// <summary>Runs each loader's query compiled (<see cref="CompiledQueries"/>) and untracked.</summary>
internal static class CompiledLoaderQueries<T>
    where T : class
{
    private static Func<TickrDbContext, Guid[], IAsyncEnumerable<T>> For(Type loader, Type context, Func<Expression<Func<TickrDbContext, Guid[], IQueryable<T>>>> query) =>
        CompiledQueries.Get(loader, context, () =>
        {
            var lambda = query();
            var untracked = Expression.Call(
                typeof(EntityFrameworkQueryableExtensions).GetMethod(nameof(EntityFrameworkQueryableExtensions.AsNoTracking))!.MakeGenericMethod(typeof(T)),
                lambda.Body);
            return EF.CompileAsyncQuery(Expression.Lambda<Func<TickrDbContext, Guid[], IQueryable<T>>>(untracked, lambda.Parameters));
        });

    public static async Task<List<T>> RunAsync(
        IDbContextFactory<TickrDbContext> contexts,
        Type loader,
        Func<Expression<Func<TickrDbContext, Guid[], IQueryable<T>>>> queryOf,
        IReadOnlyList<Guid> keys,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = For(loader, db.GetType(), queryOf);
        var rows = new List<T>(keys.Count);
        await foreach (var row in query(db, keys as Guid[] ?? [.. keys]).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }
        return rows;
    }
}

/// <summary>
/// Loads rows by id, a batch per request level: N parents asking for their venue cost one query. Each batch runs on
/// a context of its own (resolvers run concurrently; a DbContext must not be shared). Rows are not tracked.
/// </summary>
public abstract class EntityLoader<T>(IDbContextFactory<TickrDbContext> contexts) : BatchDataLoader<Guid, T>
    where T : class
{
    /// <summary>The rows whose id is in the array (compiled once per loader type).</summary>
    protected abstract Expression<Func<TickrDbContext, Guid[], IQueryable<T>>> Query { get; }

    protected abstract Guid KeyOf(T row);

    protected sealed override async Task<IReadOnlyDictionary<Guid, T>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        var rows = await CompiledLoaderQueries<T>.RunAsync(contexts, GetType(), () => Query, keys, cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(KeyOf);
    }
}

/// <summary>Loads the rows belonging to each parent id (e.g. the ticket types of each event), one query per batch.</summary>
public abstract class EntityGroupLoader<T>(IDbContextFactory<TickrDbContext> contexts) : GroupDataLoader<Guid, T>
    where T : class
{
    /// <summary>The rows whose parent id is in the array, in display order (compiled once per loader type).</summary>
    protected abstract Expression<Func<TickrDbContext, Guid[], IQueryable<T>>> Query { get; }

    protected abstract Guid ParentOf(T row);

    protected sealed override async Task<ILookup<Guid, T>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        var rows = await CompiledLoaderQueries<T>.RunAsync(contexts, GetType(), () => Query, keys, cancellationToken).ConfigureAwait(false);
        return rows.ToLookup(ParentOf);
    }
}
