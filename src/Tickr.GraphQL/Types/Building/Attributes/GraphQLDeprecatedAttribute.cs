namespace Tickr.GraphQL.Types.Building;

/// <summary>
/// Marks a field, argument, input field or enum value as deprecated (<c>@deprecated(reason:)</c>).
/// <see cref="ObsoleteAttribute"/> is honoured the same way.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class GraphQLDeprecatedAttribute(string? reason = null) : Attribute
{
    /// <summary>The reason; null means the spec's default "No longer supported".</summary>
    public string? Reason { get; } = reason;
}
