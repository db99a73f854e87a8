using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Providers;
using Xunit;

namespace Tickr.Testing;

/// <summary>
/// A fresh, migrated Tickr database on the run's PostgreSQL cluster, for one test class (<c>IClassFixture</c>).
/// Migrations run once per test run into a template; each class gets a copy (CREATE DATABASE … TEMPLATE), which takes
/// milliseconds instead of a migration per class. Dropped when the class is done.
/// </summary>
public sealed class TickrPostgres : IAsyncLifetime
{
    private static readonly PostgresTemplate Migrated = new("tickr_migrated", async connectionString =>
    {
        var builder = new DbContextOptionsBuilder<PostgresTickrDbContext>();
        TickrDbContextOptions.UsePostgres(builder, connectionString);
        await using var db = new PostgresTickrDbContext(builder.Options);
        await db.Database.MigrateAsync();
    });

    private PostgresDatabase? _database;

    private PostgresDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialized.");

    public string DatabaseName => Database.Name;

    public PostgresServer Server => Database.Server;

    public string ConnectionString => Database.ConnectionString;

    public async Task InitializeAsync() => _database = await Migrated.CreateFromTemplateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A context on this class's database (for arranging and checking data directly).</summary>
    public PostgresTickrDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<PostgresTickrDbContext>();
        TickrDbContextOptions.UsePostgres(builder, ConnectionString);
        return new PostgresTickrDbContext(builder.Options);
    }
}
