using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tickr.GraphQL.AspNetCore.Ide;

namespace Tickr.GraphQL.AspNetCore.Tests.Ide;

/// <summary>
/// A real Kestrel app on a free loopback port with the IDE mapped by <c>MapGraphiQL</c> and a stand-in GraphQL endpoint
/// on the same path: POST executes with Tickr's engine, a WebSocket speaks graphql-transport-ws (a countdown subscription),
/// and a plain GET answers "transport" so tests can tell when a request fell through to the GraphQL endpoint.
/// </summary>
internal sealed partial class IdeTestServer : IAsyncDisposable
{
    public const string TransportGetBody = "transport GET";

    private readonly WebApplication _app;

    private IdeTestServer(WebApplication app, string baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public string BaseAddress { get; }

    /// <summary>Headers of every POST to the GraphQL endpoint.</summary>
    public ConcurrentQueue<IHeaderDictionary> PostHeaders { get; } = new();

    /// <summary>The connection_init payloads received over graphql-transport-ws.</summary>
    public ConcurrentQueue<string> ConnectionInitPayloads { get; } = new();

    public HttpClient CreateClient() => new(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
    {
        BaseAddress = new Uri(BaseAddress),
    };

    public static async Task<IdeTestServer> StartAsync(
        string environment = "Development",
        Action<GraphiQLOptions>? configure = null,
        string? pathBase = null,
        bool mapGraphiQL = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ApplicationName = typeof(IdeTestServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        IdeTestServer? server = null;
        if (pathBase is not null)
        {
            app.UsePathBase(pathBase);
        }
        app.UseWebSockets();
        if (mapGraphiQL)
        {
            app.MapGraphiQL("/graphql", configure);
        }
        app.MapPost("/graphql", (HttpContext context) => server!.ExecuteAsync(context));
        app.MapGet("/graphql", (HttpContext context) => context.WebSockets.IsWebSocketRequest
            ? server!.SubscribeAsync(context)
            : context.Response.WriteAsync(TransportGetBody));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new IdeTestServer(app, address + (pathBase ?? ""));
        return server;
    }

    private async Task ExecuteAsync(HttpContext context)
    {
        PostHeaders.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var result = await TickrEngineExecutor.ExecuteAsync(body, context.RequestAborted);
        context.Response.ContentType = "application/graphql-response+json; charset=utf-8";
        await context.Response.WriteAsync(result, context.RequestAborted);
    }

    /// <summary>
    /// Just enough graphql-transport-ws for the IDE: ack the connection, answer a <c>countdown(from: N)</c> subscription
    /// with N, N-1 … 1 and complete it, answer pings.
    /// </summary>
    private async Task SubscribeAsync(HttpContext context)
    {
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains("graphql-transport-ws"))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync("graphql-transport-ws");
        var buffer = new byte[64 * 1024];
        var ct = context.RequestAborted;
        while (socket.State == WebSocketState.Open)
        {
            var received = await socket.ReceiveAsync(buffer, ct);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct);
                return;
            }
            var message = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count))!;
            switch ((string?)message["type"])
            {
                case "connection_init":
                    ConnectionInitPayloads.Enqueue(message["payload"]?.ToJsonString() ?? "null");
                    await SendAsync(socket, new JsonObject { ["type"] = "connection_ack" }, ct);
                    break;
                case "ping":
                    await SendAsync(socket, new JsonObject { ["type"] = "pong" }, ct);
                    break;
                case "subscribe":
                    var id = (string)message["id"]!;
                    var query = (string?)message["payload"]?["query"] ?? "";
                    var match = CountdownFrom().Match(query);
                    var from = match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 3;
                    for (var n = from; n >= 1; n--)
                    {
                        await Task.Delay(150, ct);
                        await SendAsync(socket, new JsonObject
                        {
                            ["id"] = id,
                            ["type"] = "next",
                            ["payload"] = new JsonObject { ["data"] = new JsonObject { ["countdown"] = n } },
                        }, ct);
                    }
                    await SendAsync(socket, new JsonObject { ["id"] = id, ["type"] = "complete" }, ct);
                    break;
            }
        }
    }

    private static Task SendAsync(WebSocket socket, JsonObject message, CancellationToken ct) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, ct);

    [GeneratedRegex(@"countdown\s*\(\s*from\s*:\s*(\d+)")]
    private static partial Regex CountdownFrom();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
