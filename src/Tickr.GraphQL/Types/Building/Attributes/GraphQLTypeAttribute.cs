namespace Tickr.GraphQL.Types.Building;

/// <summary>
/// Forces the named GraphQL type of a member (e.g. <c>[GraphQLType("ID")]</c> on a string or int). List and
/// nullability wrappers still come from the CLR type.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Parameter, Inherited = true)]
public class GraphQLTypeAttribute(string typeName) : Attribute
{
    public string TypeName { get; } = typeName;
}

/// <summary>Shorthand for <c>[GraphQLType("ID")]</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Parameter)]
public sealed class IDAttribute() : GraphQLTypeAttribute("ID");
