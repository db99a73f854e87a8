using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tickr.GraphQL.AspNetCore;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Sdl;

namespace Tickr.Client.Tests;

/// <summary>
/// A real Tickr.GraphQL.AspNetCore server (Kestrel, loopback) running the test schema with in-memory data: what the
/// generated test client talks to over HTTP and graphql-transport-ws.
/// </summary>
public sealed class TestApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApiServer(WebApplication app, Uri address, ServerRecorder recorder)
    {
        _app = app;
        BaseAddress = address;
        Recorder = recorder;
    }

    public Uri BaseAddress { get; }

    public Uri Endpoint => new(BaseAddress, "/graphql");

    public int Port => BaseAddress.Port;

    public ServerRecorder Recorder { get; }

    public static async Task<TestApiServer> StartAsync(int port = 0, Action<GraphQLServerOptions>? configure = null, ServerRecorder? recorder = null)
    {
        recorder ??= new ServerRecorder();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddInMemorySubscriptions();
        var schema = BuildSchema(recorder);
        builder.Services.AddGraphQLServer(_ => schema, configure);
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            recorder.Authorization.Enqueue(context.Request.Headers.Authorization.ToString());
            await next(context);
        });
        app.MapGraphQL("/graphql");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestApiServer(app, new Uri(address), recorder);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>What the server saw.</summary>
    public sealed class ServerRecorder
    {

        public ConcurrentQueue<string> Authorization { get; } = new();

        /// <summary>The renameShow inputs, as the server coerced them (absent keys are absent).</summary>
        public ConcurrentQueue<IReadOnlyDictionary<string, object?>> RenameInputs { get; } = new();
    }

    private static Dictionary<string, object?> Show(string id) => new()
    {
        ["__typename"] = "Show",
        ["id"] = id,
        ["name"] = "Nuit du malouf",
        ["price"] = new Dictionary<string, object?> { ["amount"] = 35.5m, ["currency"] = "TND" },
        ["status"] = "ON_SALE",
        ["startsAt"] = new DateTimeOffset(2027, 7, 14, 19, 0, 0, TimeSpan.Zero),
        ["day"] = new DateOnly(2027, 7, 14),
        ["capacity"] = 5_000_000_000L,
        ["ref"] = Guid.Parse("0b8c5a52-6f0e-4f5e-9d2a-0c6f1f3f9a11"),
        ["poster"] = new Uri("https://img.example.tn/malouf.png"),
        ["meta"] = new Dictionary<string, object?> { ["stage"] = "A", ["rows"] = 12 },
        ["tags"] = new List<object?> { "music", "malouf" },
        ["venue"] = new Dictionary<string, object?> { ["__typename"] = "Venue", ["id"] = "v1", ["name"] = "Théâtre de Carthage", ["city"] = "Carthage" },
        ["performers"] = new List<object?> { new Dictionary<string, object?> { ["__typename"] = "Performer", ["name"] = "Ensemble" } },
        ["rating"] = 4.5,
        ["oldTitle"] = "Malouf",
    };

    private static Schema BuildSchema(ServerRecorder recorder)
    {
        var options = new SdlBuildOptions();
        options.Resolvers["Query.show"] = ctx =>
        {
            var key = (IReadOnlyDictionary<string, object?>)ctx.Arguments["key"]!;
            return new ValueTask<object?>(key.TryGetValue("slug", out var slug) && slug is "malouf" ? Show("s1")
                : key.TryGetValue("id", out var id) && id is string s ? Show(s) : null);
        };
        options.Resolvers["Query.search"] = _ => new ValueTask<object?>(new List<object?>
        {
            Show("s1"),
            new Dictionary<string, object?> { ["__typename"] = "Venue", ["id"] = "v1", ["name"] = "Théâtre de Carthage", ["city"] = "Carthage" },
            new Dictionary<string, object?> { ["__typename"] = "Performer", ["name"] = "Ensemble" },
        });
        options.Resolvers["Query.node"] = ctx => new ValueTask<object?>(ctx.ArgumentValue<string>("id") switch
        {
            "v1" => new Dictionary<string, object?> { ["__typename"] = "Venue", ["id"] = "v1", ["name"] = "Théâtre", ["city"] = null },
            "s1" => Show("s1"),
            _ => null,
        });
        options.Resolvers["Query.shows"] = _ => new ValueTask<object?>(new List<object?> { Show("s1"), null });
        options.Resolvers["Query.matrix"] = _ => new ValueTask<object?>(new List<object?> { new List<object?> { 1, 2 }, null, new List<object?> { 3 } });
        options.Resolvers["Query.legacyCount"] = _ => new ValueTask<object?>(7);
        options.Resolvers["Mutation.renameShow"] = ctx =>
        {
            var input = (IReadOnlyDictionary<string, object?>)ctx.Arguments["input"]!;
            recorder.RenameInputs.Enqueue(input);
            var id = (string)input["id"]!;
            var name = (string)input["name"]!;
            var errors = new List<object?>();
            if (id == "missing")
            {
                errors.Add(new Dictionary<string, object?> { ["__typename"] = "NotFoundError", ["message"] = "No such show.", ["id"] = id });
            }
            if (name.Length == 0)
            {
                errors.Add(new Dictionary<string, object?> { ["__typename"] = "InvalidNameError", ["message"] = "The name is empty.", ["reason"] = "EMPTY" });
            }
            var show = Show(id);
            show["name"] = name;
            return new ValueTask<object?>(new Dictionary<string, object?> { ["show"] = errors.Count == 0 ? show : null, ["errors"] = errors });
        };
        options.Subscribers["Subscription.ticks"] = ctx =>
            new ValueTask<IAsyncEnumerable<object?>>(Ticks(ctx.ArgumentValue<int>("every"), ctx.CancellationToken));
        options.Resolvers["Subscription.ticks"] = ctx => new ValueTask<object?>(ctx.Parent);
        return SdlSchemaBuilder.FromSdl(File.ReadAllText(TestPaths.TestSchema), options);
    }

    /// <summary>A tick every <paramref name="everyMilliseconds"/> ms, numbered from 1, until cancelled.</summary>
    private static async IAsyncEnumerable<object?> Ticks(int everyMilliseconds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            yield return new Dictionary<string, object?> { ["n"] = n, ["at"] = DateTimeOffset.UtcNow };
            await Task.Delay(everyMilliseconds, cancellationToken);
        }
    }
}
