using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Scalars;
using Tickr.GraphQL.Types.Sdl;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Tests.Types;

public class SchemaBuilderTests
{
    private static IReadOnlyList<string> ErrorMessages(string sdl) =>
        Assert.Throws<SchemaException>(() => SdlSchemaBuilder.FromSdl(sdl)).Errors.Select(e => e.Message).ToList();

    [Fact]
    public void Extensions_add_fields_interfaces_members_values_and_input_fields()
    {
        var schema = SdlSchemaBuilder.FromSdl("""
            type Query { a: Int }
            extend type Query { b: String }
            interface Named { name: String }
            type Thing { id: ID }
            extend type Thing implements Named { name: String }
            union U = Thing
            type Other { x: Int }
            extend union U = Other
            enum E { A }
            extend enum E { B }
            input I { x: Int }
            extend input I { y: Int }
            extend type Query { u: U e: E f(i: I): Int }
            """);
        var query = schema.QueryType;
        Assert.Equal(["a", "b", "u", "e", "f"], query.Fields.Select(f => f.Name));
        Assert.Equal(["Named"], ((ObjectType)schema.GetType("Thing")!).Interfaces.Select(i => i.Name));
        Assert.Equal(["Thing", "Other"], ((UnionType)schema.GetType("U")!).Types.Select(t => t.Name));
        Assert.Equal(["A", "B"], ((EnumType)schema.GetType("E")!).Values.Select(v => v.Name));
        Assert.Equal(["x", "y"], ((InputObjectType)schema.GetType("I")!).Fields.Select(f => f.Name));
    }

    [Fact]
    public void Schema_definition_maps_root_types_and_conventional_names_are_used_without_it()
    {
        var custom = SdlSchemaBuilder.FromSdl("schema { query: Q subscription: S } type Q { a: Int } type S { tick: Int } type Mutation { m: Int }");
        Assert.Equal("Q", custom.QueryType.Name);
        Assert.Null(custom.MutationType);
        Assert.Equal("S", custom.SubscriptionType!.Name);

        var conventional = SdlSchemaBuilder.FromSdl("type Query { a: Int } type Mutation { m: Int }");
        Assert.Equal("Mutation", conventional.MutationType!.Name);
    }

    [Fact]
    public void Sdl_errors_are_collected_with_locations()
    {
        var errors = Assert.Throws<SchemaException>(() => SdlSchemaBuilder.FromSdl("""
            type Query { a: Missing }
            type Query { b: Int }
            extend type Nope { x: Int }
            """)).Errors;
        Assert.Equal(
            ["There can be only one type named \"Query\".", "Unknown type \"Missing\".", "Cannot extend type \"Nope\" because it is not defined."],
            errors.Select(e => e.Message));
        Assert.Equal(2, errors[0].Locations!.Count);
        Assert.Equal(3, errors[2].Locations![0].Line);
    }

    [Fact]
    public void Applied_directives_must_be_known_allowed_at_their_location_and_not_repeated_unless_repeatable()
    {
        Assert.Equal(["Unknown directive \"@nope\"."], ErrorMessages("type Query { a: Int @nope }"));
        Assert.Equal(["Directive \"@d\" may not be used on FIELD_DEFINITION."], ErrorMessages("directive @d on OBJECT type Query { a: Int @d }"));
        Assert.Equal(["The directive \"@d\" can only be used once at this location."], ErrorMessages("directive @d on OBJECT type Query @d @d { a: Int }"));
        SdlSchemaBuilder.FromSdl("directive @d repeatable on OBJECT type Query @d @d { a: Int }");
    }

    [Fact]
    public void A_syntax_error_becomes_a_schema_exception_with_its_location()
    {
        var ex = Assert.Throws<SchemaException>(() => SdlSchemaBuilder.FromSdl("type Query {"));
        Assert.Single(ex.Errors);
        Assert.StartsWith("Syntax Error", ex.Errors[0].Message);
        Assert.NotNull(ex.Errors[0].Locations);
    }

    [Fact]
    public void A_schema_without_query_type_is_refused()
    {
        Assert.Equal(["Query root type must be provided."], ErrorMessages("type Foo { a: Int }"));
    }

    [Fact]
    public void Resolvers_are_attached_by_coordinate_and_unknown_coordinates_are_reported()
    {
        var options = new SdlBuildOptions();
        FieldResolver hello = static _ => new("world");
        options.Resolvers["Query.hello"] = hello;
        var schema = SdlSchemaBuilder.FromSdl("type Query { hello: String other: Int }", options);
        Assert.Same(hello, schema.QueryType.Fields["hello"]!.Resolver);
        Assert.Null(schema.QueryType.Fields["other"]!.Resolver);

        var bad = new SdlBuildOptions();
        bad.Resolvers["Query.missing"] = hello;
        var ex = Assert.Throws<SchemaException>(() => SdlSchemaBuilder.FromSdl("type Query { hello: String }", bad));
        Assert.Equal("A resolver is given for \"Query.missing\", which is not a field of the schema.", ex.Message);
    }

    [Fact]
    public void Abstract_types_resolve_dictionaries_by_their_typename_entry()
    {
        var schema = SdlSchemaBuilder.FromSdl("type Query { n: Node } interface Node { id: ID } type A implements Node { id: ID } union U = A");
        var node = (InterfaceType)schema.GetType("Node")!;
        var union = (UnionType)schema.GetType("U")!;
        var value = new Dictionary<string, object?> { ["__typename"] = "A", ["id"] = "1" };
        Assert.Same(schema.GetType("A"), node.ResolveType!(value, schema));
        Assert.Same(schema.GetType("A"), union.ResolveType!(value, schema));
        Assert.Null(node.ResolveType!(new Dictionary<string, object?>(), schema));
    }

    [Fact]
    public void Unknown_custom_scalars_pass_values_through_and_extended_scalars_keep_their_behaviour()
    {
        var schema = SdlSchemaBuilder.FromSdl("""
            "Any JSON." scalar Json
            scalar DateTime
            type Query { j: Json d: DateTime u: UUID }
            """);
        var json = Assert.IsType<PassThroughScalar>(schema.GetType("Json"));
        Assert.Equal("Any JSON.", json.Description);
        Assert.True(json.TryParseLiteral(new Tickr.GraphQL.Language.Ast.ObjectValueNode { Fields = [] }, out var obj));
        Assert.IsType<Dictionary<string, object?>>(obj);
        var dateTime = Assert.IsType<DateTimeScalar>(schema.GetType("DateTime"));
        Assert.Null(dateTime.SpecifiedByUrl);
        Assert.Null(dateTime.Description);
        Assert.Same(BuiltInScalars.UUID, schema.GetType("UUID"));
    }

    [Fact]
    public void Custom_scalar_implementations_can_be_supplied_by_name()
    {
        var options = new SdlBuildOptions();
        var money = new DecimalScalar();
        options.Scalars["Money"] = new PassThroughScalar("Money") { Description = "Supplied." };
        var schema = SdlSchemaBuilder.FromSdl("scalar Money type Query { m: Money }", options);
        Assert.Same(options.Scalars["Money"], schema.GetType("Money"));
        _ = money;
    }

    [Fact]
    public void Applied_directives_are_kept_and_printed_on_request()
    {
        var schema = SdlSchemaBuilder.FromSdl(SdlRoundTripTests.Sdl);
        var ticket = (ObjectType)schema.GetType("Ticket")!;
        Assert.Equal(["cost"], ticket.AppliedDirectives.Select(d => d.Name.Value));
        Assert.Equal(["cost", "cost"], ticket.Fields["title"]!.AppliedDirectives.Select(d => d.Name.Value));

        var printed = SchemaPrinter.Print(schema, new SchemaPrinterOptions { IncludeAppliedDirectives = true });
        Assert.Contains("schema @meta(tags: [\"root\"]) {", printed, StringComparison.Ordinal);
        Assert.Contains("type Ticket implements Entity & Node @cost(weight: 2) {", printed, StringComparison.Ordinal);
        Assert.Contains("): String! @cost(weight: 1) @cost(weight: 3, reason: \"db\")", printed, StringComparison.Ordinal);
        Assert.Contains("truncate: Boolean @deprecated(reason: \"Use `maxLength`.\")\n", printed, StringComparison.Ordinal);
        // Printing with applied directives still round-trips.
        Assert.Equal(printed, SchemaPrinter.Print(SdlSchemaBuilder.FromSdl(printed), new SchemaPrinterOptions { IncludeAppliedDirectives = true }));
    }

    [Fact]
    public void Descriptions_are_printed_as_graphql_js_printDescription_does()
    {
        var schema = SdlSchemaBuilder.FromSdl(
            "type Query {\n" +
            "  \"single\" a: Int\n" +
            "  \"has \\\"quotes\\\" and ends with a quote\\\"\" b: Int\n" +
            "  \"  indented first line\" c: Int\n" +
            "  \"line one\\n  line two\" d: Int\n" +
            "  \"\\n starts with a line break\" e: Int\n" +
            "  \"\" f: Int\n" +
            "}");
        Assert.Equal(
            "type Query {\n" +
            "  \"\"\"single\"\"\"\n  a: Int\n\n" +
            "  \"\"\"\n  has \"quotes\" and ends with a quote\"\n  \"\"\"\n  b: Int\n\n" +
            "  \"\"\"  indented first line\"\"\"\n  c: Int\n\n" +
            "  \"\"\"\n  line one\n    line two\n  \"\"\"\n  d: Int\n\n" +
            "  \"\\n starts with a line break\"\n  e: Int\n\n" +
            "  \"\"\"\"\"\"\n  f: Int\n" +
            "}",
            SchemaPrinter.Print(schema));
    }
}
