namespace Tickr.GraphQL.Execution.DataLoader;

/// <summary>
/// Batching and per-request caching shared by all loaders. <see cref="LoadAsync(TKey)"/> records the key and
/// returns a task; the executor calls <see cref="DispatchAsync"/> once every started resolver is waiting, so all
/// keys requested in the meantime (deduplicated) go to a single fetch. A key loaded again in the same request is
/// answered from the cache without a fetch.
/// <para>
/// Batches of different loaders, and chunks of one loader split by <see cref="MaxBatchSize"/>, can run at the same
/// time. A loader that uses EF Core must therefore create its own DbContext per batch (from an
/// <c>IDbContextFactory</c>) and never share one; the engine itself shares no state between batches.
/// </para>
/// </summary>
public abstract class DataLoaderBase<TKey, TValue> : IDataLoader, IPendingKeysNotifier
    where TKey : notnull
{
    private readonly object _sync = new();
    private readonly Dictionary<TKey, Task<TValue>> _cache;
    private List<KeyValuePair<TKey, TaskCompletionSource<TValue>>>? _pending;

    protected DataLoaderBase(IEqualityComparer<TKey>? comparer = null)
    {
        _cache = new Dictionary<TKey, Task<TValue>>(comparer);
    }

    /// <summary>Largest number of keys sent in one fetch; larger batches are split. Null: unlimited.</summary>
    public int? MaxBatchSize { get; set; }

    /// <summary>Number of fetches started so far (diagnostics and tests).</summary>
    public int FetchCount => Volatile.Read(ref _fetchCount);

    private int _fetchCount;

    Action? IPendingKeysNotifier.PendingKeysAdded { get; set; }

    public bool HasPendingKeys
    {
        get
        {
            lock (_sync)
            {
                return _pending is { Count: > 0 };
            }
        }
    }

    /// <summary>Loads one value; the fetch happens when the executor dispatches the batch.</summary>
    public Task<TValue> LoadAsync(TKey key)
    {
        Task<TValue> task;
        bool first;
        lock (_sync)
        {
            if (_cache.TryGetValue(key, out var cached))
            {
                return cached;
            }
            var completion = new TaskCompletionSource<TValue>();
            _cache.Add(key, completion.Task);
            first = _pending is not { Count: > 0 };
            (_pending ??= []).Add(new(key, completion));
            task = completion.Task;
        }
        if (first)
        {
            // Wakes an idle executor when the key comes from code running outside its queue.
            ((IPendingKeysNotifier)this).PendingKeysAdded?.Invoke();
        }
        return task;
    }

    /// <summary>Loads several values (in the order of <paramref name="keys"/>) through the same batch.</summary>
    public Task<TValue[]> LoadAsync(IReadOnlyList<TKey> keys)
    {
        var tasks = new Task<TValue>[keys.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = LoadAsync(keys[i]);
        }
        return Task.WhenAll(tasks);
    }

    /// <summary>Puts a value into the cache (no effect when the key is already cached).</summary>
    public void Prime(TKey key, TValue value)
    {
        lock (_sync)
        {
            _cache.TryAdd(key, Task.FromResult(value));
        }
    }

    /// <summary>Forgets a cached key (e.g. after a mutation changed it).</summary>
    public void Clear(TKey key)
    {
        lock (_sync)
        {
            _cache.Remove(key);
        }
    }

    /// <summary>
    /// Fetches the values of <paramref name="keys"/> (distinct, in first-requested order). The result must have one
    /// entry per key, in the same order.
    /// </summary>
    protected abstract Task<TValue[]> FetchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken);

    public Task DispatchAsync(CancellationToken cancellationToken)
    {
        List<KeyValuePair<TKey, TaskCompletionSource<TValue>>>? batch;
        lock (_sync)
        {
            batch = _pending;
            _pending = null;
        }
        if (batch is null || batch.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Results are handed back through the dispatcher's context (the executor's queue) in one piece, so all
        // resolvers waiting on this batch resume before the executor looks for the next batch.
        var context = SynchronizationContext.Current;
        var size = MaxBatchSize is > 0 and var max ? max : int.MaxValue;
        if (batch.Count <= size)
        {
            return RunBatchAsync(batch, context, cancellationToken);
        }
        var tasks = new List<Task>((batch.Count + size - 1) / size);
        for (var start = 0; start < batch.Count; start += size)
        {
            tasks.Add(RunBatchAsync(batch.GetRange(start, Math.Min(size, batch.Count - start)), context, cancellationToken));
        }
        return Task.WhenAll(tasks);
    }

    private async Task RunBatchAsync(List<KeyValuePair<TKey, TaskCompletionSource<TValue>>> batch, SynchronizationContext? context, CancellationToken cancellationToken)
    {
        var keys = new TKey[batch.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = batch[i].Key;
        }
        Interlocked.Increment(ref _fetchCount);

        TValue[]? values = null;
        Exception? error = null;
        try
        {
            Task<TValue[]> fetch;
            var previous = SynchronizationContext.Current;
            // The fetch runs on the thread pool, not on the executor's queue: batches may run in parallel.
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                fetch = FetchAsync(keys, cancellationToken);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(previous);
            }
            values = await fetch.ConfigureAwait(false);
            if (values is null || values.Length != keys.Length)
            {
                error = new InvalidOperationException($"{GetType().Name} returned {values?.Length ?? 0} values for {keys.Length} keys.");
            }
        }
        catch (Exception ex)
        {
            error = ex;
        }

        var state = new Delivery(batch, values, error);
        if (context is not null)
        {
            context.Post(static s => ((Delivery)s!).Run(), state);
        }
        else
        {
            state.Run();
        }
    }

    private sealed class Delivery(List<KeyValuePair<TKey, TaskCompletionSource<TValue>>> batch, TValue[]? values, Exception? error)
    {
        public void Run()
        {
            // Resolvers await loads with ConfigureAwait(false), and .NET never inlines such a continuation on a thread
            // whose SynchronizationContext is not the default one (the executor's queue is one): it sends each to the
            // thread pool, where they resume one by one while the executor, finding its queue empty in between,
            // dispatches the keys they add one batch at a time (N+1 queries). Completing the batch with no context
            // lets those continuations run here, in one piece; what they hand back to the executor (its own awaits,
            // which captured its context) is posted to its queue before the executor looks for the next batch.
            var previous = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    if (error is not null) batch[i].Value.TrySetException(error);
                    else batch[i].Value.TrySetResult(values![i]);
                }
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(previous);
            }
        }
    }
}

/// <summary>Lets the executor learn that a loader got keys while it was waiting for other work.</summary>
internal interface IPendingKeysNotifier
{
    Action? PendingKeysAdded { get; set; }
}
