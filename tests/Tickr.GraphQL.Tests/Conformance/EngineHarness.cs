using System.Text.Json;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Tests.Conformance;

/// <summary>Runs our engine the way the conformance tests need it.</summary>
internal static class EngineHarness
{
    private static readonly Lazy<string> IntrospectionQueryText = new(() => NodeRunner.Run("introspection-query.mjs"));

    /// <summary>graphql-js's getIntrospectionQuery() with every option graphql 16.15 supports.</summary>
    public static string IntrospectionQuery => IntrospectionQueryText.Value;

    /// <summary>
    /// Runs graphql-js's introspection query on our engine the way hosts do (GraphQLExecutor: parse, validate,
    /// execute) and returns the response JSON; fails the test on any error or when the response has no
    /// <c>data.__schema.types</c>.
    /// </summary>
    public static async Task<string> IntrospectAsync(Schema schema)
    {
        var executor = new GraphQLExecutor(schema, new GraphQLExecutorOptions { DocumentCacheSize = 0 });
        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = IntrospectionQuery });
        Assert.True(result.Errors is null || result.Errors.Count == 0,
            "graphql-js's introspection query failed on our engine:\n" + string.Join("\n", result.Errors ?? []));
        var json = result.ToJson();
        using var doc = JsonDocument.Parse(json);
        var ok = doc.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("__schema", out var s) && s.ValueKind == JsonValueKind.Object
            && s.TryGetProperty("types", out var types) && types.ValueKind == JsonValueKind.Array;
        Assert.True(ok, "the introspection response has no data.__schema.types: " + (json.Length > 500 ? json[..500] + "…" : json));
        return json;
    }

    /// <summary>
    /// SDL round trip: our introspection result, rebuilt by graphql-js buildClientSchema and printed by printSchema,
    /// must be byte for byte what our SchemaPrinter prints for the same schema.
    /// </summary>
    public static async Task AssertIntrospectionRoundTripAsync(Schema schema)
    {
        var introspection = await IntrospectAsync(schema);
        var theirs = NodeRunner.Run("print-client-schema.mjs", stdin: introspection);
        var ours = SchemaPrinter.Print(schema);
        TextDiff.AssertSame(theirs, ours, "graphql-js printSchema(buildClientSchema(our introspection))", "our SchemaPrinter.Print");
    }
}
