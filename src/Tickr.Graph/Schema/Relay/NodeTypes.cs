using Tickr.GraphQL.Execution;

namespace Tickr.Graph.Schema.Relay;

/// <summary>
/// How each node type is fetched by id for <c>node</c>/<c>nodes</c>. Each module registers its types with the same
/// loader and the same visibility rule as its own fields, so refetching by id never shows more than browsing.
/// </summary>
public sealed class NodeTypes
{
    private readonly Dictionary<string, Func<IResolverContext, Guid, Task<INode?>>> _fetchers = new(StringComparer.Ordinal);

    /// <summary>
    /// Registers the fetcher of <paramref name="typeName"/>: it returns null for a missing object and for one the
    /// caller may not see (the same answer, so an id leaks nothing).
    /// </summary>
    public NodeTypes Add(string typeName, Func<IResolverContext, Guid, Task<INode?>> fetch)
    {
        if (!_fetchers.TryAdd(typeName, fetch))
        {
            throw new InvalidOperationException($"The node type {typeName} is registered twice.");
        }
        return this;
    }

    public bool TryGet(string typeName, out Func<IResolverContext, Guid, Task<INode?>> fetch) =>
        _fetchers.TryGetValue(typeName, out fetch!);

    public IReadOnlyCollection<string> TypeNames => _fetchers.Keys;
}
