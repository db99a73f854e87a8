using System.Text;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.SystemTextJson;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Validation;
using NetExecutionOptions = global::GraphQL.ExecutionOptions;
using NetExecutionResult = global::GraphQL.ExecutionResult;
using TickrExecutionResult = Tickr.GraphQL.Execution.ExecutionResult;

namespace Tickr.GraphQL.Benchmarks;

/// <summary>
/// GraphQL.NET set up as the benchmarks run it, and the check that it does the same work as Tickr. For
/// <c>{ a b c }</c> and the 100 items, the UTF-8 JSON of GraphQL.NET's result (uncached and cached path) must be byte
/// for byte the JSON of Tickr's result (uncached and cached path). Introspection cannot be byte-equal: each engine
/// describes its own introspection system (<c>__Schema</c>, <c>__Type</c>, …, the built-in scalars and directives)
/// in its own words and order, and each has a few members the other lacks; <see cref="NormalizeIntrospection"/>
/// removes exactly those differences (and fails if any of them is not there) and the rest must be equal.
/// Benchmark setups call <see cref="AssertSameResults"/> and refuse to run on a mismatch.
/// </summary>
public sealed class GraphQLNetPeer
{
    /// <summary>
    /// The benchmark's introspection query without what GraphQL.NET 8.8.5 does not implement, so both engines can
    /// run the same text: <c>__Type.specifiedByURL</c> (a field of the October 2021 spec) and the
    /// <c>includeDeprecated</c> argument of <c>__Directive.args</c> (graphql-js has both). GraphQL.NET rejects the full
    /// query with "Cannot query field 'specifiedByURL' on type '__Type'" and "Unknown argument 'includeDeprecated'
    /// on field 'args'". Everything else (descriptions, isRepeatable, isOneOf, deprecated arguments) stays.
    /// </summary>
    public static readonly string CommonIntrospectionQuery = ReplaceOnce(
        ReplaceOnce(PipelineBenchmarks.IntrospectionQuery, "\n      specifiedByURL\n", "\n"),
        "\n          args(includeDeprecated: true) {", "\n          args {");

    /// <summary>The operations both engines run: GraphQL.NET runs <see cref="CommonIntrospectionQuery"/>.</summary>
    public static readonly string[] Operations =
        [PipelineBenchmarks.ThreeScalarsQuery, CommonIntrospectionQuery, PipelineBenchmarks.ItemsQuery];

    private readonly global::GraphQL.Types.Schema _schema = GraphQLNetSchema.Create();
    private readonly BenchQuery _root = new();
    private readonly DocumentExecuter _uncached = new();
    private readonly GraphQLNetDocumentCache _cache = new();
    private readonly DocumentExecuter _cached;

    public GraphQLNetPeer()
    {
        _cached = _cache.CreateExecuter();
        Serializer = GraphQLNetSchema.CreateSerializer();
    }

    public GraphQLSerializer Serializer { get; }

    /// <summary>Parse + validate + execute, nothing reused between calls but the schema.</summary>
    public Task<NetExecutionResult> ExecuteUncachedAsync(string query) =>
        _uncached.ExecuteAsync(new NetExecutionOptions { Schema = _schema, Query = query, Root = _root });

    /// <summary>The document cache's path: a query executed before is neither parsed nor validated again.</summary>
    public Task<NetExecutionResult> ExecuteCachedAsync(string query) =>
        _cached.ExecuteAsync(new NetExecutionOptions { Schema = _schema, Query = query, Root = _root });

    /// <summary>Throws unless both engines, on both paths, give the same JSON for every benchmark operation.</summary>
    public void AssertSameResults()
    {
        var tickrSchema = BenchmarkSchema.Create();
        var tickrExecutor = new GraphQLExecutor(tickrSchema);
        foreach (var query in Operations)
        {
            var name = query.Length > 40 ? "introspection" : query;
            var document = Parser.Parse(query);
            if (DocumentValidator.Validate(tickrSchema, document) is { Count: > 0 } errors)
            {
                throw new InvalidOperationException($"{name}: Tickr rejects the query: {errors[0].Message}");
            }
            var tickrJson = TickrJson(Executor.ExecuteAsync(tickrSchema, document).AsTask().GetAwaiter().GetResult());
            if (tickrJson.Contains("\"errors\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{name}: Tickr's result has errors: {tickrJson}");
            }
            var introspection = ReferenceEquals(query, CommonIntrospectionQuery);
            var netJson = NetJson(ExecuteUncachedAsync(query).GetAwaiter().GetResult());
            if (introspection)
            {
                IntrospectionSizes = (Encoding.UTF8.GetByteCount(tickrJson), Encoding.UTF8.GetByteCount(netJson));
            }
            var expected = introspection ? NormalizeIntrospection(tickrJson, tickr: true) : tickrJson;
            Func<string, string> tickrForm = introspection ? json => NormalizeIntrospection(json, tickr: true) : json => json;
            Func<string, string> netForm = introspection ? json => NormalizeIntrospection(json, tickr: false) : json => json;
            var request = new GraphQLRequest { Query = query };
            Compare(name, "Tickr cached", expected,
                tickrForm(TickrJson(tickrExecutor.ExecuteAsync(request).AsTask().GetAwaiter().GetResult())));
            Compare(name, "Tickr cached (hit)", expected,
                tickrForm(TickrJson(tickrExecutor.ExecuteAsync(request).AsTask().GetAwaiter().GetResult())));
            Compare(name, "GraphQL.NET uncached", expected, netForm(netJson));
            var first = ExecuteCachedAsync(query).GetAwaiter().GetResult();
            Compare(name, "GraphQL.NET cached (miss)", expected, netForm(NetJson(first)));
            var second = ExecuteCachedAsync(query).GetAwaiter().GetResult();
            Compare(name, "GraphQL.NET cached (hit)", expected, netForm(NetJson(second)));
            if (first.Document is null || !ReferenceEquals(first.Document, second.Document))
            {
                throw new InvalidOperationException($"{name}: GraphQL.NET's document cache did not serve the second request.");
            }
        }
        if (_cache.Count != Operations.Length)
        {
            throw new InvalidOperationException($"GraphQL.NET's document cache holds {_cache.Count} documents, not {Operations.Length}.");
        }
    }

    /// <summary>Bytes of the introspection response JSON, Tickr's and GraphQL.NET's (set by <see cref="AssertSameResults"/>).</summary>
    public (int Tickr, int GraphQLNet) IntrospectionSizes { get; private set; }

    /// <summary>
    /// The introspection response without what legitimately differs between the engines, so the rest (every type
    /// of the benchmark schema with its fields, arguments, types and nullability, every introspection type with its
    /// fields and enum values, the directives both define) can be compared: types and directives sorted by name,
    /// descriptions of the built-in scalars, introspection types and built-in directives nulled (each engine has its
    /// own wording), the fields of introspection types and directive locations sorted, and removed: Tickr's
    /// <c>__Type.specifiedByURL</c> field, its <c>includeDeprecated</c> argument of <c>__Directive.args</c>, its
    /// listing of <c>__Directive.isRepeatable</c> (GraphQL.NET answers that field but leaves it out of
    /// <c>__Directive</c>'s field list) and its <c>@specifiedBy</c> and <c>@oneOf</c> directives; GraphQL.NET's
    /// deprecated <c>__Directive.onOperation</c>, <c>onFragment</c> and <c>onField</c>.
    /// Each removal must find what it removes.
    /// </summary>
    public static string NormalizeIntrospection(string json, bool tickr)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var schema = root["data"]!["__schema"]!.AsObject();
        var types = schema["types"]!.AsArray().Select(t => t!.DeepClone().AsObject()).OrderBy(t => Name(t), StringComparer.Ordinal).ToList();
        foreach (var type in types)
        {
            var name = Name(type);
            if (name.StartsWith("__", StringComparison.Ordinal) || name is "String" or "Int" or "Float" or "Boolean" or "ID")
            {
                NullDescriptions(type);
            }
            if (name.StartsWith("__", StringComparison.Ordinal) && type["fields"] is JsonArray metaFields)
            {
                var sorted = metaFields.Select(f => f!.DeepClone()).OrderBy(f => Name(f), StringComparer.Ordinal).ToList();
                type["fields"] = new JsonArray([.. sorted]);
            }
            if (tickr && name == "__Type") RemoveNamed(type["fields"]!.AsArray(), "specifiedByURL");
            if (name == "__Directive")
            {
                var fields = type["fields"]!.AsArray();
                if (tickr)
                {
                    var args = fields.Single(f => Name(f!) == "args")!["args"]!.AsArray();
                    RemoveNamed(args, "includeDeprecated");
                    // GraphQL.NET answers __Directive.isRepeatable (RepeatableDirectives on) but does not list it.
                    RemoveNamed(fields, "isRepeatable");
                }
                else
                {
                    RemoveNamed(fields, "onOperation");
                    RemoveNamed(fields, "onFragment");
                    RemoveNamed(fields, "onField");
                }
            }
        }
        var directives = schema["directives"]!.AsArray().Select(d => d!.DeepClone().AsObject()).ToList();
        if (tickr)
        {
            foreach (var extra in new[] { "specifiedBy", "oneOf" })
            {
                if (directives.RemoveAll(d => Name(d) == extra) != 1) throw new InvalidOperationException($"Tickr has no @{extra}.");
            }
        }
        foreach (var directive in directives)
        {
            NullDescriptions(directive);
            var locations = directive["locations"]!.AsArray().Select(l => l!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
            directive["locations"] = new JsonArray([.. locations.Select(l => (JsonNode?)JsonValue.Create(l))]);
        }
        schema["types"] = new JsonArray([.. types]);
        schema["directives"] = new JsonArray([.. directives.OrderBy(d => Name(d), StringComparer.Ordinal)]);
        return root.ToJsonString();

        static string Name(JsonNode node) => node["name"]!.GetValue<string>();

        static void RemoveNamed(JsonArray array, string name)
        {
            var item = array.SingleOrDefault(n => Name(n!) == name)
                ?? throw new InvalidOperationException($"The introspection result has no '{name}' to remove.");
            array.Remove(item);
        }

        static void NullDescriptions(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                if (obj.ContainsKey("description")) obj["description"] = null;
                foreach (var (_, child) in obj) NullDescriptions(child);
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array) NullDescriptions(child);
            }
        }
    }

    /// <summary>GraphQL.NET's result as UTF-8 JSON, written the way a server writes it (to a stream).</summary>
    public string NetJson(NetExecutionResult result)
    {
        using var stream = new MemoryStream();
        Serializer.WriteAsync(stream, result).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static string TickrJson(TickrExecutionResult result)
    {
        using var stream = new MemoryStream();
        ExecutionResultWriter.Write(stream, result);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static string ReplaceOnce(string text, string oldValue, string newValue)
    {
        var at = text.IndexOf(oldValue, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(oldValue, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"The introspection query does not contain '{oldValue.Trim()}' exactly once.");
        }
        return string.Concat(text.AsSpan(0, at), newValue, text.AsSpan(at + oldValue.Length));
    }

    private static void Compare(string operation, string path, string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return;
        }
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at]) at++;
        var from = Math.Max(0, at - 80);
        var dump = Path.Combine(Path.GetTempPath(), "tickr-graphqlnet-mismatch");
        Directory.CreateDirectory(dump);
        File.WriteAllText(Path.Combine(dump, "tickr.json"), expected);
        File.WriteAllText(Path.Combine(dump, "graphqlnet.json"), actual);
        throw new InvalidOperationException(
            $"{operation}: {path} differs from Tickr's JSON at character {at} (both written to {dump}).\n" +
            $"Tickr:       …{expected[from..Math.Min(expected.Length, at + 80)]}\n" +
            $"GraphQL.NET: …{actual[from..Math.Min(actual.Length, at + 80)]}");
    }
}
