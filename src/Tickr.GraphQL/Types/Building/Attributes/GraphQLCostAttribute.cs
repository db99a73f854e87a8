namespace Tickr.GraphQL.Types.Building;

/// <summary>Feeds the cost analysis: <see cref="OutputField.Cost"/> and, for lists, <see cref="OutputField.ListSize"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method)]
public sealed class GraphQLCostAttribute(int cost, int listSize = -1) : Attribute
{
    public int Cost { get; } = cost;

    /// <summary>Assumed list size; negative means "not set".</summary>
    public int ListSize { get; } = listSize;

    /// <summary>Argument names (GraphQL names, e.g. <c>first</c>) whose value bounds the list size.</summary>
    public string[] SlicingArguments { get; set; } = [];
}
