using System.Runtime.CompilerServices;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Building;

namespace Tickr.GraphQL.Tests.Building;

public class SubscriptionTests
{
    private static readonly Schema Schema = new SchemaBuilder()
        .AddQueryType<SubQuery>()
        .AddSubscriptionType<SubSubscription>()
        .Build();

    [Fact]
    public void Stream_methods_become_fields_typed_by_the_stream_element()
    {
        Assert.Equal("onEventChanged ticks delayedStream renamed", Schema.FieldNames("Subscription"));
        Assert.Equal("SubEvent!", Schema.TypeOf("Subscription", "onEventChanged"));
        Assert.Equal("Int!", Schema.TypeOf("Subscription", "ticks"));
        Assert.Equal("String!", Schema.TypeOf("Subscription", "renamed"));
        Assert.Equal(["eventId"], Schema.Field("Subscription", "onEventChanged").Arguments.Select(a => a.Name));
    }

    [Fact]
    public async Task Subscriber_produces_the_stream_and_resolver_returns_the_payload()
    {
        var field = Schema.Field("Subscription", "onEventChanged");
        var context = new TestResolverContext { Field = field };
        context.Args["eventId"] = 3;

        var stream = await field.Subscriber!(context);
        var items = new List<object?>();
        await foreach (var item in stream)
        {
            items.Add(item);
        }
        Assert.Equal([3, 3], items.Select(i => ((SubEvent)i!).Id));

        context.Parent = items[0];
        Assert.Same(items[0], await field.Resolver!(context));
    }

    [Fact]
    public async Task Value_type_streams_are_boxed_and_task_wrapped_streams_are_awaited()
    {
        var ticks = await Collect("ticks");
        Assert.Equal([1, 2, 3], ticks);
        var delayed = await Collect("delayedStream");
        Assert.Equal(["a"], delayed);
    }

    [Fact]
    public async Task Subscribe_With_separates_the_stream_from_the_event_resolver()
    {
        var field = Schema.Field("Subscription", "renamed");
        Assert.Equal(["prefix"], field.Arguments.Select(a => a.Name));
        var context = new TestResolverContext { Field = field };
        context.Args["prefix"] = ">";
        var stream = await field.Subscriber!(context);
        await foreach (var payload in stream)
        {
            context.Parent = payload;
            Assert.Equal(">Gala", await field.Resolver!(context));
        }
    }

    [Fact]
    public void Streams_outside_the_subscription_type_are_rejected()
    {
        var error = Assert.Throws<SchemaBuildException>(() => new SchemaBuilder().AddQueryType<StreamingQuery>().Build());
        Assert.Contains("StreamingQuery.Live", error.Message);
    }

    [Fact]
    public void Subscription_methods_must_return_streams()
    {
        var error = Assert.Throws<SchemaBuildException>(() =>
            new SchemaBuilder().AddQueryType<SubQuery>().AddSubscriptionType<NotStreaming>().Build());
        Assert.Contains("NotStreaming.Now", error.Message);
    }

    private static async Task<List<object?>> Collect(string fieldName)
    {
        var field = Schema.Field("Subscription", fieldName);
        var stream = await field.Subscriber!(new TestResolverContext { Field = field });
        var list = new List<object?>();
        await foreach (var item in stream) list.Add(item);
        return list;
    }
}

public sealed class SubEvent
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
}

public sealed class SubQuery
{
    public string Hello => "hi";
}

public sealed class SubSubscription
{
    [Subscribe]
    public async IAsyncEnumerable<SubEvent> OnEventChanged(int eventId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 0; i < 2; i++)
        {
            await Task.Yield();
            yield return new SubEvent { Id = eventId };
        }
    }

    public async IAsyncEnumerable<int> Ticks()
    {
        for (var i = 1; i <= 3; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    public async Task<IAsyncEnumerable<string>> DelayedStreamAsync()
    {
        await Task.Delay(1);
        return One("a");
    }

    [Subscribe(With = nameof(RenamedStream))]
    public string Renamed([Parent] SubEvent e, string prefix) => prefix + e.Title;

    public IAsyncEnumerable<SubEvent> RenamedStream() => One(new SubEvent { Title = "Gala" });

    private static async IAsyncEnumerable<T> One<T>(T item)
    {
        await Task.Yield();
        yield return item;
    }
}

public sealed class StreamingQuery
{
    public IAsyncEnumerable<int> Live() => throw new NotSupportedException();
}

public sealed class NotStreaming
{
    public DateTimeOffset Now() => DateTimeOffset.UtcNow;
}
