using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Tickr.GraphQL.AspNetCore.Subscriptions;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Sdl;

namespace Tickr.GraphQL.AspNetCore.Tests.Cluster;

/// <summary>The schema every cluster instance serves: a mutation that commits then publishes, subscriptions fed by the bus.</summary>
public static class ClusterSchema
{
    public const string Sdl = """
        type Query {
          instance: String!
          committedCount: Int!
        }

        type Mutation {
          publish(topic: String!, text: String!): Boolean!
        }

        type Subscription {
          onMessage(topic: String!): String!
          onBlob(topic: String!, size: Int!): String!
        }
        """;

    public static Schema Create()
    {
        var options = new SdlBuildOptions();
        options.Resolvers["Query.instance"] = ctx => new(ctx.Services.GetRequiredService<ClusterStore>().Instance);
        options.Resolvers["Query.committedCount"] = ctx => new(ctx.Services.GetRequiredService<ClusterStore>().Committed.Count);
        options.Resolvers["Mutation.publish"] = async ctx =>
        {
            var store = ctx.Services.GetRequiredService<ClusterStore>();
            var message = new ClusterMessage(ctx.ArgumentValue<string>("text"), store.Instance);
            store.Committed.Enqueue(message); // commit first, publish after: the bus must not fail a committed change
            await ctx.Services.GetRequiredService<ITopicEventSender>()
                .PublishAsync(ctx.ArgumentValue<string>("topic"), message, ctx.CancellationToken);
            return true;
        };
        options.Subscribers["Subscription.onMessage"] = async ctx =>
        {
            var receiver = ctx.Services.GetRequiredService<ITopicEventReceiver>();
            var stream = await receiver.SubscribeAsync<ClusterMessage>(ctx.ArgumentValue<string>("topic"), cancellationToken: ctx.CancellationToken);
            return Box(stream, ctx.CancellationToken);
        };
        options.Resolvers["Subscription.onMessage"] = ctx => new(((ClusterMessage)ctx.Parent!).Text);
        // Same source stream, but each event becomes a large payload (the text padded with spaces): fills a non-reading
        // client's socket quickly, and still says which event it was once that client reads again.
        options.Subscribers["Subscription.onBlob"] = options.Subscribers["Subscription.onMessage"];
        options.Resolvers["Subscription.onBlob"] = ctx => new(((ClusterMessage)ctx.Parent!).Text.PadRight(ctx.ArgumentValue<int>("size")));
        return SdlSchemaBuilder.FromDocument(Parser.Parse(Sdl), options);
    }

    private static async IAsyncEnumerable<object?> Box(ISourceStream<ClusterMessage> stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using (stream)
        {
            await foreach (var message in stream.WithCancellation(cancellationToken))
            {
                yield return message;
            }
        }
    }
}
