using System.Reflection;

namespace Tickr.GraphQL.Execution.DataLoader;

/// <summary>
/// The per-request <see cref="IDataLoaderRegistry"/>: one loader instance per key for the request's lifetime,
/// and the list the executor dispatches from.
/// </summary>
public sealed class DataLoaderRegistry(IServiceProvider services) : IDataLoaderRegistry
{
    /// <summary>Called when a loader created by this registry gets its first pending key.</summary>
    internal Action? PendingKeysAdded { get; init; }

    private readonly Dictionary<string, object> _loaders = new(StringComparer.Ordinal);
    private readonly List<IDataLoader> _dispatchable = [];

    public TLoader GetOrCreate<TLoader>(string key, Func<IServiceProvider, TLoader> factory) where TLoader : class
    {
        lock (_loaders)
        {
            if (_loaders.TryGetValue(key, out var existing))
            {
                return existing as TLoader ?? throw new InvalidOperationException(
                    $"The DataLoader key \"{key}\" is already used by a {existing.GetType().Name}, not a {typeof(TLoader).Name}.");
            }
            var loader = factory(services) ?? throw new InvalidOperationException($"The factory of DataLoader \"{key}\" returned null.");
            _loaders.Add(key, loader);
            if (loader is IDataLoader dispatchable)
            {
                _dispatchable.Add(dispatchable);
                if (loader is IPendingKeysNotifier notifier && PendingKeysAdded is { } callback)
                {
                    notifier.PendingKeysAdded = callback;
                }
            }
            return loader;
        }
    }

    /// <summary>True when some loader has keys waiting for a batch.</summary>
    public bool HasPendingKeys
    {
        get
        {
            foreach (var loader in Snapshot())
            {
                if (loader.HasPendingKeys) return true;
            }
            return false;
        }
    }

    /// <summary>Starts a batch for every loader with pending keys; false when there was none.</summary>
    public bool DispatchPending(CancellationToken cancellationToken)
    {
        var dispatched = false;
        foreach (var loader in Snapshot())
        {
            if (!loader.HasPendingKeys) continue;
            dispatched = true;
            Task task;
            try
            {
                task = loader.DispatchAsync(cancellationToken);
            }
            catch (Exception)
            {
                // A faulty custom loader must not take the executor down; its waiting fields time out or fail.
                continue;
            }
            if (!task.IsCompleted)
            {
                task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        return dispatched;
    }

    private IDataLoader[] Snapshot()
    {
        lock (_loaders)
        {
            return _dispatchable.Count == 0 ? [] : [.. _dispatchable];
        }
    }

    /// <summary>Creates a loader of type <typeparamref name="TLoader"/> from services, or through its constructor.</summary>
    internal static TLoader Create<TLoader>(IServiceProvider services) where TLoader : class
    {
        if (services.GetService(typeof(TLoader)) is TLoader registered)
        {
            return registered;
        }
        ConstructorInfo? best = null;
        foreach (var constructor in typeof(TLoader).GetConstructors())
        {
            if (best is null || constructor.GetParameters().Length > best.GetParameters().Length) best = constructor;
        }
        if (best is null)
        {
            throw new InvalidOperationException($"DataLoader {typeof(TLoader).Name} has no public constructor.");
        }
        var parameters = best.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            arguments[i] = type == typeof(IServiceProvider) ? services
                : services.GetService(type)
                ?? (parameters[i].HasDefaultValue ? parameters[i].DefaultValue
                    : throw new InvalidOperationException($"DataLoader {typeof(TLoader).Name} needs a {type.Name}, which is not registered."));
        }
        return (TLoader)best.Invoke(arguments);
    }
}
