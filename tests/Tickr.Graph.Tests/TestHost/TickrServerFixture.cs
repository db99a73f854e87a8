using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tickr.Graph.Tests.TestHost;

/// <summary>
/// One running Tickr server for a whole test class (<c>IClassFixture</c>), on a fresh PostgreSQL database of its own,
/// optionally with the demo data; SQL commands are counted. Starting a server per test would cost a start-up (and a
/// seed) each time for nothing.
/// </summary>
public class TickrServerFixture : IAsyncLifetime
{
    private readonly TickrPostgres? _postgres;

    public TickrServerFixture()
        : this(postgres: true, seedDemo: true)
    {
    }

    protected TickrServerFixture(bool postgres, bool seedDemo)
    {
        _postgres = postgres ? new TickrPostgres() : null;
        SeedDemo = seedDemo;
    }

    public bool SeedDemo { get; }

    public TickrPostgres Postgres => _postgres ?? throw new InvalidOperationException("This fixture runs on SQLite.");

    public SqlCommandCounter Commands { get; } = new();

    public TickrAppFactory App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new TickrAppFactory()
            .WithSetting("Tickr:Data:SeedDemo", SeedDemo ? "true" : "false")
            .WithService<IInterceptor>(Commands);
        if (_postgres is not null)
        {
            await _postgres.InitializeAsync();
            App.WithSetting("ConnectionStrings:Tickr", _postgres.ConnectionString);
        }
        Client = App.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>The same server on the embedded SQLite database (a temporary file), with the demo data.</summary>
public sealed class SqliteServerFixture() : TickrServerFixture(postgres: false, seedDemo: true);
