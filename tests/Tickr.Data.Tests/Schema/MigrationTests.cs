using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tickr.Data.Providers;

namespace Tickr.Data.Tests.Schema;

/// <summary>
/// Each provider's migrations build exactly the model: applied to an empty database they leave nothing pending, and
/// the model has no change that a migration is missing for (someone changed a mapping without `dotnet ef migrations add`).
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task On_PostgreSQL_all_migrations_apply_to_an_empty_database_and_match_the_model()
    {
        var server = await PostgresServer.GetAsync();
        var name = "tickr_migrations_" + Guid.NewGuid().ToString("N")[..12];
        await server.CreateDatabaseAsync(name);
        var builder = new DbContextOptionsBuilder<PostgresTickrDbContext>();
        TickrDbContextOptions.UsePostgres(builder, server.ConnectionString(name));
        await using var db = new PostgresTickrDbContext(builder.Options);

        await AssertMigrationsMatchTheModelAsync(db);
    }

    [Fact]
    public async Task On_SQLite_all_migrations_apply_to_an_empty_file_and_match_the_model()
    {
        var database = new SqliteDatabase();
        try
        {
            await using var db = database.CreateSqliteContext();
            await AssertMigrationsMatchTheModelAsync(db);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_class_database_from_the_shared_template_is_fully_migrated()
    {
        var postgres = new TickrPostgres();
        await postgres.InitializeAsync();
        await using var db = postgres.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task On_PostgreSQL_the_migrations_roll_back_to_an_empty_database_and_apply_again()
    {
        var server = await PostgresServer.GetAsync();
        var name = "tickr_rollback_" + Guid.NewGuid().ToString("N")[..12];
        await server.CreateDatabaseAsync(name);
        var builder = new DbContextOptionsBuilder<PostgresTickrDbContext>();
        TickrDbContextOptions.UsePostgres(builder, server.ConnectionString(name));
        await using var db = new PostgresTickrDbContext(builder.Options);
        await db.Database.MigrateAsync();

        await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase);
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task On_SQLite_the_migrations_roll_back_to_an_empty_file_and_apply_again()
    {
        var database = await SqliteDatabase.CreateAsync();
        try
        {
            await using var db = database.CreateSqliteContext();
            await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase);
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static async Task AssertMigrationsMatchTheModelAsync(TickrDbContext db)
    {
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetPendingMigrationsAsync());

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {db.Provider} model has changes that no migration creates: run `dotnet ef migrations add` for that provider.");
        // The migrated schema is usable: the seeded categories are there.
        Assert.NotEmpty(await db.Categories.AsNoTracking().ToListAsync());
    }
}
