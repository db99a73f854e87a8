using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tickr.GraphQL.AspNetCore.Subscriptions;
using Tickr.GraphQL.AspNetCore.Tests.Subscriptions;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;

namespace Tickr.GraphQL.AspNetCore.Tests.Cluster;

/// <summary>
/// One server instance of a cluster: a real Kestrel WebApplication on its own loopback port, set up the way a host
/// is (AddGraphQLServer + AddRedisSubscriptions + the documented Redis health check, MapGraphQL + MapGraphQLHealth),
/// serving <see cref="ClusterSchema"/>. Several nodes pointed at the same redis-server form the cluster.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ClusterNode(string name, WebApplication app, Uri baseAddress, CapturingLoggerProvider logs)
    {
        Name = name;
        _app = app;
        BaseAddress = baseAddress;
        Logs = logs;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int Port => BaseAddress.Port;

    public Uri WebSocketUri => new($"ws://{BaseAddress.Authority}/graphql");

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>This instance's bus (the singleton behind ITopicEventSender/Receiver).</summary>
    public RedisSubscriptionBus Bus => _app.Services.GetRequiredService<RedisSubscriptionBus>();

    public static async Task<ClusterNode> StartAsync(string name, string redisConnectionString, Action<GraphQLServerOptions>? configure = null)
    {
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(new ClusterStore(name));
        builder.Services.AddRedisSubscriptions(redisConnectionString);
        builder.Services.AddGraphQLServer(_ => ClusterSchema.Create(), configure);
        // AddRedisSubscriptions only registers the check as a service; a host opts in to report it on /health/ready.
        builder.Services.AddHealthChecks().AddCheck<RedisSubscriptionBusHealthCheck>("redis-bus");
        var app = builder.Build();
        app.MapGraphQL("/graphql");
        app.MapGraphQLHealth();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var node = new ClusterNode(name, app, new Uri(address), logs);
        // The bus is a lazy singleton: create it now, so "Redis down at start" means down when the bus connects,
        // not at whatever later moment the first request would have created it.
        _ = node.Bus;
        return node;
    }

    /// <summary>The <c>publish</c> mutation over HTTP POST; asserts what a client must see whatever Redis does.</summary>
    public async Task PublishAsync(string topic, string text)
    {
        var data = await PostAsync(
            "mutation($topic: String!, $text: String!) { publish(topic: $topic, text: $text) }",
            new { topic, text });
        Assert.True(data.GetProperty("publish").GetBoolean());
    }

    /// <summary>A GraphQL operation over HTTP POST: asserts 200 and no errors, returns <c>data</c>.</summary>
    public async Task<JsonElement> PostAsync(string query, object? variables = null)
    {
        using var response = await Client.SendAsync(TestHost.Http.PostQuery(query, variables));
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{Name}: HTTP {(int)response.StatusCode} {body}");
        Assert.False(body.TryGetProperty("errors", out _), $"{Name}: {body}");
        return body.GetProperty("data");
    }

    /// <summary>GET /health/ready: the status code and the body (the aggregate HealthStatus).</summary>
    public async Task<(HttpStatusCode Status, string Body)> ReadyAsync()
    {
        using var response = await Client.GetAsync("/health/ready");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<ClusterSubscriber> SubscribeAsync(string topic) =>
        ClusterSubscriber.StartAsync(this, "subscription($topic: String!) { onMessage(topic: $topic) }", "onMessage", topic);

    /// <summary>A subscription whose every event is <paramref name="size"/> characters (for slow-client tests).</summary>
    public Task<ClusterSubscriber> SubscribeBlobAsync(string topic, int size) =>
        ClusterSubscriber.StartAsync(this, $"subscription($topic: String!) {{ onBlob(topic: $topic, size: {size}) }}", "onBlob", topic);

    /// <summary>Until this instance's bus has exactly <paramref name="count"/> local subscribers on the topic.</summary>
    public Task WaitForLocalSubscribersAsync(string topic, int count) =>
        Wait.UntilAsync(() => Bus.SubscriberCount(topic) == count, $"{count} subscriber(s) of '{topic}' on {Name}");

    /// <summary>Until /health/ready answers with <paramref name="status"/> (Redis state changes are noticed asynchronously).</summary>
    public Task WaitForReadyAsync(string status, TimeSpan? timeout = null) =>
        Wait.UntilAsync(async () => (await ReadyAsync()).Body == status, $"{Name} /health/ready to say {status}", timeout ?? Wait.ReconnectTimeout);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
