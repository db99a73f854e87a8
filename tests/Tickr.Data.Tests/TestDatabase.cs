using Tickr.Data;

namespace Tickr.Data.Tests;

/// <summary>A migrated Tickr database for one test class, on either provider.</summary>
public interface ITestDatabase
{
    DatabaseProvider Provider { get; }

    TickrDbContext CreateContext();
}

/// <summary>The class's PostgreSQL database (a copy of the run's migrated template).</summary>
public sealed class PostgresDatabase : ITestDatabase, IAsyncLifetime
{
    private readonly TickrPostgres _postgres = new();

    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public string ConnectionString => _postgres.ConnectionString;

    public TickrDbContext CreateContext() => _postgres.CreateContext();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();
}
