using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Language.Ast;
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

    [Theory]
    [InlineData("{ hello }", null, OperationType.Query)]
    [InlineData("subscription S { tick } query Q { hello }", "Q", OperationType.Query)]
    [InlineData("subscription S { tick } query Q { hello }", "S", OperationType.Subscription)]
    [InlineData("subscription { tick }", null, OperationType.Subscription)]
    public void Prepare_reports_the_selected_operation_type(string query, string? operationName, OperationType expected)
    {
        var prepared = new GraphQLExecutor(BuildSchema()).Prepare(query, operationName);
        Assert.Equal(PreparedRequestStatus.Ready, prepared.Status);
        Assert.True(prepared.IsValid);
        Assert.Null(prepared.Errors);
        Assert.Equal(expected, prepared.OperationType);
        Assert.Contains(prepared.Operation!, prepared.Document!.Definitions);
    }

    [Theory]
    [InlineData("{ hello", null, PreparedRequestStatus.SyntaxError, ErrorCodes.SyntaxError)]
    [InlineData("  ", null, PreparedRequestStatus.SyntaxError, ErrorCodes.SyntaxError)]
    [InlineData("{ nope }", null, PreparedRequestStatus.ValidationError, null)]
    [InlineData("query A { hello } query B { hello }", null, PreparedRequestStatus.OperationNotFound, ErrorCodes.OperationNotFound)]
    [InlineData("query A { hello }", "B", PreparedRequestStatus.OperationNotFound, ErrorCodes.OperationNotFound)]
    public async Task Prepare_reports_errors_and_executing_them_answers_with_them(string query, string? operationName, PreparedRequestStatus status, string? code)
    {
        var executor = new GraphQLExecutor(BuildSchema());
        var prepared = executor.Prepare(query, operationName);
        Assert.Equal(status, prepared.Status);
        Assert.False(prepared.IsValid);
        Assert.Null(prepared.Operation);
        Assert.Null(prepared.OperationType);
        var error = Assert.Single(prepared.Errors!);
        if (code is not null) Assert.Equal(code, error.Code);
        Assert.Equal(status == PreparedRequestStatus.SyntaxError, prepared.Document is null);

        var result = await executor.ExecuteAsync(prepared);
        Assert.False(result.HasData);
        Assert.Equal(prepared.Errors, result.Errors);
        await foreach (var streamed in executor.SubscribeAsync(prepared))
        {
            Assert.Equal(prepared.Errors, streamed.Errors);
        }
    }

    [Fact]
    public void Prepare_uses_the_executor_limits()
    {
        var executor = new GraphQLExecutor(BuildSchema(), new GraphQLExecutorOptions
        {
            ParserOptions = new Tickr.GraphQL.Language.ParserOptions { MaxTokens = 12 },
            ValidationOptions = new Tickr.GraphQL.Validation.ValidationOptions { MaxDepth = 1 },
        });
        Assert.Equal(PreparedRequestStatus.SyntaxError, executor.Prepare("{ a: hello b: hello c: hello d: hello }").Status);
        Assert.Equal(PreparedRequestStatus.ValidationError, executor.Prepare("{ items(count: 1) { id } }").Status);
    }

    [Fact]
    public void Prepare_returns_the_cached_document_on_a_hit_and_does_not_cache_syntax_errors()
    {
        var executor = new GraphQLExecutor(BuildSchema());
        var first = executor.Prepare("query A { hello } query B { items(count: 1) { id } }", "A");
        var second = executor.Prepare("query A { hello } query B { items(count: 1) { id } }", "B");
        Assert.Same(first.Document, second.Document);
        Assert.NotSame(first.Operation, second.Operation);
        Assert.Equal(1, executor.CachedDocumentCount);

        // Validation errors are kept (the document parsed); syntax errors never are, however many distinct ones come.
        Assert.Same(executor.Prepare("{ nope }").Document, executor.Prepare("{ nope }").Document);
        Assert.Equal(2, executor.CachedDocumentCount);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(PreparedRequestStatus.SyntaxError, executor.Prepare($"{{ a{i}: hello").Status);
        }
        Assert.Equal(2, executor.CachedDocumentCount);
    }

    [Fact]
    public async Task Prepared_requests_execute_many_times_with_their_own_inputs()
    {
        var executor = new GraphQLExecutor(BuildSchema());
        var prepared = executor.Prepare("query($n: Int!) { items(count: $n) { id } }");
        var two = await executor.ExecuteAsync(prepared, JsonVariables.FromJson("{\"n\": 2}"));
        var one = await executor.ExecuteAsync(prepared, JsonVariables.FromJson("{\"n\": 1}"));
        Assert.Equal(J("{'data':{'items':[{'id':1},{'id':2}]}}"), two.ToJson());
        Assert.Equal(J("{'data':{'items':[{'id':1}]}}"), one.ToJson());
        var missing = await executor.ExecuteAsync(prepared);
        Assert.False(missing.HasData);

        var ticks = new List<string>();
        await foreach (var result in executor.SubscribeAsync(executor.Prepare("subscription { tick }")))
        {
            ticks.Add(result.ToJson());
        }
        Assert.Equal(3, ticks.Count);
    }

    [Fact]
    public async Task A_request_prepared_by_another_executor_is_refused()
    {
        var prepared = new GraphQLExecutor(BuildSchema()).Prepare("{ hello }");
        var other = new GraphQLExecutor(BuildSchema());
        await Assert.ThrowsAsync<ArgumentException>(async () => await other.ExecuteAsync(prepared));
        Assert.Throws<ArgumentException>(() => other.SubscribeAsync(prepared));
    }
}
