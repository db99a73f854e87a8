using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tickr.Bench.Catalog;
using Tickr.Bench.FlashSale;
using Tickr.Data;
using Tickr.Data.Providers;
using Tickr.Graph.Schema.Relay;

// The product under the WebSocket fan-out benchmark (bench/Tickr.Bench.WsFanout/run.sh product):
//   dotnet Tickr.Bench.LiveSetup.dll <output file> [port]
// starts PostgreSQL (durable, as shipped), migrates and seeds a database (one organization, one buyer, one published
// event with a 1,000,000-ticket type), starts the Release Tickr server on it (Development: Production wants a payment
// provider, which reservations do not use; holds last 3 h so that none expires during a run), writes
//   PORT=…  SERVER_PID=…  EVENT_ID=…  BUYER_TOKEN=…  SERVER_LOG=…
// to the output file, and keeps running until its standard input closes or it gets SIGTERM / Ctrl-C.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Tickr.Bench.LiveSetup <output file> [port]");
    return 2;
}
var output = args[0];
var port = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5103;
var root = FindRepositoryRoot();
var serverDll = Path.Combine(root, "src", "Tickr.Graph", "bin", "Release", "net10.0", "Tickr.Graph.dll");
if (!File.Exists(serverDll))
{
    Console.Error.WriteLine($"{serverDll} is missing: dotnet build -c Release src/Tickr.Graph (run.sh product does it).");
    return 1;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

Console.Error.WriteLine("live setup: starting PostgreSQL…");
await using var cluster = await PostgresCluster.StartAsync(null, statements: false, ["fsync=on", "synchronous_commit=on", "full_page_writes=on"], "tickr-live-bench");
const string database = "tickr_live_bench";
await using (var connection = new NpgsqlConnection(cluster.ConnectionString("postgres")))
{
    await connection.OpenAsync();
    await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
    await create.ExecuteNonQueryAsync();
}
var connectionString = cluster.ConnectionString(database);
var options = (DbContextOptions<PostgresTickrDbContext>)TickrDbContextOptions.UsePostgres(new DbContextOptionsBuilder<PostgresTickrDbContext>(), connectionString + ";Pooling=false").Options;
Seeded seeded;
await using (var db = new PostgresTickrDbContext(options))
{
    await db.Database.MigrateAsync();
    seeded = await Seed.RunAsync(db, 1, [("live", 1_000_000)], DateTimeOffset.UtcNow, CancellationToken.None);
}

var signingKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
var buyer = seeded.Buyers[0];
var issuer = new Tickr.Graph.Auth.AccessTokenIssuer(Tickr.Graph.Auth.TickrSigningKey.Resolve(signingKey, isDevelopment: false),
    new Tickr.Graph.Auth.TickrAuthOptions { SigningKey = signingKey, AccessTokenLifetime = TimeSpan.FromHours(3) }, TimeProvider.System);
var token = issuer.CreateAccessToken(new Tickr.Data.Identity.TickrUser { Id = buyer.Id, Email = buyer.Email, DisplayName = "Buyer" }, []).Token;

Console.Error.WriteLine("live setup: starting the Tickr server…");
await using var server = await TickrServer.StartAsync(serverDll, port, connectionString, null,
    [new("Tickr__Auth__SigningKey", signingKey), new("Tickr__Selling__HoldDuration", "03:00:00")], CancellationToken.None, "Development");
var sale = seeded["live"];
await File.WriteAllLinesAsync(output,
[
    $"PORT={port.ToString(CultureInfo.InvariantCulture)}",
    $"SERVER_PID={server.Pid.ToString(CultureInfo.InvariantCulture)}",
    $"EVENT_ID={GlobalId.Encode("Event", sale.EventId)}",
    $"TICKET_TYPE_ID={GlobalId.Encode("TicketType", sale.TicketTypeId)}",
    $"BUYER_TOKEN={token}",
    $"SERVER_LOG={server.LogPath}",
]);
Console.Error.WriteLine($"live setup: ready (server pid {server.Pid}, log {server.LogPath}); close stdin or send SIGTERM to stop.");

var stdinClosed = Task.Run(() =>
{
    using var stdin = Console.OpenStandardInput();
    var buffer = new byte[256];
    while (stdin.Read(buffer, 0, buffer.Length) > 0)
    {
    }
});
await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
Console.Error.WriteLine("live setup: stopping the server and PostgreSQL.");
return 0;

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "TickrGraph.sln")))
        {
            return dir.FullName;
        }
    }
    throw new InvalidOperationException("TickrGraph.sln not found above " + AppContext.BaseDirectory);
}
