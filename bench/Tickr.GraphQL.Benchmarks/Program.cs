using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Tickr.GraphQL.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Tickr.GraphQL.Benchmarks -- --check-peer   (GraphQL.NET's JSON equals Tickr's)
if (args is ["--check-peer"])
{
    var peer = new Tickr.GraphQL.Benchmarks.GraphQLNetPeer();
    peer.AssertSameResults();
    Console.WriteLine("GraphQL.NET and Tickr give the same JSON for { a b c } and the 100 items, and the same introspection");
    Console.WriteLine("result apart from each engine's own introspection-system differences (GraphQLNetPeer.NormalizeIntrospection).");
    Console.WriteLine($"Introspection response: Tickr {peer.IntrospectionSizes.Tickr} bytes, GraphQL.NET {peer.IntrospectionSizes.GraphQLNet} bytes.");
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Tickr.GraphQL.Benchmarks.PipelineBenchmarks).Assembly).Run(args);
