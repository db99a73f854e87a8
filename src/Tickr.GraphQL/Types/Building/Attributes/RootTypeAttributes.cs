namespace Tickr.GraphQL.Types.Building;

/// <summary>
/// Marks a class whose members are fields of the Query type. Add it with <see cref="SchemaBuilder.AddType{T}"/>
/// or <see cref="SchemaBuilder.AddTypeExtension{T}"/>; several classes may contribute to the same root.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class QueryTypeAttribute : Attribute;

/// <summary>Marks a class whose members are fields of the Mutation type (see <see cref="QueryTypeAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MutationTypeAttribute : Attribute;

/// <summary>Marks a class whose members are fields of the Subscription type (see <see cref="QueryTypeAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SubscriptionTypeAttribute : Attribute;
