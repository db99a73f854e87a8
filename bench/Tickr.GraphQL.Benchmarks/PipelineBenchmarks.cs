using System.Reflection;
using BenchmarkDotNet.Attributes;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Validation;

namespace Tickr.GraphQL.Benchmarks;

/// <summary>
/// The whole request pipeline without any document cache: parse, validate, execute. The peers
/// (bench/peers/run.mjs) time the same three operations on graphql-js and graphql-jit.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    public const string ThreeScalarsQuery = "{ a b c }";
    public const string ItemsQuery = "{ items { id name price quantity active } }";

    /// <summary>graphql-js getIntrospectionQuery with every option graphql 16.15 has (see tests/conformance).</summary>
    public static readonly string IntrospectionQuery = ReadIntrospectionQuery();

    private Schema _schema = null!;

    [GlobalSetup]
    public void Setup()
    {
        _schema = BenchmarkSchema.Create();
        // A benchmark of a failing request would measure the error path: refuse to run instead.
        foreach (var query in new[] { ThreeScalarsQuery, IntrospectionQuery, ItemsQuery })
        {
            var result = RunAsync(query).AsTask().GetAwaiter().GetResult();
            if (result.Errors is { Count: > 0 } errors || result.Data is null)
            {
                throw new InvalidOperationException($"The benchmark query fails: {result.ToJson()}");
            }
        }
    }

    [Benchmark(Description = "{ a b c }")]
    public ValueTask<ExecutionResult> ThreeScalars() => RunAsync(ThreeScalarsQuery);

    [Benchmark(Description = "introspection")]
    public ValueTask<ExecutionResult> Introspection() => RunAsync(IntrospectionQuery);

    [Benchmark(Description = "100 items x 5 fields")]
    public ValueTask<ExecutionResult> Items() => RunAsync(ItemsQuery);

    private ValueTask<ExecutionResult> RunAsync(string query) => RunUncachedAsync(_schema, query);

    /// <summary>Parse, validate and execute with no cache (also used by <see cref="GraphQLNetPeerBenchmarks"/>).</summary>
    internal static ValueTask<ExecutionResult> RunUncachedAsync(Schema schema, string query)
    {
        var document = Parser.Parse(query);
        var errors = DocumentValidator.Validate(schema, document);
        if (errors.Count > 0)
        {
            return new(ExecutionResult.FromErrors(errors));
        }
        return Executor.ExecuteAsync(schema, document);
    }

    private static string ReadIntrospectionQuery()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("IntrospectionQuery.graphql")
            ?? throw new InvalidOperationException("IntrospectionQuery.graphql is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
