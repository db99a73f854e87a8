using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Introspection;

/// <summary>
/// The meta-fields every query can select (spec §4.2): <c>__schema</c> and <c>__type(name:)</c> on the query root
/// type, <c>__typename</c> on any composite type. They are not part of any type's <c>Fields</c>; the validator and the
/// executor look them up here.
/// </summary>
public static class IntrospectionFields
{
    /// <summary><c>__schema: __Schema!</c></summary>
    public static readonly OutputField Schema = new("__schema", new NonNullType(IntrospectionTypes.Schema))
    {
        Description = "The schema of this service, described for introspection.",
        Resolver = static c => new(c.Schema),
        Cost = 0,
    };

    /// <summary><c>__type(name: String!): __Type</c></summary>
    public static readonly OutputField Type = CreateType();

    /// <summary><c>__typename: String!</c> (the executor answers it without calling the resolver on hot paths).</summary>
    public static readonly OutputField TypeName = new("__typename", new NonNullType(BuiltInScalars.String))
    {
        Description = "The name of the object type this value has at runtime.",
        Resolver = static c => new(c.ParentType.Name),
        Cost = 0,
    };

    /// <summary>The meta-field named <paramref name="name"/> (<c>__schema</c>, <c>__type</c>, <c>__typename</c>), or null.</summary>
    public static OutputField? Find(string name) => name switch
    {
        "__schema" => Schema,
        "__type" => Type,
        "__typename" => TypeName,
        _ => null,
    };

    private static OutputField CreateType()
    {
        var field = new OutputField("__type", IntrospectionTypes.Type)
        {
            Description = "One type of the schema, found by name; null when there is no such type.",
            Resolver = static c => new(c.ArgumentValue<string>("name") is { } name ? c.Schema.GetType(name) : null),
            Cost = 0,
        };
        field.Arguments.Add(new InputValue("name", new NonNullType(BuiltInScalars.String)));
        return field;
    }
}
