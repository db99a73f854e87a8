using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Tickr.Bench.FlashSale;

internal enum Outcome
{
    /// <summary>An order in status RESERVED for exactly the tickets asked.</summary>
    Reserved,

    /// <summary>A SoldOutError in the payload (code SOLD_OUT): the expected answer once the pool is empty.</summary>
    SoldOut,

    /// <summary>Anything else: HTTP error, GraphQL error, another payload error, a wrong order. Fails the run.</summary>
    Failed,
}

/// <summary>One answer: what it was, the order (when reserved), and when it was sent and answered (Stopwatch ticks).</summary>
internal readonly record struct Answer(Outcome Outcome, Guid OrderId, int Quantity, long SentAt, long DoneAt, string? Failure)
{
    public long Latency => DoneAt - SentAt;
}

/// <summary>
/// <c>reserveTickets</c> over HTTP: POST /graphql with the buyer's bearer token, the mutation and its variables (one
/// ticket type, a quantity, a fresh idempotency key), and a strict check of the answer (<see cref="Outcome"/>).
/// </summary>
internal sealed class ReservationClient(HttpClient http, Uri endpoint, IReadOnlyList<string> tokens)
{
    public const string Mutation =
        "mutation Reserve($input: ReserveTicketsInput!) { reserveTickets(input: $input) { order { id status ticketCount } errors { __typename ... on Error { code message } } } }";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Reserves <paramref name="quantity"/> tickets of <paramref name="sale"/> for buyer <paramref name="buyer"/> (0-based).</summary>
    public async Task<Answer> ReserveAsync(int buyer, SaleEvent sale, int quantity, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = Body(sale, quantity) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[buyer]);
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
            return new Answer(Outcome.Failed, Guid.Empty, quantity, sent, Stopwatch.GetTimestamp(), e.GetType().Name + ": " + e.Message);
        }
        var done = Stopwatch.GetTimestamp();
        var (outcome, orderId, failure) = status == HttpStatusCode.OK ? Check(body, quantity) : (Outcome.Failed, Guid.Empty, $"HTTP {(int)status}: {Head(body)}");
        return new Answer(outcome, orderId, quantity, sent, done, failure);
    }

    /// <summary>A request that touches no data (<c>{ __typename }</c>): opens or warms a connection.</summary>
    public async Task PingAsync(CancellationToken ct)
    {
        using var content = new ByteArrayContent("""{"query":"{ __typename }"}"""u8.ToArray());
        content.Headers.ContentType = Json;
        using var response = await http.PostAsync(endpoint, content, ct);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(ct);
    }

    private static ByteArrayContent Body(SaleEvent sale, int quantity)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("query", Mutation);
            w.WriteStartObject("variables");
            w.WriteStartObject("input");
            w.WriteString("eventId", GlobalId("Event", sale.EventId));
            w.WriteStartArray("items");
            w.WriteStartObject();
            w.WriteString("ticketTypeId", GlobalId("TicketType", sale.TicketTypeId));
            w.WriteNumber("quantity", quantity);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("idempotencyKey", Guid.NewGuid().ToString("N"));
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = Json;
        return content;
    }

    /// <summary>The answer must be data only: an order RESERVED for the quantity asked, or exactly one SoldOutError.</summary>
    internal static (Outcome, Guid, string?) Check(byte[] body, int quantity)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.TryGetProperty("errors", out var errors))
            {
                return (Outcome.Failed, Guid.Empty, "GraphQL errors: " + Head(body));
            }
            var payload = root.GetProperty("data").GetProperty("reserveTickets");
            var payloadErrors = payload.GetProperty("errors");
            var order = payload.GetProperty("order");
            if (order.ValueKind == JsonValueKind.Object)
            {
                if (payloadErrors.GetArrayLength() != 0)
                {
                    return (Outcome.Failed, Guid.Empty, "an order and errors: " + Head(body));
                }
                var status = order.GetProperty("status").GetString();
                var count = order.GetProperty("ticketCount").GetInt32();
                if (status != "RESERVED" || count != quantity || !TryDecode(order.GetProperty("id").GetString(), "Order", out var id))
                {
                    return (Outcome.Failed, Guid.Empty, $"unexpected order (asked {quantity}): " + Head(body));
                }
                return (Outcome.Reserved, id, null);
            }
            if (payloadErrors.GetArrayLength() == 1
                && payloadErrors[0].GetProperty("__typename").GetString() == "SoldOutError"
                && payloadErrors[0].GetProperty("code").GetString() == "SOLD_OUT")
            {
                return (Outcome.SoldOut, Guid.Empty, null);
            }
            return (Outcome.Failed, Guid.Empty, "payload error: " + Head(body));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (Outcome.Failed, Guid.Empty, $"malformed answer ({e.Message}): " + Head(body));
        }
    }

    public static string GlobalId(string type, Guid id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(type + ":" + id.ToString("N")));

    private static bool TryDecode(string? value, string type, out Guid id)
    {
        id = Guid.Empty;
        if (value is null)
        {
            return false;
        }
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
        return text.StartsWith(type + ":", StringComparison.Ordinal) && Guid.TryParseExact(text.AsSpan(type.Length + 1), "N", out id);
    }

    private static string Head(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}

/// <summary>Access tokens for the buyers, signed with the server's configured key by Tickr.Graph's own issuer.</summary>
internal static class Tokens
{
    public static string[] Mint(IReadOnlyList<Buyer> buyers, string signingKey)
    {
        var options = new Tickr.Graph.Auth.TickrAuthOptions { SigningKey = signingKey, AccessTokenLifetime = TimeSpan.FromHours(3) };
        var issuer = new Tickr.Graph.Auth.AccessTokenIssuer(Tickr.Graph.Auth.TickrSigningKey.Resolve(signingKey, isDevelopment: false), options, TimeProvider.System);
        return buyers.Select(b => issuer.CreateAccessToken(
            new Tickr.Data.Identity.TickrUser { Id = b.Id, Email = b.Email, DisplayName = "Buyer " + b.Number.ToString(CultureInfo.InvariantCulture) }, []).Token).ToArray();
    }
}
