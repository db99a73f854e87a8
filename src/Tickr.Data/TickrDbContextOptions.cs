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
            .UseNpgsql(Tune(connectionString), npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history")
                // Transient failures (a failover, a restarted server) are retried by the use cases that can be
                // retried safely, not blindly here: a retried reservation must not double-book.
                .CommandTimeout(30))
            .UseSnakeCaseNamingConvention();
    }

    /// <summary>
    /// Connection defaults for Tickr's workload, each applied only when the connection string does not set it:
    /// <c>Max Auto Prepare</c> lets Npgsql prepare the statements a server repeats (the catalog's few query shapes), so
    /// PostgreSQL stops parsing and planning them on every request; <c>No Reset On Close</c> skips the <c>DISCARD ALL</c>
    /// round trip when a connection returns to the pool (Tickr sets no session state that could leak). Measured on the
    /// catalog benchmark: about a third less PostgreSQL CPU per page (bench/catalog/RESULTS.md).
    /// </summary>
    public static string Tune(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 64;
        }
        if (!Mentions(connectionString, "No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;

        static bool Mentions(string connectionString, string key) =>
            connectionString.Contains(key, StringComparison.OrdinalIgnoreCase)
            || connectionString.Contains(key.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
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
