using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Tickr.GraphQL.AspNetCore;
using Tickr.GraphQL.AspNetCore.Subscriptions;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Sdl;

namespace Tickr.GraphQL.AspNetCore.Tests.TestHost;

/// <summary>A small schema with a query, a mutation publishing on the bus, and subscriptions fed by the bus.</summary>
public static class TestSchema
{
    public const string Sdl = """
        type Query {
          hello(name: String = "world"): String!
          sum(a: Int!, b: Int!): Int!
          boom: String
          slow(ms: Int!): String!
          whoami: String
          tenant: String
        }

        type Mutation {
          publish(topic: String!, value: Int!): Boolean!
          echo(text: String!): String!
        }

        type Subscription {
          counter(topic: String!): Int!
          countdown(from: Int!): Int!
          blob(topic: String!, size: Int!): String!
        }
        """;

    public static Schema Create()
    {
        var options = new SdlBuildOptions();
        options.Resolvers["Query.hello"] = ctx => new($"Hello, {ctx.ArgumentValue<string>("name")}!");
        options.Resolvers["Query.sum"] = ctx => new(ctx.ArgumentValue<int>("a") + ctx.ArgumentValue<int>("b"));
        options.Resolvers["Query.boom"] = _ => throw new InvalidOperationException("secret internals");
        options.Resolvers["Query.slow"] = async ctx =>
        {
            await Task.Delay(ctx.ArgumentValue<int>("ms"), ctx.CancellationToken);
            return "done";
        };
        options.Resolvers["Query.whoami"] = ctx =>
            new((ctx.ContextData.TryGetValue(GraphQLContextKeys.User, out var u) ? u as ClaimsPrincipal : null)?.Identity?.Name);
        options.Resolvers["Query.tenant"] = ctx => new(ctx.ContextData.TryGetValue("tenant", out var t) ? t : null);
        options.Resolvers["Mutation.publish"] = async ctx =>
        {
            var sender = ctx.Services.GetRequiredService<ITopicEventSender>();
            await sender.PublishAsync(ctx.ArgumentValue<string>("topic"), ctx.ArgumentValue<int>("value"), ctx.CancellationToken);
            return true;
        };
        options.Resolvers["Mutation.echo"] = ctx => new(ctx.ArgumentValue<string>("text"));
        options.Subscribers["Subscription.counter"] = async ctx =>
        {
            var receiver = ctx.Services.GetRequiredService<ITopicEventReceiver>();
            var stream = await receiver.SubscribeAsync<int>(ctx.ArgumentValue<string>("topic"), cancellationToken: ctx.CancellationToken);
            return Box(stream, ctx.CancellationToken);
        };
        options.Resolvers["Subscription.counter"] = ctx => new(ctx.Parent);
        options.Subscribers["Subscription.blob"] = options.Subscribers["Subscription.counter"];
        options.Resolvers["Subscription.blob"] = ctx => new(new string('x', ctx.ArgumentValue<int>("size")));
        options.Subscribers["Subscription.countdown"] = ctx => new(Countdown(ctx.ArgumentValue<int>("from"), ctx.CancellationToken));
        options.Resolvers["Subscription.countdown"] = ctx => new(ctx.Parent);
        return SdlSchemaBuilder.FromDocument(Parser.Parse(Sdl), options);
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

    private static async IAsyncEnumerable<object?> Countdown(int from, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = from; i > 0; i--)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }
    }
}
