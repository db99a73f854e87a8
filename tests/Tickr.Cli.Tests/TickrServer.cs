using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Tickr.Testing;

namespace Tickr.Cli.Tests;

/// <summary>
/// The real Tickr server (Tickr.Graph's Program) on Kestrel, on a free loopback port, over a fresh PostgreSQL database
/// with the demo data (organizer, scanner and participant accounts of Carthage Live). One per test collection.
/// </summary>
public sealed class TickrServer : IAsyncLifetime
{
    public const string Password = "tickr-demo-2026";
    public const string Organizer = "organizer@demo.tickr.tn";
    public const string Scanner = "scanner@demo.tickr.tn";
    public const string Participant = "participant@demo.tickr.tn";

    private readonly TickrPostgres _postgres = new();
    private Factory? _factory;

    /// <summary>The GraphQL endpoint, e.g. http://127.0.0.1:41234/graphql.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _factory = new Factory(_postgres.ConnectionString);
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(new Uri(address), "/graphql");
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await _postgres.DisposeAsync();
    }

    private sealed class Factory(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Tickr", connectionString);
            builder.UseSetting("Tickr:Auth:SigningKey", "tickr-cli-tests-signing-key-0123456789abcdef");
            builder.UseSetting("Tickr:Data:SeedDemo", "true");
            // Both test classes sign in several times from 127.0.0.1.
            builder.UseSetting("Tickr:RateLimits:Login:PermitLimit", "1000");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TickrServerCollection : ICollectionFixture<TickrServer>
{
    public const string Name = "Tickr server";
}
