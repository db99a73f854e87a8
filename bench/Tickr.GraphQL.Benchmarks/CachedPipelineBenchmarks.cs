using BenchmarkDotNet.Attributes;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Benchmarks;

/// <summary>
/// The request path a server takes for a query it has seen before: <see cref="GraphQLExecutor"/> finds the
/// parsed and validated document (and its field plans) in its cache and only executes. This is the fair
/// counterpart of graphql-jit reusing a precompiled query (bench/peers, "precompiled").
/// </summary>
[MemoryDiagnoser]
public class CachedPipelineBenchmarks
{
    private GraphQLExecutor _executor = null!;
    private GraphQLRequest _threeScalars = null!;
    private GraphQLRequest _introspection = null!;
    private GraphQLRequest _items = null!;

    [GlobalSetup]
    public void Setup()
    {
        Schema schema = BenchmarkSchema.Create();
        _executor = new GraphQLExecutor(schema);
        _threeScalars = new GraphQLRequest { Query = PipelineBenchmarks.ThreeScalarsQuery };
        _introspection = new GraphQLRequest { Query = PipelineBenchmarks.IntrospectionQuery };
        _items = new GraphQLRequest { Query = PipelineBenchmarks.ItemsQuery };
        foreach (var request in new[] { _threeScalars, _introspection, _items })
        {
            var result = _executor.ExecuteAsync(request).AsTask().GetAwaiter().GetResult();
            if (result.Errors is { Count: > 0 } || result.Data is null)
            {
                throw new InvalidOperationException($"The benchmark query fails: {result.ToJson()}");
            }
        }
    }

    [Benchmark(Description = "cached { a b c }")]
    public ValueTask<ExecutionResult> ThreeScalars() => _executor.ExecuteAsync(_threeScalars);

    [Benchmark(Description = "cached introspection")]
    public ValueTask<ExecutionResult> Introspection() => _executor.ExecuteAsync(_introspection);

    [Benchmark(Description = "cached 100 items x 5 fields")]
    public ValueTask<ExecutionResult> Items() => _executor.ExecuteAsync(_items);
}
