using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tickr.Data;
using Tickr.Data.Providers;

namespace Tickr.Testing;

/// <summary>
/// A fresh, migrated Tickr database on the run's PostgreSQL cluster, for one test class (<c>IClassFixture</c>).
/// Migrations run once per test run into a template; each class gets a copy (CREATE DATABASE … TEMPLATE), which takes
/// milliseconds instead of a migration per class.
/// </summary>
public sealed class TickrPostgres : IAsyncLifetime
{
    private const string Template = "tickr_template";
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static bool s_templateReady;

    public string DatabaseName { get; } = "tickr_" + Guid.NewGuid().ToString("N")[..12];

    public PostgresServer Server { get; private set; } = null!;

    public string ConnectionString => Server.ConnectionString(DatabaseName);

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.GetAsync();
        await EnsureTemplateAsync(Server);
        await Server.CreateDatabaseAsync(DatabaseName, Template);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A context on this class's database (for arranging and checking data directly).</summary>
    public PostgresTickrDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<PostgresTickrDbContext>();
        TickrDbContextOptions.UsePostgres(builder, ConnectionString);
        return new PostgresTickrDbContext(builder.Options);
    }

    private static async Task EnsureTemplateAsync(PostgresServer server)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (s_templateReady)
            {
                return;
            }
            await server.CreateDatabaseAsync(Template);
            var builder = new DbContextOptionsBuilder<PostgresTickrDbContext>();
            // No pooling: the template must have no open connection when it is copied.
            TickrDbContextOptions.UsePostgres(builder, server.ConnectionString(Template) + ";Pooling=false");
            await using (var db = new PostgresTickrDbContext(builder.Options))
            {
                await db.Database.MigrateAsync();
            }
            NpgsqlConnection.ClearAllPools();
            s_templateReady = true;
        }
        finally
        {
            TemplateGate.Release();
        }
    }
}
