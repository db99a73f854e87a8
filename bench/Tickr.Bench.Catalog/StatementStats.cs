using Npgsql;

namespace Tickr.Bench.Catalog;

/// <summary>
/// SQL statements executed in the benchmark's database during a phase, from pg_stat_statements (reset before the
/// phase, read after it): exact counts, unlike pg_stat_database whose counters backends flush up to seconds late.
/// Utility statements (Npgsql's connection reset, DISCARD ALL) are counted too. Unavailable when the extension is not
/// loaded (<c>--no-statements</c>, or a given server without it in shared_preload_libraries).
/// </summary>
internal sealed class StatementStats(NpgsqlDataSource admin, bool available)
{
    public bool Available { get; private set; } = available;

    public static async Task<StatementStats> CreateAsync(NpgsqlDataSource admin, bool wanted)
    {
        if (!wanted)
        {
            return new StatementStats(admin, false);
        }
        try
        {
            await using var command = admin.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT count(*) FROM pg_stat_statements");
            await command.ExecuteScalarAsync();
            return new StatementStats(admin, true);
        }
        catch (PostgresException e)
        {
            Console.Error.WriteLine($"pg_stat_statements is not available ({e.MessageText}): statements per request are not counted.");
            return new StatementStats(admin, false);
        }
    }

    public async Task ResetAsync()
    {
        if (Available)
        {
            await using var command = admin.CreateCommand("SELECT pg_stat_statements_reset()");
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The phase's statements, most called first (the probes' own statements left out).</summary>
    public async Task<IReadOnlyList<StatementStat>?> ReadAsync()
    {
        if (!Available)
        {
            return null;
        }
        await using var command = admin.CreateCommand("""
            SELECT calls, total_exec_time, rows, query FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query NOT LIKE '%pg_stat_statements%'
            ORDER BY calls DESC, total_exec_time DESC
            """);
        await using var reader = await command.ExecuteReaderAsync();
        var stats = new List<StatementStat>();
        while (await reader.ReadAsync())
        {
            stats.Add(new StatementStat(reader.GetInt64(0), reader.GetDouble(1), reader.GetInt64(2), reader.GetString(3)));
        }
        return stats;
    }
}

/// <summary>One normalized statement: how often it ran, its total execution time in PostgreSQL (ms) and rows.</summary>
internal sealed record StatementStat(long Calls, double TotalExecMilliseconds, long Rows, string Query);
