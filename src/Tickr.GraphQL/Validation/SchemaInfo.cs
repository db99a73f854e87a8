using System.Runtime.CompilerServices;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation;

/// <summary>
/// Per-schema data validation needs and the schema model does not hold: the meta fields
/// (<c>__typename</c>, <c>__schema</c>, <c>__type</c>, spec §4.1 and §4.2) and a cache of types built from
/// AST type references. Created once per schema and shared by concurrent validations.
/// </summary>
internal sealed class SchemaInfo
{
    private static readonly ConditionalWeakTable<Schema, SchemaInfo> Cache = new();

    private SchemaInfo(Schema schema)
    {
        Schema = schema;
        var stringType = schema.GetType("String") ?? BuiltInScalarsFallback.String;
        TypeNameField = new OutputField("__typename", new NonNullType(stringType));
        if (schema.GetType("__Schema") is { } schemaType)
        {
            SchemaField = new OutputField("__schema", new NonNullType(schemaType));
        }
        if (schema.GetType("__Type") is { } typeType)
        {
            TypeField = new OutputField("__type", typeType);
            TypeField.Arguments.Add(new InputValue("name", new NonNullType(stringType)));
        }
    }

    public Schema Schema { get; }
    public OutputField TypeNameField { get; }
    public OutputField? SchemaField { get; }
    public OutputField? TypeField { get; }

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
                if (name == "__schema") return SchemaField;
                if (name == "__type") return TypeField;
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

    /// <summary>Used only when a schema somehow lacks the String type, so meta fields still have a type.</summary>
    private static class BuiltInScalarsFallback
    {
        public static readonly NamedType String = new PlaceholderScalar("String");

        private sealed class PlaceholderScalar(string name) : ScalarType(name)
        {
            public override bool TryParseLiteral(ValueNode literal, out object? value)
            {
                value = literal is StringValueNode s ? s.Value : null;
                return literal is StringValueNode;
            }

            public override bool TryParseValue(object externalValue, out object? value)
            {
                value = externalValue as string;
                return value is not null;
            }

            public override bool TrySerialize(object runtimeValue, out object? resultValue)
            {
                resultValue = runtimeValue as string;
                return resultValue is not null;
            }

            public override ValueNode ValueToLiteral(object runtimeValue) => new StringValueNode { Value = runtimeValue.ToString() ?? "" };
        }
    }
}
