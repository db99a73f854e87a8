using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tickr.Data.Providers;

namespace Tickr.Data.Tests;

/// <summary>
/// A SQLite file of its own, migrated, for one test class (or one test through <see cref="CreateAsync"/>); deleted
/// afterwards. A unique temp path per instance keeps classes independent when they run in parallel.
/// </summary>
public sealed class SqliteDatabase : ITestDatabase, IAsyncLifetime
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tickr-test-" + Guid.NewGuid().ToString("N") + ".db");

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>A migrated database outside any fixture; dispose it at the end of the test.</summary>
    public static async Task<SqliteDatabase> CreateAsync()
    {
        var database = new SqliteDatabase();
        await database.InitializeAsync();
        return database;
    }

    public TickrDbContext CreateContext() => CreateSqliteContext();

    public SqliteTickrDbContext CreateSqliteContext()
    {
        var builder = new DbContextOptionsBuilder<SqliteTickrDbContext>();
        TickrDbContextOptions.UseSqlite(builder, Path);
        return new SqliteTickrDbContext(builder.Options);
    }

    public async Task InitializeAsync()
    {
        await using var db = CreateSqliteContext();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        // Pooled connections keep the file open: clear this file's pool only (other classes run in parallel).
        await using (var db = CreateSqliteContext())
        {
            SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
        }
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm", Path + "-journal" })
        {
            File.Delete(file);
        }
    }
}
