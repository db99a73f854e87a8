namespace Tickr.GraphQL.Types.Building;

/// <summary>Keeps a public member (or enum value) out of the schema.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Field)]
public sealed class GraphQLIgnoreAttribute : Attribute;
