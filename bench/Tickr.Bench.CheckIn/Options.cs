using System.Globalization;

namespace Tickr.Bench.CheckIn;

/// <summary>Command-line options (all optional; the defaults are the benchmark).</summary>
internal sealed class Options
{
    public const string Usage = """
        dotnet bench/Tickr.Bench.CheckIn/bin/Release/net10.0/Tickr.Bench.CheckIn.dll [options]   (bench/checkin/run.sh builds and runs it)

          --tickets N            paid tickets to scan, 10 per order (10000)
          --clients N            concurrent scanners (staff users, each its own token and deviceId) and pgbench clients (32)
          --warmup S             minimum warm-up before the first measurement (10); goes on in 5-s slices until the
                                 server (and this process, under run.sh) JIT-compiled ≤ 10 methods in a slice, at most
                                 --warmup-max (180); the warm-up scans 4,000 tickets of another event at its 12 lists
          --peer-duration S      seconds of the serverInfo peer (HTTP + JWT + GraphQL, no database) (10; 0 skips it)
          --no-floor             skip pgbench
          --no-durability        PostgreSQL with fsync, synchronous_commit and full_page_writes off (default: on, as shipped)
          --port N               the Tickr server's port on 127.0.0.1 (5130)
          --server-env K=V       extra environment variable for the server (repeatable)
          --server-connection-options S   appended to the server's connection string
          --seed N               random seed of the scan order (42)
        """;

    public int Tickets { get; private set; } = 10_000;

    public int Clients { get; private set; } = 32;

    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(10);

    public TimeSpan WarmupMax { get; private set; } = TimeSpan.FromSeconds(180);

    public TimeSpan PeerDuration { get; private set; } = TimeSpan.FromSeconds(10);

    public bool Floor { get; private set; } = true;

    public bool Durable { get; private set; } = true;

    public int Port { get; private set; } = 5130;

    public List<KeyValuePair<string, string>> ServerEnvironment { get; } = [];

    public string? ServerConnectionOptions { get; private set; }

    public int Seed { get; private set; } = 42;

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
                case "--tickets": o.Tickets = Int(); break;
                case "--clients": o.Clients = Int(); break;
                case "--warmup": o.Warmup = Seconds(); break;
                case "--warmup-max": o.WarmupMax = Seconds(); break;
                case "--peer-duration": o.PeerDuration = Seconds(); break;
                case "--no-floor": o.Floor = false; break;
                case "--no-durability": o.Durable = false; break;
                case "--port": o.Port = Int(); break;
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
                case "--seed": o.Seed = Int(); break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    Environment.Exit(0);
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'.\n{Usage}");
            }
        }
        if (o.Tickets < 10 || o.Tickets % 10 != 0 || o.Clients < 1 || o.Clients > 200)
        {
            throw new ArgumentException("Need --tickets a multiple of 10 (≥ 10) and --clients 1..200.");
        }
        return o;
    }
}
