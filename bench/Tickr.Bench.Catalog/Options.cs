using System.Globalization;

namespace Tickr.Bench.Catalog;

/// <summary>Command-line options (all optional; the defaults are the benchmark).</summary>
internal sealed class Options
{
    public const string Usage = """
        dotnet bench/Tickr.Bench.Catalog/bin/Release/net10.0/Tickr.Bench.Catalog.dll [options]   (bench/catalog/run.sh builds and runs it)

          --connection CS        use this PostgreSQL (a connection string whose user may CREATE/DROP DATABASE; its
                                 database is only used to create and drop the benchmark's own). Default: start a
                                 throwaway cluster from Debian's binaries (/usr/lib/postgresql/NN/bin).
          --events N             published upcoming events to seed (500)
          --clients N            concurrent clients, for Tickr and for the floor alike (32)
          --duration S           measured seconds per phase (20)
          --warmup S             minimum warm-up seconds before each measured phase (10); the warm-up goes on in 5-s
                                 slices until the JIT has settled (≤ 10 methods compiled in the last slice by the
                                 server, and by this process when run with DOTNET_JitDisasmSummary=1 and
                                 DOTNET_JitStdOutFile, as run.sh does), at most --warmup-max seconds (180)
          --rounds N             measure Tickr and the floor N times in turn (warm-up before the first round only) (1)
          --page N               page size: events(first: N) and LIMIT N (20)
          --port N               the Tickr server's port on 127.0.0.1 (5110)
          --server PATH          Tickr.Graph.dll (default: src/Tickr.Graph/bin/Release/net10.0/ of this repository)
          --server-cpus LIST     run the server under taskset -c LIST (default: not pinned)
          --postgres-cpus LIST   run the started cluster under taskset -c LIST (default: not pinned)
          --server-env K=V       extra environment variable for the server (repeatable)
          --server-connection-options S
                                 appended to the server's connection string (e.g. "No Reset On Close=true")
          --no-statements        do not load pg_stat_statements (SQL statements per request are then not counted)
          --profile              after the two phases, measure variants of the query (shorter: --profile-warmup,
                                 --profile-duration, default 5 s and 10 s) to show where the time goes
          --keep-database        with --connection: leave the benchmark's database (tickr_catalog_bench_PID) for
                                 inspection instead of dropping it
          --only tickr|floor     measure one side only (for experiments; the report then has no ratio)
        """;

    public string? Connection { get; private set; }

    public int Events { get; private set; } = 500;

    public int Clients { get; private set; } = 32;

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(20);

    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(10);

    public TimeSpan WarmupMax { get; private set; } = TimeSpan.FromSeconds(180);

    public int Page { get; private set; } = 20;

    public int Rounds { get; private set; } = 1;

    public int Port { get; private set; } = 5110;

    public string? Server { get; private set; }

    public string? ServerCpus { get; private set; }

    public string? PostgresCpus { get; private set; }

    public List<KeyValuePair<string, string>> ServerEnvironment { get; } = [];

    public string? ServerConnectionOptions { get; private set; }

    public bool Statements { get; private set; } = true;

    public bool Profile { get; private set; }

    public TimeSpan ProfileWarmup { get; private set; } = TimeSpan.FromSeconds(5);

    public TimeSpan ProfileDuration { get; private set; } = TimeSpan.FromSeconds(10);

    public string? Only { get; private set; }

    public bool KeepDatabase { get; private set; }

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.\n{Usage}");
            int Int() => int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
            TimeSpan Seconds() => TimeSpan.FromSeconds(double.Parse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture));
            switch (name)
            {
                case "--connection": o.Connection = Value(); break;
                case "--events": o.Events = Int(); break;
                case "--clients": o.Clients = Int(); break;
                case "--duration": o.Duration = Seconds(); break;
                case "--warmup": o.Warmup = Seconds(); break;
                case "--warmup-max": o.WarmupMax = Seconds(); break;
                case "--page": o.Page = Int(); break;
                case "--rounds": o.Rounds = Int(); break;
                case "--port": o.Port = Int(); break;
                case "--server": o.Server = Value(); break;
                case "--server-cpus": o.ServerCpus = Value(); break;
                case "--postgres-cpus": o.PostgresCpus = Value(); break;
                case "--server-env":
                    var pair = Value();
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new ArgumentException($"--server-env takes KEY=VALUE, got '{pair}'.");
                    }
                    o.ServerEnvironment.Add(new(pair[..eq], pair[(eq + 1)..]));
                    break;
                case "--server-connection-options": o.ServerConnectionOptions = Value(); break;
                case "--no-statements": o.Statements = false; break;
                case "--profile": o.Profile = true; break;
                case "--keep-database": o.KeepDatabase = true; break;
                case "--profile-warmup": o.ProfileWarmup = Seconds(); break;
                case "--profile-duration": o.ProfileDuration = Seconds(); break;
                case "--only":
                    o.Only = Value() is "tickr" or "floor" ? args[i] : throw new ArgumentException("--only takes tickr or floor.");
                    break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    Environment.Exit(0);
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'.\n{Usage}");
            }
        }
        if (o.Events < o.Page + 1 || o.Page is < 1 or > 100 || o.Clients < 1 || o.Rounds < 1 || o.Duration <= TimeSpan.Zero || o.Warmup < TimeSpan.Zero)
        {
            throw new ArgumentException("Need --page 1..100, --events > --page, --clients ≥ 1, --rounds ≥ 1, --duration > 0, --warmup ≥ 0.");
        }
        return o;
    }
}
