using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tickr.GraphQL.AspNetCore.Ide;
using Tickr.GraphQL.AspNetCore.Subscriptions;
using Tickr.GraphQL.AspNetCore.WebSockets;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Sdl;

namespace Tickr.GraphQL.AspNetCore.Tests.Ide;

/// <summary>
/// A real Kestrel app on a free loopback port as users set it up: the in-memory subscription bus,
/// <c>AddGraphQLServer</c>, <c>MapGraphiQL</c> and <c>MapGraphQL</c> on the same path. So GraphiQL's introspection,
/// queries and mutations go through the real GraphQL-over-HTTP transport and its subscriptions through the real
/// graphql-transport-ws implementation. Test hooks: an <see cref="IGraphQLRequestInterceptor"/> records the headers of
/// each POST, an <see cref="IWebSocketAuthenticator"/> records each <c>connection_init</c> payload, and every response
/// names the endpoint routing chose (<see cref="EndpointHeader"/>), so tests can tell the IDE from the transport.
/// </summary>
internal sealed class IdeTestServer : IAsyncDisposable
{
    /// <summary>Response header naming the endpoint that answered (its display name).</summary>
    public const string EndpointHeader = "X-Test-Endpoint";

    /// <summary>Display name of the endpoint <c>MapGraphQL</c> maps.</summary>
    public const string GraphQLEndpoint = "GraphQL";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _subscribed;

    private IdeTestServer(WebApplication app, string baseAddress, Recorder recorder)
    {
        _app = app;
        BaseAddress = baseAddress;
        PostHeaders = recorder.PostHeaders;
        ConnectionInitPayloads = recorder.ConnectionInitPayloads;
        _subscribed = recorder.Subscribed;
    }

    public string BaseAddress { get; }

    /// <summary>Headers of every POST the GraphQL endpoint executed (seen by a request interceptor).</summary>
    public ConcurrentQueue<IHeaderDictionary> PostHeaders { get; }

    /// <summary>The connection_init payloads (raw JSON, "null" when absent) the WebSocket authenticator was given.</summary>
    public ConcurrentQueue<string> ConnectionInitPayloads { get; }

    public HttpClient CreateClient() => new(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
    {
        BaseAddress = new Uri(BaseAddress),
    };

    /// <summary>Completes once a <c>ticks(topic)</c> subscription is listening on the bus for <paramref name="topic"/>.</summary>
    public Task WaitForSubscriberAsync(string topic) =>
        _subscribed.GetOrAdd(topic, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

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
        var recorder = new Recorder();
        builder.Services.AddInMemorySubscriptions();
        builder.Services.AddGraphQLServer(BuildSchema(recorder));
        builder.Services.AddSingleton<IGraphQLRequestInterceptor>(recorder);
        builder.Services.AddSingleton<IWebSocketAuthenticator>(recorder);
        var app = builder.Build();
        if (pathBase is not null)
        {
            app.UsePathBase(pathBase);
        }
        app.UseRouting();
        app.Use((context, next) =>
        {
            context.Response.Headers[EndpointHeader] = context.GetEndpoint()?.DisplayName ?? "(none)";
            return next(context);
        });
        if (mapGraphiQL)
        {
            app.MapGraphiQL("/graphql", configure);
        }
        app.MapGraphQL("/graphql");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new IdeTestServer(app, address + (pathBase ?? ""), recorder);
    }

    /// <summary>
    /// The IDE test schema: documented types for the docs explorer, a countdown subscription, and a mutation publishing
    /// on the in-memory bus with a subscription fed by it.
    /// </summary>
    private static Schema BuildSchema(Recorder recorder)
    {
        var options = new SdlBuildOptions();
        options.Resolvers["Query.hello"] = context =>
            new ValueTask<object?>($"Hello, {(context.HasArgument("name") ? context.ArgumentValue<string?>("name") : null) ?? "Tickr"}!");
        options.Resolvers["Query.event"] = context =>
            new ValueTask<object?>(context.ArgumentValue<string>("id") == "1"
                ? new Dictionary<string, object?> { ["id"] = "1", ["name"] = "Flash sale", ["capacity"] = 500 }
                : null);
        options.Resolvers["Query.header"] = context =>
            new ValueTask<object?>(context.ContextData.TryGetValue(GraphQLContextKeys.HttpContext, out var http) && http is HttpContext httpContext
                ? httpContext.Request.Headers[context.ArgumentValue<string>("name")].ToString()
                : null);
        options.Resolvers["Mutation.publish"] = async context =>
        {
            var sender = context.Services.GetRequiredService<ITopicEventSender>();
            await sender.PublishAsync(context.ArgumentValue<string>("topic"), context.ArgumentValue<int>("value"), context.CancellationToken);
            return true;
        };
        options.Subscribers["Subscription.countdown"] = context =>
            new ValueTask<IAsyncEnumerable<object?>>(Countdown(context.ArgumentValue<int>("from"), context.CancellationToken));
        options.Resolvers["Subscription.countdown"] = context => new ValueTask<object?>(context.Parent);
        options.Subscribers["Subscription.ticks"] = async context =>
        {
            var topic = context.ArgumentValue<string>("topic");
            var receiver = context.Services.GetRequiredService<ITopicEventReceiver>();
            var stream = await receiver.SubscribeAsync<int>(topic, cancellationToken: context.CancellationToken);
            recorder.Subscribed.GetOrAdd(topic, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return Box(stream, context.CancellationToken);
        };
        options.Resolvers["Subscription.ticks"] = context => new ValueTask<object?>(context.Parent);
        return SdlSchemaBuilder.FromSdl("""
            "Entry point of the IDE test schema."
            type Query {
              "Greets someone."
              hello(name: String): String!
              event(id: ID!): Event
              "The value of a header of the HTTP request."
              header(name: String!): String
            }
            "Something people buy tickets for."
            type Event {
              id: ID!
              name: String!
              capacity: Int!
            }
            type Mutation {
              "Publishes a value on a topic of the subscription bus."
              publish(topic: String!, value: Int!): Boolean!
            }
            type Subscription {
              "Counts down to 1, one number at a time."
              countdown(from: Int!): Int!
              "Every value published on the topic."
              ticks(topic: String!): Int!
            }
            """, options);
    }

    private static async IAsyncEnumerable<object?> Countdown(int from, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var n = from; n >= 1; n--)
        {
            await Task.Delay(150, cancellationToken);
            yield return n;
        }
    }

    private static async IAsyncEnumerable<object?> Box(ISourceStream<int> stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using (stream)
        {
            await foreach (var value in stream.WithCancellation(cancellationToken))
            {
                yield return value;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The test hooks registered with the transport, and what they saw.</summary>
    private sealed class Recorder : IGraphQLRequestInterceptor, IWebSocketAuthenticator
    {
        public ConcurrentQueue<IHeaderDictionary> PostHeaders { get; } = new();

        public ConcurrentQueue<string> ConnectionInitPayloads { get; } = new();

        public ConcurrentDictionary<string, TaskCompletionSource> Subscribed { get; } = new(StringComparer.Ordinal);

        public ValueTask OnRequestAsync(HttpContext httpContext, IDictionary<string, object?> contextData, CancellationToken cancellationToken)
        {
            if (HttpMethods.IsPost(httpContext.Request.Method))
            {
                PostHeaders.Enqueue(new HeaderDictionary(httpContext.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> AuthenticateAsync(WebSocketConnectContext context, CancellationToken cancellationToken)
        {
            ConnectionInitPayloads.Enqueue(context.Payload?.GetRawText() ?? "null");
            return new ValueTask<bool>(true);
        }
    }
}
