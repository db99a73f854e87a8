using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog;

/// <summary>A kind of event: concerts, theatre, sport…</summary>
[GraphQLName("Category")]
public sealed class CategoryNode(Category c) : INode
{
    public const string TypeName = "Category";

    /// <summary>The category's global id.</summary>
    public string Id => GlobalId.Encode(TypeName, c.Id);

    /// <summary>Stable identifier for URLs, e.g. <c>concerts</c>.</summary>
    public string Slug => c.Slug;

    /// <summary>The category's name.</summary>
    public string Name => c.Name;
}
