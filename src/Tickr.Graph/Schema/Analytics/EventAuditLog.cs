using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Audit;
using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Schema.Identity;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Analytics;

/// <summary>An event's audit log: every money and check-in action, newest first.</summary>
[ExtendObjectType(typeof(EventNode))]
public sealed class EventAuditLog
{
    /// <summary>
    /// Who did what to this event's orders and tickets, when and from where (reservations, payments, refunds,
    /// expiries, check-ins, transfers), newest first. The organization's managers and owners only (null otherwise).
    /// </summary>
    [GraphQLCost(1, SlicingArguments = ["first"])]
    public async Task<Connection<AuditEntryNode>?> GetAuditLogAsync(
        [Parent] EventNode ev,
        [Service] IDbContextFactory<TickrDbContext> contexts,
        IResolverContext context,
        [GraphQLDescription("Only entries whose action starts with this, e.g. `order.` or `ticket.checked-in`.")] string? action = null,
        [GraphQLDescription("Page size, 0 to 100 (default 20).")] int? first = null,
        [GraphQLDescription("The cursor after which the page starts.")] string? after = null)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(context);
        var e = ev.Entity;
        if (!await context.GetAccess().CanManageEventsAsync(e.OrganizationId, context.CancellationToken))
        {
            return null;
        }
        var eventId = e.Id;
        return await Paging.ToConnectionAsync(
            contexts,
            db => db.AuditEntries.AsNoTracking()
                .Where(a => a.EventId == eventId && (action == null || a.Action.StartsWith(action)))
                .OrderByDescending(a => a.At).ThenByDescending(a => a.Id),
            first,
            after,
            a => new AuditEntryNode(a),
            context.CancellationToken);
    }
}

/// <summary>One audited action.</summary>
[GraphQLName("AuditEntry")]
public sealed class AuditEntryNode(AuditEntry a)
{
    /// <summary>When it happened.</summary>
    public DateTimeOffset At => a.At;

    /// <summary>What: <c>order.reserved</c>, <c>order.paid</c>, <c>order.refunded</c>, <c>order.expired</c>, <c>ticket.checked-in</c>…</summary>
    public string Action => a.Action;

    /// <summary>Who: the user's id; null for the system (expiry sweeper, payment webhooks).</summary>
    [ID]
    public string? ActorId => a.ActorId is { } id ? GlobalId.Encode(UserNode.TypeName, id) : null;

    /// <summary>The order, ticket or refund acted on, as a raw UUID.</summary>
    public string? SubjectId => a.SubjectId?.ToString();

    /// <summary>The details as JSON (amounts in minor units, provider, gate…).</summary>
    public string? Details => a.Details;

    /// <summary>The caller's IP address, when the action came from a request.</summary>
    public string? IpAddress => a.IpAddress;
}
