namespace Tickr.GraphQL.Types.Building;

/// <summary>Makes an input class a OneOf input object: exactly one of its fields must be given (<c>@oneOf</c>).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class OneOfAttribute : Attribute;
