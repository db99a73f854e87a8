using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Tickr.Bench.CheckIn;

/// <summary>A pgbench run: scans, elapsed time (from its tps without connection time), per-scan latencies (ms, sorted).</summary>
internal sealed record FloorResult(long Scans, long Failed, TimeSpan Elapsed, double[] Latencies)
{
    public double PerSecond => Scans / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (Latencies.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p / 100 * Latencies.Length);
        return Latencies[Math.Clamp(rank - 1, 0, Latencies.Length - 1)];
    }

    public double Max => Latencies.Length == 0 ? double.NaN : Latencies[^1];
}

/// <summary>
/// The floor: pgbench sending the scan's own statement as CheckInDesk sends it on PostgreSQL for an online scan
/// (captured with pg_stat_statements; the report lists both sides' statements), prepared, with the same concurrency,
/// against the same PostgreSQL: the joined rule-check read and the INSERT … ON CONFLICT DO NOTHING with the audit row,
/// in one statement of data-modifying CTEs (the ticket's version is 1 and the list admits every type, as seeded). Client c scans tickets c+1, c+1+clients, c+1+2·clients… of the scan order
/// (pgbench keeps a client's variables from one transaction to the next); the ticket id comes from a numbered table
/// (<c>bench_scan_order</c>) through a CTE in place of the server's parameter — pgbench has no UUID
/// array — which adds one primary-key probe per scan and no round trip. The ids of the admission and the audit row
/// are gen_random_uuid() and the times now() (the server binds them). Left out: HTTP, JWT, GraphQL, the signature
/// check, and whatever else the server reads per scan (the list, the caller's memberships: see the statements table).
/// </summary>
internal static partial class Floor
{
    public static string? Find() =>
        new[] { "/usr/lib/postgresql/15/bin/pgbench", "/usr/lib/postgresql/16/bin/pgbench", "/usr/lib/postgresql/17/bin/pgbench" }.FirstOrDefault(File.Exists);

    // One statement per scan, as CheckInDesk sends an online scan on PostgreSQL: the rule-check read, and the admission
    // with its audit row inserted only when the rules admit the ticket (on the second pass it reads and inserts nothing).
    private const string Script = """
        \set k :client_id + 1 + :clients * :i
        \set i :i + 1
        \if :k <= :tickets
        WITH s AS (SELECT ticket_id FROM bench_scan_order WHERE n = :k), t AS (SELECT t.ticket_type_id, tt.name, t.holder_email, t.status, t.version, o.status AS order_status, c.id AS check_in_id, c.scanned_at, c.recorded_at, c.device_id, c.offline FROM tickets t JOIN orders o ON o.id = t.order_id JOIN ticket_types tt ON tt.id = t.ticket_type_id LEFT JOIN check_ins c ON c.check_in_list_id = :list::uuid AND c.ticket_id = t.id WHERE t.id = (SELECT ticket_id FROM s) AND t.event_id = :event::uuid), ins AS (INSERT INTO check_ins (id, check_in_list_id, ticket_id, event_id, scanned_at, recorded_at, device_id, staff_user_id, offline) SELECT gen_random_uuid(), :list::uuid, (SELECT ticket_id FROM s), :event::uuid, now(), now(), 'scanner-' || :client_id, :staff::uuid, false FROM t WHERE t.status = 'valid' AND t.version = :version::int AND t.order_status = 'paid' AND t.check_in_id IS NULL AND (cardinality('{}'::uuid[]) = 0 OR t.ticket_type_id = ANY ('{}'::uuid[])) ON CONFLICT (check_in_list_id, ticket_id) DO NOTHING RETURNING id), audit AS (INSERT INTO audit_entries (id, at, actor_id, action, organization_id, event_id, subject_id, details, ip_address) SELECT gen_random_uuid(), now(), :staff::uuid, 'ticket.checked-in', :organization::uuid, :event::uuid, (SELECT ticket_id FROM s), :details, '127.0.0.1' FROM ins) SELECT t.*, (SELECT count(*) FROM ins) FROM t;
        \endif

        """;

    /// <summary>Writes the script (both passes send the same statement) to <paramref name="directory"/>.</summary>
    public static string WriteScript(string directory)
    {
        var path = Path.Combine(directory, "checkin.sql");
        File.WriteAllText(path, Script.Replace("\r", "", StringComparison.Ordinal));
        return path;
    }

    public static async Task<FloorResult> RunAsync(string pgbench, int port, string database, string script, string directory, int clients, int tickets,
        Seeded seeded, Guid listId, CancellationToken ct)
    {
        var logs = Directory.CreateDirectory(Path.Combine(directory, "log-" + Guid.NewGuid().ToString("N"))).FullName;
        var perClient = (tickets + clients - 1) / clients;
        var details = $$"""{"ListId":"{{listId}}","List":"pgbench floor","DeviceId":"scanner-00","ScannedAt":"{{DateTimeOffset.UtcNow:O}}","Offline":false}""";
        var start = new ProcessStartInfo(pgbench) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments =
        [
            "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-n", "-M", "prepared",
            "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(2, clients).ToString(CultureInfo.InvariantCulture),
            "-t", perClient.ToString(CultureInfo.InvariantCulture),
            "-f", script, "-l", "--log-prefix", Path.Combine(logs, "tx"),
            "-D", "i=0",
            "-D", "clients=" + clients.ToString(CultureInfo.InvariantCulture),
            "-D", "tickets=" + tickets.ToString(CultureInfo.InvariantCulture),
            "-D", "list=" + listId,
            "-D", "event=" + seeded.EventId,
            "-D", "organization=" + seeded.OrganizationId,
            "-D", "staff=" + seeded.Scanners[0].UserId,
            "-D", "version=1",
            "-D", "details=" + details,
            database,
        ];
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var text = await output + await error;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {text}");
        }
        var transactions = long.Parse(Processed().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        var failedMatch = FailedTransactions().Match(text);
        var failed = failedMatch.Success ? long.Parse(failedMatch.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var tps = double.Parse(Tps().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        // Each client runs perClient transactions; those past its share of the tickets are empty (\if) and left out:
        // client c's first transactions (in the log's numbering, whatever its base) are its scans.
        var byClient = new Dictionary<int, List<(long Number, double Ms)>>();
        foreach (var file in Directory.EnumerateFiles(logs))
        {
            foreach (var line in File.ReadLines(file))
            {
                // client_id transaction_no time script_no time_epoch time_us: time is the latency in µs.
                var fields = line.Split(' ');
                if (fields.Length > 2
                    && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var client)
                    && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var us))
                {
                    (byClient.TryGetValue(client, out var list) ? list : byClient[client] = []).Add((number, us / 1000.0));
                }
            }
        }
        var latencies = new List<double>(tickets);
        foreach (var (client, list) in byClient)
        {
            var scans = client < tickets ? (tickets - client - 1) / clients + 1 : 0;
            latencies.AddRange(list.OrderBy(x => x.Number).Take(scans).Select(x => x.Ms));
        }
        Directory.Delete(logs, recursive: true);
        latencies.Sort();
        return new FloorResult(latencies.Count, failed, TimeSpan.FromSeconds(transactions / tps), [.. latencies]);
    }

    [GeneratedRegex(@"number of transactions actually processed: (\d+)")]
    private static partial Regex Processed();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex FailedTransactions();

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
