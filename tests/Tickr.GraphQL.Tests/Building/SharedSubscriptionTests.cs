using System.Runtime.CompilerServices;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Building;

namespace Tickr.GraphQL.Tests.Building;

public class SharedSubscriptionTests
{
    private static readonly Schema Schema = new SchemaBuilder()
        .AddQueryType<ShareQuery>()
        .AddSubscriptionType<ShareSubscription>()
        .Build();

    [Fact]
    public void The_attribute_declares_the_field_shareable_and_its_scope()
    {
        Assert.Same(SubscriptionSharing.AllSubscribers, Schema.Field("Subscription", "shared").Sharing);
        Assert.Null(Schema.Field("Subscription", "own").Sharing);
        var scoped = Schema.Field("Subscription", "scoped").Sharing!;
        var context = new TestResolverContext { Field = Schema.Field("Subscription", "scoped") };
        Assert.Null(scoped.GetScope(context));
        context.ContextData["org"] = "carthage";
        Assert.Equal("org:carthage", scoped.GetScope(context));
        Assert.Equal("", SubscriptionSharing.AllSubscribers.GetScope(context));
    }

    [Fact]
    public void The_attribute_is_refused_off_subscription_fields_and_with_a_bad_scope_type()
    {
        var onQuery = Assert.Throws<SchemaBuildException>(() => new SchemaBuilder().AddQueryType<SharedOnQuery>().Build());
        Assert.Contains("only allowed on subscription fields", onQuery.Message, StringComparison.Ordinal);
        var badScope = Assert.Throws<SchemaBuildException>(() => new SchemaBuilder().AddQueryType<ShareQuery>().AddSubscriptionType<BadScopeSubscription>().Build());
        Assert.Contains("ISubscriptionSharingScope", badScope.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_executor_creates_the_source_with_the_scope_then_maps_any_stream_of_the_request()
    {
        var executor = new GraphQLExecutor(Schema);
        var shared = executor.Prepare("subscription { shared(count: 2) }");
        var source = await executor.CreateSourceStreamAsync(shared);
        Assert.True(source.IsShareable);
        Assert.Equal("", source.SharingScope);
        Assert.Equal("shared", source.Field!.Name);
        var results = new List<string>();
        await foreach (var result in executor.MapSourceStream(shared, source.Stream!))
        {
            results.Add(result.ToJson());
        }
        Assert.Equal(["""{"data":{"shared":1}}""", """{"data":{"shared":2}}"""], results);

        var own = await executor.CreateSourceStreamAsync(executor.Prepare("subscription { own }"));
        Assert.False(own.IsShareable);
        Assert.NotNull(own.Stream);

        // Without the scope's context value this subscriber is not shared; a refusal is the failure result.
        Assert.False((await executor.CreateSourceStreamAsync(executor.Prepare("subscription { scoped }"))).IsShareable);
        var refused = await executor.CreateSourceStreamAsync(executor.Prepare("subscription { shared(count: -1) }"));
        Assert.Null(refused.Stream);
        Assert.Equal("count must be positive", refused.Failure!.Errors![0].Message);
        var query = await executor.CreateSourceStreamAsync(executor.Prepare("{ hello }"));
        Assert.NotNull(query.Failure);
    }
}

public sealed class ShareQuery
{
    public string Hello => "hi";
}

public sealed class OrgScope : ISubscriptionSharingScope
{
    public string? GetScope(IResolverContext context) =>
        context.ContextData.TryGetValue("org", out var org) && org is string s ? "org:" + s : null;
}

public sealed class ShareSubscription
{
    [SharedSubscription]
    public IAsyncEnumerable<int> Shared(int count, CancellationToken cancellationToken) =>
        count < 0 ? throw new GraphQLException("count must be positive") : Count(count, cancellationToken);

    public IAsyncEnumerable<int> Own(CancellationToken cancellationToken) => Count(1, cancellationToken);

    [SharedSubscription(Scope = typeof(OrgScope))]
    public IAsyncEnumerable<int> Scoped(CancellationToken cancellationToken) => Count(1, cancellationToken);

    private static async IAsyncEnumerable<int> Count(int count, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 1; i <= count; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }
    }
}

public sealed class SharedOnQuery
{
    [SharedSubscription]
    public string Hello() => "hi";
}

public sealed class BadScopeSubscription
{
    [SharedSubscription(Scope = typeof(string))]
    public async IAsyncEnumerable<int> Bad()
    {
        await Task.Yield();
        yield return 1;
    }
}

public class SubscriptionTimeoutTests
{
    [Fact]
    public async Task The_execution_timeout_does_not_end_a_stream_that_honours_its_subscribe_token()
    {
        var schema = new SchemaBuilder().AddQueryType<ShareQuery>().AddSubscriptionType<SlowTicks>().Build();
        var executor = new GraphQLExecutor(schema, new GraphQLExecutorOptions { ExecutionOptions = new ExecutionOptions { Timeout = TimeSpan.FromMilliseconds(50) } });
        var results = new List<string>();
        await foreach (var result in executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { ticks }" }))
        {
            results.Add(result.ToJson());
        }
        // Three ticks 60 ms apart: the last one comes long after the 50 ms execution timeout.
        Assert.Equal(["""{"data":{"ticks":1}}""", """{"data":{"ticks":2}}""", """{"data":{"ticks":3}}"""], results);
    }
}

public sealed class SlowTicks
{
    public async IAsyncEnumerable<int> Ticks([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 1; i <= 3; i++)
        {
            await Task.Delay(60, cancellationToken);
            yield return i;
        }
    }
}
