using System.Text.Json;
using Tickr.GraphQL.AspNetCore.Tests.Subscriptions;

namespace Tickr.GraphQL.AspNetCore.Tests.Cluster;

/// <summary>Waits and probes that make the cluster tests deterministic without sleeping.</summary>
internal static class ClusterSync
{
    public const string ChannelPrefix = "tickr:";

    /// <summary>
    /// Until every node has its expected local subscribers on the topic and Redis lists one channel subscription per
    /// node that has any: only then is a publish guaranteed to reach them all (graphql-ws sends no "subscribed" ack).
    /// </summary>
    public static async Task SubscribedAsync(RedisServer redis, string topic, params (ClusterNode Node, int Count)[] expected)
    {
        foreach (var (node, count) in expected)
        {
            await node.WaitForLocalSubscribersAsync(topic, count);
        }

        var instances = expected.Count(e => e.Count > 0);
        try
        {
            await Wait.UntilAsync(
                async () => await redis.SubscriberCountAsync(ChannelPrefix + topic) == instances,
                $"{instances} instance(s) subscribed to '{topic}' in Redis",
                Wait.ReconnectTimeout);
        }
        catch (TimeoutException ex)
        {
            // Which connections Redis sees, and what each instance logged about Redis: what a failure needs to be understood.
            var clients = await redis.CommandAsync("CLIENT", "LIST") as string;
            var logs = expected.SelectMany(e => e.Node.Logs.Entries.Where(entry => entry.Category.Contains("Redis", StringComparison.Ordinal))
                .Select(entry => $"{e.Node.Name}: {entry}"));
            throw new TimeoutException($"{ex.Message}\nCLIENT LIST:\n{clients}\nlogs:\n{string.Join('\n', logs)}", ex);
        }
    }

    /// <summary>
    /// PUBLISH from outside the cluster (bare JSON, as another service would), returning how many instances Redis
    /// delivered it to. Used as an end marker: Redis delivers in order on each instance's subscription connection,
    /// so a subscriber that sees the marker has already seen every earlier message that travelled through Redis,
    /// including any duplicate or echo that should not exist.
    /// </summary>
    public static async Task<long> PublishMarkerAsync(RedisServer redis, string topic, string text)
    {
        var json = JsonSerializer.Serialize(new ClusterMessage(text, "redis-cli"), JsonSerializerOptions.Web);
        return (long)(await redis.CommandAsync("PUBLISH", ChannelPrefix + topic, json))!;
    }
}
