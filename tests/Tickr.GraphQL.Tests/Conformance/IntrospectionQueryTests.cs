using System.Text.Json;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Validation;

namespace Tickr.GraphQL.Tests.Conformance;

/// <summary>graphql-js's own introspection query runs on our engine.</summary>
public sealed class IntrospectionQueryTests
{
    [Fact]
    public void Graphql_js_introspection_query_passes_our_validation()
    {
        // Hosts validate before executing: the standard introspection query must not trip any rule or limit
        // (in particular the introspection depth limit, which graphql-js also applies).
        var errors = DocumentValidator.Validate(ConformanceSchemas.FromSdlFile(), Parser.Parse(EngineHarness.IntrospectionQuery));
        Assert.True(errors.Count == 0, "graphql-js's introspection query is invalid for us:\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task Graphql_js_introspection_query_runs_without_errors_and_lists_every_named_type()
    {
        var schema = ConformanceSchemas.FromSdlFile();
        using var json = JsonDocument.Parse(await EngineHarness.IntrospectAsync(schema));
        var types = json.RootElement.GetProperty("data").GetProperty("__schema").GetProperty("types");
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in types.EnumerateArray())
        {
            Assert.True(listed.Add(t.GetProperty("name").GetString()!), $"type {t.GetProperty("name")} is listed twice");
        }

        var missing = schema.Types.Keys.Where(n => !listed.Contains(n)).Order(StringComparer.Ordinal).ToList();
        var extra = listed.Where(n => !schema.Types.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "named types missing from __schema.types: " + string.Join(", ", missing));
        Assert.True(extra.Count == 0, "__schema.types lists types the schema does not have: " + string.Join(", ", extra));

        // Every type the conformance schema declares, plus the built-in and introspection types, must be there.
        foreach (var name in new[] { "Query", "Mutation", "Subscription", "PetBy", "SearchResult", "Entity", "JSON", "DateTime",
                     "String", "Boolean", "Int", "Float", "ID", "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue",
                     "__EnumValue", "__Directive", "__DirectiveLocation" })
        {
            Assert.Contains(name, listed);
        }
    }
}
