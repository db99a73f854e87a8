using System.Runtime.CompilerServices;
using Tickr.GraphQL.Introspection;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation;

/// <summary>
/// Schema lookups validation needs beyond the schema model: field definitions including the meta fields
/// (<c>__typename</c>, <c>__schema</c>, <c>__type</c>, spec §4.1 and §4.2) and types of AST type references.
/// Created once per schema and shared by concurrent validations.
/// </summary>
internal sealed class SchemaInfo
{
    private static readonly ConditionalWeakTable<Schema, SchemaInfo> Cache = new();

    private SchemaInfo(Schema schema) => Schema = schema;

    public Schema Schema { get; }
    public OutputField TypeNameField => IntrospectionFields.TypeName;

    public static SchemaInfo For(Schema schema) => Cache.GetValue(schema, static s => new SchemaInfo(s));

    /// <summary>
    /// The definition of field <paramref name="name"/> on <paramref name="parentType"/>, including the meta fields
    /// (graphql-js <c>getFieldDef</c>): <c>__schema</c> and <c>__type</c> only on the query root type,
    /// <c>__typename</c> on every composite type.
    /// </summary>
    public OutputField? GetFieldDef(NamedType parentType, string name)
    {
        if (name.Length > 2 && name[0] == '_' && name[1] == '_')
        {
            if (name == "__typename")
            {
                return parentType.IsCompositeType() ? TypeNameField : null;
            }
            if (ReferenceEquals(parentType, Schema.QueryType))
            {
                if (name == "__schema") return IntrospectionFields.Schema;
                if (name == "__type") return IntrospectionFields.Type;
            }
        }
        return parentType is IComplexOutputType complex ? complex.Fields[name] : null;
    }

    /// <summary>The schema type an AST type reference denotes, or null when its named type is unknown.</summary>
    public IGraphQLType? TypeFromAst(TypeNode node)
    {
        switch (node)
        {
            case NamedTypeNode named:
                return Schema.GetType(named.Name.Value);
            case ListTypeNode list:
                return TypeFromAst(list.Type) is { } inner ? new ListType(inner) : null;
            case NonNullTypeNode nonNull:
                var of = TypeFromAst(nonNull.Type);
                return of is null or NonNullType ? null : new NonNullType(of);
            default:
                return null;
        }
    }
}
