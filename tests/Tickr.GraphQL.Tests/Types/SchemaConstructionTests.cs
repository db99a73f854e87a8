using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Tests.Types;

public class SchemaConstructionTests
{
    [Fact]
    public void A_minimal_schema_contains_its_types_the_introspection_types_and_the_builtin_directives()
    {
        var query = new ObjectType("Query");
        query.Fields.Add(new OutputField("hello", BuiltInScalars.String));
        var schema = new Schema(query);

        Assert.Same(query, schema.GetType("Query"));
        Assert.Same(BuiltInScalars.String, schema.GetType("String"));
        Assert.Same(BuiltInScalars.Boolean, schema.GetType("Boolean"));
        Assert.NotNull(schema.GetType("__Schema"));
        Assert.NotNull(schema.GetType("__TypeKind"));
        Assert.Null(schema.GetType("Int"));
        Assert.Equal(["include", "skip", "deprecated", "specifiedBy", "oneOf"], schema.AllDirectives.Select(d => d.Name));
        Assert.Equal(schema.Types.Count, schema.AllTypes.Count);
    }

    [Fact]
    public void Types_are_ordered_like_graphql_js_additional_types_first_then_depth_first_from_the_roots()
    {
        var b = new ObjectType("B");
        b.Fields.Add(new OutputField("x", BuiltInScalars.Int));
        var a = new ObjectType("A");
        a.Fields.Add(new OutputField("c", new ObjectType("C") { Fields = { } }));
        ((ObjectType)a.Fields["c"]!.Type).Fields.Add(new OutputField("y", BuiltInScalars.Float));
        a.Fields.Add(new OutputField("b", b));
        var query = new ObjectType("Query");
        query.Fields.Add(new OutputField("a", a));

        var schema = new Schema(query, additionalTypes: [a, b]);

        var names = schema.AllTypes.Select(t => t.Name).ToList();
        Assert.Equal(["A", "C", "Float", "B", "Int", "Query", "Boolean", "String", "__Schema"], names.Take(9));
    }

    [Fact]
    public void Two_different_types_with_the_same_name_are_refused()
    {
        var query = new ObjectType("Query");
        query.Fields.Add(new OutputField("a", new ObjectType("Dup") { Fields = { } }));
        query.Fields.Add(new OutputField("b", new ObjectType("Dup") { Fields = { } }));
        ((ObjectType)query.Fields["a"]!.Type).Fields.Add(new OutputField("x", BuiltInScalars.Int));
        ((ObjectType)query.Fields["b"]!.Type).Fields.Add(new OutputField("x", BuiltInScalars.Int));

        var ex = Assert.Throws<SchemaException>(() => new Schema(query));
        Assert.Equal("Schema must contain uniquely named types but contains multiple types named \"Dup\".", ex.Message);
    }
}
