using System.Globalization;
using System.Text;
using Tickr.Bench.Catalog;

namespace Tickr.Bench.FlashSale;

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

/// <summary>One measured phase of the report: Tickr over HTTP or pgbench.</summary>
internal sealed record Row(string Name, string Clients, LoadResult? Tickr, PgbenchResult? Floor, Cost Cost, IReadOnlyList<StatementStat>? Statements)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public long Requests => Tickr?.Answers.Count ?? Floor!.Transactions;

    public long Reservations => Tickr?.Reserved ?? Floor!.Transactions;

    public TimeSpan Elapsed => Tickr?.Elapsed ?? Floor!.Elapsed;

    public double PerSecond => Reservations / Elapsed.TotalSeconds;

    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double P(double p) => Tickr?.Percentile(p) ?? Floor!.Percentile(p);

    public double Max => Tickr?.Max ?? Floor!.Max;

    private string PerRequest(double? seconds) => seconds is { } s && Requests > 0 ? (s * 1e6 / Requests).ToString("F0", Inv) : "n/a";

    private string Share(double? seconds) => seconds is { } s ? (100 * s / Elapsed.TotalSeconds).ToString("F0", Inv) + " %" : "–";

    private string StatementsPerRequest => Statements is null || Requests == 0 ? "n/a" : (Statements.Sum(s => s.Calls) / (double)Requests).ToString("F2", Inv);

    public string Summary() => string.Create(Inv,
        $"{Name}, {Clients} clients: {Reservations} reservations / {Requests} requests in {Elapsed.TotalSeconds:F2} s = {PerSecond:F0} reservations/s ({RequestsPerSecond:F0} requests/s); "
        + $"p50 {P(50):F1}, p95 {P(95):F1}, p99 {P(99):F1}, max {Max:F1} ms; sold out {Tickr?.SoldOut ?? 0}, failed {Tickr?.Failed ?? Floor!.Failed}{(Tickr?.FirstFailure is { } f ? $" (first: {f})" : "")}"
        + $"; CPU µs/request server {PerRequest(Cost.Server)}, PostgreSQL {PerRequest(Cost.Postgres)}, client {PerRequest(Cost.Client)}; statements/request {StatementsPerRequest}; "
        + $"others {100 * Cost.OthersShare:F0} % of the machine; load average {Cost.LoadBefore} → {Cost.LoadAfter}");

    public static void PrintTable(IEnumerable<Row> rows)
    {
        Console.WriteLine("| phase | clients | reservations | requests | sold out | failed | s | reservations/s | requests/s | p50 ms | p95 ms | p99 ms | max ms | CPU µs/request: server / PostgreSQL / client | % of one core: server / PostgreSQL / client | SQL statements/request | others % of machine | load average before → after |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---|");
        foreach (var r in rows)
        {
            Console.WriteLine(string.Create(Inv,
                $"| {r.Name} | {r.Clients} | {r.Reservations} | {r.Requests} | {r.Tickr?.SoldOut ?? 0} | {r.Tickr?.Failed ?? r.Floor!.Failed} | {r.Elapsed.TotalSeconds:F2} | **{r.PerSecond:F0}** | {r.RequestsPerSecond:F0} | "
                + $"{r.P(50):F1} | {r.P(95):F1} | {r.P(99):F1} | {r.Max:F1} | {r.PerRequest(r.Cost.Server)} / {r.PerRequest(r.Cost.Postgres)} / {r.PerRequest(r.Cost.Client)} | "
                + $"{r.Share(r.Cost.Server)} / {r.Share(r.Cost.Postgres)} / {r.Share(r.Cost.Client)} | {r.StatementsPerRequest} | {100 * r.Cost.OthersShare:F0} | {r.Cost.LoadBefore} → {r.Cost.LoadAfter} |"));
        }
    }

    public static string StatementTable(string name, IReadOnlyList<StatementStat> stats, long requests)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"SQL statements of \"{name}\" (pg_stat_statements, per request):");
        sb.AppendLine();
        sb.AppendLine("| per request | mean exec µs | rows per call | statement |");
        sb.AppendLine("|---:|---:|---:|---|");
        foreach (var s in stats.Take(16))
        {
            var text = string.Join(' ', s.Query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (text.Length > 220)
            {
                text = text[..220] + "…";
            }
            sb.AppendLine(Inv, $"| {s.Calls / (double)requests:F2} | {1000 * s.TotalExecMilliseconds / Math.Max(1, s.Calls):F0} | {s.Rows / (double)Math.Max(1, s.Calls):F1} | `{text.Replace("|", "\\|", StringComparison.Ordinal)}` |");
        }
        return sb.ToString();
    }
}
