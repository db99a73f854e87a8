using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types;
using NetExecutionResult = global::GraphQL.ExecutionResult;

namespace Tickr.GraphQL.Benchmarks;

/// <summary>
/// Tickr beside GraphQL.NET 8.8.5 (the .NET library a user could pick instead) in the same run, on the same schema,
/// data and operations, four ways; in each category Tickr is the baseline, so the Ratio column is GraphQL.NET's time
/// over Tickr's:
/// <list type="bullet">
/// <item><c>uncached</c>: parse + validate + execute, no document cache (Tickr as in <see cref="PipelineBenchmarks"/>,
/// GraphQL.NET's <c>DocumentExecuter</c> with its default parts).</item>
/// <item><c>cached</c>: a query seen before is only executed (Tickr's <see cref="GraphQLExecutor"/> as in
/// <see cref="CachedPipelineBenchmarks"/>, GraphQL.NET's <c>DocumentExecuter</c> with <see cref="GraphQLNetDocumentCache"/>).</item>
/// <item><c>uncached + JSON</c> and <c>cached + JSON</c>: the same, then the result written as UTF-8 JSON to a
/// reused <see cref="MemoryStream"/> (Tickr's <see cref="ExecutionResultWriter"/>, GraphQL.NET's
/// <c>GraphQLSerializer.WriteAsync</c>, both with relaxed escaping), as a server writes a response.</item>
/// </list>
/// The introspection operation is <see cref="GraphQLNetPeer.CommonIntrospectionQuery"/> for both engines (the full
/// query less the two members GraphQL.NET does not implement). The setup runs <see cref="GraphQLNetPeer.AssertSameResults"/>
/// and refuses to measure engines that answer differently. Min and Median are shown beside the Mean because the
/// machines these run on are shared: contention only ever adds time, so Min moves least from run to run.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GraphQLNetPeerBenchmarks
{
    private const string Uncached = "uncached";
    private const string Cached = "cached";
    private const string UncachedJson = "uncached + JSON";
    private const string CachedJson = "cached + JSON";

    private GraphQLNetPeer _peer = null!;
    private Schema _tickrSchema = null!;
    private GraphQLExecutor _tickrExecutor = null!;
    private GraphQLRequest _tickrRequest = null!;
    private string _query = null!;
    private readonly MemoryStream _output = new();

    [Params("{ a b c }", "introspection", "100 items x 5 fields")]
    public string Operation { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _query = Operation switch
        {
            "{ a b c }" => PipelineBenchmarks.ThreeScalarsQuery,
            "introspection" => GraphQLNetPeer.CommonIntrospectionQuery,
            "100 items x 5 fields" => PipelineBenchmarks.ItemsQuery,
            _ => throw new InvalidOperationException($"Unknown operation {Operation}."),
        };
        _peer = new GraphQLNetPeer();
        _peer.AssertSameResults();
        _tickrSchema = BenchmarkSchema.Create();
        _tickrExecutor = new GraphQLExecutor(_tickrSchema);
        _tickrRequest = new GraphQLRequest { Query = _query };
        var warm = _tickrExecutor.ExecuteAsync(_tickrRequest).AsTask().GetAwaiter().GetResult();
        if (warm.Errors is { Count: > 0 } || warm.Data is null)
        {
            throw new InvalidOperationException($"The benchmark query fails: {warm.ToJson()}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _output.Dispose();

    [BenchmarkCategory(Uncached), Benchmark(Baseline = true, Description = "Tickr")]
    public ValueTask<ExecutionResult> TickrUncached() => PipelineBenchmarks.RunUncachedAsync(_tickrSchema, _query);

    [BenchmarkCategory(Uncached), Benchmark(Description = "GraphQL.NET")]
    public Task<NetExecutionResult> GraphQLNetUncached() => _peer.ExecuteUncachedAsync(_query);

    [BenchmarkCategory(Cached), Benchmark(Baseline = true, Description = "Tickr")]
    public ValueTask<ExecutionResult> TickrCached() => _tickrExecutor.ExecuteAsync(_tickrRequest);

    [BenchmarkCategory(Cached), Benchmark(Description = "GraphQL.NET")]
    public Task<NetExecutionResult> GraphQLNetCached() => _peer.ExecuteCachedAsync(_query);

    [BenchmarkCategory(UncachedJson), Benchmark(Baseline = true, Description = "Tickr")]
    public async Task<long> TickrUncachedJson() =>
        WriteTickr(await PipelineBenchmarks.RunUncachedAsync(_tickrSchema, _query).ConfigureAwait(false));

    [BenchmarkCategory(UncachedJson), Benchmark(Description = "GraphQL.NET")]
    public async Task<long> GraphQLNetUncachedJson() =>
        await WriteNetAsync(await _peer.ExecuteUncachedAsync(_query).ConfigureAwait(false)).ConfigureAwait(false);

    [BenchmarkCategory(CachedJson), Benchmark(Baseline = true, Description = "Tickr")]
    public async Task<long> TickrCachedJson() =>
        WriteTickr(await _tickrExecutor.ExecuteAsync(_tickrRequest).ConfigureAwait(false));

    [BenchmarkCategory(CachedJson), Benchmark(Description = "GraphQL.NET")]
    public async Task<long> GraphQLNetCachedJson() =>
        await WriteNetAsync(await _peer.ExecuteCachedAsync(_query).ConfigureAwait(false)).ConfigureAwait(false);

    private long WriteTickr(ExecutionResult result)
    {
        _output.SetLength(0);
        ExecutionResultWriter.Write(_output, result);
        return _output.Length;
    }

    private async Task<long> WriteNetAsync(NetExecutionResult result)
    {
        _output.SetLength(0);
        await _peer.Serializer.WriteAsync(_output, result).ConfigureAwait(false);
        return _output.Length;
    }
}
