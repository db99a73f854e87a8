using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Tickr.Data;

/// <summary>Provider options shared by the application, the design-time factories and the tests.</summary>
public static class TickrDbContextOptions
{
    public static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history")
                // Transient failures (a failover, a restarted server) are retried by the use cases that can be
                // retried safely, not blindly here: a retried reservation must not double-book.
                .CommandTimeout(30))
            .UseSnakeCaseNamingConvention();
    }

    public static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Shared cache off, default timeout 30 s: concurrent writers wait for the lock instead of failing at once.
        return builder
            .UseSqlite($"Data Source={path};Default Timeout=30;Foreign Keys=True",
                sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
    }

    /// <summary>Npgsql's pools keep connections to a database open; tests clear them before dropping or copying it.</summary>
    public static void ClearPostgresPools() => NpgsqlConnection.ClearAllPools();
}
