using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tickr.Bench.Catalog;
using Tickr.Bench.CheckIn;
using Tickr.Data;
using Tickr.Data.Providers;

// The check-in benchmark: 10,000 paid tickets scanned once each by 32 scanners over HTTP (checkIn), then all again
// (ALREADY_CHECKED_IN), against pgbench sending the scan's SQL to the same PostgreSQL in the same run.
// See bench/checkin/RESULTS.md and bench/README.md ("Check-in").
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
    Console.Error.WriteLine($"{serverDll} is missing: dotnet build -c Release src/Tickr.Graph (bench/checkin/run.sh does it).");
    return 1;
}
Log($"machine: {MachineCpus()} CPUs, {CpuModel()}; load average {LoadAverage()}; {RuntimeInformation.FrameworkDescription}");

const int WarmupLists = 12;
const int WarmupTickets = 4_000;
PostgresCluster? cluster = null;
TickrServer? server = null;
NpgsqlDataSource? admin = null;
string? serverJitPath = null;
var exitCode = 0;
var problems = new List<string>();
try
{
    // 1. PostgreSQL (durable unless told otherwise: check-ins are writes) and a migrated, seeded database.
    Log($"starting a PostgreSQL cluster ({(options.Durable ? "fsync, synchronous_commit and full_page_writes on, as shipped" : "durability off")})…");
    IReadOnlyList<string> durability = options.Durable ? ["fsync=on", "synchronous_commit=on", "full_page_writes=on"] : [];
    cluster = await PostgresCluster.StartAsync(null, statements: true, durability, "tickr-checkin-bench");
    const string database = "tickr_checkin_bench";
    await ExecuteAsync(cluster.ConnectionString("postgres"), $"CREATE DATABASE {database}");
    var databaseConnection = cluster.ConnectionString(database);
    var contextOptions = (DbContextOptions<PostgresTickrDbContext>)TickrDbContextOptions.UsePostgres(new DbContextOptionsBuilder<PostgresTickrDbContext>(), databaseConnection + ";Pooling=false").Options;
    await using (var db = new PostgresTickrDbContext(contextOptions))
    {
        await db.Database.MigrateAsync(ct);
    }
    var seedWatch = Stopwatch.StartNew();
    Log($"seeding {options.Tickets} paid tickets (reserve + confirm payment, orders of 10) and {WarmupTickets} for the warm-up's event, {options.Clients} scanners, {WarmupLists + 3} check-in lists…");
    var seeded = await Seed.RunAsync(contextOptions, options.Tickets, WarmupTickets, options.Clients, WarmupLists, ct);
    Log($"  seeded in {seedWatch.Elapsed.TotalSeconds:F1} s");
    var order = seeded.Tickets.ToArray();
    new Random(options.Seed).Shuffle(order);
    admin = NpgsqlDataSource.Create(databaseConnection + ";Application Name=bench-probe;Maximum Pool Size=2");
    await Seed.WriteScanOrderAsync(admin, order);
    await ExecuteAsync(databaseConnection, "VACUUM ANALYZE");
    await ExecuteAsync(databaseConnection, "CHECKPOINT");
    var postgresVersion = await ScalarAsync(admin, "SHOW server_version");
    var statements = await StatementStats.CreateAsync(admin, true);
    var postmasterPid = cluster.PostmasterPid;

    // 2. The Tickr server, a separate process, with a signing key this process also knows (the scanners' tokens).
    var signingKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    var accessTokens = Tokens.Mint(seeded.Scanners, signingKey);
    var serverConnection = databaseConnection + (options.ServerConnectionOptions is { Length: > 0 } extra ? ";" + extra : "");
    serverJitPath = Path.Combine(Path.GetTempPath(), $"tickr-checkin-bench-server-{Environment.ProcessId.ToString(inv)}.jit.txt");
    File.Delete(serverJitPath);
    var serverEnvironment = new List<KeyValuePair<string, string>>
    {
        new(JitWatch.SummaryVariable, "1"), new(JitWatch.OutputVariable, serverJitPath), new("Tickr__Auth__SigningKey", signingKey),
    };
    serverEnvironment.AddRange(options.ServerEnvironment);
    // Development, as the flash-sale benchmark: Production refuses to start without payment credentials, which a scan
    // does not use; nothing else on this path depends on the environment.
    server = await TickrServer.StartAsync(serverDll, options.Port, serverConnection, null, serverEnvironment, ct, "Development");
    var serverPid = server.Pid;
    JitWatch[] jit = JitWatch.Self() is { } self ? [new JitWatch("server", serverJitPath), self] : [new JitWatch("server", serverJitPath)];
    Log($"Tickr server ready: pid {serverPid}, http://127.0.0.1:{options.Port}, log {server.LogPath}");
    var endpoint = new Uri($"http://127.0.0.1:{options.Port.ToString(inv)}/graphql");
    using var http = new HttpClient(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = options.Clients,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
    })
    { Timeout = TimeSpan.FromSeconds(60) };
    var client = new ScanClient(http, endpoint, seeded.Scanners, accessTokens);
    var n = order.Length;
    var rows = new List<Row>();
    var verifications = new List<string>();

    // 3. Warm-up: an event of its own, its tickets at its lists (each list admits every ticket once, then the next).
    var warmOrder = seeded.WarmupTickets.ToArray();
    var wn = warmOrder.Length;
    var warmWatch = Stopwatch.StartNew();
    long warmPosition = 0;
    long jitted;
    var warmupScans = 0;
    Log($"warm-up: {options.Clients} scanners at {WarmupLists} warm-up lists (at least {options.Warmup.TotalSeconds:F0} s, until the JIT settles, at most {options.WarmupMax.TotalSeconds:F0} s)…");
    while (true)
    {
        var before = jit.Sum(j => j.Count());
        var offset = warmPosition;
        var slice = await Load.RunAsync(client, options.Clients, p => (seeded.WarmupLists[(int)((offset + p) / wn % WarmupLists)], warmOrder[(offset + p) % wn]), null, TimeSpan.FromSeconds(5), ct);
        warmPosition += slice.Answers.Count;
        warmupScans += slice.Answers.Count;
        jitted = jit.Sum(j => j.Count()) - before;
        if (slice.Count(Outcome.Failed) > 0)
        {
            Log($"  warm-up slice: {slice.Count(Outcome.Failed)} of {slice.Answers.Count} failed (first: {slice.FirstFailure})");
        }
        Log($"  slice: {slice.PerSecond:F0} scans/s, p95 {slice.Percentile(95):F1} ms, {jitted} methods JIT-compiled");
        if ((warmWatch.Elapsed >= options.Warmup && jitted <= 10) || warmWatch.Elapsed >= options.WarmupMax)
        {
            break;
        }
    }
    warmWatch.Stop();
    Log($"  warmed up in {warmWatch.Elapsed.TotalSeconds:F0} s ({warmupScans} scans; {jitted} methods JIT-compiled in the last slice)");
    if (warmPosition >= (long)wn * WarmupLists)
    {
        Log("  (the warm-up outlasted its lists: its last scans were ALREADY_CHECKED_IN)");
    }

    // The statistics PostgreSQL plans with, as after a while in production: check_ins holds the warm-up's admissions
    // (of the other event), not nothing.
    await ExecuteAsync(databaseConnection, "VACUUM ANALYZE");

    // 4. The peer: HTTP + JWT + GraphQL without the database, same clients and tokens.
    if (options.PeerDuration > TimeSpan.Zero)
    {
        await Load.PeerAsync(client, options.Clients, TimeSpan.FromSeconds(3), ct);
        await statements.ResetAsync();
        Log($"peer {ScanClient.PeerQuery}: measuring {options.PeerDuration.TotalSeconds:F0} s…");
        var (peer, peerCost) = await MeasureAsync(() => Load.PeerAsync(client, options.Clients, options.PeerDuration, ct), serverPid, postmasterPid);
        var row = new Row("peer: `{ serverInfo { version } }` with the scanner's token", options.Clients, peer, null, peerCost, await statements.ReadAsync(),
            $"{peer.Count(Outcome.Ok)} ok, {peer.Count(Outcome.Failed)} failed");
        rows.Add(row);
        Log(row.Summary());
        if (peer.Count(Outcome.Failed) > 0)
        {
            problems.Add($"peer: {peer.Count(Outcome.Failed)} failed (first: {peer.FirstFailure})");
        }
    }

    // 5. The scans: every ticket once (OK), then every ticket again (ALREADY_CHECKED_IN).
    var statementTables = new List<(string, IReadOnlyList<StatementStat>?, long)>();
    foreach (var (pass, expect) in new[] { ("first pass", Outcome.Ok), ("second pass", Outcome.AlreadyCheckedIn) })
    {
        await ExecuteAsync(databaseConnection, "CHECKPOINT");
        await statements.ResetAsync();
        Log($"Tickr {pass}: {n} scans by {options.Clients} scanners at \"Porte principale\"…");
        var (result, cost) = await MeasureAsync(() => Load.RunAsync(client, options.Clients, p => p < n ? (seeded.MeasuredList, order[p]) : null, expect, null, ct), serverPid, postmasterPid);
        var stats = await statements.ReadAsync();
        var row = new Row($"Tickr `checkIn`, {pass}", options.Clients, result, null, cost, stats,
            $"{result.Count(Outcome.Ok)} OK, {result.Count(Outcome.AlreadyCheckedIn)} ALREADY_CHECKED_IN, {result.Count(Outcome.Failed)} failed");
        rows.Add(row);
        statementTables.Add((row.Name, stats, result.Answers.Count));
        Log(row.Summary());
        if (result.Count(Outcome.Failed) > 0 || result.Count(expect) != n)
        {
            problems.Add($"Tickr {pass}: {result.Count(expect)} of {n} answers {expect}, {result.Count(Outcome.Failed)} failed (first: {result.FirstFailure})");
        }
        var verification = await VerifyAsync(admin, seeded.MeasuredList, n);
        verifications.Add($"after the Tickr {pass}: {verification.Text}");
        Log("  " + verification.Text);
        if (!verification.Ok)
        {
            problems.Add($"after the Tickr {pass}: {verification.Text}");
        }
    }

    // 6. The floor: pgbench, the scan's statements, same concurrency, same PostgreSQL; a full unmeasured pass first.
    if (options.Floor)
    {
        try
        {
            var pgbench = Floor.Find() ?? throw new InvalidOperationException("pgbench is missing (Debian's postgresql package ships it).");
            var scriptDir = Directory.CreateTempSubdirectory("tickr-checkin-pgbench-");
            try
            {
                var script = Floor.WriteScript(scriptDir.FullName);
                Log($"pgbench script:\n{File.ReadAllText(script)}");
                Log($"pgbench warm-up: {n} scans at its own list…");
                await Floor.RunAsync(pgbench, cluster.Port, database, script, scriptDir.FullName, options.Clients, n, seeded, seeded.FloorWarmupList, ct);
                foreach (var pass in new[] { "first pass", "second pass" })
                {
                    await ExecuteAsync(databaseConnection, "CHECKPOINT");
                    await statements.ResetAsync();
                    Log($"pgbench floor, {pass}: {n} scans, {options.Clients} clients…");
                    var (result, cost) = await MeasureAsync(() => Floor.RunAsync(pgbench, cluster.Port, database, script, scriptDir.FullName, options.Clients, n, seeded, seeded.FloorList, ct), null, postmasterPid);
                    var stats = await statements.ReadAsync();
                    var row = new Row($"floor (pgbench), {pass}", options.Clients, null, result, cost, stats, $"{result.Scans} scans, {result.Failed} failed");
                    rows.Add(row);
                    statementTables.Add((row.Name, stats, result.Scans));
                    Log(row.Summary());
                    if (result.Failed > 0 || result.Scans != n)
                    {
                        problems.Add($"pgbench {pass}: {result.Scans} scans of {n}, {result.Failed} failed");
                    }
                    var verification = await VerifyAsync(admin, seeded.FloorList, n);
                    verifications.Add($"after the pgbench {pass}: {verification.Text}");
                    Log("  " + verification.Text);
                    if (!verification.Ok)
                    {
                        problems.Add($"after the pgbench {pass}: {verification.Text}");
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
    Console.WriteLine();
    Console.WriteLine($"## Check-in benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    Console.WriteLine();
    Console.WriteLine($"- machine: {MachineCpus()} CPUs ({CpuModel()}), load average at the end {LoadAverage()}; {RuntimeInformation.FrameworkDescription}; PostgreSQL {postgresVersion} ({(options.Durable ? "fsync, synchronous_commit, full_page_writes on" : "durability OFF")})");
    Console.WriteLine($"- {n} paid tickets (orders of 10), {options.Clients} scanners (staff users with role Scanner, one token and deviceId each, one HTTP/1.1 connection each), scan order shuffled (seed {options.Seed}); warm-up {warmWatch.Elapsed.TotalSeconds:F0} s ({warmupScans} scans of {WarmupTickets} tickets of another event, at its {WarmupLists} lists); server in the Development environment, separate process");
    Console.WriteLine();
    Row.PrintTable(rows);
    Console.WriteLine();
    var tickr = rows.Find(r => r.Name.Contains("first pass", StringComparison.Ordinal) && r.Tickr is not null);
    var tickr2 = rows.Find(r => r.Name.Contains("second pass", StringComparison.Ordinal) && r.Tickr is not null);
    var floor = rows.Find(r => r.Name.Contains("first pass", StringComparison.Ordinal) && r.Floor is not null);
    var floor2 = rows.Find(r => r.Name.Contains("second pass", StringComparison.Ordinal) && r.Floor is not null);
    if (tickr is not null)
    {
        var line = string.Create(inv, $"- first pass: Tickr {tickr.PerSecond:F0} scans/s, p95 {tickr.P(95):F2} ms (targets ≥ 3,000/s: {(tickr.PerSecond >= 3000 ? "PASS" : "FAIL")}, p95 < 20 ms: {(tickr.P(95) < 20 ? "PASS" : "FAIL")})");
        if (floor is not null)
        {
            line += string.Create(inv, $"; floor {floor.PerSecond:F0} scans/s, p95 {floor.P(95):F2} ms; Tickr / floor {100 * tickr.PerSecond / floor.PerSecond:F1} %");
        }
        Console.WriteLine(line);
    }
    if (tickr2 is not null)
    {
        var line = string.Create(inv, $"- second pass (ALREADY_CHECKED_IN): Tickr {tickr2.PerSecond:F0} scans/s, p95 {tickr2.P(95):F2} ms");
        if (floor2 is not null)
        {
            line += string.Create(inv, $"; floor {floor2.PerSecond:F0} scans/s; Tickr / floor {100 * tickr2.PerSecond / floor2.PerSecond:F1} %");
        }
        Console.WriteLine(line);
    }
    Console.WriteLine();
    Console.WriteLine("Database checks:");
    Console.WriteLine();
    foreach (var v in verifications)
    {
        Console.WriteLine("- " + v);
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

// Exactly n admissions at the list, n distinct tickets, and n audit rows for them.
static async Task<(bool Ok, string Text)> VerifyAsync(NpgsqlDataSource source, Guid listId, int n)
{
    await using var command = source.CreateCommand("""
        SELECT (SELECT count(*) FROM check_ins WHERE check_in_list_id = @list),
               (SELECT count(DISTINCT ticket_id) FROM check_ins WHERE check_in_list_id = @list),
               (SELECT count(*) FROM audit_entries WHERE action = 'ticket.checked-in' AND details::jsonb ->> 'ListId' = @list::text)
        """);
    command.Parameters.AddWithValue("list", listId);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    var (rows, tickets, audits) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    var ok = rows == n && tickets == n && audits == n;
    return (ok, string.Create(CultureInfo.InvariantCulture, $"{rows} check_ins rows at the list (expected {n}), {tickets} distinct tickets, {audits} 'ticket.checked-in' audit rows{(ok ? "" : " — MISMATCH")}"));
}

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

/// <summary>Access tokens for the scanners, signed with the server's configured key by Tickr.Graph's own issuer.</summary>
internal static class Tokens
{
    public static string[] Mint(IReadOnlyList<Scanner> scanners, string signingKey)
    {
        var options = new Tickr.Graph.Auth.TickrAuthOptions { SigningKey = signingKey, AccessTokenLifetime = TimeSpan.FromHours(3) };
        var issuer = new Tickr.Graph.Auth.AccessTokenIssuer(Tickr.Graph.Auth.TickrSigningKey.Resolve(signingKey, isDevelopment: false), options, TimeProvider.System);
        return scanners.Select(s => issuer.CreateAccessToken(
            new Tickr.Data.Identity.TickrUser { Id = s.UserId, Email = s.Email, DisplayName = "Scanner " + s.Number.ToString(CultureInfo.InvariantCulture) }, []).Token).ToArray();
    }
}
