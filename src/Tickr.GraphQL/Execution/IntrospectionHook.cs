using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Execution;

/// <summary>Supplies the <c>__schema</c> and <c>__type</c> meta-fields of the query root type.</summary>
internal static class IntrospectionHook
{
    // TODO(exec): use Introspection.IntrospectionFields.Schema/Type once the types helper lands them on main.
    public static OutputField? GetRootField(string name) => null;
}
