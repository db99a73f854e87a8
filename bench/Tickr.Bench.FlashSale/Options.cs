using System.Globalization;

namespace Tickr.Bench.FlashSale;

/// <summary>Command-line options (all optional; the defaults are the benchmark).</summary>
internal sealed class Options
{
    public const string Usage = """
        dotnet bench/Tickr.Bench.FlashSale/bin/Release/net10.0/Tickr.Bench.FlashSale.dll [options]   (bench/flashsale/run.sh builds and runs it)

          --buyers N             participants (users with a token) (2000)
          --capacity N           the flash sale's capacity (1000)
          --max-quantity N       each reservation asks 1..N tickets, uniform (4)
          --flash-connections N  HTTP connections of the flash sale's clients, opened before the gate (default: one per buyer)
          --clients LIST         client concurrency of the sustained phases and of pgbench, comma-separated (32,64)
          --duration S           measured seconds of each sustained and pgbench phase (20)
          --warmup S             minimum warm-up before the first measurement (10); goes on in 5-s slices until the
                                 server (and this process, under run.sh) JIT-compiled ≤ 10 methods in a slice, at most
                                 --warmup-max (180)
          --no-hot               skip the Tickr hot-row phase (the same reservations on a single-bucket pool)
          --no-floor             skip pgbench
          --no-durability        PostgreSQL with fsync, synchronous_commit and full_page_writes off (default: on, as shipped)
          --port N               the Tickr server's port on 127.0.0.1 (5120)
          --server-env K=V       extra environment variable for the server (repeatable)
          --server-connection-options S   appended to the server's connection string
          --seed N               random seed of the quantities (42)
        """;

    public int Buyers { get; private set; } = 2000;

    public int Capacity { get; private set; } = 1000;

    public int MaxQuantity { get; private set; } = 4;

    public int? FlashConnections { get; private set; }

    public List<int> Clients { get; private set; } = [32, 64];

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(20);

    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(10);

    public TimeSpan WarmupMax { get; private set; } = TimeSpan.FromSeconds(180);

    public bool Hot { get; private set; } = true;

    public bool Floor { get; private set; } = true;

    public bool Durable { get; private set; } = true;

    public int Port { get; private set; } = 5120;

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
                case "--buyers": o.Buyers = Int(); break;
                case "--capacity": o.Capacity = Int(); break;
                case "--max-quantity": o.MaxQuantity = Int(); break;
                case "--flash-connections": o.FlashConnections = Int(); break;
                case "--clients": o.Clients = Value().Split(',').Select(s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture)).ToList(); break;
                case "--duration": o.Duration = Seconds(); break;
                case "--warmup": o.Warmup = Seconds(); break;
                case "--warmup-max": o.WarmupMax = Seconds(); break;
                case "--no-hot": o.Hot = false; break;
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
        if (o.Buyers < 1 || o.Capacity < 1 || o.MaxQuantity is < 1 or > 10 || o.Clients.Count == 0 || o.Clients.Any(c => c < 1) || o.Duration <= TimeSpan.Zero)
        {
            throw new ArgumentException("Need --buyers ≥ 1, --capacity ≥ 1, --max-quantity 1..10, --clients ≥ 1, --duration > 0.");
        }
        return o;
    }
}
