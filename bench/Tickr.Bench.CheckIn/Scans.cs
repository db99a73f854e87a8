using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Tickr.Bench.CheckIn;

internal enum Outcome
{
    /// <summary>result OK, with the scanned ticket.</summary>
    Ok,

    /// <summary>result ALREADY_CHECKED_IN, with the scanned ticket and the first admission (its device and list).</summary>
    AlreadyCheckedIn,

    /// <summary>Anything else: HTTP error, GraphQL error, payload error, another result, the wrong ticket.</summary>
    Failed,
}

/// <summary>One answer: what it was, when it was sent and answered (Stopwatch ticks), and why it failed.</summary>
internal readonly record struct Answer(Outcome Outcome, long SentAt, long DoneAt, string? Failure)
{
    public long Latency => DoneAt - SentAt;
}

/// <summary>The answers of one phase and its elapsed time (first send → last answer).</summary>
internal sealed class LoadResult(List<Answer> answers, long start, long end)
{
    public IReadOnlyList<Answer> Answers => answers;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(start, end);

    public int Count(Outcome outcome) => answers.Count(a => a.Outcome == outcome);

    public string? FirstFailure => answers.FirstOrDefault(a => a.Outcome == Outcome.Failed).Failure;

    public double PerSecond => answers.Count / Elapsed.TotalSeconds;

    private long[]? _sorted;

    private long[] Sorted => _sorted ??= answers.Select(a => a.Latency).Order().ToArray();

    /// <summary>Nearest-rank percentile of every answer's latency, in ms.</summary>
    public double Percentile(double p)
    {
        if (Sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p / 100 * Sorted.Length);
        return Ms(Sorted[Math.Clamp(rank - 1, 0, Sorted.Length - 1)]);
    }

    public double Max => Sorted.Length == 0 ? double.NaN : Ms(Sorted[^1]);

    public double Mean => Sorted.Length == 0 ? double.NaN : Ms((long)Sorted.Average());

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>
/// <c>checkIn</c> over HTTP: POST /graphql with scanner s's bearer token, its deviceId and the ticket's token, and a
/// strict check of the answer against what the scan must say (<see cref="Outcome"/>).
/// </summary>
internal sealed class ScanClient(HttpClient http, Uri endpoint, IReadOnlyList<Scanner> scanners, IReadOnlyList<string> accessTokens)
{
    public const string Mutation =
        "mutation Scan($input: CheckInInput!) { checkIn(input: $input) { result ticket { id ticketTypeName } firstCheckIn { listId deviceId scannedAt } errors { __typename ... on Error { code message } } } }";

    public const string PeerQuery = "{ serverInfo { version } }";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Scanner <paramref name="scanner"/> scans <paramref name="ticket"/> at <paramref name="listId"/>; <paramref name="expect"/> is the answer it must get (null: OK or ALREADY_CHECKED_IN).</summary>
    public async Task<Answer> ScanAsync(int scanner, Guid listId, SoldTicket ticket, Outcome? expect, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = Body(scanners[scanner], listId, ticket) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessTokens[scanner]);
        var sent = Stopwatch.GetTimestamp();
        byte[] body;
        HttpStatusCode status;
        try
        {
            using var response = await http.SendAsync(request, ct);
            status = response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            return new Answer(Outcome.Failed, sent, Stopwatch.GetTimestamp(), e.GetType().Name + ": " + e.Message);
        }
        var done = Stopwatch.GetTimestamp();
        var (outcome, failure) = status == HttpStatusCode.OK ? Check(body, listId, ticket, expect) : (Outcome.Failed, $"HTTP {(int)status}: {Head(body)}");
        return new Answer(outcome, sent, done, failure);
    }

    /// <summary>The peer: <c>{ serverInfo { version } }</c> with the scanner's token (HTTP, JWT, GraphQL; no database).</summary>
    public async Task<Answer> PeerAsync(int scanner, CancellationToken ct)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query = PeerQuery })));
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessTokens[scanner]);
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var ok = response.StatusCode == HttpStatusCode.OK && body.AsSpan().IndexOf("\"version\""u8) >= 0 && body.AsSpan().IndexOf("\"errors\""u8) < 0;
            return new Answer(ok ? Outcome.Ok : Outcome.Failed, sent, Stopwatch.GetTimestamp(), ok ? null : Head(body));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            return new Answer(Outcome.Failed, sent, Stopwatch.GetTimestamp(), e.GetType().Name + ": " + e.Message);
        }
    }

    private static ByteArrayContent Body(Scanner scanner, Guid listId, SoldTicket ticket)
    {
        var buffer = new ArrayBufferWriter<byte>(640);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("query", Mutation);
            w.WriteStartObject("variables");
            w.WriteStartObject("input");
            w.WriteString("token", ticket.Token);
            w.WriteString("listId", GlobalId("CheckInList", listId));
            w.WriteString("deviceId", scanner.DeviceId);
            w.WriteString("scannedAt", DateTimeOffset.UtcNow);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = Json;
        return content;
    }

    /// <summary>Data only, no errors; the ticket scanned; OK, or ALREADY_CHECKED_IN with a first admission at this list.</summary>
    internal static (Outcome, string?) Check(byte[] body, Guid listId, SoldTicket ticket, Outcome? expect)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.TryGetProperty("errors", out _))
            {
                return (Outcome.Failed, "GraphQL errors: " + Head(body));
            }
            var payload = root.GetProperty("data").GetProperty("checkIn");
            if (payload.GetProperty("errors").GetArrayLength() != 0)
            {
                return (Outcome.Failed, "payload errors: " + Head(body));
            }
            if (payload.GetProperty("ticket").GetProperty("id").GetString() != GlobalId("Ticket", ticket.TicketId))
            {
                return (Outcome.Failed, "another ticket: " + Head(body));
            }
            var outcome = payload.GetProperty("result").GetString() switch
            {
                "OK" when payload.GetProperty("firstCheckIn").ValueKind == JsonValueKind.Null => Outcome.Ok,
                "ALREADY_CHECKED_IN" when payload.GetProperty("firstCheckIn").GetProperty("listId").GetString() == GlobalId("CheckInList", listId) => Outcome.AlreadyCheckedIn,
                _ => Outcome.Failed,
            };
            if (outcome == Outcome.Failed || (expect is { } e && e != outcome))
            {
                return (Outcome.Failed, $"unexpected result (expected {expect?.ToString() ?? "OK or ALREADY_CHECKED_IN"}): " + Head(body));
            }
            return (outcome, null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (Outcome.Failed, $"malformed answer ({e.Message}): " + Head(body));
        }
    }

    public static string GlobalId(string type, Guid id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(type + ":" + id.ToString("N")));

    private static string Head(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}

internal static class Load
{
    /// <summary>
    /// <paramref name="clients"/> scanners in closed loops taking the next scan from one shared counter:
    /// <paramref name="next"/> maps position p to (list, ticket), or null when the run is over; the run also stops at the
    /// deadline (if any). Scanner w always sends as staff user w with device w.
    /// </summary>
    public static async Task<LoadResult> RunAsync(ScanClient client, int clients, Func<long, (Guid List, SoldTicket Ticket)?> next, Outcome? expect, TimeSpan? duration, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var deadline = duration is { } d ? start + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        long position = -1;
        var workers = new Task<List<Answer>>[clients];
        for (var c = 0; c < clients; c++)
        {
            var scanner = c;
            workers[c] = Task.Run(async () =>
            {
                var answers = new List<Answer>(1_024);
                while (Stopwatch.GetTimestamp() < deadline && !ct.IsCancellationRequested && next(Interlocked.Increment(ref position)) is { } scan)
                {
                    var answer = await client.ScanAsync(scanner, scan.List, scan.Ticket, expect, ct);
                    answers.Add(answer);
                    if (answer.Outcome == Outcome.Failed)
                    {
                        await Task.Delay(10, ct); // a server refusing at once must not become a busy loop
                    }
                }
                return answers;
            }, ct);
        }
        var all = await Task.WhenAll(workers);
        return new LoadResult(all.SelectMany(a => a).ToList(), start, Stopwatch.GetTimestamp());
    }

    /// <summary>The peer: the same clients and tokens sending <c>{ serverInfo { version } }</c> for <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> PeerAsync(ScanClient client, int clients, TimeSpan duration, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var answers = new List<Answer>(8_192);
            while (Stopwatch.GetTimestamp() < deadline && !ct.IsCancellationRequested)
            {
                answers.Add(await client.PeerAsync(c, ct));
            }
            return answers;
        }, ct)).ToArray();
        var all = await Task.WhenAll(workers);
        return new LoadResult(all.SelectMany(a => a).ToList(), start, Stopwatch.GetTimestamp());
    }
}
