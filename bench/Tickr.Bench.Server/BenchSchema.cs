using System.Runtime.CompilerServices;
using Tickr.GraphQL.AspNetCore.Subscriptions;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Bench.Server;

/// <summary>
/// The benchmark schema, code first. The query type is the one bench/http/schema.mjs gives the Node peers
/// (<c>type Query { a: String b: String c: String }</c>, constants); <c>serverInfo</c>, <c>publish</c> and
/// <c>onMessage</c> serve the WebSocket fan-out benchmark and are never touched by the HTTP load.
/// </summary>
public static class BenchSchema
{
    /// <summary>The one bus topic the fan-out benchmark publishes on and subscribes to.</summary>
    public const string Topic = "bench:messages";

    public static Schema Create() => new SchemaBuilder()
        .AddQueryType<BenchQuery>()
        .AddMutationType<BenchMutation>()
        .AddSubscriptionType<BenchSubscription>()
        .Build();
}

public sealed class BenchQuery
{
    public string? A => "alpha";
    public string? B => "bravo";
    public string? C => "charlie";

    /// <summary>onMessage subscriptions whose bus subscription is live (cheap: the fan-out benchmark polls it).</summary>
    public int LiveSubscriptions => BenchSubscription.Live;

    /// <summary>Subscribers currently in a shared subscription group, and the number of groups.</summary>
    public int[] SharedSubscriptions([Service] Tickr.GraphQL.AspNetCore.GraphQLRequestPipeline pipeline) =>
        pipeline.SharedSubscriptions is { } registry ? [registry.SubscriberCount, registry.GroupCount] : [0, 0];

    /// <summary>Process diagnostics for the fan-out benchmark (collects garbage first: never call it under load).</summary>
    public ServerInfo GetServerInfo() => ServerInfo.Measure();
}

/// <summary>Memory and live-subscription figures of this process.</summary>
public sealed class ServerInfo
{
    public int Pid { get; init; }

    /// <summary>Managed heap after a full blocking collection (<c>GC.GetTotalMemory(true)</c>).</summary>
    public long GcHeapBytes { get; init; }

    /// <summary>Resident set size (VmRSS) after that collection.</summary>
    public long WorkingSetBytes { get; init; }

    /// <summary>onMessage subscriptions whose bus subscription is live (so a publish now reaches them).</summary>
    public int LiveSubscriptions { get; init; }

    internal static ServerInfo Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        return new ServerInfo
        {
            Pid = Environment.ProcessId,
            GcHeapBytes = heap,
            WorkingSetBytes = Environment.WorkingSet,
            LiveSubscriptions = BenchSubscription.Live,
        };
    }
}

public sealed class BenchMutation
{
    /// <summary>Publishes <paramref name="text"/> on the bench topic; true once every local subscriber has it queued.</summary>
    public async Task<bool> Publish(string text, [Service] ITopicEventSender sender, CancellationToken cancellationToken)
    {
        await sender.PublishAsync(BenchSchema.Topic, text, cancellationToken);
        return true;
    }
}

public sealed class BenchSubscription
{
    private static int _live;

    internal static int Live => Volatile.Read(ref _live);

    /// <summary>
    /// The same messages as <c>onMessage</c>, declared shareable: subscribers with the same operation form one group
    /// that executes and serializes each message once (the fan-out benchmark's "with sharing" side).
    /// </summary>
    [SharedSubscription]
    public IAsyncEnumerable<string> OnMessageShared([Service] ITopicEventReceiver receiver, CancellationToken cancellationToken) =>
        OnMessage(receiver, cancellationToken);

    /// <summary>Every message published by <c>publish</c>.</summary>
    [Subscribe]
    public async IAsyncEnumerable<string> OnMessage([Service] ITopicEventReceiver receiver, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Counted once the bus subscription exists, so the benchmark can wait until all 5,000 are live
        // (graphql-transport-ws acknowledges no subscribe).
        await using var stream = await receiver.SubscribeAsync<string>(BenchSchema.Topic, cancellationToken: cancellationToken);
        Interlocked.Increment(ref _live);
        try
        {
            await foreach (var text in stream.WithCancellation(cancellationToken))
            {
                yield return text;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _live);
        }
    }
}
