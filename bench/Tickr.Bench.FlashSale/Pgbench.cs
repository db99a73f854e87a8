using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Tickr.Bench.FlashSale;

/// <summary>A pgbench run: transactions, failures, elapsed time (from its tps without connection time) and per-transaction latencies (ms, sorted).</summary>
internal sealed record PgbenchResult(long Transactions, long Failed, TimeSpan Elapsed, double[] Latencies)
{
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
/// The floor: pgbench sending the reservation's own statements — as EF Core and InventoryStore send them for a
/// one-line reservation, captured with pg_stat_statements (RESULTS.md lists them) — in one transaction, prepared,
/// with the same client concurrency, against the same PostgreSQL: order insert, line insert, the conditional bucket
/// update on a random bucket (bucket 0 of a single-bucket pool for the hot-row variant), hold insert, audit insert.
/// It leaves out what a reservation also reads (the event with its ticket types, quotas and promo codes) and the
/// server's work (HTTP, JWT, GraphQL, EF): that is the difference being measured.
/// </summary>
internal static partial class Pgbench
{
    public static string? Find() =>
        new[] { "/usr/lib/postgresql/15/bin/pgbench", "/usr/lib/postgresql/16/bin/pgbench", "/usr/lib/postgresql/17/bin/pgbench" }.FirstOrDefault(File.Exists);

    // Ids: two random 50-bit numbers in hex make a UUID that every statement of the transaction rebuilds from the same
    // variables (pgbench has no UUID function, and a SELECT gen_random_uuid() would add a round trip).
    private const string Script = """
        \set q random(1, :max_quantity)
        \set buyer random(1, :buyers)
        \set bucket random(0, :buckets - 1)
        \set total :q * :price
        \set fee :q * :commission
        \set a random(1, 1000000000000000)
        \set b random(1, 1000000000000000)
        \set c random(1, 1000000000000000)
        \set d random(1, 1000000000000000)
        BEGIN;
        INSERT INTO orders (id, buyer_email, buyer_id, closed_at, commission, created_at, currency, discount, event_id, expires_at, idempotency_key, number, organization_id, paid_at, promo_code_id, refunded, request_hash, status, subtotal, total, version) VALUES ((lpad(to_hex(:a::bigint), 16, '0') || lpad(to_hex(:b::bigint), 16, '0'))::uuid, 'buyer' || :buyer::int || '@flash.bench.tickr.tn', ('00000000-0000-7000-8000-' || lpad(to_hex(:buyer::bigint), 12, '0'))::uuid, NULL, :fee::bigint, now(), 'TND', 0, :event::uuid, now() + interval '10 minutes', md5(:a::text || '-' || :b::text), 'T' || lpad(to_hex(:a::bigint), 13, '0'), :organization::uuid, NULL, NULL, 0, md5(:b::text || '-' || :a::text) || md5(:a::text || '+' || :b::text), 'reserved', :total::bigint, :total::bigint, 0);
        INSERT INTO order_lines (id, order_id, position, quantity, ticket_type_id, ticket_type_name, unit_commission, unit_discount, unit_price) VALUES ((lpad(to_hex(:c::bigint), 16, '0') || lpad(to_hex(:d::bigint), 16, '0'))::uuid, (lpad(to_hex(:a::bigint), 16, '0') || lpad(to_hex(:b::bigint), 16, '0'))::uuid, 0, :q::int, :pool::uuid, 'Normal', :commission::bigint, 0, :price::bigint);
        UPDATE inventory_buckets AS i SET held = i.held + :q::int WHERE i.pool_id = :pool::uuid AND i.bucket = :bucket::smallint AND (i.capacity - i.held) - i.sold >= :q::int;
        INSERT INTO order_holds (bucket, order_id, pool_id, quantity) VALUES (:bucket::smallint, (lpad(to_hex(:a::bigint), 16, '0') || lpad(to_hex(:b::bigint), 16, '0'))::uuid, :pool::uuid, :q::int);
        INSERT INTO audit_entries (id, action, actor_id, at, details, event_id, ip_address, organization_id, subject_id) VALUES ((lpad(to_hex(:d::bigint), 16, '0') || lpad(to_hex(:c::bigint), 16, '0'))::uuid, 'order.reserved', ('00000000-0000-7000-8000-' || lpad(to_hex(:buyer::bigint), 12, '0'))::uuid, now(), '{"Number":"T' || lpad(to_hex(:a::bigint), 13, '0') || '","Total":' || :total::text || ',"Currency":"TND","Tickets":' || :q::text || '}', :event::uuid, '127.0.0.1', :organization::uuid, (lpad(to_hex(:a::bigint), 16, '0') || lpad(to_hex(:b::bigint), 16, '0'))::uuid);
        COMMIT;
        """;

    public static string WriteScript(string directory)
    {
        var path = Path.Combine(directory, "reserve.sql");
        File.WriteAllText(path, Script.Replace("\r", "", StringComparison.Ordinal) + "\n");
        return path;
    }

    public static async Task<PgbenchResult> RunAsync(string pgbench, int port, string database, string script, string directory, int clients, TimeSpan duration,
        SaleEvent sale, Options options, CancellationToken ct)
    {
        var logs = Directory.CreateDirectory(Path.Combine(directory, "log-" + Guid.NewGuid().ToString("N"))).FullName;
        var commission = Seed.PriceMinorUnits * 4 / 100;
        var start = new ProcessStartInfo(pgbench)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
        [
            "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-n", "-M", "prepared",
            "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(2, clients).ToString(CultureInfo.InvariantCulture),
            "-T", ((int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            "-f", script, "-l", "--log-prefix", Path.Combine(logs, "tx"),
            "-D", "buyers=" + options.Buyers.ToString(CultureInfo.InvariantCulture),
            "-D", "max_quantity=" + options.MaxQuantity.ToString(CultureInfo.InvariantCulture),
            "-D", "buckets=" + sale.Buckets.ToString(CultureInfo.InvariantCulture),
            "-D", "price=" + Seed.PriceMinorUnits.ToString(CultureInfo.InvariantCulture),
            "-D", "commission=" + commission.ToString(CultureInfo.InvariantCulture),
            "-D", "event=" + sale.EventId.ToString(),
            "-D", "organization=" + sale.OrganizationId.ToString(),
            "-D", "pool=" + sale.TicketTypeId.ToString(),
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
        var latencies = new List<double>((int)transactions);
        foreach (var file in Directory.EnumerateFiles(logs))
        {
            foreach (var line in File.ReadLines(file))
            {
                // client_id transaction_no time script_no time_epoch time_us: time is the latency in µs ("failed" otherwise).
                var fields = line.Split(' ');
                if (fields.Length > 2 && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var us))
                {
                    latencies.Add(us / 1000.0);
                }
            }
        }
        Directory.Delete(logs, recursive: true);
        latencies.Sort();
        return new PgbenchResult(transactions, failed, TimeSpan.FromSeconds(transactions / tps), [.. latencies]);
    }

    [GeneratedRegex(@"number of transactions actually processed: (\d+)")]
    private static partial Regex Processed();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex FailedTransactions();

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
