using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tickr.GraphQL.AspNetCore.Tests.TestHost;

/// <summary>
/// A real Kestrel server on a free loopback port serving <see cref="TestSchema"/> at <c>/graphql</c> (plus health
/// endpoints), so Node clients and raw sockets test the same thing users get.
/// </summary>
public sealed class GraphQLTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GraphQLTestServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public Uri GraphQLUri => new(BaseAddress, "/graphql");

    public Uri WebSocketUri => new($"ws://{BaseAddress.Authority}/graphql");

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<GraphQLTestServer> StartAsync(
        Action<GraphQLServerOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        string environment = "Production",
        bool hostUsesWebSockets = false,
        Func<Tickr.GraphQL.Types.Schema>? schema = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddInMemorySubscriptions();
        builder.Services.AddGraphQLServer(_ => (schema ?? TestSchema.Create)(), configure);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        if (hostUsesWebSockets)
        {
            app.UseWebSockets(); // as hosts that also map the IDE do; MapGraphQL's own middleware must coexist
        }
        app.MapGraphQL("/graphql");
        app.MapGraphQLHealth();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GraphQLTestServer(app, new Uri(address));
    }

    /// <summary>A ClientWebSocket connected to the GraphQL path with the given subprotocol (none when null).</summary>
    public async Task<ClientWebSocket> ConnectWebSocketAsync(string? subProtocol = "graphql-transport-ws")
    {
        var socket = new ClientWebSocket();
        if (subProtocol is not null)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(WebSocketUri, timeout.Token);
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
