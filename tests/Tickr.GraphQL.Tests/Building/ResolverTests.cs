using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Types.Building;

namespace Tickr.GraphQL.Tests.Building;

public class ResolverTests
{
    private static readonly Tickr.GraphQL.Types.Schema Schema = new SchemaBuilder()
        .AddQueryType<InjectionQuery>()
        .AddTypeExtension<InjectionEventExtensions>()
        .Build();

    [Fact]
    public void Injected_parameters_are_not_arguments()
    {
        Assert.Equal(["id"], Schema.Field("Query", "event").Arguments.Select(a => a.Name));
        Assert.Empty(Schema.Field("InjectionEvent", "organizer").Arguments);
        Assert.Empty(Schema.Field("Query", "whoAmI").Arguments);
    }

    [Fact]
    public async Task Arguments_services_context_and_cancellation_reach_the_method()
    {
        using var cts = new CancellationTokenSource();
        var clock = new FixedClock();
        var context = new TestResolverContext
        {
            Services = new TestServices().Add(clock),
            CancellationToken = cts.Token,
        };
        context.Args["id"] = 42;
        context.ContextData["user"] = "ada";

        var result = Assert.IsType<InjectionEvent>(await Schema.Resolve("Query", "event", context));
        Assert.Equal(42, result.Id);
        Assert.Equal(clock.Now, result.At);
        Assert.True(result.SawToken == cts.Token);
        Assert.Equal("ada", await Schema.Resolve("Query", "whoAmI", context));
    }

    [Fact]
    public async Task Missing_required_service_fails_with_a_clear_error_and_optional_service_is_null()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Schema.Resolve("Query", "event", new TestResolverContext()));
        Assert.Contains(nameof(FixedClock), error.Message);
        Assert.Equal("no clock", await Schema.Resolve("Query", "maybeClock"));
    }

    [Fact]
    public async Task Root_instance_comes_from_services_when_registered_else_is_created_once()
    {
        var first = await Schema.Resolve("Query", "instanceId");
        var second = await Schema.Resolve("Query", "instanceId");
        Assert.Equal(first, second);

        var registered = new InjectionQuery();
        var fromServices = await Schema.Resolve("Query", "instanceId", new TestResolverContext { Services = new TestServices().Add(registered) });
        Assert.Equal(registered.InstanceId, fromServices);
        Assert.NotEqual(first, fromServices);
    }

    [Fact]
    public async Task Async_resolvers_are_awaited_for_Task_and_ValueTask_whether_completed_or_not()
    {
        Assert.Equal("done", await Schema.Resolve("Query", "slow"));
        Assert.Equal(5, await Schema.Resolve("Query", "fast"));
        Assert.Equal(7, await Schema.Resolve("Query", "slowValue"));
        Assert.Equal("Int!", Schema.TypeOf("Query", "slowValue"));
    }

    [Fact]
    public async Task Completed_sync_resolvers_return_completed_value_tasks()
    {
        var context = new TestResolverContext { Parent = new InjectionEvent { Id = 3 } };
        context.Field = Schema.Field("InjectionEvent", "id");
        var task = context.Field.Resolver!(context);
        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(3, await task);
    }

    [Fact]
    public async Task Property_fields_read_the_parent_and_methods_on_objects_take_arguments()
    {
        var parent = new InjectionEvent { Id = 9 };
        Assert.Equal(9, await Schema.Resolve("InjectionEvent", "id", parent: parent));
        var context = new TestResolverContext { Parent = parent };
        context.Args["prefix"] = "#";
        Assert.Equal("#9", await Schema.Resolve("InjectionEvent", "label", context));
    }

    [Fact]
    public async Task DataLoader_parameters_come_from_the_request_registry_once_per_request()
    {
        var registry = new TestDataLoaderRegistry(new TestServices().Add(new OrganizerStore()));
        var context = new TestResolverContext { Parent = new InjectionEvent { Id = 1 }, DataLoaders = registry };

        Assert.Equal("Organizer of 1", await Schema.Resolve("InjectionEvent", "organizer", context));
        context.Parent = new InjectionEvent { Id = 2 };
        Assert.Equal("Organizer of 2", await Schema.Resolve("InjectionEvent", "organizer", context));

        var loader = Assert.IsType<OrganizerLoader>(Assert.Single(registry.Loaders).Value);
        Assert.Equal(typeof(OrganizerLoader).FullName, registry.Loaders.Keys.Single());
        Assert.Equal(2, loader.Calls);
    }

    [Fact]
    public async Task DataLoader_registered_as_a_service_is_used_as_is()
    {
        var shared = new OrganizerLoader(new OrganizerStore());
        var registry = new TestDataLoaderRegistry(new TestServices().Add(shared));
        var context = new TestResolverContext { Parent = new InjectionEvent { Id = 4 }, DataLoaders = registry };
        await Schema.Resolve("InjectionEvent", "organizer", context);
        Assert.Equal(1, shared.Calls);
    }

    [Fact]
    public async Task Resolver_exceptions_surface_to_the_caller()
    {
        await Assert.ThrowsAsync<GraphQLException>(() => Schema.Resolve("Query", "broken"));
    }
}

public sealed class FixedClock
{
    public DateTimeOffset Now { get; } = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
}

public sealed class InjectionEvent
{
    public int Id { get; set; }
    public DateTimeOffset At { get; set; }
    [GraphQLIgnore] public CancellationToken SawToken { get; set; }
    public string Label(string prefix) => prefix + Id;
}

public sealed class OrganizerStore
{
    public string Name(int id) => $"Organizer of {id}";
}

/// <summary>Test loader: counts loads instead of batching.</summary>
public sealed class OrganizerLoader(OrganizerStore store) : IDataLoader
{
    public int Calls { get; private set; }
    public bool HasPendingKeys => false;
    public Task DispatchAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string> LoadAsync(int id)
    {
        Calls++;
        return Task.FromResult(store.Name(id));
    }
}

public sealed class InjectionQuery
{
    public Guid InstanceId { get; } = Guid.NewGuid();

    public InjectionEvent Event(int id, [Service] FixedClock clock, IResolverContext context, CancellationToken ct, IServiceProvider services) =>
        new() { Id = id, At = clock.Now, SawToken = ct };

    public string WhoAmI(IResolverContext context) => (string)context.ContextData["user"]!;

    public string MaybeClock([Service] FixedClock? clock) => clock is null ? "no clock" : "clock";

    public async Task<string> SlowAsync()
    {
        await Task.Delay(5);
        return "done";
    }

    public Task<int> Fast() => Task.FromResult(5);

    public async ValueTask<int> SlowValueAsync()
    {
        await Task.Yield();
        return 7;
    }

    public string Broken() => throw new GraphQLException("nope");
}

[ExtendObjectType(typeof(InjectionEvent))]
public sealed class InjectionEventExtensions
{
    public Task<string> GetOrganizerAsync([Parent] InjectionEvent e, OrganizerLoader loader) => loader.LoadAsync(e.Id);
}
