using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Sdl;

namespace Tickr.GraphQL.Tests.Types;

/// <summary>Type-system validation (spec §3, graphql-js validateSchema): messages and locations.</summary>
public class SchemaValidationTests
{
    private static IReadOnlyList<GraphQLError> Errors(string sdl) =>
        Assert.Throws<SchemaException>(() => SdlSchemaBuilder.FromSdl(sdl)).Errors;

    private static void Invalid(string sdl, params string[] messages) =>
        Assert.Equal(messages, Errors(sdl).Select(e => e.Message));

    [Fact]
    public void A_valid_schema_has_no_errors()
    {
        var schema = SdlSchemaBuilder.FromSdl(SdlRoundTripTests.Sdl);
        Assert.Empty(SchemaValidator.Validate(schema));
    }

    [Fact]
    public void Object_types_and_interfaces_must_define_fields()
    {
        Invalid("type Query { a: Empty } type Empty", "Type Empty must define one or more fields.");
        Invalid("type Query { a: I } interface I", "Type I must define one or more fields.");
    }

    [Fact]
    public void Names_starting_with_two_underscores_are_reserved()
    {
        var errors = Errors("type Query { __bad: String ok(__arg: Int): Int }");
        Assert.Equal(
            ["Name \"__bad\" must not begin with \"__\", which is reserved by GraphQL introspection.", "Name \"__arg\" must not begin with \"__\", which is reserved by GraphQL introspection."],
            errors.Select(e => e.Message));
        Assert.Equal(1, errors[0].Locations![0].Line);
        Assert.Equal(14, errors[0].Locations![0].Column);
    }

    [Fact]
    public void Field_types_must_be_output_types_and_argument_types_input_types()
    {
        Invalid("type Query { a: In } input In { x: Int }", "The type of Query.a must be Output Type but got: In.");
        Invalid("type Query { a(o: Out): Int } type Out { x: Int }", "The type of Query.a(o:) must be Input Type but got: Out.");
        Invalid("type Query { a: Int } input In { o: [Out] } type Out { x: Int }", "The type of In.o must be Input Type but got: [Out].");
    }

    [Fact]
    public void An_object_must_provide_every_interface_field_with_a_covariant_type()
    {
        Invalid("type Query { n: Node } interface Node { id: ID! } type A implements Node { x: Int }",
            "Interface field Node.id expected but A does not provide it.");
        Invalid("type Query { n: Node } interface Node { id: ID! } type A implements Node { id: ID }",
            "Interface field Node.id expects type ID! but A.id is type ID.");
        // Covariance: a non-null, a list of subtypes and a possible type all satisfy the interface.
        SdlSchemaBuilder.FromSdl("""
            type Query { n: Node }
            interface Node { id: ID friends: [Node] best: Node }
            type A implements Node { id: ID! friends: [A!]! best: A }
            """);
    }

    [Fact]
    public void Interface_arguments_must_be_present_with_equal_types_and_extra_arguments_must_be_optional()
    {
        Invalid("type Query { n: Node } interface Node { f(a: Int): Int } type A implements Node { f: Int }",
            "Interface field argument Node.f(a:) expected but A.f does not provide it.");
        Invalid("type Query { n: Node } interface Node { f(a: Int): Int } type A implements Node { f(a: Int!): Int }",
            "Interface field argument Node.f(a:) expects type Int but A.f(a:) is type Int!.");
        Invalid("type Query { n: Node } interface Node { f: Int } type A implements Node { f(b: Int!): Int }",
            "Object field A.f includes required argument b that is missing from the Interface field Node.f.");
        SdlSchemaBuilder.FromSdl("type Query { n: Node } interface Node { f: Int } type A implements Node { f(b: Int, c: Int! = 1): Int }");
    }

    [Fact]
    public void Transitive_interfaces_must_be_declared_and_interfaces_cannot_implement_themselves()
    {
        Invalid("type Query { n: Node } interface Node { id: ID } interface Named implements Node { id: ID } type A implements Named { id: ID }",
            "Type A must implement Node because it is implemented by Named.");
        Invalid("type Query { n: I } interface I implements I { id: ID }",
            "Type I cannot implement itself because it would create a circular reference.");
        Invalid("type Query { n: I } interface I implements J { id: ID } interface J implements I { id: ID }",
            "Type I cannot implement J because it would create a circular reference.",
            "Type J cannot implement I because it would create a circular reference.");
    }

    [Fact]
    public void Union_members_must_be_object_types_and_unions_must_have_members()
    {
        Invalid("type Query { u: U } union U = Query | I interface I { x: Int }",
            "Union type U can only include Object types, it cannot include I.");
        Invalid("type Query { u: U } union U", "Union type U must define one or more member types.");
    }

    [Fact]
    public void Enums_must_have_values_and_input_objects_must_have_fields()
    {
        Invalid("type Query { e: E } enum E", "Enum type E must define one or more values.");
        Invalid("type Query { f(i: I): Int } input I", "Input Object type I must define one or more fields.");
    }

    [Fact]
    public void Non_null_input_object_cycles_are_refused_but_nullable_and_list_cycles_are_allowed()
    {
        Invalid("type Query { f(a: A): Int } input A { b: B! } input B { a: A! }",
            "Cannot reference Input Object \"A\" within itself through a series of non-null fields: \"b.a\".");
        Invalid("type Query { f(a: A): Int } input A { self: A! }",
            "Cannot reference Input Object \"A\" within itself through a series of non-null fields: \"self\".");
        SdlSchemaBuilder.FromSdl("type Query { f(a: A): Int } input A { b: B } input B { a: A! list: [A!]! }");
    }

    [Fact]
    public void OneOf_fields_must_be_nullable_and_have_no_default()
    {
        Invalid("type Query { f(a: A): Int } input A @oneOf { x: Int! y: String = \"d\" }",
            "OneOf input field A.x must be nullable.",
            "OneOf input field A.y cannot have a default value.");
    }

    [Fact]
    public void Required_arguments_and_input_fields_cannot_be_deprecated()
    {
        Invalid("type Query { f(a: Int! @deprecated): Int }", "Required argument Query.f(a:) cannot be deprecated.");
        Invalid("type Query { f(a: A): Int } input A { x: Int! @deprecated }", "Required input field A.x cannot be deprecated.");
        SdlSchemaBuilder.FromSdl("type Query { f(a: Int! = 1 @deprecated): Int }");
    }

    [Fact]
    public void Directive_definitions_need_locations_reserved_names_are_refused_and_arguments_must_be_input_types()
    {
        var query = new ObjectType("Query");
        query.Fields.Add(new OutputField("a", BuiltInScalars.Int));
        var noLocations = new DirectiveType("nowhere");
        var ex = Assert.Throws<SchemaException>(() => new Schema(query, directives: [noLocations]));
        Assert.Equal("Directive @nowhere must include 1 or more locations.", ex.Message);

        Invalid("type Query { a: Int } directive @__reserved on FIELD",
            "Name \"__reserved\" must not begin with \"__\", which is reserved by GraphQL introspection.");
        Invalid("type Query { a: Int } directive @d(o: Query) on FIELD",
            "The type of @d(o:) must be Input Type but got: Query.");
    }

    [Fact]
    public void Subtyping_follows_graphql_js_isTypeSubTypeOf()
    {
        var schema = SdlSchemaBuilder.FromSdl("type Query { n: Node } interface Node { id: ID } type A implements Node { id: ID }");
        var node = schema.GetType("Node")!;
        var a = schema.GetType("A")!;
        Assert.True(SchemaValidator.IsTypeSubTypeOf(schema, new NonNullType(a), node));
        Assert.True(SchemaValidator.IsTypeSubTypeOf(schema, new ListType(new NonNullType(a)), new ListType(node)));
        Assert.False(SchemaValidator.IsTypeSubTypeOf(schema, node, a));
        Assert.False(SchemaValidator.IsTypeSubTypeOf(schema, a, new NonNullType(node)));
        Assert.False(SchemaValidator.IsTypeSubTypeOf(schema, new ListType(a), a));
    }
}
