using System.Globalization;
using System.Text;
using Tickr.Bench.Catalog;

namespace Tickr.Bench.CheckIn;

/// <summary>CPU seconds of the server, PostgreSQL and the client (this process and its reaped children: pgbench) over a phase, and the machine's counters.</summary>
internal sealed record Cost(double? Server, double? Postgres, double Client, MachineTicks Machine, string LoadBefore, string LoadAfter)
{
    /// <summary>CPU of everything else on the machine (other tenants), as a share of all cores.</summary>
    public double OthersShare
    {
        get
        {
            var busy = Machine.Busy / (double)CpuSampler.TicksPerSecond;
            var capacity = Machine.Total / (double)CpuSampler.TicksPerSecond;
            return capacity <= 0 ? double.NaN : Math.Max(0, busy - (Server ?? 0) - (Postgres ?? 0) - Client) / capacity;
        }
    }
}

/// <summary>One measured phase: Tickr over HTTP (scans or the peer) or pgbench.</summary>
internal sealed record Row(string Name, int Clients, LoadResult? Tickr, FloorResult? Floor, Cost Cost, IReadOnlyList<StatementStat>? Statements, string Outcomes)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public long Requests => Tickr?.Answers.Count ?? Floor!.Scans;

    public TimeSpan Elapsed => Tickr?.Elapsed ?? Floor!.Elapsed;

    public double PerSecond => Requests / Elapsed.TotalSeconds;

    public double P(double p) => Tickr?.Percentile(p) ?? Floor!.Percentile(p);

    public double Max => Tickr?.Max ?? Floor!.Max;

    public double? CpuPerRequest(double? seconds) => seconds is { } s && Requests > 0 ? s * 1e6 / Requests : null;

    private string PerRequest(double? seconds) => CpuPerRequest(seconds) is { } us ? us.ToString("F0", Inv) : "–";

    private string Share(double? seconds) => seconds is { } s ? (100 * s / Elapsed.TotalSeconds).ToString("F0", Inv) : "–";

    public string StatementsPerRequest => Statements is null || Requests == 0 ? "n/a" : (Statements.Sum(s => s.Calls) / (double)Requests).ToString("F2", Inv);

    public string Summary() => string.Create(Inv,
        $"{Name}, {Clients} clients: {Requests} in {Elapsed.TotalSeconds:F2} s = {PerSecond:F0}/s; p50 {P(50):F2}, p95 {P(95):F2}, p99 {P(99):F2}, max {Max:F1} ms; {Outcomes}; "
        + $"CPU µs/request server {PerRequest(Cost.Server)}, PostgreSQL {PerRequest(Cost.Postgres)}, client {PerRequest(Cost.Client)}; statements/request {StatementsPerRequest}; "
        + $"others {100 * Cost.OthersShare:F0} % of the machine; load average {Cost.LoadBefore} → {Cost.LoadAfter}");

    public static void PrintTable(IEnumerable<Row> rows)
    {
        Console.WriteLine("| phase | clients | requests | answers | s | **per second** | p50 ms | p95 ms | p99 ms | max ms | CPU µs/request: server / PostgreSQL / client | % of one core: server / PostgreSQL / client | SQL statements/request | others % of machine | load average before → after |");
        Console.WriteLine("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---|");
        foreach (var r in rows)
        {
            Console.WriteLine(string.Create(Inv,
                $"| {r.Name} | {r.Clients} | {r.Requests} | {r.Outcomes} | {r.Elapsed.TotalSeconds:F2} | **{r.PerSecond:F0}** | {r.P(50):F2} | {r.P(95):F2} | {r.P(99):F2} | {r.Max:F1} | "
                + $"{r.PerRequest(r.Cost.Server)} / {r.PerRequest(r.Cost.Postgres)} / {r.PerRequest(r.Cost.Client)} | {r.Share(r.Cost.Server)} / {r.Share(r.Cost.Postgres)} / {r.Share(r.Cost.Client)} | "
                + $"{r.StatementsPerRequest} | {100 * r.Cost.OthersShare:F0} | {r.Cost.LoadBefore} → {r.Cost.LoadAfter} |"));
        }
    }

    public static string StatementTable(string name, IReadOnlyList<StatementStat> stats, long requests)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"SQL statements of \"{name}\" (pg_stat_statements, per request):");
        sb.AppendLine();
        sb.AppendLine("| per request | mean exec µs | rows per call | statement |");
        sb.AppendLine("|---:|---:|---:|---|");
        foreach (var s in stats.Take(12))
        {
            var text = string.Join(' ', s.Query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (text.Length > 240)
            {
                text = text[..240] + "…";
            }
            sb.AppendLine(Inv, $"| {s.Calls / (double)requests:F3} | {1000 * s.TotalExecMilliseconds / Math.Max(1, s.Calls):F0} | {s.Rows / (double)Math.Max(1, s.Calls):F1} | `{text.Replace("|", "\\|", StringComparison.Ordinal)}` |");
        }
        return sb.ToString();
    }
}
