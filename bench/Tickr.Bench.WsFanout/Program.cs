using System.Diagnostics;
using System.Globalization;
using Tickr.Bench.WsFanout;

// WebSocket fan-out against bench/Tickr.Bench.Server (started by run.sh):
//  1. warm the subscription path up (a few subscriptions, one message, closed), then read the server's memory;
//  2. open N acknowledged graphql-transport-ws connections and read it; subscribe once on each (one subscription per
//     connection, as N browsers would) and read it again: per-connection and per-subscription costs apart;
//  3. publish W warm-up + M measured messages, each after the previous reached every subscriber, timing
//     publish → the last subscriber's receipt.
var options = Args.Parse(args);
var http = new Uri(options.Url);
var ws = new UriBuilder(http) { Scheme = http.Scheme == "https" ? "wss" : "ws" }.Uri;
using var server = new ServerProbe(http);

await using (var warm = await Fanout.ConnectAsync(ws, 20, 1, options.ConnectConcurrency))
{
    await warm.SubscribeAllAsync();
    await server.WaitForLiveSubscriptionsAsync(20, TimeSpan.FromSeconds(30));
    await server.PublishAsync(Delivery.Text(0));
    await warm.Delivery.AllReceived(0).WaitAsync(TimeSpan.FromSeconds(30));
}
await server.WaitForLiveSubscriptionsAsync(0, TimeSpan.FromSeconds(30));
var before = await server.InfoAsync();

var total = options.Warmup + options.Messages;
var opening = Stopwatch.StartNew();
await using var fanout = await Fanout.ConnectAsync(ws, options.Subscriptions, total, options.ConnectConcurrency);
opening.Stop(); // the memory reading (a full GC on the server) is not part of the opening time
var connected = await server.InfoAsync();
opening.Start();
await fanout.SubscribeAllAsync();
await server.WaitForLiveSubscriptionsAsync(options.Subscriptions, TimeSpan.FromMinutes(2));
opening.Stop();
var after = await server.InfoAsync();

var latencies = new List<double>();
var serverCpu = TimeSpan.Zero;
var clientCpu = TimeSpan.Zero;
for (var sequence = 0; sequence < total; sequence++)
{
    if (sequence == options.Warmup)
    {
        serverCpu = ServerProbe.CpuTime(before.Pid);
        clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
    }
    var publishedAt = Stopwatch.GetTimestamp();
    await server.PublishAsync(Delivery.Text(sequence));
    try
    {
        await fanout.Delivery.AllReceived(sequence).WaitAsync(TimeSpan.FromSeconds(60));
    }
    catch (TimeoutException)
    {
        throw new TimeoutException($"message {sequence}: {fanout.Delivery.Remaining(sequence)} of {options.Subscriptions} subscribers never got it");
    }
    if (sequence >= options.Warmup)
    {
        latencies.Add(Stopwatch.GetElapsedTime(publishedAt, fanout.Delivery.LastReceivedAt(sequence)).TotalMilliseconds);
    }
}
serverCpu = ServerProbe.CpuTime(before.Pid) - serverCpu;
clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
if (fanout.Delivery.UnexpectedCount > 0)
{
    throw new InvalidOperationException($"{fanout.Delivery.UnexpectedCount} unexpected messages");
}

static string Ms(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
static string Kb(double bytes) => (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture);
static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
latencies.Sort();
var n = options.Subscriptions;
Console.WriteLine($"{n} subscriptions opened (and live on the server) in {opening.Elapsed.TotalSeconds:0.0} s; " +
    $"{options.Messages} messages measured after {options.Warmup} warm-up; every message reached all {n}.");
Console.WriteLine();
Console.WriteLine("| publish → last of N subscribers | p50 ms | p99 ms | min ms | max ms |");
Console.WriteLine("|---|---:|---:|---:|---:|");
Console.WriteLine($"| N = {n}, {options.Messages} messages | {Ms(Percentile(latencies, 50))} | {Ms(Percentile(latencies, 99))} | {Ms(latencies[0])} | {Ms(latencies[^1])} |");
var events = (double)n * options.Messages;
Console.WriteLine($"CPU during the {options.Messages} measured messages: server {serverCpu.TotalSeconds:0.00} s " +
    $"({serverCpu.TotalMicroseconds / events:0.0} µs per delivered event), this client {clientCpu.TotalSeconds:0.00} s " +
    $"({clientCpu.TotalMicroseconds / events:0.0} µs per received event); wall time {latencies.Sum() / 1000:0.00} s.");
Console.WriteLine();
Console.WriteLine("| server memory | before | N connections (acked) | N idle subscriptions | per idle subscription (total) | of which connection | of which subscribe |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
Row($"VmRSS (/proc/{before.Pid}/status)", before.VmRssBytes, connected.VmRssBytes, after.VmRssBytes);
Row("GC heap (GC.GetTotalMemory after full GC)", before.GcHeapBytes, connected.GcHeapBytes, after.GcHeapBytes);

void Row(string name, long b, long c, long a) => Console.WriteLine(
    $"| {name} | {Mb(b)} MB | {Mb(c)} MB | {Mb(a)} MB | {Kb((a - b) / (double)n)} KB | {Kb((c - b) / (double)n)} KB | {Kb((a - c) / (double)n)} KB |");
Console.WriteLine();
Console.WriteLine($"latencies ms: {string.Join(' ', latencies.Select(Ms))}");

// Nearest-rank percentile: with 20 samples p99 is the largest, p50 the 10th.
static double Percentile(List<double> sorted, double p) =>
    sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

/// <summary>Command line: --url, --subscriptions, --messages, --warmup, --connect-concurrency.</summary>
internal sealed record Args(string Url, int Subscriptions, int Messages, int Warmup, int ConnectConcurrency)
{
    public static Args Parse(string[] args)
    {
        var a = new Args("http://127.0.0.1:5101/graphql", 5000, 20, 2, 64);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            a = args[i] switch
            {
                "--url" => a with { Url = args[i + 1] },
                "--subscriptions" => a with { Subscriptions = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--messages" => a with { Messages = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--warmup" => a with { Warmup = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--connect-concurrency" => a with { ConnectConcurrency = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return a;
    }
}
