using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tickr.Bench.Catalog;
using Tickr.Bench.FlashSale;
using Tickr.Data;
using Tickr.Data.Providers;

// The flash-sale benchmark: reserveTickets over HTTP on PostgreSQL — 2,000 buyers at once for 1,000 tickets, then
// sustained closed loops — against pgbench running the reservation's SQL on the same PostgreSQL, in the same run.
// See bench/flashsale/RESULTS.md and bench/README.md ("Flash sale").
Options options;
try
{
    options = Options.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;
var inv = CultureInfo.InvariantCulture;
var root = FindRepositoryRoot();
var serverDll = Path.Combine(root, "src", "Tickr.Graph", "bin", "Release", "net10.0", "Tickr.Graph.dll");
if (!File.Exists(serverDll))
{
    Console.Error.WriteLine($"{serverDll} is missing: dotnet build -c Release src/Tickr.Graph (bench/flashsale/run.sh does it).");
    return 1;
}
Log($"machine: {MachineCpus()} CPUs, {CpuModel()}; load average {LoadAverage()}; {RuntimeInformation.FrameworkDescription}");

PostgresCluster? cluster = null;
TickrServer? server = null;
NpgsqlDataSource? admin = null;
string? serverJitPath = null;
var exitCode = 0;
var problems = new List<string>();
try
{
    // 1. PostgreSQL (durable unless told otherwise: this benchmark writes) and a migrated, seeded database.
    Log($"starting a PostgreSQL cluster ({(options.Durable ? "fsync, synchronous_commit and full_page_writes on, as shipped" : "durability off")})…");
    IReadOnlyList<string> durability = options.Durable ? ["fsync=on", "synchronous_commit=on", "full_page_writes=on"] : [];
    cluster = await PostgresCluster.StartAsync(null, statements: true, durability, "tickr-flashsale-bench");
    const string database = "tickr_flashsale_bench";
    await ExecuteAsync(cluster.ConnectionString("postgres"), $"CREATE DATABASE {database}");
    var databaseConnection = cluster.ConnectionString(database);
    var contextOptions = (DbContextOptions<PostgresTickrDbContext>)TickrDbContextOptions.UsePostgres(new DbContextOptionsBuilder<PostgresTickrDbContext>(), databaseConnection + ";Pooling=false").Options;
    await using (var db = new PostgresTickrDbContext(contextOptions))
    {
        await db.Database.MigrateAsync(ct);
    }
    var events = new List<(string, int)> { ("warm-up", 1_000_000), ("flash", options.Capacity) };
    foreach (var c in options.Clients)
    {
        events.Add(($"sustained-{c}", 1_000_000));
        events.Add(($"hot-{c}", 1_000_000));
        events.Add(($"floor-{c}", 1_000_000));
        events.Add(($"floor-hot-{c}", 1_000_000));
    }
    Seeded seeded;
    await using (var db = new PostgresTickrDbContext(contextOptions))
    {
        seeded = await Seed.RunAsync(db, options.Buyers, events, DateTimeOffset.UtcNow, ct);
    }
    admin = NpgsqlDataSource.Create(databaseConnection + ";Application Name=bench-probe;Maximum Pool Size=2");
    var sales = new Dictionary<string, SaleEvent>(seeded.Events);
    foreach (var c in options.Clients)
    {
        sales[$"hot-{c}"] = await Seed.CollapseToOneBucketAsync(admin, sales[$"hot-{c}"]);
        sales[$"floor-hot-{c}"] = await Seed.CollapseToOneBucketAsync(admin, sales[$"floor-hot-{c}"]);
    }
    await ExecuteAsync(databaseConnection, "VACUUM ANALYZE");
    await ExecuteAsync(databaseConnection, "CHECKPOINT");
    var postgresVersion = await ScalarAsync(admin, "SHOW server_version");
    var statements = await StatementStats.CreateAsync(admin, true);
    var postmasterPid = cluster.PostmasterPid;
    Log($"PostgreSQL {postgresVersion}: {options.Buyers} buyers, {sales.Count} events seeded (flash: capacity {sales["flash"].Capacity} in {sales["flash"].Buckets} buckets; sustained: 1,000,000 in {sales[$"sustained-{options.Clients[0]}"].Buckets})");

    // 2. The Tickr server, a separate process, with a signing key this process also knows: the buyers' tokens are
    //    minted here by Tickr.Graph's own issuer instead of 2,000 logins.
    var signingKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    var tokens = Tokens.Mint(seeded.Buyers, signingKey);
    var serverConnection = databaseConnection + (options.ServerConnectionOptions is { Length: > 0 } extra ? ";" + extra : "");
    serverJitPath = Path.Combine(Path.GetTempPath(), $"tickr-flashsale-bench-server-{Environment.ProcessId.ToString(inv)}.jit.txt");
    File.Delete(serverJitPath);
    var serverEnvironment = new List<KeyValuePair<string, string>>
    {
        new(JitWatch.SummaryVariable, "1"), new(JitWatch.OutputVariable, serverJitPath), new("Tickr__Auth__SigningKey", signingKey),
    };
    serverEnvironment.AddRange(options.ServerEnvironment);
        // Development: Production refuses to start without a payment provider (Stripe or Clictopay credentials), which a
    // reservation does not use. Development changes nothing else on this path: the same logging configuration, the
    // configured signing key, and the auth rate limits apply to the auth mutations only (Auth/AuthRateLimiter.cs).
    server = await TickrServer.StartAsync(serverDll, options.Port, serverConnection, null, serverEnvironment, ct, "Development");
    var serverPid = server.Pid;
    JitWatch[] jit = JitWatch.Self() is { } self ? [new JitWatch("server", serverJitPath), self] : [new JitWatch("server", serverJitPath)];
    Log($"Tickr server ready: pid {serverPid}, http://127.0.0.1:{options.Port}, log {server.LogPath}");
    var endpoint = new Uri($"http://127.0.0.1:{options.Port.ToString(inv)}/graphql");
    using var loopHttp = NewHttpClient(options.Clients.Max());
    using var flashHttp = NewHttpClient(options.FlashConnections ?? options.Buyers);
    var loopClient = new ReservationClient(loopHttp, endpoint, tokens);
    var flashClient = new ReservationClient(flashHttp, endpoint, tokens);

    var rows = new List<Row>();
    var verifications = new List<Verification>();

    // 3. Warm-up on its own event, until the JIT has settled.
    var warmupSale = sales["warm-up"];
    var warmupPhases = new List<LoadResult>();
    var warmWatch = Stopwatch.StartNew();
    long jitted = -1;
    Log($"warm-up: {options.Clients.Max()} clients on its own event (at least {options.Warmup.TotalSeconds:F0} s, until the JIT settles, at most {options.WarmupMax.TotalSeconds:F0} s)…");
    while (true)
    {
        var before = jit.Sum(j => j.Count());
        var slice = await Load.ClosedLoopAsync(loopClient, options.Clients.Max(), options.Buyers, warmupSale, options.MaxQuantity, TimeSpan.FromSeconds(5), options.Seed, ct);
        warmupPhases.Add(slice);
        jitted = jit.Sum(j => j.Count()) - before;
        if (slice.Failed > 0)
        {
            Log($"  warm-up slice: {slice.Failed} of {slice.Answers.Count} failed (first: {slice.FirstFailure})");
        }
        if ((warmWatch.Elapsed >= options.Warmup && jitted <= 10) || warmWatch.Elapsed >= options.WarmupMax)
        {
            break;
        }
    }
    warmWatch.Stop();
    Log($"  warmed up in {warmWatch.Elapsed.TotalSeconds:F0} s ({jitted} methods JIT-compiled in the last 5 s; last slice {warmupPhases[^1].ReservationsPerSecond:F0} reservations/s)");
    verifications.Add(await Verify.SaleAsync(admin, warmupSale, warmupPhases, expectSoldOut: false));

    // 4. The flash sale: every buyer at once, one reservation each, on connections opened beforehand.
    var flashSale = sales["flash"];
    var connections = options.FlashConnections ?? options.Buyers;
    Log($"flash sale: opening {connections} connections…");
    await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => flashClient.PingAsync(ct)));
    await statements.ResetAsync();
    var deadlocksBefore = await DeadlocksAsync(admin);
    Log($"flash sale: {options.Buyers} buyers, 1–{options.MaxQuantity} tickets each, capacity {flashSale.Capacity} in {flashSale.Buckets} buckets…");
    var (flash, flashCost) = await MeasureAsync(() => Load.FlashAsync(flashClient, options.Buyers, flashSale, options.MaxQuantity, options.Seed, ct), serverPid, postmasterPid);
    var flashStatements = await statements.ReadAsync();
    await Task.Delay(1000, ct); // PostgreSQL flushes its statistics at most once a second
    var flashDeadlocks = await DeadlocksAsync(admin) - deadlocksBefore;
    var flashVerification = await Verify.SaleAsync(admin, flashSale, [flash], expectSoldOut: true);
    verifications.Add(flashVerification);
    var lastReserved = flash.Answers.Where(a => a.Outcome == Outcome.Reserved).Select(a => a.DoneAt).DefaultIfEmpty(flash.Start).Max();
    var saleDuration = Stopwatch.GetElapsedTime(flash.Start, lastReserved);
    var flashRow = new Row($"Tickr flash sale: {options.Buyers} buyers at once, capacity {flashSale.Capacity}, {flashSale.Buckets} buckets", options.Buyers.ToString(inv) + " at once", flash, null, flashCost, flashStatements);
    rows.Add(flashRow);
    Log(flashRow.Summary() + $"; sold out {saleDuration.TotalMilliseconds:F0} ms after the gate opened; {flashDeadlocks} deadlocks detected by PostgreSQL");
    Log(flashVerification.Summary());

    // 5. Sustained closed loops: sharded pool, then the same on one hot bucket.
    var statementTables = new List<(string, IReadOnlyList<StatementStat>?, long)>();
    statementTables.Add((flashRow.Name, flashStatements, flash.Answers.Count));
    foreach (var c in options.Clients)
    {
        foreach (var (key, label) in new[] { ($"sustained-{c}", "sharded"), ($"hot-{c}", "hot row") })
        {
            if (label == "hot row" && !options.Hot)
            {
                continue;
            }
            var sale = sales[key];
            await statements.ResetAsync();
            Log($"Tickr sustained, {label} ({sale.Buckets} buckets), {c} clients: measuring {options.Duration.TotalSeconds:F0} s…");
            var (result, cost) = await MeasureAsync(() => Load.ClosedLoopAsync(loopClient, c, options.Buyers, sale, options.MaxQuantity, options.Duration, options.Seed + c, ct), serverPid, postmasterPid);
            var stats = await statements.ReadAsync();
            var row = new Row($"Tickr sustained, {label}: {sale.Buckets} bucket{(sale.Buckets == 1 ? "" : "s")}", c.ToString(inv), result, null, cost, stats);
            rows.Add(row);
            statementTables.Add((row.Name + $", {c} clients", stats, result.Answers.Count));
            Log(row.Summary());
            var verification = await Verify.SaleAsync(admin, sale, [result], expectSoldOut: false);
            verifications.Add(verification);
            Log(verification.Summary());
            if (result.SoldOut > 0)
            {
                problems.Add($"{key}: {result.SoldOut} SOLD_OUT answers with 1,000,000 tickets");
            }
        }
    }

    // 6. The floor: pgbench running the same statements, same concurrency, same PostgreSQL; sharded and hot row.
    if (options.Floor)
    {
        try
        {
            var pgbench = Pgbench.Find() ?? throw new InvalidOperationException("pgbench is missing (Debian's postgresql package ships it).");
            var scriptDir = Directory.CreateTempSubdirectory("tickr-flashsale-pgbench-");
            try
            {
                var script = Pgbench.WriteScript(scriptDir.FullName);
                Log($"pgbench script: {script}\n{File.ReadAllText(script)}");
                var first = true;
                foreach (var c in options.Clients)
                {
                    foreach (var (key, label) in new[] { ($"floor-{c}", "sharded"), ($"floor-hot-{c}", "hot row") })
                    {
                        var sale = sales[key];
                        if (first)
                        {
                            // pgbench's first seconds (connections, plans) are not measured, like the server's warm-up.
                            await Pgbench.RunAsync(pgbench, cluster.Port, database, script, scriptDir.FullName, c, TimeSpan.FromSeconds(5), sale, options, ct);
                            first = false;
                        }
                        await statements.ResetAsync();
                        Log($"pgbench floor, {label} ({sale.Buckets} buckets), {c} clients: measuring {options.Duration.TotalSeconds:F0} s…");
                        var (result, cost) = await MeasureAsync(() => Pgbench.RunAsync(pgbench, cluster.Port, database, script, scriptDir.FullName, c, options.Duration, sale, options, ct), null, postmasterPid);
                        var stats = await statements.ReadAsync();
                        var row = new Row($"pgbench floor, {label}: {sale.Buckets} bucket{(sale.Buckets == 1 ? "" : "s")}", c.ToString(inv), null, result, cost, stats);
                        rows.Add(row);
                        statementTables.Add((row.Name + $", {c} clients", stats, result.Transactions));
                        Log(row.Summary());
                        if (result.Failed > 0)
                        {
                            problems.Add($"pgbench {key}: {result.Failed} failed transactions");
                        }
                    }
                }
            }
            finally
            {
                scriptDir.Delete(recursive: true);
            }
        }
        catch (InvalidOperationException e)
        {
            problems.Add("pgbench: " + e.Message);
        }
    }

    // 7. Report.
    foreach (var v in verifications.Where(v => v.Problems.Count > 0))
    {
        problems.Add(v.Summary());
    }
    foreach (var r in rows.Where(r => r.Tickr is { Failed: > 0 }))
    {
        problems.Add($"{r.Name}, {r.Clients} clients: {r.Tickr!.Failed} failed requests (first: {r.Tickr.FirstFailure})");
    }
    Console.WriteLine();
    Console.WriteLine($"## Flash-sale benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    Console.WriteLine();
    Console.WriteLine($"- machine: {MachineCpus()} CPUs ({CpuModel()}), load average at the end {LoadAverage()}; {RuntimeInformation.FrameworkDescription}; PostgreSQL {postgresVersion} ({(options.Durable ? "fsync, synchronous_commit, full_page_writes on" : "durability OFF")})");
    Console.WriteLine($"- {options.Buyers} buyers (users with bearer tokens), 1–{options.MaxQuantity} tickets per reservation (uniform); warm-up {warmWatch.Elapsed.TotalSeconds:F0} s; {options.Duration.TotalSeconds:F0} s measured per sustained/pgbench phase; server in the Development environment (Production needs payment credentials), separate process");
    Console.WriteLine();
    Console.WriteLine(string.Create(inv,
        $"**Flash sale**: {flash.Reserved} reservations for {flash.TicketsReserved} tickets, {flash.SoldOut} SOLD_OUT answers, {flash.Failed} failed; "
        + $"database: held + sold = {flashVerification.Held + flashVerification.Sold} of capacity {flashVerification.Capacity}, oversold {flashVerification.Oversold}, "
        + $"{flashVerification.OrdersWithWrongHolds} orders with wrong holds; {flashDeadlocks} deadlocks detected by PostgreSQL during the sale. Sold out {saleDuration.TotalMilliseconds:F0} ms after the gate opened: "
        + $"{flash.Reserved / saleDuration.TotalSeconds:F0} reservations/s over the sale; all {flash.Answers.Count} answers in {flash.Elapsed.TotalMilliseconds:F0} ms = {flash.RequestsPerSecond:F0} requests/s; "
        + $"successful reservations p50 / p95 / p99 / max {flash.Percentile(50):F1} / {flash.Percentile(95):F1} / {flash.Percentile(99):F1} / {flash.Max:F1} ms (all answers: p50 {flash.PercentileAll(50):F1}, p99 {flash.PercentileAll(99):F1} ms)"));
    Console.WriteLine();
    Row.PrintTable(rows);
    Console.WriteLine();
    foreach (var c in options.Clients)
    {
        var tickr = rows.Find(r => r.Clients == c.ToString(inv) && r.Name.StartsWith("Tickr sustained, sharded", StringComparison.Ordinal));
        var tickrHot = rows.Find(r => r.Clients == c.ToString(inv) && r.Name.StartsWith("Tickr sustained, hot", StringComparison.Ordinal));
        var floor = rows.Find(r => r.Clients == c.ToString(inv) && r.Name.StartsWith("pgbench floor, sharded", StringComparison.Ordinal));
        var floorHot = rows.Find(r => r.Clients == c.ToString(inv) && r.Name.StartsWith("pgbench floor, hot", StringComparison.Ordinal));
        if (tickr is null)
        {
            continue;
        }
        var line = string.Create(inv, $"- {c} clients: Tickr {tickr.PerSecond:F0} reservations/s, p99 {tickr.P(99):F1} ms (targets ≥ 1,500/s: {(tickr.PerSecond >= 1500 ? "PASS" : "FAIL")}, p99 < 100 ms: {(tickr.P(99) < 100 ? "PASS" : "FAIL")})");
        if (floor is not null)
        {
            line += string.Create(inv, $"; floor {floor.PerSecond:F0} tx/s; Tickr / floor {100 * tickr.PerSecond / floor.PerSecond:F1} %");
        }
        if (tickrHot is not null && floorHot is not null)
        {
            line += string.Create(inv, $"; hot row: Tickr {tickrHot.PerSecond:F0}/s, floor {floorHot.PerSecond:F0} tx/s ({100 * tickrHot.PerSecond / floorHot.PerSecond:F1} %)");
        }
        if (floor is not null && floorHot is not null)
        {
            line += string.Create(inv, $"; sharding: floor ×{floor.PerSecond / floorHot.PerSecond:F2}{(tickrHot is not null ? string.Create(inv, $", Tickr ×{tickr.PerSecond / tickrHot.PerSecond:F2}") : "")}");
        }
        Console.WriteLine(line);
    }
    Console.WriteLine();
    Console.WriteLine("Database checks after each sale:");
    Console.WriteLine();
    foreach (var v in verifications)
    {
        Console.WriteLine("- " + v.Summary());
    }
    foreach (var (name, stats, requests) in statementTables)
    {
        if (stats is { Count: > 0 } && requests > 0)
        {
            Console.WriteLine();
            Console.Write(Row.StatementTable(name, stats, requests));
        }
    }
    if (problems.Count > 0)
    {
        Console.WriteLine();
        Console.WriteLine("**FAILED**:");
        foreach (var p in problems)
        {
            Console.WriteLine("- " + p);
            Console.Error.WriteLine("FAILED: " + p);
        }
        exitCode = 1;
    }
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    exitCode = 130;
}
catch (Exception e)
{
    Console.Error.WriteLine(e);
    exitCode = 1;
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
        if (exitCode == 0)
        {
            File.Delete(server.LogPath);
        }
        else
        {
            Console.Error.WriteLine($"The server's output: {server.LogPath}");
        }
    }
    if (admin is not null)
    {
        await admin.DisposeAsync();
    }
    if (cluster is not null)
    {
        NpgsqlConnection.ClearAllPools();
        await cluster.DisposeAsync();
    }
    if (serverJitPath is not null)
    {
        File.Delete(serverJitPath);
    }
}
return exitCode;

static HttpClient NewHttpClient(int connections) => new(new SocketsHttpHandler
{
    MaxConnectionsPerServer = connections,
    UseProxy = false,
    UseCookies = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
})
{ Timeout = TimeSpan.FromSeconds(60) };

// CPU of the server, PostgreSQL and this process (with its reaped children: pgbench) and of the machine around a phase.
static async Task<(T, Cost)> MeasureAsync<T>(Func<Task<T>> run, int? serverPid, int postmasterPid)
{
    var loadBefore = LoadAverage();
    var serverBefore = serverPid is { } s1 ? CpuSampler.Process(s1) : null;
    var postgresBefore = CpuSampler.Postgres(postmasterPid);
    var clientBefore = CpuSampler.Process(Environment.ProcessId, includeWaitedChildren: true)!.Value;
    var machineBefore = CpuSampler.Machine();
    var result = await run();
    var machineAfter = CpuSampler.Machine();
    var serverAfter = serverPid is { } s2 ? CpuSampler.Process(s2) : null;
    var postgresAfter = CpuSampler.Postgres(postmasterPid);
    var clientAfter = CpuSampler.Process(Environment.ProcessId, includeWaitedChildren: true)!.Value;
    double hz = CpuSampler.TicksPerSecond;
    return (result, new Cost(
        serverAfter - serverBefore is { } sv ? sv / hz : null,
        postgresAfter - postgresBefore is { } pv ? pv / hz : null,
        (clientAfter - clientBefore) / hz,
        machineAfter - machineBefore,
        loadBefore,
        LoadAverage()));
}

static async Task<long> DeadlocksAsync(NpgsqlDataSource source)
{
    await using var command = source.CreateCommand("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
    return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
    await command.ExecuteNonQueryAsync();
}

static async Task<string> ScalarAsync(NpgsqlDataSource source, string sql)
{
    await using var command = source.CreateCommand(sql);
    return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
}

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

static string CpuModel() =>
    File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown model";

static int MachineCpus() =>
    File.ReadLines("/proc/stat").Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && l.Length > 3 && char.IsAsciiDigit(l[3]));

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "TickrGraph.sln")))
        {
            return dir.FullName;
        }
    }
    return Directory.GetCurrentDirectory();
}
