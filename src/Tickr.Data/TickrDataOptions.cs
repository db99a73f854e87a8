namespace Tickr.Data;

/// <summary>Where Tickr's data lives.</summary>
public sealed class TickrDataOptions
{
    /// <summary><c>ConnectionStrings:Tickr</c>: a PostgreSQL connection string; absent = embedded SQLite.</summary>
    public const string ConnectionStringName = "Tickr";

    /// <summary>PostgreSQL connection string; null or empty selects SQLite.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The SQLite file used when no PostgreSQL connection string is set.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "tickr.db");

    public DatabaseProvider Provider =>
        string.IsNullOrWhiteSpace(PostgresConnectionString) ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql;
}
