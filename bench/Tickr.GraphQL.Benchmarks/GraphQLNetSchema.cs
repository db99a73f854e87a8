using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Tickr.GraphQL.Benchmarks;

/// <summary>
/// The benchmark schema of <see cref="BenchmarkSchema"/> declared in GraphQL.NET (NuGet package <c>GraphQL</c>), a
/// benchmark peer only: the same types, fields and nullability, resolved from the same <see cref="BenchQuery"/>
/// root object and <see cref="Item"/> instances.
/// </summary>
public static class GraphQLNetSchema
{
    public static global::GraphQL.Types.Schema Create()
    {
        var schema = new global::GraphQL.Types.Schema { Query = new GraphQLNetQueryType() };
        // The introspection query (graphql-js's, with every option) asks for directives' isRepeatable and for
        // deprecated arguments; GraphQL.NET answers those only with these two features on.
        schema.Features.RepeatableDirectives = true;
        schema.Features.DeprecationOfInputValues = true;
        schema.Initialize();
        return schema;
    }

    /// <summary>
    /// GraphQL.NET's System.Text.Json serializer with the same escaping as Tickr's ExecutionResultWriter (relaxed:
    /// only what JSON requires), so both write the same bytes for the same result.
    /// </summary>
    public static GraphQLSerializer CreateSerializer() =>
        new(options => options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
}

/// <summary><c>type Query { a: String b: Int c: Boolean items: [Item!]! }</c></summary>
public sealed class GraphQLNetQueryType : ObjectGraphType<BenchQuery>
{
    public GraphQLNetQueryType()
    {
        Name = "Query";
        Field(x => x.A, nullable: true);
        Field(x => x.B, nullable: true);
        Field(x => x.C, nullable: true);
        Field(x => x.Items, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<GraphQLNetItemType>>>));
    }
}

/// <summary><c>type Item { id: ID! name: String! price: Float! quantity: Int! active: Boolean! }</c></summary>
public sealed class GraphQLNetItemType : ObjectGraphType<Item>
{
    public GraphQLNetItemType()
    {
        Name = "Item";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Name);
        Field(x => x.Price);
        Field(x => x.Quantity);
        Field(x => x.Active);
    }
}

/// <summary>
/// A document cache for GraphQL.NET's <see cref="DocumentExecuter"/>, plugged in where GraphQL.NET expects one: an
/// <see cref="IConfigureExecution"/> that hands the executer the parsed document of a query it has executed
/// before and, as GraphQL.NET does for cached documents, runs only <see cref="ExecutionOptions.CachedDocumentValidationRules"/>
/// (none by default) on it, since a document is cached only after it passed validation. GraphQL.NET ships such a
/// cache as <c>MemoryDocumentCache</c> in the separate GraphQL.MemoryCache package, which the package registry does
/// not serve; this one is written for the benchmark and keeps every document (the benchmark has three).
/// </summary>
public sealed class GraphQLNetDocumentCache : IConfigureExecution
{
    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);

    public float SortOrder => 200;

    public int Count => _documents.Count;

    public async Task<global::GraphQL.ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { } query)
        {
            return await next(options).ConfigureAwait(false);
        }
        if (_documents.TryGetValue(query, out var document))
        {
            options.Document = document;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            return await next(options).ConfigureAwait(false);
        }
        var result = await next(options).ConfigureAwait(false);
        if (result.Executed && result.Document is { } executed)
        {
            _documents.TryAdd(query, executed);
        }
        return result;
    }

    /// <summary>A <see cref="DocumentExecuter"/> with GraphQL.NET's default parts and this cache.</summary>
    public DocumentExecuter CreateExecuter() =>
        new(new GraphQLDocumentBuilder(), new DocumentValidator(), new DefaultExecutionStrategySelector(), [this]);
}
