using System.Globalization;
using System.Text;

namespace Tickr.Bench.Catalog;

/// <summary>
/// One measured phase: the load result and what it cost — CPU seconds of the server process, of PostgreSQL (postmaster
/// and backends) and of this process (the clients), the machine's counters over the same window, and the SQL
/// statements PostgreSQL executed.
/// </summary>
internal sealed record Phase(
    string Name,
    LoadResult Load,
    double? ServerCpu,
    double? PostgresCpu,
    double ClientCpu,
    MachineTicks Machine,
    IReadOnlyList<StatementStat>? Statements,
    string LoadAverageBefore,
    string LoadAverageAfter,
    TimeSpan Warmup,
    long JittedInLastWarmupSlice)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public double? StatementsPerRequest => Statements is null || Load.Requests == 0 ? null : Statements.Sum(s => s.Calls) / (double)Load.Requests;

    /// <summary>CPU of everything else on the machine (other tenants, kernel work not charged to the three processes), as a share of all cores.</summary>
    public double OthersShare
    {
        get
        {
            var busy = Machine.Busy / (double)CpuSampler.TicksPerSecond;
            var ours = (ServerCpu ?? 0) + (PostgresCpu ?? 0) + ClientCpu;
            var capacity = Machine.Total / (double)CpuSampler.TicksPerSecond;
            return capacity <= 0 ? double.NaN : Math.Max(0, busy - ours) / capacity;
        }
    }

    public double StealShare => Machine.Total <= 0 ? double.NaN : Machine.Steal / (double)Machine.Total;

    public string PerRequest(double? cpuSeconds) =>
        cpuSeconds is { } s && Load.Requests > 0 ? (s * 1e6 / Load.Requests).ToString("F0", Invariant) : "n/a";

    public string CoreShare(double? cpuSeconds) =>
        cpuSeconds is { } s ? (100 * s / Load.Elapsed.TotalSeconds).ToString("F0", Invariant) + " %" : "n/a";

    public string Summary() => string.Create(Invariant,
        $"{Name}: {(Warmup > TimeSpan.Zero ? $"after {Warmup.TotalSeconds:F0} s of warm-up, " : "")}{Load.Requests} requests in {Load.Elapsed.TotalSeconds:F1} s = {Load.RequestsPerSecond:F0} req/s, "
        + $"p50 {Load.Percentile(50):F2} ms, p95 {Load.Percentile(95):F2} ms, p99 {Load.Percentile(99):F2} ms, max {Load.Max:F1} ms, "
        + $"{Load.Failures} failed{(Load.FirstFailure is { } f ? " (first: " + f + ")" : "")}; CPU µs/request: server {PerRequest(ServerCpu)}, "
        + $"PostgreSQL {PerRequest(PostgresCpu)}, client {PerRequest(ClientCpu)}; SQL statements/request {StatementsPerRequest?.ToString("F2", Invariant) ?? "n/a"}; "
        + $"others {100 * OthersShare:F0} % of the machine, steal {100 * StealShare:F1} %; load average {LoadAverageBefore} → {LoadAverageAfter}");

    /// <summary>The statements of the phase, per request, with their mean execution time inside PostgreSQL.</summary>
    public string StatementTable()
    {
        if (Statements is null || Statements.Count == 0 || Load.Requests == 0)
        {
            return "";
        }
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"SQL statements of \"{Name}\" (pg_stat_statements):");
        sb.AppendLine();
        sb.AppendLine("| per request | mean exec µs | rows per call | statement |");
        sb.AppendLine("|---:|---:|---:|---|");
        foreach (var s in Statements.Take(12))
        {
            var text = string.Join(' ', s.Query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (text.Length > 150)
            {
                text = text[..150] + "…";
            }
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Calls / (double)Load.Requests:F2} | {1000 * s.TotalExecMilliseconds / Math.Max(1, s.Calls):F0} | {s.Rows / (double)Math.Max(1, s.Calls):F1} | `{text.Replace("|", "\\|", StringComparison.Ordinal)}` |");
        }
        return sb.ToString();
    }
}
