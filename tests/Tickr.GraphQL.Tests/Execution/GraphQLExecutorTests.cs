using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Types;
using static Tickr.GraphQL.Tests.Execution.Kit;

namespace Tickr.GraphQL.Tests.Execution;

public class GraphQLExecutorTests
{
    private sealed record Item(int Id, int OwnerId);

    private static Schema BuildSchema()
    {
        var owner = Object("Owner", new OutputField("id", BuiltInScalars.Int));
        var item = Object("Item",
            new OutputField("id", BuiltInScalars.Int),
            AsyncField("owner", owner, async c =>
            {
                var loader = c.BatchDataLoader<int, object>((ids, _) =>
                {
                    IReadOnlyDictionary<int, object> map = ids.ToDictionary(id => id, id => (object)new Dictionary<string, object?> { ["id"] = id });
                    return Task.FromResult(map);
                }, "owners");
                return await loader.LoadAsync(c.ParentAs<Item>().OwnerId);
            }));
        var query = Object("Query",
            Field("items", ListOf(item), c => Enumerable.Range(1, c.ArgumentValue<int>("count")).Select(i => new Item(i, i % 3)).ToList())
                .WithArgument("count", NonNull(BuiltInScalars.Int)),
            Field("hello", BuiltInScalars.String, _ => "world"));
        var subscription = Object("Subscription", new OutputField("tick", BuiltInScalars.Int) { Subscriber = _ => new(Ticks()) });
        return new Schema(query, subscription: subscription);

        static async IAsyncEnumerable<object?> Ticks()
        {
            for (var i = 0; i < 3; i++)
            {
                await Task.Yield();
                yield return i;
            }
        }
    }

    [Fact]
    public async Task Syntax_errors_give_a_result_without_data()
    {
        var executor = new GraphQLExecutor(BuildSchema());
        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ hello" });
        Assert.False(result.HasData);
        var error = Assert.Single(result.Errors!);
        Assert.Equal(ErrorCodes.SyntaxError, error.Code);
        Assert.NotNull(error.Locations);
        Assert.Equal(0, executor.CachedDocumentCount);
    }

    [Fact]
    public async Task Validation_errors_give_a_result_without_data()
    {
        var executor = new GraphQLExecutor(BuildSchema());
        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ nope hello }" });
        Assert.False(result.HasData);
        Assert.Contains(result.Errors!, e => e.Message.Contains("nope", StringComparison.Ordinal));
        Assert.DoesNotContain("\"data\"", result.ToJson());
    }

    [Fact]
    public async Task Missing_query_is_reported()
    {
        var result = await new GraphQLExecutor(BuildSchema()).ExecuteAsync(new GraphQLRequest());
        Assert.False(result.HasData);
        Assert.Single(result.Errors!);
    }

    [Fact]
    public async Task Repeated_queries_reuse_the_cached_document_and_give_the_same_result()
    {
        var executor = new GraphQLExecutor(BuildSchema());
        var request = new GraphQLRequest { Query = "query($n: Int!) { items(count: $n) { id owner { id } } }", Variables = JsonVariables.FromJson("{\"n\": 4}") };
        var first = (await executor.ExecuteAsync(request)).ToJson();
        var second = (await executor.ExecuteAsync(request)).ToJson();
        Assert.Equal(J("{'data':{'items':[{'id':1,'owner':{'id':1}},{'id':2,'owner':{'id':2}},{'id':3,'owner':{'id':0}},{'id':4,'owner':{'id':1}}]}}"), first);
        Assert.Equal(first, second);
        Assert.Equal(1, executor.CachedDocumentCount);
    }

    [Fact]
    public async Task Document_cache_stays_within_its_size()
    {
        var executor = new GraphQLExecutor(BuildSchema(), new GraphQLExecutorOptions { DocumentCacheSize = 4 });
        for (var i = 0; i < 20; i++)
        {
            var result = await executor.ExecuteAsync(new GraphQLRequest { Query = $"{{ a{i}: hello }}" });
            Assert.Equal($"{{\"data\":{{\"a{i}\":\"world\"}}}}", result.ToJson());
        }
        Assert.InRange(executor.CachedDocumentCount, 1, 4);
    }

    [Fact]
    public async Task Concurrent_requests_share_cached_plans_safely()
    {
        var executor = new GraphQLExecutor(BuildSchema());
        var tasks = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            var n = i % 5 + 1;
            var result = await executor.ExecuteAsync(new GraphQLRequest
            {
                Query = "query($n: Int!) { items(count: $n) { id owner { id } } hello }",
                Variables = Vars(("n", (long)n)),
            });
            Assert.Null(result.Errors);
            Assert.Equal(n, ((IReadOnlyList<object?>)result.Data!["items"]!).Count);
        }));
        await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Introspection_runs_through_the_pipeline()
    {
        var executor = new GraphQLExecutor(BuildSchema());
        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ __schema { queryType { name } subscriptionType { name } } __type(name: \"Item\") { fields { name } } }" });
        Assert.Equal(
            J("{'data':{'__schema':{'queryType':{'name':'Query'},'subscriptionType':{'name':'Subscription'}},'__type':{'fields':[{'name':'id'},{'name':'owner'}]}}}"),
            result.ToJson());
    }

    [Fact]
    public async Task Subscriptions_run_through_the_pipeline()
    {
        var executor = new GraphQLExecutor(BuildSchema());
        var results = new List<string>();
        await foreach (var result in executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { tick }" }))
        {
            results.Add(result.ToJson());
        }
        Assert.Equal([J("{'data':{'tick':0}}"), J("{'data':{'tick':1}}"), J("{'data':{'tick':2}}")], results);

        var invalid = new List<ExecutionResult>();
        await foreach (var result in executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { nope }" }))
        {
            invalid.Add(result);
        }
        Assert.False(Assert.Single(invalid).HasData);
    }
}
