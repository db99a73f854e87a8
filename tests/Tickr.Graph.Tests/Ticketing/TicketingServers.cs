using Microsoft.AspNetCore.Hosting;
using Tickr.Graph.Tests.Catalog;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Ticketing;

/// <summary>
/// A real Tickr server (Kestrel) on this class's own PostgreSQL database, with the attendee export mapped; a second
/// instance on the same database on demand (two servers behind one load balancer).
/// </summary>
public sealed class TicketingServers : IAsyncLifetime
{
    private readonly TickrPostgres _postgres = new();

    public TicketingApi Api { get; private set; } = null!;

    public string ConnectionString => _postgres.ConnectionString;

    public TickrAppFactory CreateServer() => new TickrAppFactory()
        .WithSetting("ConnectionStrings:Tickr", _postgres.ConnectionString)
        .WithService<IStartupFilter>(new AttendeeExportStartupFilter())
        .WithKestrel();

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        var app = CreateServer();
        Api = new TicketingApi(new CatalogApi(app), app);
    }

    public async Task DisposeAsync()
    {
        await Api.Catalog.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
