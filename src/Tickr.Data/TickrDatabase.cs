using Microsoft.EntityFrameworkCore;

namespace Tickr.Data;

/// <summary>Schema management of Tickr's database: applying migrations, telling whether it holds anything yet.</summary>
public sealed class TickrDatabase(IDbContextFactory<TickrDbContext> contexts, TickrDataOptions options)
{
    public DatabaseProvider Provider => options.Provider;

    /// <summary>
    /// Applies the provider's pending migrations. Safe when several instances start at once: EF Core takes a
    /// database-wide migration lock (an advisory lock on PostgreSQL, a lock table on SQLite).
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        return pending;
    }

    /// <summary>True when no organization exists yet: a new database that the demo seed may fill.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return !await db.Organizations.AnyAsync(cancellationToken).ConfigureAwait(false);
    }
}
