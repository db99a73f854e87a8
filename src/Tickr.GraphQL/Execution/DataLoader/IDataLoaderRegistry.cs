namespace Tickr.GraphQL.Execution.DataLoader;

/// <summary>
/// Per-request registry of DataLoaders. A loader is created once per request (so its cache is per request)
/// and its batches are dispatched by the executor when no resolver can make progress without them.
/// </summary>
public interface IDataLoaderRegistry
{
    /// <summary>Gets or creates the loader registered under <paramref name="key"/>.</summary>
    TLoader GetOrCreate<TLoader>(string key, Func<IServiceProvider, TLoader> factory) where TLoader : class;
}
