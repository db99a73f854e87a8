namespace Tickr.Testing;

/// <summary>A database of the shared cluster that belongs to one test class; disposing it drops it.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    internal PostgresDatabase(PostgresServer server, string name)
    {
        Server = server;
        Name = name;
    }

    public PostgresServer Server { get; }

    public string Name { get; }

    /// <summary>A pooled connection string to this database.</summary>
    public string ConnectionString => Server.ConnectionString(Name);

    public Task ExecuteAsync(string sql) => Server.ExecuteAsync(Name, sql);

    public Task<T?> ScalarAsync<T>(string sql) => Server.ScalarAsync<T>(Name, sql);

    /// <summary>Ends every connection to this database (pg_terminate_backend): a fault for the code under test.</summary>
    public Task<long> TerminateConnectionsAsync() => Server.TerminateConnectionsAsync(Name);

    public async ValueTask DisposeAsync() => await Server.DropDatabaseAsync(Name).ConfigureAwait(false);
}
