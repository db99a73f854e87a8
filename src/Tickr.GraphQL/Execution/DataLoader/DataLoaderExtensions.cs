namespace Tickr.GraphQL.Execution.DataLoader;

/// <summary>Gets per-request loaders from a resolver context.</summary>
public static class DataLoaderExtensions
{
    /// <summary>
    /// The request's batch loader named <paramref name="name"/> (default: derived from the fetch delegate's method),
    /// created with <paramref name="fetch"/> on first use.
    /// </summary>
    public static BatchDataLoader<TKey, TValue> BatchDataLoader<TKey, TValue>(
        this IResolverContext context,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
        string? name = null,
        int? maxBatchSize = null)
        where TKey : notnull
    {
        return context.DataLoaders.GetOrCreate<BatchDataLoader<TKey, TValue>>(
            name ?? KeyOf(fetch, "batch"),
            _ => new FuncBatchDataLoader<TKey, TValue>(fetch) { MaxBatchSize = maxBatchSize });
    }

    /// <summary>The request's group loader named <paramref name="name"/>, created with <paramref name="fetch"/> on first use.</summary>
    public static GroupDataLoader<TKey, TValue> GroupDataLoader<TKey, TValue>(
        this IResolverContext context,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<ILookup<TKey, TValue>>> fetch,
        string? name = null,
        int? maxBatchSize = null)
        where TKey : notnull
    {
        return context.DataLoaders.GetOrCreate<GroupDataLoader<TKey, TValue>>(
            name ?? KeyOf(fetch, "group"),
            _ => new FuncGroupDataLoader<TKey, TValue>(fetch) { MaxBatchSize = maxBatchSize });
    }

    /// <summary>
    /// The request's instance of a loader class: taken from the request services when registered there,
    /// else constructed with its constructor parameters resolved from the services.
    /// </summary>
    public static TLoader DataLoader<TLoader>(this IResolverContext context) where TLoader : class, IDataLoader =>
        context.DataLoaders.GetOrCreate(typeof(TLoader).FullName ?? typeof(TLoader).Name, DataLoaderRegistry.Create<TLoader>);

    private static string KeyOf(Delegate fetch, string kind)
    {
        var method = fetch.Method;
        return $"{kind}:{method.DeclaringType?.FullName}.{method.Name}:{method.MetadataToken}";
    }
}
