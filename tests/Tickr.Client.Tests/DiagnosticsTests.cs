using Tickr.Client.Generator;

namespace Tickr.Client.Tests;

/// <summary>Invalid operations and breaking schema changes become file(line,col): error TKRxxxx diagnostics.</summary>
public class DiagnosticsTests
{
    private static readonly string Schema = File.ReadAllText(TestPaths.TestSchema);

    private static GeneratorDiagnostic Single(GeneratorResult result)
    {
        Assert.False(result.Success);
        return Assert.Single(result.Diagnostics, d => d.IsError);
    }

    [Fact]
    public void An_unknown_field_is_TKR0101_at_the_field()
    {
        var d = Single(Generate.FromText(Schema, ("Bad.graphql", "query Bad {\n  shows {\n    id\n    nmae\n  }\n}\n")));
        Assert.Equal("/virtual/Bad.graphql(4,5): error TKR0101: Cannot query field \"nmae\" on type \"Show\". Did you mean \"name\"?", d.ToString());
    }

    [Fact]
    public void A_removed_field_breaks_the_operation_that_selects_it()
    {
        // Schema change: Show.rating is removed.
        var changed = Schema.Replace("  rating: Float\n", "", StringComparison.Ordinal);
        Assert.NotEqual(Schema, changed);
        var ops = File.ReadAllText(Path.Combine(TestPaths.TestOperations, "Queries.graphql"));
        var result = Generate.FromText(changed,
            ("Fragments.graphql", File.ReadAllText(Path.Combine(TestPaths.TestOperations, "Fragments.graphql"))),
            ("Queries.graphql", ops));
        var d = Single(result);
        var line = ops.Split('\n').ToList().FindIndex(l => l.Trim() == "rating") + 1;
        Assert.Equal("/virtual/Queries.graphql", d.File);
        Assert.Equal((line, 5), (d.Line, d.Column));
        Assert.Equal(DiagnosticCodes.UnknownField, d.Code);
        Assert.Contains("Cannot query field \"rating\" on type \"Show\"", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_argument_that_becomes_non_null_breaks_a_nullable_variable()
    {
        // Schema change: shows(filter:) becomes required; the operation passes a nullable $filter.
        var changed = Schema.Replace("shows(filter: ShowFilter,", "shows(filter: ShowFilter!,", StringComparison.Ordinal);
        Assert.NotEqual(Schema, changed);
        var d = Single(Generate.FromText(changed, ("Shows.graphql", "query Shows($filter: ShowFilter) {\n  shows(filter: $filter) { id }\n}\n")));
        Assert.Equal(DiagnosticCodes.VariableTypeMismatch, d.Code);
        Assert.Equal("/virtual/Shows.graphql(1,13): error TKR0104: Variable \"$filter\" of type \"ShowFilter\" used in position expecting type \"ShowFilter!\".", d.ToString());
    }

    [Fact]
    public void A_field_that_becomes_nullable_changes_the_generated_type_and_stays_valid()
    {
        var before = Generate.FromText(Schema, ("Q.graphql", "query Q { matrix }"));
        var after = Generate.FromText(Schema.Replace("matrix: [[Int!]]!", "matrix: [[Int!]]", StringComparison.Ordinal), ("Q.graphql", "query Q { matrix }"));
        Assert.Contains("required global::System.Collections.Generic.IReadOnlyList<global::System.Collections.Generic.IReadOnlyList<int>?> Matrix",
            before.Files.Single(f => f.Name == "Q.g.cs").Content, StringComparison.Ordinal);
        Assert.Contains("public global::System.Collections.Generic.IReadOnlyList<global::System.Collections.Generic.IReadOnlyList<int>?>? Matrix",
            after.Files.Single(f => f.Name == "Q.g.cs").Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_in_a_later_file_point_into_that_file()
    {
        var result = Generate.FromText(Schema,
            ("A.graphql", "fragment F on Show {\n  id\n}\n\nquery A { shows { ...F } }\n"),
            ("B.graphql", "# comment\nquery B {\n  shows { ...F price { cents } }\n}\n"));
        var d = Single(result);
        Assert.Equal("/virtual/B.graphql(3,24): error TKR0101: Cannot query field \"cents\" on type \"Money\".", d.ToString());
    }

    [Fact]
    public void A_syntax_error_is_TKR0002_for_each_broken_file()
    {
        var result = Generate.FromText(Schema, ("A.graphql", "query A { shows { id }"), ("B.graphql", "query B {\n  shows(first: ) { id }\n}"));
        Assert.False(result.Success);
        Assert.Collection(result.Diagnostics,
            d => Assert.Equal("/virtual/A.graphql(1,23): error TKR0002: Syntax Error: Expected Name, found <EOF>.", d.ToString()),
            d => Assert.Equal("/virtual/B.graphql(2,16): error TKR0002: Syntax Error: Unexpected \")\".", d.ToString()));
    }

    [Fact]
    public void Anonymous_operations_and_type_definitions_are_refused()
    {
        var result = Generate.FromText(Schema, ("A.graphql", "{ shows { id } }\ntype Extra { id: ID }\n"));
        Assert.Equal(
            [
                "/virtual/A.graphql(1,1): error TKR0004: Operations need a name: the client's method and result type are named after it (e.g. query GetEvent { … }).",
                "/virtual/A.graphql(2,1): error TKR0003: Operation files hold operations and fragments only; type definitions belong to the schema.",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void An_operation_name_used_in_two_files_is_TKR0005()
    {
        var result = Generate.FromText(Schema, ("A.graphql", "query Same { matrix }\n"), ("B.graphql", "query Same { legacyCount }\n"));
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.DuplicateName && d.File == "/virtual/A.graphql" && d.Line == 1);
    }

    [Fact]
    public void A_missing_required_argument_is_TKR0105()
    {
        var d = Single(Generate.FromText(Schema, ("A.graphql", "query A { search { __typename } }")));
        Assert.Equal(DiagnosticCodes.MissingArgument, d.Code);
        Assert.Equal((1, 11), (d.Line, d.Column));
    }

    [Fact]
    public void Deprecated_fields_warn_without_failing()
    {
        var result = Generate.FromText(Schema, ("A.graphql", "query A {\n  legacyCount\n}\n"));
        Assert.True(result.Success);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("/virtual/A.graphql(2,3): warning TKR0201: The field Query.legacyCount is deprecated: Count shows instead.", d.ToString());
    }

    [Fact]
    public void An_invalid_schema_is_TKR0001()
    {
        var result = Generate.FromText("type Query { a: Missing }", ("A.graphql", "query A { a }"));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.InvalidSchema, d.Code);
        Assert.Equal("/virtual/schema.graphql", d.File);
    }
}
