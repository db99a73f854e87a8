using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Introspection;

/// <summary>__Schema, __Type, __Field, __InputValue, __EnumValue, __Directive and their enums.</summary>
public static partial class IntrospectionTypes
{
    public static IReadOnlyList<NamedType> All => throw new NotImplementedException("introspection helper");
}
