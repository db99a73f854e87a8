using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Execution;

/// <summary>Supplies the <c>__schema</c> and <c>__type</c> meta-fields of the query root type.</summary>
internal static class IntrospectionHook
{
    public static OutputField? GetRootField(string name) => name switch
    {
        "__schema" => Introspection.IntrospectionFields.Schema,
        "__type" => Introspection.IntrospectionFields.Type,
        _ => null,
    };
}
