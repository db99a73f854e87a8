using System.Globalization;

namespace Tickr.Testing;

/// <summary>
/// A database prepared once per test process (schema, migrations, seed data) and copied for every test class that needs
/// one: <c>CREATE DATABASE … TEMPLATE</c> copies files, far faster than preparing each database anew. Keep one instance
/// per kind of database in a static field and call <see cref="CreateFromTemplateAsync"/> from each class's setup.
/// </summary>
/// <example><code>
/// static readonly PostgresTemplate Migrated = new("tickr_migrated", cs => Migrations.RunAsync(cs));
/// // in IAsyncLifetime.InitializeAsync:
/// _database = await Migrated.CreateFromTemplateAsync();
/// </code></example>
public sealed class PostgresTemplate
{
    private readonly Func<string, Task> _initialize;
    private readonly Lock _gate = new();
    private Task<PostgresServer>? _ready;

    /// <param name="name">The template database's name (a PostgreSQL identifier, at most 40 characters: copies add a suffix).</param>
    /// <param name="initialize">
    /// Fills the template, given a connection string to it (pooling off). Runs once per process, even when many classes
    /// ask at the same time; if it fails, the next request runs it again on a fresh database.
    /// </param>
    public PostgresTemplate(string name, Func<string, Task> initialize)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, 40, nameof(name));
        ArgumentNullException.ThrowIfNull(initialize);
        Name = name;
        _initialize = initialize;
    }

    public string Name { get; }

    /// <summary>Creates the template on first use (thread-safe) and returns the cluster it lives in.</summary>
    public Task<PostgresServer> EnsureCreatedAsync()
    {
        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = CreateAsync();
            }

            return _ready;
        }
    }

    /// <summary>A new database with a unique name, copied from the template; dispose it to drop it.</summary>
    public async Task<PostgresDatabase> CreateFromTemplateAsync()
    {
        var server = await EnsureCreatedAsync().ConfigureAwait(false);
        var name = string.Create(CultureInfo.InvariantCulture, $"{Name}_{Guid.NewGuid():N}")[..Math.Min(63, Name.Length + 1 + 20)];
        await server.CreateDatabaseAsync(name, Name).ConfigureAwait(false);
        return new PostgresDatabase(server, name);
    }

    private async Task<PostgresServer> CreateAsync()
    {
        var server = await PostgresServer.GetAsync().ConfigureAwait(false);
        // A failed earlier attempt may have left a half-filled template behind.
        await server.ExecuteAsync("postgres", $"DROP DATABASE IF EXISTS {PostgresServer.Quote(Name)} WITH (FORCE)").ConfigureAwait(false);
        await server.CreateDatabaseAsync(Name).ConfigureAwait(false);
        await _initialize(server.ConnectionString(Name, pooling: false)).ConfigureAwait(false);

        // A copy fails while anything is connected to the template. Refuse new connections, then end the ones the
        // initializer may have left open (its own pool, a DbContext's): copies never race with a stray session.
        await server.ExecuteAsync("postgres", $"ALTER DATABASE {PostgresServer.Quote(Name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false").ConfigureAwait(false);
        await server.TerminateConnectionsAsync(Name).ConfigureAwait(false);
        return server;
    }
}
