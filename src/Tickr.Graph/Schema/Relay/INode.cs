using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Relay;

/// <summary>An object with a global id, refetchable with <c>node(id:)</c>.</summary>
[GraphQLDescription("An object with a global id: refetch it with `node(id:)`. Ids are opaque: never parse them.")]
public interface INode
{
    /// <summary>The object's global id.</summary>
    [ID]
    [GraphQLDescription("The object's global id.")]
    string Id { get; }
}
