using Tickr.GraphQL;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Relay;

/// <summary><c>node</c> and <c>nodes</c>: refetch any object by its global id.</summary>
[QueryType]
public sealed class NodeQueries
{
    public const int MaxNodes = 100;

    /// <summary>The object with this global id; null when it does not exist or the caller may not see it.</summary>
    /// <param name="id">A global id, as any object's <c>id</c> field gives it.</param>
    /// <param name="context">The request.</param>
    public Task<INode?> GetNodeAsync([ID] string id, IResolverContext context) => FetchAsync(context, id);

    /// <summary>The objects with these global ids, in the same order (at most 100); null where <c>node</c> would be null.</summary>
    /// <param name="ids">Up to 100 global ids.</param>
    /// <param name="context">The request.</param>
    public async Task<IReadOnlyList<INode?>> GetNodesAsync([ID] IReadOnlyList<string> ids, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count > MaxNodes)
        {
            throw new GraphQLException($"nodes takes at most {MaxNodes} ids; got {ids.Count}.", ErrorCodes.BadUserInput);
        }
        // All fetches start before any is awaited, so their DataLoaders batch them: N events cost one query.
        var tasks = new Task<INode?>[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            tasks[i] = FetchAsync(context, ids[i]);
        }
        return await Task.WhenAll(tasks);
    }

    private static Task<INode?> FetchAsync(IResolverContext context, string id)
    {
        if (!GlobalId.TryDecode(id, out var typeName, out var key))
        {
            throw new GraphQLException($"'{id}' is not a Tickr id.", ErrorCodes.BadUserInput);
        }
        return TickrSchema.Nodes.TryGet(typeName, out var fetch) ? fetch(context, key) : Task.FromResult<INode?>(null);
    }
}
