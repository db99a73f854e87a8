using System.Collections.Concurrent;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Types;
using static Tickr.GraphQL.Tests.Execution.Kit;

namespace Tickr.GraphQL.Tests.Execution;

/// <summary>
/// The shape of a catalog page: parents from an asynchronous root, several sibling loaders whose batches finish at
/// different times, and a grandchild loader keyed by the parent. The grandchild must still load in one batch.
/// </summary>
public class DataLoaderGrandchildTests
{
    private sealed record Parent(int Id);
    private sealed record Child(int ParentId, int N);

    private sealed class Store
    {
        public readonly ConcurrentQueue<string> Calls = new();

        public async Task<IReadOnlyDictionary<int, string>> SlowAsync(IReadOnlyList<int> ids, CancellationToken token)
        {
            Calls.Enqueue("slow");
            await Task.Delay(Random.Shared.Next(1, 15), token).ConfigureAwait(false);
            return ids.ToDictionary(i => i, i => "s" + i);
        }

        public async Task<IReadOnlyDictionary<int, string>> FastAsync(IReadOnlyList<int> ids, CancellationToken token)
        {
            Calls.Enqueue("fast");
            await Task.Delay(Random.Shared.Next(0, 5), token).ConfigureAwait(false);
            return ids.ToDictionary(i => i, i => "f" + i);
        }

        public async Task<ILookup<int, Child>> ChildrenAsync(IReadOnlyList<int> ids, CancellationToken token)
        {
            Calls.Enqueue("children");
            await Task.Delay(Random.Shared.Next(1, 10), token).ConfigureAwait(false);
            return ids.SelectMany(i => new[] { new Child(i, 1), new Child(i, 2), new Child(i, 3) }).ToLookup(c => c.ParentId);
        }

        public async Task<ILookup<int, int>> LimitsAsync(IReadOnlyList<int> ids, CancellationToken token)
        {
            Calls.Enqueue("limits " + ids.Count);
            await Task.Delay(Random.Shared.Next(1, 10), token).ConfigureAwait(false);
            return ids.Select(i => (i, 10)).ToLookup(x => x.i, x => x.Item2);
        }
    }

    private static Schema BuildSchema(Store store)
    {
        var child = Object("Child",
            new OutputField("n", BuiltInScalars.Int),
            AsyncField("remaining", BuiltInScalars.Int, async c =>
            {
                var limits = await c.GroupDataLoader<int, int>(store.LimitsAsync, "limits").LoadAsync(c.ParentAs<Child>().ParentId);
                return limits.Sum() - c.ParentAs<Child>().N;
            }));
        var parent = Object("Parent",
            new OutputField("id", BuiltInScalars.Int),
            AsyncField("slow", BuiltInScalars.String, async c => await c.BatchDataLoader<int, string>(store.SlowAsync, "slow").LoadAsync(c.ParentAs<Parent>().Id)),
            AsyncField("fast", BuiltInScalars.String, async c => await c.BatchDataLoader<int, string>(store.FastAsync, "fast").LoadAsync(c.ParentAs<Parent>().Id)),
            AsyncField("children", ListOf(child), async c =>
            {
                var all = await c.GroupDataLoader<int, Child>(store.ChildrenAsync, "children").LoadAsync(c.ParentAs<Parent>().Id);
                return all.Where(x => x.N > 0).ToArray();
            }));
        var query = Object("Query",
            AsyncField("parents", ListOf(parent), async _ =>
            {
                await Task.Delay(2).ConfigureAwait(false);
                return Enumerable.Range(1, 19).Select(i => new Parent(i)).ToArray();
            }));
        return new Schema(query);
    }

    [Fact]
    public async Task A_grandchild_loader_keyed_by_the_parent_loads_in_one_batch_whatever_the_timing()
    {
        for (var run = 0; run < 30; run++)
        {
            var store = new Store();
            var result = await Executor.ExecuteAsync(BuildSchema(store), Parser.Parse("{ parents { id slow fast children { n remaining } } }"));
            Assert.Null(result.Errors);
            Assert.Equal(["limits 19"], store.Calls.Where(c => c.StartsWith("limits", StringComparison.Ordinal)));
        }
    }
}

/// <summary>
/// The same shape built code first: resolver methods returning Task&lt;T&gt; go through the builder's adapter, whose
/// continuation must resume on the executor's queue (regression: with ConfigureAwait(false) it resumed on the thread
/// pool, and the grandchild loader was dispatched in several batches, a different number on every run).
/// </summary>
public class CodeFirstDataLoaderGrandchildTests
{
    public sealed class Store : IServiceProvider
    {
        public readonly ConcurrentQueue<int> LimitBatches = new();

        public object? GetService(Type serviceType) => serviceType == typeof(Store) ? this : null;
    }

    public sealed class ChildrenLoader(Store store) : GroupDataLoader<int, Child>
    {
        public Store Store { get; } = store;

        protected override async Task<ILookup<int, Child>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
        {
            await Task.Delay(Random.Shared.Next(1, 10), cancellationToken).ConfigureAwait(false);
            return keys.SelectMany(k => new[] { new Child(k, 1), new Child(k, 2) }).ToLookup(c => c.ParentId);
        }
    }

    public sealed class NameLoader : BatchDataLoader<int, string>
    {
        protected override async Task<IReadOnlyDictionary<int, string>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
        {
            await Task.Delay(Random.Shared.Next(0, 15), cancellationToken).ConfigureAwait(false);
            return keys.ToDictionary(k => k, k => "p" + k);
        }
    }

    public sealed class LimitsLoader(Store store) : GroupDataLoader<int, int>
    {
        protected override async Task<ILookup<int, int>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
        {
            store.LimitBatches.Enqueue(keys.Count);
            await Task.Delay(Random.Shared.Next(1, 5), cancellationToken).ConfigureAwait(false);
            return keys.ToLookup(k => k, _ => 10);
        }
    }

    public sealed class Parent(int id)
    {
        public int Id => id;

        public async Task<string?> GetNameAsync(NameLoader names) => await names.LoadAsync(id);

        public async Task<IReadOnlyList<Child>> GetChildrenAsync(ChildrenLoader children) => (await children.LoadAsync(id)).Where(c => c.N > 0).ToArray();
    }

    public sealed class Child(int parentId, int n)
    {
        public int ParentId => parentId;

        public int N => n;

        public async Task<int> GetRemainingAsync(LimitsLoader limits) => (await limits.LoadAsync(parentId)).Sum() - n;
    }

    public sealed class Query
    {
        public async Task<IReadOnlyList<Parent>> GetParentsAsync()
        {
            await Task.Delay(2).ConfigureAwait(false);
            return Enumerable.Range(1, 19).Select(i => new Parent(i)).ToArray();
        }
    }

    [Fact]
    public async Task A_grandchild_loader_loads_in_one_batch_through_code_first_resolvers()
    {
        var schema = new Tickr.GraphQL.Types.Building.SchemaBuilder().AddQueryType<Query>().Build();
        for (var run = 0; run < 30; run++)
        {
            var store = new Store();
            var result = await Executor.ExecuteAsync(schema, Parser.Parse("{ parents { id name children { n remaining } } }"), services: store);
            Assert.Null(result.Errors);
            Assert.Equal([19], store.LimitBatches);
        }
    }
}
