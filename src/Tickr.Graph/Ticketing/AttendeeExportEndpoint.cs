using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Graph.Auth;
using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Schema.Relay;

namespace Tickr.Graph.Ticketing;

/// <summary>
/// The attendee list of an event as CSV (RFC 4180, UTF-8, comma separated, a header line): one line per ticket with
/// its type, holder, order number, status, and its first admission (time and check-in list). For the event's
/// organization (a member's access token or an API key of it); 401 without credentials, 404 for anyone else. Streamed:
/// rows go out as they are read, so a 50,000-ticket event needs no more memory than a small one (besides the event's
/// admissions, read first).
/// </summary>
public static class AttendeeExportEndpoint
{
    /// <summary>The route; <c>eventId</c> is the event's global id (as the API returns it) or its UUID.</summary>
    public const string Path = "/events/{eventId}/attendees.csv";

    /// <summary>The header line's columns.</summary>
    public static readonly string[] Columns = ["ticket_id", "ticket_type", "holder_email", "order_number", "status", "checked_in_at", "gate"];

    public static IEndpointRouteBuilder MapTickrAttendeeExport(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Path, ExportAsync);
        return app;
    }

    private static async Task ExportAsync(string eventId, HttpContext http, IDbContextFactory<TickrDbContext> contexts)
    {
        var actor = Actor.From(http.User);
        if (!actor.IsAuthenticated)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (!GlobalId.TryDecode(eventId, EventNode.TypeName, out var id) && !Guid.TryParse(eventId, out id))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var cancellationToken = http.RequestAborted;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ev = await db.Events.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.OrganizationId, e.Slug }).FirstOrDefaultAsync(cancellationToken);
        if (ev is null || !await new Access(actor, contexts).CanViewPrivateAsync(ev.OrganizationId, cancellationToken))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // Each ticket's first admission across the event's lists (by scan time), and the lists' names.
        var lists = await db.CheckInLists.AsNoTracking().Where(l => l.EventId == id).ToDictionaryAsync(l => l.Id, l => l.Name, cancellationToken);
        var firstAdmissions = (await db.CheckIns.AsNoTracking().Where(c => c.EventId == id)
                .Select(c => new { c.TicketId, c.ScannedAt, c.CheckInListId }).ToListAsync(cancellationToken))
            .GroupBy(c => c.TicketId)
            .ToDictionary(g => g.Key, g => g.MinBy(c => c.ScannedAt)!);

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"attendees-{ev.Slug}.csv\"";
        http.Response.Headers.CacheControl = "private, no-store";
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape };
        await using var csv = CsvWriter.Create(http.Response.Body, options, leaveOpen: true);
        await csv.WriteRecordAsync(Columns, cancellationToken);
        var rows =
            from t in db.Tickets.AsNoTracking()
            where t.EventId == id
            join tt in db.TicketTypes on t.TicketTypeId equals tt.Id
            join o in db.Orders on t.OrderId equals o.Id
            orderby o.Number, t.IssuedAt, t.Id
            select new { t.Id, Type = tt.Name, t.HolderEmail, o.Number, t.Status };
        var fields = new string?[Columns.Length];
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var admitted = firstAdmissions.GetValueOrDefault(row.Id);
            fields[0] = GlobalId.Encode(Schema.Ticketing.TicketNode.TypeName, row.Id);
            fields[1] = row.Type;
            fields[2] = row.HolderEmail;
            fields[3] = row.Number;
            fields[4] = row.Status.ToString().ToUpperInvariant();
            fields[5] = admitted?.ScannedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            fields[6] = admitted is null ? null : lists.GetValueOrDefault(admitted.CheckInListId);
            await csv.WriteRecordAsync(fields!, cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}
