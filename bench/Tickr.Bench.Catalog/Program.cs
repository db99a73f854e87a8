using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tickr.Bench.Catalog;
using Tickr.Data;
using Tickr.Data.Providers;

// The catalog benchmark of issue "Tickr core": `events(first: 20)` with venue, organization and ticket types at 32
// concurrent clients on PostgreSQL with 500 events, against the same page as one hand-written SQL query through
// Npgsql (the floor), in the same run. See bench/README.md ("Catalog on PostgreSQL").
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
var invariant = CultureInfo.InvariantCulture;
var root = FindRepositoryRoot();
var serverDll = options.Server ?? Path.Combine(root, "src", "Tickr.Graph", "bin", "Release", "net10.0", "Tickr.Graph.dll");
if (!File.Exists(serverDll))
{
    Console.Error.WriteLine($"{serverDll} is missing: dotnet build -c Release src/Tickr.Graph (bench/catalog/run.sh does it).");
    return 1;
}

Log($"machine: {MachineCpus()} CPUs, {CpuModel()}; load average {LoadAverage()}; {RuntimeInformation.FrameworkDescription}");

PostgresCluster? cluster = null;
TickrServer? server = null;
NpgsqlDataSource? admin = null;
NpgsqlDataSource? floorSource = null;
string? dropDatabase = null;
string? serverConnection = null;
string? serverJitPath = null;
var exitCode = 0;
try
{
    // 1. PostgreSQL and a migrated, seeded database.
    string database;
    string databaseConnection;
    int? postmasterPid;
    if (options.Connection is null)
    {
        Log("starting a PostgreSQL cluster…");
        cluster = await PostgresCluster.StartAsync(options.PostgresCpus, options.Statements);
        database = "tickr_catalog_bench";
        await ExecuteAsync(cluster.ConnectionString("postgres"), $"CREATE DATABASE {database}");
        databaseConnection = cluster.ConnectionString(database);
        postmasterPid = cluster.PostmasterPid;
    }
    else
    {
        database = "tickr_catalog_bench_" + Environment.ProcessId.ToString(invariant);
        await ExecuteAsync(options.Connection, $"CREATE DATABASE {database}");
        dropDatabase = options.KeepDatabase ? null : database;
        databaseConnection = new NpgsqlConnectionStringBuilder(options.Connection) { Database = database }.ConnectionString;
        postmasterPid = null;
    }

    var contextOptions = TickrDbContextOptions.UsePostgres(new DbContextOptionsBuilder<PostgresTickrDbContext>(), databaseConnection + ";Pooling=false").Options;
    var seedWatch = Stopwatch.StartNew();
    await using (var db = new PostgresTickrDbContext((DbContextOptions<PostgresTickrDbContext>)contextOptions))
    {
        await db.Database.MigrateAsync(ct);
    }
    string seeded;
    await using (var db = new PostgresTickrDbContext((DbContextOptions<PostgresTickrDbContext>)contextOptions))
    {
        seeded = await CatalogSeed.RunAsync(db, options.Events, DateTimeOffset.UtcNow, ct);
    }
    // Fresh tables: analyze now, so that autovacuum does not do it in the middle of a measurement, and the planner
    // sees the real sizes. A checkpoint now rather than during a phase.
    await ExecuteAsync(databaseConnection, "VACUUM ANALYZE");
    await ExecuteAsync(databaseConnection, "CHECKPOINT");
    Log($"database {database} migrated and seeded in {seedWatch.Elapsed.TotalSeconds:F1} s: {seeded}");

    admin = NpgsqlDataSource.Create(databaseConnection + ";Application Name=bench-probe;Maximum Pool Size=2");
    var postgresVersion = await ScalarAsync(admin, "SHOW server_version");
    if (postmasterPid is null)
    {
        // A given server: its postmaster is the parent of our backend, when it runs on this machine and /proc shows it.
        var backend = Convert.ToInt32(await ScalarAsync(admin, "SELECT pg_backend_pid()"), invariant);
        postmasterPid = CpuSampler.ParentOf(backend) is { } parent && File.Exists($"/proc/{parent}/comm")
            && File.ReadAllText($"/proc/{parent}/comm").Trim() is "postgres" or "postmaster" ? parent : null;
    }
    var statements = await StatementStats.CreateAsync(admin, options.Statements);
    Log($"PostgreSQL {postgresVersion}{(postmasterPid is null ? " (its CPU is not visible from here)" : "")}; pg_stat_statements {(statements.Available ? "on" : "off")}");

    // 2. The Tickr server, a separate process on the seeded database.
    serverConnection = databaseConnection + (options.ServerConnectionOptions is { Length: > 0 } extra ? ";" + extra : "");
    serverJitPath = Path.Combine(Path.GetTempPath(), $"tickr-catalog-bench-server-{Environment.ProcessId.ToString(invariant)}.jit.txt");
    File.Delete(serverJitPath);
    var serverEnvironment = new List<KeyValuePair<string, string>> { new(JitWatch.SummaryVariable, "1"), new(JitWatch.OutputVariable, serverJitPath) };
    serverEnvironment.AddRange(options.ServerEnvironment);
    server = await TickrServer.StartAsync(serverDll, options.Port, serverConnection, options.ServerCpus, serverEnvironment, ct);
    var serverJit = new JitWatch("server", serverJitPath);
    var clientJit = JitWatch.Self();
    JitWatch[] tickrJit = clientJit is null ? [serverJit] : [serverJit, clientJit];
    JitWatch[] floorJit = clientJit is null ? [] : [clientJit];
    var serverPid = server.Pid;
    Log($"Tickr server ready: pid {serverPid}, http://127.0.0.1:{options.Port}, log {server.LogPath}");

    using var http = new HttpClient(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = options.Clients,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    { Timeout = TimeSpan.FromSeconds(30) };
    var endpoint = new Uri($"http://127.0.0.1:{options.Port.ToString(invariant)}/graphql");
    var page = options.Page.ToString(invariant);
    var fullQuery = $"{{ events(first: {page}) {{ nodes {{ id title startsAt venue {{ name city }} organization {{ name }} ticketTypes {{ name price {{ minorUnits currency }} remaining }} }} }} }}";
    var tickr = new GraphQLWorkload(http, endpoint, fullQuery, options.Page);
    floorSource = NpgsqlDataSource.Create(databaseConnection + ";Application Name=bench-floor");
    var floor = new FloorWorkload(floorSource, options.Page);

    // 3. Both sides must return the same page before their speed means anything.
    using (var answer = await tickr.FetchAsync(ct))
    {
        var tickrPage = Page.FromGraphQL(answer.RootElement);
        var floorPage = await floor.FetchAsync(ct);
        if (Page.Difference(tickrPage, floorPage) is { } difference)
        {
            Console.Error.WriteLine("Tickr and the floor return different pages: " + difference);
            exitCode = 1;
            return exitCode;
        }
        Log($"same page from both: {floorPage.Count} events, {floorPage.Sum(e => e.TicketTypes.Count)} public ticket types; first: {floorPage[0]}");
    }

    // 4. Same clients, same warm-up, same duration: Tickr, then the floor.
    var phases = new List<Phase>();
    for (var round = 1; round <= options.Rounds; round++)
    {
        // Later rounds need no warm-up: the previous round's measurement was one.
        var suffix = options.Rounds > 1 ? $" (round {round.ToString(invariant)})" : "";
        var warmup = round == 1 ? options.Warmup : TimeSpan.Zero;
        if (options.Only is null or "tickr")
        {
            phases.Add(await MeasureAsync("Tickr: POST /graphql events(first: " + page + ") + venue, organization, ticket types" + suffix, tickr, warmup, options.Duration, tickrJit));
        }
        if (options.Only is null or "floor")
        {
            phases.Add(await MeasureAsync("floor: one SQL query through Npgsql, prepared" + suffix, floor, warmup, options.Duration, floorJit));
        }
    }

    // 5. Optional: where the time goes, field by field.
    var profile = new List<Phase>();
    if (options.Profile)
    {
        string Q(string fields) => $"{{ events(first: {page}) {{ nodes {{ {fields} }} }} }}";
        var variants = new (string Name, string Query, int? Nodes)[]
        {
            ("{ __typename } (no database)", "{ __typename }", null),
            ("nodes { id } (page query only)", Q("id"), options.Page),
            ("+ title startsAt", Q("id title startsAt"), options.Page),
            ("+ venue { name city }", Q("id title startsAt venue { name city }"), options.Page),
            ("+ organization { name }", Q("id title startsAt venue { name city } organization { name }"), options.Page),
            ("+ ticketTypes { name price }", Q("id title startsAt venue { name city } organization { name } ticketTypes { name price { minorUnits currency } }"), options.Page),
            ("+ remaining (quotas): the full query", fullQuery, options.Page),
        };
        foreach (var (name, query, nodes) in variants)
        {
            profile.Add(await MeasureAsync("profile: " + name, new GraphQLWorkload(http, endpoint, query, nodes), options.ProfileWarmup, options.ProfileDuration, tickrJit));
        }
    }

    // 6. Report.
    Console.WriteLine();
    Console.WriteLine($"## Catalog benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    Console.WriteLine();
    Console.WriteLine($"- machine: {MachineCpus()} CPUs ({CpuModel()}), load average at the end {LoadAverage()}; {RuntimeInformation.FrameworkDescription}; PostgreSQL {postgresVersion}");
    Console.WriteLine($"- data: {seeded}; page of {options.Page}; {options.Clients} clients; {options.Warmup.TotalSeconds:F0} s warm-up + {options.Duration.TotalSeconds:F0} s measured per side");
    Console.WriteLine($"- pinning: server {(options.ServerCpus is { } sc ? "CPU " + sc : "not pinned")}, PostgreSQL {(cluster is null ? "given server" : options.PostgresCpus is { } pc ? "CPU " + pc : "not pinned")}, client {ClientAffinity()}; whatever else runs on the machine shares the cores too");
    if (options.ServerConnectionOptions is not null || options.ServerEnvironment.Count > 0)
    {
        Console.WriteLine($"- server options: connection \"{options.ServerConnectionOptions}\", environment {string.Join(", ", options.ServerEnvironment.Select(p => p.Key + "=" + p.Value))}");
    }
    Console.WriteLine();
    PrintTable(phases.Concat(profile).ToList());
    var tickrPhases = phases.Where(p => p.Name.StartsWith("Tickr", StringComparison.Ordinal)).ToList();
    var floorPhases = phases.Where(p => p.Name.StartsWith("floor", StringComparison.Ordinal)).ToList();
    for (var i = 0; i < Math.Min(tickrPhases.Count, floorPhases.Count); i++)
    {
        var ratio = tickrPhases[i].Load.RequestsPerSecond / floorPhases[i].Load.RequestsPerSecond;
        var p95 = tickrPhases[i].Load.Percentile(95);
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant,
            $"{(options.Rounds > 1 ? $"Round {i + 1}: " : "")}Tickr/floor throughput: {100 * ratio:F1} % (target ≥ 40 %: {(ratio >= 0.40 ? "PASS" : "FAIL")}); "
            + $"Tickr p95 {p95:F2} ms (target < 50 ms: {(p95 < 50 ? "PASS" : "FAIL")})"));
    }
    foreach (var phase in phases.Concat(profile))
    {
        if (phase.StatementTable() is { Length: > 0 } table)
        {
            Console.WriteLine();
            Console.Write(table);
        }
    }
    if (phases.Concat(profile).Any(p => p.Load.Failures > 0))
    {
        Console.Error.WriteLine("Some requests failed: the figures above are not valid.");
        exitCode = 1;
    }

    async Task<Phase> MeasureAsync(string name, IWorkload workload, TimeSpan minimumWarmup, TimeSpan duration, JitWatch[] jit)
    {
        // Warm-up in slices: at least the minimum, then until the .NET processes doing this side's work (the server,
        // and this process when run.sh asked the runtime for its JIT summary) compiled at most a few methods in the
        // last slice, or the maximum has passed. The same rule for both sides.
        var warmup = Stopwatch.StartNew();
        long jittedInLastSlice = -1;
        if (minimumWarmup > TimeSpan.Zero)
        {
            Log($"{name}: warm-up (at least {minimumWarmup.TotalSeconds:F0} s, until the JIT settles, at most {options.WarmupMax.TotalSeconds:F0} s)…");
            while (true)
            {
                var before = jit.Sum(j => j.Count());
                var slice = await LoadRunner.RunAsync(workload, options.Clients, WarmupSlice, ct);
                jittedInLastSlice = jit.Sum(j => j.Count()) - before;
                if (slice.Failures > 0)
                {
                    Log($"  warm-up slice: {slice.Failures} of {slice.Requests} failed (first: {slice.FirstFailure})");
                }
                if (warmup.Elapsed >= minimumWarmup && jittedInLastSlice <= SettledJitPerSlice)
                {
                    break;
                }
                if (warmup.Elapsed >= options.WarmupMax)
                {
                    Log($"  warm-up stopped at {warmup.Elapsed.TotalSeconds:F0} s with the JIT still busy ({jittedInLastSlice} methods in the last {WarmupSlice.TotalSeconds:F0} s)");
                    break;
                }
            }
            Log($"  warmed up in {warmup.Elapsed.TotalSeconds:F0} s ({jittedInLastSlice} methods JIT-compiled in the last {WarmupSlice.TotalSeconds:F0} s by {(jit.Length == 0 ? "no watched process" : string.Join(" + ", jit.Select(j => j.Name)))})");
        }
        warmup.Stop();
        await statements.ResetAsync();
        Log($"{name}: measuring {duration.TotalSeconds:F0} s…");
        var loadBefore = LoadAverage();
        var serverBefore = CpuSampler.Process(serverPid);
        var postgresBefore = postmasterPid is { } pm ? CpuSampler.Postgres(pm) : null;
        var clientBefore = CpuSampler.Process(Environment.ProcessId)!.Value;
        var machineBefore = CpuSampler.Machine();
        var load = await LoadRunner.RunAsync(workload, options.Clients, duration, ct);
        var machineAfter = CpuSampler.Machine();
        var serverAfter = CpuSampler.Process(serverPid);
        var postgresAfter = postmasterPid is { } pm2 ? CpuSampler.Postgres(pm2) : null;
        var clientAfter = CpuSampler.Process(Environment.ProcessId)!.Value;
        var stats = await statements.ReadAsync();
        double hz = CpuSampler.TicksPerSecond;
        var phase = new Phase(
            name,
            load,
            serverAfter - serverBefore is { } s ? s / hz : null,
            postgresAfter - postgresBefore is { } p ? p / hz : null,
            (clientAfter - clientBefore) / hz,
            machineAfter - machineBefore,
            stats,
            loadBefore,
            LoadAverage(),
            minimumWarmup > TimeSpan.Zero ? warmup.Elapsed : TimeSpan.Zero,
            jittedInLastSlice);
        Log(phase.Summary());
        return phase;
    }
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    exitCode = 130;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or NpgsqlException or HttpRequestException or IOException)
{
    Console.Error.WriteLine(e);
    exitCode = 1;
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
        // The server's log only matters when something went wrong.
        if (exitCode == 0)
        {
            File.Delete(server.LogPath);
        }
        else
        {
            Console.Error.WriteLine($"The server's output: {server.LogPath}");
        }
    }
    if (floorSource is not null)
    {
        await floorSource.DisposeAsync();
    }
    if (admin is not null)
    {
        await admin.DisposeAsync();
    }
    if (dropDatabase is not null)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(options.Connection!, $"DROP DATABASE IF EXISTS {dropDatabase} WITH (FORCE)");
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

static string ClientAffinity()
{
    // The CPUs this process may run on, as taskset (run.sh pinned) set them.
    var allowed = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
    var cpus = MachineCpus();
    var all = cpus == 1 ? "0" : $"0-{cpus - 1}";
    return allowed is null || allowed == all ? "not pinned" : "CPU " + allowed;
}

// The machine's CPUs (Environment.ProcessorCount only counts those this process may use: 1 under taskset -c 1).
static int MachineCpus() =>
    File.ReadLines("/proc/stat").Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && l.Length > 3 && char.IsAsciiDigit(l[3]));

static void PrintTable(List<Phase> phases)
{
    var inv = CultureInfo.InvariantCulture;
    Console.WriteLine("| phase | warm-up s | requests | failed | req/s | mean ms | p50 ms | p95 ms | p99 ms | max ms | server CPU µs/req | PostgreSQL CPU µs/req | client CPU µs/req | SQL statements/req | server / PostgreSQL / client CPU (% of one core) | others % of machine | steal % |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
    foreach (var p in phases)
    {
        var l = p.Load;
        Console.WriteLine(string.Create(inv,
            $"| {p.Name} | {(p.Warmup > TimeSpan.Zero ? p.Warmup.TotalSeconds.ToString("F0", inv) : "–")} | {l.Requests} | {l.Failures} | {l.RequestsPerSecond:F0} | {l.Mean:F2} | {l.Percentile(50):F2} | {l.Percentile(95):F2} | {l.Percentile(99):F2} | {l.Max:F1} | "
            + $"{p.PerRequest(p.ServerCpu)} | {p.PerRequest(p.PostgresCpu)} | {p.PerRequest(p.ClientCpu)} | {p.StatementsPerRequest?.ToString("F2", inv) ?? "n/a"} | "
            + $"{p.CoreShare(p.ServerCpu)} / {p.CoreShare(p.PostgresCpu)} / {p.CoreShare(p.ClientCpu)} | {100 * p.OthersShare:F0} | {100 * p.StealShare:F1} |"));
    }
}

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

partial class Program
{
    /// <summary>Warm-up runs in slices of this length, checking the JIT after each.</summary>
    private static readonly TimeSpan WarmupSlice = TimeSpan.FromSeconds(5);

    /// <summary>At most this many methods JIT-compiled in the last slice: tiered compilation has settled.</summary>
    private const int SettledJitPerSlice = 10;
}
