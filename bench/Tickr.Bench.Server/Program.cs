using Tickr.Bench.Server;

// A minimal host of the library's real path: AddGraphQLServer + MapGraphQL on Kestrel.
// Off for the benchmark: logging (no per-request log writes), the IDE (not mapped), persisted/APQ lookups.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddInMemorySubscriptions();
builder.Services.AddGraphQLServer(BenchSchema.Create(), o =>
{
    o.PersistedOperations.EnableAutomaticPersistedQueries = false;
    o.IncludeExceptionDetails = true;
    // 5,000 idle sockets must not be pinged while the benchmark measures memory and latency.
    o.WebSockets.KeepAliveInterval = TimeSpan.FromMinutes(10);
});

var app = builder.Build();
app.MapGraphQL("/graphql");
app.MapBaselines(); // floors for reading the figures (Baselines.cs); /graphql does not go through them
app.Run();
