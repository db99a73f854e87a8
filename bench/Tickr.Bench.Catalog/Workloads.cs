using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Tickr.Bench.Catalog;

/// <summary>One request of a load phase: null when it succeeded, else why it failed.</summary>
internal interface IWorkload
{
    ValueTask<string?> ExecuteAsync(CancellationToken cancellationToken);
}

/// <summary>
/// POST /graphql on the Tickr server with the catalog query, over keep-alive HTTP/1.1 connections (one per client).
/// Each answer must be 200, without <c>errors</c>, with exactly the page size of <c>data.events.nodes</c> (or, for a
/// query without events, just <c>data</c>).
/// </summary>
internal sealed class GraphQLWorkload(HttpClient http, Uri endpoint, string query, int? expectedNodes) : IWorkload
{
    private readonly byte[] _body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["query"] = query });
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    public string Query => query;

    public async ValueTask<string?> ExecuteAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(_body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Accept.Add(AcceptJson);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var length = 0;
            await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken))
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
                {
                    length += read;
                    if (length == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                }
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(buffer, 0, Math.Min(length, 300))}";
            }
            return Check(buffer.AsMemory(0, length), expectedNodes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The parsed answer (for the one-off comparison with the floor).</summary>
    public async Task<JsonDocument> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(_body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Accept.Add(AcceptJson);
        using var response = await http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK || Check(bytes, expectedNodes) is not null)
        {
            throw new InvalidOperationException($"Tickr answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        }
        return JsonDocument.Parse(bytes);
    }

    private static string? Check(ReadOnlyMemory<byte> json, int? expectedNodes)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("errors", out var errors))
        {
            return "errors: " + errors.GetRawText();
        }
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return "no data: " + root.GetRawText()[..Math.Min(300, root.GetRawText().Length)];
        }
        if (expectedNodes is null)
        {
            return null;
        }
        if (!data.TryGetProperty("events", out var events)
            || !events.TryGetProperty("nodes", out var nodes))
        {
            return "no data.events.nodes: " + root.GetRawText()[..Math.Min(300, root.GetRawText().Length)];
        }
        var count = nodes.GetArrayLength();
        return count == expectedNodes ? null : $"{count} nodes instead of {expectedNodes}";
    }
}

/// <summary>
/// The floor: the same page as one hand-written SQL statement through Npgsql (pooled connections from one
/// <see cref="NpgsqlDataSource"/>, the statement prepared once per physical connection: Npgsql keeps prepared
/// statements across pooled opens). The page of events comes first (a CTE: Tickr's catalog filter and order, served
/// by the (status, starts_at) index), then its organization, venue and public ticket types by joins. Each type's
/// remaining tickets are limited by the quotas it draws on, exactly as <c>TicketType.remaining</c> computes them: the
/// page's quotas are aggregated per ticket type once (a second CTE over the page). The first version computed them in a
/// scalar subquery per ticket type, which PostgreSQL planned as a hash join over every quota for each of the 58 types:
/// 2.4× slower under pgbench (see bench/README.md). Every row and column is read into the objects a page of the
/// application would hold.
/// </summary>
internal sealed class FloorWorkload(NpgsqlDataSource dataSource, int pageSize) : IWorkload
{
    public const string Sql = """
        WITH page AS (
            SELECT e.id, e.title, e.starts_at, e.venue_id, e.organization_id
            FROM events e
            WHERE e.status = 'published' AND e.ends_at > $1
            ORDER BY e.starts_at, e.id
            LIMIT $2
        ), used AS (
            SELECT b.pool_id, sum(b.held + b.sold) AS used
            FROM inventory_buckets b
            WHERE b.event_id IN (SELECT id FROM page)
            GROUP BY b.pool_id
        ), quota AS (
            SELECT qt.ticket_type_id, min(GREATEST(q.capacity - COALESCE(u.used, 0), 0)) AS remaining
            FROM page p
            JOIN quotas q ON q.event_id = p.id
            JOIN quota_ticket_types qt ON qt.quota_id = q.id
            LEFT JOIN used u ON u.pool_id = q.id
            GROUP BY qt.ticket_type_id
        )
        SELECT p.id, p.title, p.starts_at, v.name, v.city, o.name, t.name, t.price, t.currency,
               LEAST(GREATEST(t.capacity - COALESCE(tu.used, 0), 0), qr.remaining)::int AS remaining
        FROM page p
        JOIN organizations o ON o.id = p.organization_id
        LEFT JOIN venues v ON v.id = p.venue_id
        LEFT JOIN ticket_types t ON t.event_id = p.id AND NOT t.is_hidden
        LEFT JOIN used tu ON tu.pool_id = t.id
        LEFT JOIN quota qr ON qr.ticket_type_id = t.id
        ORDER BY p.starts_at, p.id, t.position, t.id
        """;

    public async ValueTask<string?> ExecuteAsync(CancellationToken cancellationToken)
    {
        var page = await FetchAsync(cancellationToken);
        return page.Count == pageSize ? null : $"{page.Count} events instead of {pageSize}";
    }

    public async Task<List<PageEvent>> FetchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = DateTime.UtcNow });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize });
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var page = new List<PageEvent>(pageSize);
        PageEvent? current = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            if (current is null || current.Id != id)
            {
                current = new PageEvent(
                    id,
                    reader.GetString(1),
                    reader.GetDateTime(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.GetString(5),
                    new List<PageTicketType>(4));
                page.Add(current);
            }
            if (!reader.IsDBNull(6))
            {
                current.TicketTypes.Add(new PageTicketType(reader.GetString(6), reader.GetInt64(7), reader.GetString(8), reader.GetInt32(9)));
            }
        }
        return page;
    }
}
