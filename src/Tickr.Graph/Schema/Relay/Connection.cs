using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Relay;

/// <summary>A page of a list, Relay style: edges with cursors, the nodes directly, page info and the total count.</summary>
public sealed class Connection<T>
{
    private readonly Func<CancellationToken, Task<int>> _count;

    public Connection(IReadOnlyList<Edge<T>> edges, PageInfo pageInfo, Func<CancellationToken, Task<int>> count)
    {
        Edges = edges;
        PageInfo = pageInfo;
        _count = count;
    }

    /// <summary>The items of the page with their cursors.</summary>
    public IReadOnlyList<Edge<T>> Edges { get; }

    /// <summary>The items of the page (the edges' nodes, for clients that need no cursor).</summary>
    public IReadOnlyList<T> Nodes => Edges.Select(e => e.Node).ToArray();

    /// <summary>Where the page sits in the whole list.</summary>
    public PageInfo PageInfo { get; }

    /// <summary>How many items the whole list has (counted only when asked for).</summary>
    [GraphQLDescription("How many items the whole list has, across all pages (counted only when selected).")]
    public Task<int> GetTotalCountAsync(CancellationToken cancellationToken) => _count(cancellationToken);
}

/// <summary>An item of a page and its cursor.</summary>
public sealed class Edge<T>(T node, string cursor)
{
    /// <summary>The item.</summary>
    public T Node { get; } = node;

    /// <summary>Pass it as <c>after</c> to get the items that follow this one.</summary>
    public string Cursor { get; } = cursor;
}
