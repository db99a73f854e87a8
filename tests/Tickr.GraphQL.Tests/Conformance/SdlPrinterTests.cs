using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Tests.Conformance;

/// <summary>Our SDL builder and printer against graphql-js buildSchema and printSchema on the conformance schema.</summary>
public sealed class SdlPrinterTests
{
    [Fact]
    public void Schema_built_from_SDL_prints_as_graphql_js_prints_the_same_SDL()
    {
        // Both sides build schema.graphql themselves, no introspection involved: a difference here is a builder or
        // printer difference, which tells it apart from an introspection difference in the round-trip test.
        var theirs = NodeRunner.Run("print-schema.mjs", [ReferenceCorpus.SchemaPath]);
        var ours = SchemaPrinter.Print(ConformanceSchemas.FromSdlFile());
        TextDiff.AssertSame(theirs, ours, "graphql-js printSchema(buildSchema(schema.graphql))", "our SchemaPrinter.Print");
    }
}
