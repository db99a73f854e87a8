namespace Tickr.GraphQL.Execution.DataLoader;

/// <summary>
/// A loader that fetches one value per key: <see cref="LoadBatchAsync"/> receives the distinct keys of a batch
/// and returns the values it found; keys missing from the result load as null (default).
/// </summary>
public abstract class BatchDataLoader<TKey, TValue> : DataLoaderBase<TKey, TValue?>
    where TKey : notnull
{
    protected BatchDataLoader(IEqualityComparer<TKey>? comparer = null) : base(comparer) { }

    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> LoadBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken);

    protected sealed override async Task<TValue?[]> FetchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
    {
        var found = await LoadBatchAsync(keys, cancellationToken).ConfigureAwait(false);
        var values = new TValue?[keys.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = found.TryGetValue(keys[i], out var value) ? value : default;
        }
        return values;
    }
}

/// <summary>
/// A loader that fetches a group of values per key (e.g. the tickets of each event): <see cref="LoadBatchAsync"/>
/// returns a lookup; each key loads the array of its values (empty when it has none).
/// </summary>
public abstract class GroupDataLoader<TKey, TValue> : DataLoaderBase<TKey, TValue[]>
    where TKey : notnull
{
    protected GroupDataLoader(IEqualityComparer<TKey>? comparer = null) : base(comparer) { }

    protected abstract Task<ILookup<TKey, TValue>> LoadBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken);

    protected sealed override async Task<TValue[][]> FetchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
    {
        var lookup = await LoadBatchAsync(keys, cancellationToken).ConfigureAwait(false);
        var values = new TValue[keys.Count][];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = lookup.Contains(keys[i]) ? [.. lookup[keys[i]]] : [];
        }
        return values;
    }
}

/// <summary>A <see cref="BatchDataLoader{TKey,TValue}"/> whose fetch is a delegate.</summary>
public sealed class FuncBatchDataLoader<TKey, TValue>(
    Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
    IEqualityComparer<TKey>? comparer = null) : BatchDataLoader<TKey, TValue>(comparer)
    where TKey : notnull
{
    protected override Task<IReadOnlyDictionary<TKey, TValue>> LoadBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken) =>
        fetch(keys, cancellationToken);
}

/// <summary>A <see cref="GroupDataLoader{TKey,TValue}"/> whose fetch is a delegate.</summary>
public sealed class FuncGroupDataLoader<TKey, TValue>(
    Func<IReadOnlyList<TKey>, CancellationToken, Task<ILookup<TKey, TValue>>> fetch,
    IEqualityComparer<TKey>? comparer = null) : GroupDataLoader<TKey, TValue>(comparer)
    where TKey : notnull
{
    protected override Task<ILookup<TKey, TValue>> LoadBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken) =>
        fetch(keys, cancellationToken);
}
