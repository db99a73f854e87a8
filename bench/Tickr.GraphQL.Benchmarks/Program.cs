using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Tickr.GraphQL.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Tickr.GraphQL.Benchmarks.PipelineBenchmarks).Assembly).Run(args);
