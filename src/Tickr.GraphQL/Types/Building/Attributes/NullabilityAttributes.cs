namespace Tickr.GraphQL.Types.Building;

/// <summary>Makes the member's GraphQL type non-null, whatever its C# annotation says.</summary>
/// <remarks>
/// Without arguments only the outer type changes. With arguments, each entry gives one level from the outside in:
/// <c>[GraphQLNonNull(true, false)]</c> on a list means <c>[T]!</c> (outer non-null, elements nullable).
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Parameter)]
public sealed class GraphQLNonNullAttribute(params bool[] levels) : Attribute
{
    /// <summary>Non-null flags, outermost first; empty means "outer level only".</summary>
    public IReadOnlyList<bool> Levels { get; } = levels;
}

/// <summary>Makes the member's outer GraphQL type nullable, whatever its C# annotation says.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Parameter)]
public sealed class GraphQLNullableAttribute : Attribute;
