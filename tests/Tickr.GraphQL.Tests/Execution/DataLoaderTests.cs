using System.Collections.Concurrent;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Types;
using static Tickr.GraphQL.Tests.Execution.Kit;

namespace Tickr.GraphQL.Tests.Execution;

public class DataLoaderTests
{
    private sealed record Event(int Id, int VenueId);
    private sealed record Venue(int Id, string Name, int CityId);
    private sealed record City(int Id, string Name);
    private sealed record Ticket(int EventId, string Seat);

    /// <summary>The "database": records every batch it serves.</summary>
    private sealed class Db : IServiceProvider
    {
        public readonly ConcurrentQueue<string> Calls = new();
        public bool FailVenues;

        public static readonly Event[] Events = [new(1, 1), new(2, 2), new(3, 1), new(4, 3), new(5, 2)];
        private static readonly Venue[] Venues = [new(1, "Arena", 10), new(2, "Club", 20), new(3, "Hall", 10)];
        private static readonly City[] Cities = [new(10, "Oslo"), new(20, "Bergen")];
        private static readonly Ticket[] Tickets = [new(1, "A1"), new(1, "A2"), new(3, "C1")];

        public async Task<IReadOnlyDictionary<int, Venue>> VenuesAsync(IReadOnlyList<int> ids, CancellationToken token)
        {
            Calls.Enqueue("venues " + string.Join(",", ids));
            await Task.Delay(5, token);
            if (FailVenues) throw new GraphQLException("venue store down", "STORE_DOWN");
            return Venues.Where(v => ids.Contains(v.Id)).ToDictionary(v => v.Id);
        }

        public async Task<IReadOnlyDictionary<int, City>> CitiesAsync(IReadOnlyList<int> ids, CancellationToken token)
        {
            Calls.Enqueue("cities " + string.Join(",", ids));
            await Task.Yield();
            return Cities.Where(c => ids.Contains(c.Id)).ToDictionary(c => c.Id);
        }

        public Task<ILookup<int, Ticket>> TicketsAsync(IReadOnlyList<int> eventIds, CancellationToken token)
        {
            Calls.Enqueue("tickets " + string.Join(",", eventIds));
            return Task.FromResult(Tickets.Where(t => eventIds.Contains(t.EventId)).ToLookup(t => t.EventId));
        }

        public object? GetService(Type serviceType) => serviceType == typeof(Db) ? this : null;
    }

    /// <summary>A class-based loader constructed with services from the request.</summary>
    private sealed class CityLoader(Db db) : BatchDataLoader<int, City>
    {
        protected override Task<IReadOnlyDictionary<int, City>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
            db.CitiesAsync(keys, cancellationToken);
    }

    private static Schema BuildSchema(bool asyncEvents = false, int? maxBatchSize = null)
    {
        var city = Object("City", new OutputField("name", BuiltInScalars.String));
        var venue = Object("Venue",
            new OutputField("name", BuiltInScalars.String),
            AsyncField("city", city, async c => await c.DataLoader<CityLoader>().LoadAsync(c.ParentAs<Venue>().CityId)));
        var ticket = Object("Ticket", new OutputField("seat", BuiltInScalars.String));
        var evt = Object("Event",
            new OutputField("id", BuiltInScalars.Int),
            AsyncField("venue", venue, async c =>
            {
                var db = (Db)c.Services.GetService(typeof(Db))!;
                return await c.BatchDataLoader<int, Venue>(db.VenuesAsync, "venues", maxBatchSize).LoadAsync(c.ParentAs<Event>().VenueId);
            }),
            AsyncField("tickets", ListOf(ticket), async c =>
            {
                var db = (Db)c.Services.GetService(typeof(Db))!;
                return await c.GroupDataLoader<int, Ticket>(db.TicketsAsync, "tickets").LoadAsync(c.ParentAs<Event>().Id);
            }));
        var query = Object("Query", asyncEvents
            ? AsyncField("events", ListOf(evt), async _ => { await Task.Yield(); return Db.Events; })
            : Field("events", ListOf(evt), _ => Db.Events));
        return new Schema(query);
    }

    private static async Task<ExecutionResult> Run(Schema schema, string query, Db db) =>
        await Executor.ExecuteAsync(schema, Parser.Parse(query), services: db);

    [Fact]
    public async Task A_list_of_parents_loads_its_children_in_one_batch_per_level()
    {
        var db = new Db();
        var result = await Run(BuildSchema(), "{ events { id venue { name city { name } } } }", db);
        Assert.Null(result.Errors);
        Assert.Equal(
            J("{'data':{'events':[{'id':1,'venue':{'name':'Arena','city':{'name':'Oslo'}}},{'id':2,'venue':{'name':'Club','city':{'name':'Bergen'}}},{'id':3,'venue':{'name':'Arena','city':{'name':'Oslo'}}},{'id':4,'venue':{'name':'Hall','city':{'name':'Oslo'}}},{'id':5,'venue':{'name':'Club','city':{'name':'Bergen'}}}]}}"),
            result.ToJson());
        Assert.Equal(["venues 1,2,3", "cities 10,20"], db.Calls);
    }

    [Fact]
    public async Task Batching_does_not_depend_on_timing_of_asynchronous_parents()
    {
        for (var run = 0; run < 20; run++)
        {
            var db = new Db();
            var result = await Run(BuildSchema(asyncEvents: true), "{ events { venue { city { name } } } again: events { tickets { seat } } }", db);
            Assert.Null(result.Errors);
            Assert.Equal(["venues 1,2,3", "tickets 1,2,3,4,5", "cities 10,20"], db.Calls.OrderBy(c => c == "cities 10,20" ? 1 : 0));
            Assert.Equal(3, db.Calls.Count);
        }
    }

    [Fact]
    public async Task Keys_loaded_again_in_the_same_request_come_from_the_cache()
    {
        var db = new Db();
        var result = await Run(BuildSchema(), "{ a: events { venue { name } } b: events { venue { name } } }", db);
        Assert.Null(result.Errors);
        Assert.Equal(["venues 1,2,3"], db.Calls);

        // A new request has a new cache.
        await Run(BuildSchema(), "{ events { venue { name } } }", db);
        Assert.Equal(["venues 1,2,3", "venues 1,2,3"], db.Calls);
    }

    [Fact]
    public async Task Group_loader_gives_each_key_its_values()
    {
        var db = new Db();
        var result = await Run(BuildSchema(), "{ events { id tickets { seat } } }", db);
        Assert.Equal(
            J("{'data':{'events':[{'id':1,'tickets':[{'seat':'A1'},{'seat':'A2'}]},{'id':2,'tickets':[]},{'id':3,'tickets':[{'seat':'C1'}]},{'id':4,'tickets':[]},{'id':5,'tickets':[]}]}}"),
            result.ToJson());
        Assert.Equal(["tickets 1,2,3,4,5"], db.Calls);
    }

    [Fact]
    public async Task Max_batch_size_splits_a_batch()
    {
        var db = new Db();
        var result = await Run(BuildSchema(maxBatchSize: 2), "{ events { venue { name } } }", db);
        Assert.Null(result.Errors);
        Assert.Equal(["venues 1,2", "venues 3"], db.Calls.Order());
    }

    [Fact]
    public async Task A_failing_batch_fails_every_field_waiting_on_it()
    {
        var db = new Db { FailVenues = true };
        var result = await Run(BuildSchema(), "{ events { id venue { name } } }", db);
        Assert.Equal(J("{'data':{'events':[{'id':1,'venue':null},{'id':2,'venue':null},{'id':3,'venue':null},{'id':4,'venue':null},{'id':5,'venue':null}]}}"), DataJson(result));
        Assert.Equal(5, result.Errors!.Count);
        foreach (var error in result.Errors)
        {
            Assert.Equal("venue store down", error.Message);
            Assert.Equal("STORE_DOWN", error.Code);
        }
        // Fields waiting on the same key fail together, so errors come grouped by key.
        Assert.Equal([0, 1, 2, 3, 4], result.Errors.Select(e => (int)e.Path![1]).Order());
        Assert.Single(db.Calls);
    }

    [Fact]
    public async Task Keys_requested_from_code_running_off_the_executor_queue_are_still_dispatched()
    {
        var db = new Db();
        var venue = Object("Venue", new OutputField("name", BuiltInScalars.String));
        var evt = Object("Event", AsyncField("venue", venue, async c =>
        {
            var loader = c.BatchDataLoader<int, Venue>(db.VenuesAsync, "venues");
            var id = c.ParentAs<Event>().VenueId;
            await Task.Delay(1).ConfigureAwait(false);
            return await loader.LoadAsync(id).ConfigureAwait(false);
        }));
        var schema = new Schema(Object("Query", Field("events", ListOf(evt), _ => Db.Events)));
        var result = await Executor.ExecuteAsync(schema, Parser.Parse("{ events { venue { name } } }"), options: new ExecutionOptions { Timeout = TimeSpan.FromSeconds(20) });
        Assert.Null(result.Errors);
        Assert.Equal(J("{'data':{'events':[{'venue':{'name':'Arena'}},{'venue':{'name':'Club'}},{'venue':{'name':'Arena'}},{'venue':{'name':'Hall'}},{'venue':{'name':'Club'}}]}}"), result.ToJson());
        Assert.InRange(db.Calls.Count, 1, 3);
    }

    [Fact]
    public async Task Resolvers_that_await_loads_with_ConfigureAwait_false_still_get_one_batch_per_level()
    {
        // Application resolvers (and analyzers' CA2007) use ConfigureAwait(false). .NET does not inline such
        // continuations on a thread with a SynchronizationContext, so a batch delivered on the executor's queue used
        // to resume its waiters one by one on the thread pool, and the next level's keys went out one batch each.
        var city = Object("City", new OutputField("name", BuiltInScalars.String));
        var venue = Object("Venue",
            new OutputField("name", BuiltInScalars.String),
            AsyncField("city", city, async c => await c.DataLoader<CityLoader>().LoadAsync(c.ParentAs<Venue>().CityId).ConfigureAwait(false)));
        var evt = Object("Event", AsyncField("venue", venue, async c =>
        {
            var db = (Db)c.Services.GetService(typeof(Db))!;
            var found = await c.BatchDataLoader<int, Venue>(db.VenuesAsync, "venues").LoadAsync(c.ParentAs<Event>().VenueId).ConfigureAwait(false);
            return found;
        }));
        var schema = new Schema(Object("Query", Field("events", ListOf(evt), _ => Db.Events)));
        for (var run = 0; run < 20; run++)
        {
            var db = new Db();
            var result = await Run(schema, "{ events { venue { city { name } } } }", db);
            Assert.Null(result.Errors);
            Assert.Equal(["venues 1,2,3", "cities 10,20"], db.Calls);
        }
    }

    [Fact]
    public async Task Loader_outside_the_executor_dispatches_on_request()
    {
        var db = new Db();
        var loader = new FuncBatchDataLoader<int, Venue>(db.VenuesAsync);
        var a = loader.LoadAsync(1);
        var b = loader.LoadAsync(3);
        var again = loader.LoadAsync(1);
        var missing = loader.LoadAsync(99);
        Assert.True(loader.HasPendingKeys);
        await loader.DispatchAsync(CancellationToken.None);
        Assert.Equal("Arena", (await a)!.Name);
        Assert.Equal("Hall", (await b)!.Name);
        Assert.Same(a, again);
        Assert.Null(await missing);
        Assert.Equal(["venues 1,3,99"], db.Calls);
        Assert.Equal(1, loader.FetchCount);
    }
}
