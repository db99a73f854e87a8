using System.Runtime.CompilerServices;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Types;
using static Tickr.GraphQL.Tests.Execution.Kit;

namespace Tickr.GraphQL.Tests.Execution;

public class SubscriptionTests
{
    private sealed class Source
    {
        public bool Disposed;
        public bool SawCancellation;
        public int Produced;

        public async IAsyncEnumerable<object?> Events(int count, bool endless, [EnumeratorCancellation] CancellationToken token = default)
        {
            try
            {
                for (var i = 1; endless || i <= count; i++)
                {
                    await Task.Yield();
                    Produced++;
                    yield return new Dictionary<string, object?> { ["id"] = i, ["title"] = "event " + i };
                }
            }
            finally
            {
                SawCancellation = token.IsCancellationRequested;
                Disposed = true;
            }
        }
    }

    private static Schema BuildSchema(Source source, bool endless = false)
    {
        var evt = Object("Event", new OutputField("id", BuiltInScalars.Int), new OutputField("title", BuiltInScalars.String));
        var subscription = Object("Subscription",
            new OutputField("events", evt) { Subscriber = c => new(source.Events(c.ArgumentValue<int>("count"), endless, c.CancellationToken)) }
                .WithArgument("count", BuiltInScalars.Int),
            new OutputField("titles", BuiltInScalars.String)
            {
                Subscriber = _ => new(source.Events(2, false)),
                Resolver = c => new(((IReadOnlyDictionary<string, object?>)c.Parent!)["title"] + "!"),
            },
            new OutputField("broken", BuiltInScalars.String) { Subscriber = _ => throw new GraphQLException("no stream", "STREAM_FAILED") });
        return new Schema(Object("Query", Field("x", BuiltInScalars.String)), subscription: subscription);
    }

    private static IAsyncEnumerable<ExecutionResult> Subscribe(Schema schema, string query, CancellationToken token = default) =>
        Executor.SubscribeAsync(schema, new GraphQLRequest { Document = Parser.Parse(query) }, cancellationToken: token);

    [Fact]
    public async Task Each_event_is_executed_against_the_selection_set_and_the_stream_completes_with_the_source()
    {
        var source = new Source();
        var results = new List<string>();
        await foreach (var result in Subscribe(BuildSchema(source), "subscription { events(count: 3) { id title } }"))
        {
            results.Add(result.ToJson());
        }
        Assert.Equal(
            [
                J("{'data':{'events':{'id':1,'title':'event 1'}}}"),
                J("{'data':{'events':{'id':2,'title':'event 2'}}}"),
                J("{'data':{'events':{'id':3,'title':'event 3'}}}"),
            ],
            results);
        Assert.True(source.Disposed);
    }

    [Fact]
    public async Task Root_resolver_receives_the_event_as_parent()
    {
        var results = new List<string>();
        await foreach (var result in Subscribe(BuildSchema(new Source()), "subscription { titles }"))
        {
            results.Add(result.ToJson());
        }
        Assert.Equal([J("{'data':{'titles':'event 1!'}}"), J("{'data':{'titles':'event 2!'}}")], results);
    }

    [Fact]
    public async Task Failure_to_create_the_stream_is_a_single_error_result()
    {
        var results = new List<ExecutionResult>();
        await foreach (var result in Subscribe(BuildSchema(new Source()), "subscription { broken }"))
        {
            results.Add(result);
        }
        var only = Assert.Single(results);
        Assert.False(only.HasData);
        var error = Assert.Single(only.Errors!);
        Assert.Equal("no stream", error.Message);
        Assert.Equal("STREAM_FAILED", error.Code);
        Assert.Equal(["broken"], error.Path!);
    }

    [Fact]
    public async Task Stopping_the_consumer_cancels_and_disposes_the_source()
    {
        var source = new Source();
        var seen = 0;
        await foreach (var result in Subscribe(BuildSchema(source, endless: true), "subscription { events { id } }"))
        {
            Assert.Null(result.Errors);
            if (++seen == 2) break;
        }
        Assert.True(source.Disposed);
        Assert.True(source.SawCancellation);
        Assert.Equal(2, source.Produced);
    }

    [Fact]
    public async Task Query_operation_through_subscribe_yields_one_result()
    {
        var results = new List<ExecutionResult>();
        await foreach (var result in Subscribe(BuildSchema(new Source()), "{ x }"))
        {
            results.Add(result);
        }
        Assert.Equal(J("{'data':{'x':null}}"), Assert.Single(results).ToJson());
    }
}
