using System.Diagnostics;
using System.Globalization;
using Tickr.Bench.WsFanout;

// WebSocket fan-out, with and without shared subscription execution, in one run against one server (run.sh starts
// bench/Tickr.Bench.Server):
//  1. warm both subscription paths up on a few connections, then read the server's memory;
//  2. open N acknowledged graphql-transport-ws connections (read the memory again);
//  3. per phase (unshared, then shared): subscribe once on every connection, publish probe messages until one reaches
//     all N (every subscription is live), read the memory, then publish M messages at a fixed rate (--rate per
//     second, not waiting for deliveries) and time each from publish to its last subscriber's receipt; CPU of the
//     server and of this client over the phase; then complete every subscription.
var options = Args.Parse(args);
var http = new Uri(options.Url);
var ws = new UriBuilder(http) { Scheme = http.Scheme == "https" ? "wss" : "ws" }.Uri;
var scenario = options.Scenario;
using var server = new ServerProbe(http, scenario, options.ServerPid);
const int MaxProbes = 50;

if (options.WarmupPublishes > 0)
{
    // The product's publish (a reservation) runs real code paths the JIT must settle first: publish without subscribers.
    var warmup = Stopwatch.StartNew();
    await Parallel.ForAsync(0, options.WarmupPublishes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) => await server.PublishAsync(i));
    Console.WriteLine($"warm-up: {options.WarmupPublishes} publishes (8 at a time) in {warmup.Elapsed.TotalSeconds:0.0} s");
}
await using (var warm = await Fanout.ConnectAsync(ws, 20, scenario, options.ConnectConcurrency))
{
    foreach (var mode in options.Modes)
    {
        var delivery = new Delivery(warm.Count, MaxProbes + 50, CounterBase());
        await warm.SubscribeAllAsync("warm-" + mode, Payload(mode), delivery);
        await ProbeAsync(delivery);
        for (var i = 0; i < 50; i++)
        {
            await server.PublishAsync(MaxProbes + i);
        }
        await warm.CompleteAllAsync("warm-" + mode);
    }
}
await WaitForIdleAsync();
var before = await server.InfoAsync();

var opening = Stopwatch.StartNew();
await using var fanout = await Fanout.ConnectAsync(ws, options.Subscriptions, scenario, options.ConnectConcurrency);
opening.Stop();
var connected = await server.InfoAsync();
var n = options.Subscriptions;
Console.WriteLine($"{n} connections opened in {opening.Elapsed.TotalSeconds:0.0} s; per phase {options.Messages} messages published at " +
    $"{options.Rate}/s after the probes; {Environment.ProcessorCount} CPUs; 1-min load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start.");
Console.WriteLine($"subscribe (unshared): {scenario.UnsharedSubscribe}");
Console.WriteLine($"subscribe (shared):   {scenario.SharedSubscribe}");
Console.WriteLine($"publish: {scenario.Publish}");
Console.WriteLine();

var results = new List<PhaseResult>();
foreach (var mode in options.Modes)
{
    var idle = await server.InfoAsync();
    var delivery = new Delivery(n, MaxProbes + options.Messages, CounterBase());
    var subscribing = Stopwatch.StartNew();
    await fanout.SubscribeAllAsync(mode, Payload(mode), delivery);
    var probes = await ProbeAsync(delivery);
    subscribing.Stop();
    var subscribed = await server.InfoAsync();

    var framesBefore = delivery.FrameCount;
    var serverCpu = ServerProbe.CpuTime(subscribed.Pid);
    var clientCpu = ServerProbe.ClientCpuTime();
    var publishedAt = new long[options.Messages];
    // Counter mode: message k is the k-th publish answered after the probes; its clock starts at its answer.
    var answeredAt = new long[options.Messages];
    var answerBase = server.Completed;
    var publishes = new List<Task>(options.Messages);
    var start = Stopwatch.GetTimestamp();
    var interval = TimeSpan.FromSeconds(1.0 / options.Rate);
    for (var k = 0; k < options.Messages; k++)
    {
        var due = start + (long)(k * interval.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < due)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(2))
            {
                await Task.Delay(wait - TimeSpan.FromMilliseconds(1));
            }
            else
            {
                Thread.SpinWait(100);
            }
        }
        publishedAt[k] = Stopwatch.GetTimestamp();
        publishes.Add(PublishAsync(MaxProbes + k));
    }
    await Task.WhenAll(publishes);
    var publishing = Stopwatch.GetElapsedTime(start);
    // Wait for the stragglers; a message some subscriber's queue dropped never completes.
    var drainUntil = DateTime.UtcNow + TimeSpan.FromSeconds(options.DrainSeconds);
    for (var k = 0; k < options.Messages; k++)
    {
        var left = drainUntil - DateTime.UtcNow;
        if (left <= TimeSpan.Zero)
        {
            break;
        }
        try
        {
            await delivery.AllReceived(Sequence(k)).WaitAsync(left);
        }
        catch (TimeoutException)
        {
            break;
        }
    }
    serverCpu = ServerProbe.CpuTime(subscribed.Pid) - serverCpu;
    clientCpu = ServerProbe.ClientCpuTime() - clientCpu;
    var latencies = new List<double>();
    long receipts = 0;
    for (var k = 0; k < options.Messages; k++)
    {
        var sequence = Sequence(k);
        receipts += n - delivery.Remaining(sequence);
        if (delivery.IsComplete(sequence))
        {
            latencies.Add(Stopwatch.GetElapsedTime(scenario.Counter ? answeredAt[k] : publishedAt[k], delivery.LastReceivedAt(sequence)).TotalMilliseconds);
        }
    }
    if (scenario.Counter)
    {
        var frames = delivery.FrameCount - framesBefore;
        Console.WriteLine($"{mode}: {frames:N0} next messages received in the timed part ({frames / (double)n:0.0} per subscriber for {options.Messages} publishes: " +
            $"coalesced); server CPU per message sent {serverCpu.TotalMicroseconds / Math.Max(1, frames):0.00} µs (reservations included)");
        // The publish mutation's own round trip (reservation, commit, answer), measured from its scheduled send.
        var roundTrips = Enumerable.Range(0, options.Messages).Where(k => answeredAt[k] != 0)
            .Select(k => Stopwatch.GetElapsedTime(publishedAt[k], answeredAt[k]).TotalMilliseconds).Order().ToList();
        if (roundTrips.Count > 0)
        {
            Console.WriteLine($"{mode}: publish mutation round trip ms p50 {Percentile(roundTrips, 50):0.0}, p99 {Percentile(roundTrips, 99):0.0}, max {roundTrips[^1]:0.0} ({roundTrips.Count} answered)");
        }
    }
    latencies.Sort();
    results.Add(new PhaseResult(mode, probes, subscribing.Elapsed, idle, subscribed, latencies, options.Messages - latencies.Count, receipts, serverCpu, clientCpu, publishing, delivery.UnexpectedCount));

    await fanout.CompleteAllAsync(mode);
    await WaitForIdleAsync();

    // Counter mode: the probes took sequences 0 … probes-1; message k is the k-th publish answered after them.
    int Sequence(int k) => scenario.Counter ? probes + k : MaxProbes + k;

    async Task PublishAsync(int sequence)
    {
        var rank = await server.PublishAsync(sequence);
        if (scenario.Counter)
        {
            answeredAt[rank - answerBase - 1] = Stopwatch.GetTimestamp();
        }
    }
}

static string Ms(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
static string Kb(double bytes) => (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture);
static string Mb(long bytes) => bytes < 0 ? "n/a" : (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
Console.WriteLine($"| N = {n}, {options.Messages} messages at {options.Rate}/s | publish → last: p50 ms | p99 ms | max ms | messages that reached all N | receipts | server CPU per delivered event | client CPU per event | server CPU / wall time of the phase |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    var complete = r.Latencies.Count;
    Console.WriteLine($"| {r.Mode} | {(complete > 0 ? Ms(Percentile(r.Latencies, 50)) : "–")} | {(complete > 0 ? Ms(Percentile(r.Latencies, 99)) : "–")} | " +
        $"{(complete > 0 ? Ms(r.Latencies[^1]) : "–")} | {complete} of {options.Messages} | {r.Receipts:N0} of {(long)n * options.Messages:N0} | " +
        $"{r.ServerCpu.TotalMicroseconds / Math.Max(1, r.Receipts):0.00} µs | {r.ClientCpu.TotalMicroseconds / Math.Max(1, r.Receipts):0.00} µs | " +
        $"{r.ServerCpu.TotalSeconds:0.00} s / {r.Publishing.TotalSeconds:0.00} s |");
}
if (results.Count == 2)
{
    var (u, s) = (results[0], results[1]);
    double PerEvent(PhaseResult r) => r.ServerCpu.TotalMicroseconds / Math.Max(1, r.Receipts);
    Console.WriteLine();
    Console.WriteLine($"ratio unshared / shared: server CPU per delivered event {PerEvent(u) / PerEvent(s):0.00}×" +
        (u.Latencies.Count > 0 && s.Latencies.Count > 0
            ? $"; p50 latency {Percentile(u.Latencies, 50) / Percentile(s.Latencies, 50):0.00}×; p99 latency {Percentile(u.Latencies, 99) / Percentile(s.Latencies, 99):0.00}×"
            : ""));
}
Console.WriteLine();
Console.WriteLine("| server memory | before | N connections (acked) | per connection | " + string.Join(" | ", results.Select(r => $"{r.Mode}: N subscriptions | {r.Mode}: per subscription")) + " |");
Console.WriteLine("|---|---:|---:|---:|" + string.Concat(results.Select(_ => "---:|---:|")));
Console.WriteLine($"| VmRSS | {Mb(before.VmRssBytes)} MB | {Mb(connected.VmRssBytes)} MB | {Kb((connected.VmRssBytes - before.VmRssBytes) / (double)n)} KB | " +
    string.Join(" | ", results.Select(r => $"{Mb(r.Subscribed.VmRssBytes)} MB | {Kb((r.Subscribed.VmRssBytes - r.Idle.VmRssBytes) / (double)n)} KB")) + " |");
if (before.GcHeapBytes >= 0)
{
    Console.WriteLine($"| GC heap (after full GC) | {Mb(before.GcHeapBytes)} MB | {Mb(connected.GcHeapBytes)} MB | {Kb((connected.GcHeapBytes - before.GcHeapBytes) / (double)n)} KB | " +
        string.Join(" | ", results.Select(r => $"{Mb(r.Subscribed.GcHeapBytes)} MB | {Kb((r.Subscribed.GcHeapBytes - r.Idle.GcHeapBytes) / (double)n)} KB")) + " |");
}
Console.WriteLine();
foreach (var r in results)
{
    Console.WriteLine($"{r.Mode}: subscribed and live in {r.Subscribing.TotalSeconds:0.0} s ({r.Probes} probe messages); unexpected messages {r.Unexpected}; " +
        $"latencies ms: {string.Join(' ', r.Latencies.Select(Ms))}");
}
return results.Any(r => r.Unexpected > 0) ? 1 : 0;

// Counter mode: the counter's value after every publish answered so far (the phase's messages count from it).
long CounterBase() => scenario.Counter ? scenario.CounterStart + server.Completed : 0;

string Payload(string mode) => mode == "shared" ? scenario.SharedSubscribe : scenario.UnsharedSubscribe;

// Publishes probe messages (sequences 0, 1, …) until one reaches every subscriber: then every subscription is live
// (graphql-transport-ws acknowledges no subscribe). Returns how many probes that took.
async Task<int> ProbeAsync(Delivery delivery)
{
    for (var p = 0; p < MaxProbes; p++)
    {
        await server.PublishAsync(p);
        try
        {
            await delivery.AllReceived(p).WaitAsync(TimeSpan.FromSeconds(p < 5 ? 1 : 5));
            return p + 1;
        }
        catch (TimeoutException)
        {
        }
    }
    throw new TimeoutException($"after {MaxProbes} probe messages, some of the {delivery.Subscribers} subscribers still received none");
}

// The bench server counts live subscriptions; other servers get a fixed pause.
async Task WaitForIdleAsync()
{
    var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
    while (await server.LiveSubscriptionsAsync() is { } live && live != 0)
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException($"{live} subscriptions still live on the server");
        }
        await Task.Delay(100);
    }
    if (options.ServerPid is not null)
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
    }
}

// Nearest-rank percentile over a sorted list.
static double Percentile(List<double> sorted, double p) =>
    sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

internal sealed record PhaseResult(
    string Mode, int Probes, TimeSpan Subscribing, ServerProbe.Info Idle, ServerProbe.Info Subscribed, List<double> Latencies,
    int Incomplete, long Receipts, TimeSpan ServerCpu, TimeSpan ClientCpu, TimeSpan Publishing, int Unexpected);

/// <summary>Command line (see run.sh and bench/README.md).</summary>
internal sealed record Args(
    string Url, int Subscriptions, int Messages, double Rate, int DrainSeconds, int ConnectConcurrency, string[] Modes, int? ServerPid, Scenario Scenario,
    int WarmupPublishes = 0)
{
    public static Args Parse(string[] args)
    {
        var a = new Args("http://127.0.0.1:5102/graphql", 10_000, 200, 100, 20, 64, ["unshared", "shared"], null, new Scenario());
        var headers = new List<string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            a = args[i] switch
            {
                "--url" => a with { Url = value },
                "--subscriptions" => a with { Subscriptions = int.Parse(value, CultureInfo.InvariantCulture) },
                "--messages" => a with { Messages = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rate" => a with { Rate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--drain-seconds" => a with { DrainSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--connect-concurrency" => a with { ConnectConcurrency = int.Parse(value, CultureInfo.InvariantCulture) },
                "--modes" => a with { Modes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--server-pid" => a with { ServerPid = int.Parse(value, CultureInfo.InvariantCulture) },
                "--unshared-subscribe" => a with { Scenario = a.Scenario with { UnsharedSubscribe = value } },
                "--shared-subscribe" => a with { Scenario = a.Scenario with { SharedSubscribe = value } },
                "--publish" => a with { Scenario = a.Scenario with { Publish = value } },
                "--marker" => a with { Scenario = a.Scenario with { Marker = value } },
                "--init-payload" => a with { Scenario = a.Scenario with { InitPayload = value } },
                "--publish-header" => AddHeader(a, value),
                "--warmup-publishes" => a with { WarmupPublishes = int.Parse(value, CultureInfo.InvariantCulture) },
                "--counter" => a with { Scenario = a.Scenario with { Counter = bool.Parse(value) } },
                "--counter-start" => a with { Scenario = a.Scenario with { CounterStart = long.Parse(value, CultureInfo.InvariantCulture) } },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (a.Modes.Any(m => m is not ("unshared" or "shared")))
        {
            throw new ArgumentException("--modes takes unshared, shared or both (comma-separated)");
        }
        return a;

        Args AddHeader(Args current, string header)
        {
            headers.Add(header);
            return current with { Scenario = current.Scenario with { PublishHeaders = [.. headers] } };
        }
    }
}
