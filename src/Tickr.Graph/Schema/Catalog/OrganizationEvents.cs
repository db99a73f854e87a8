using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Identity;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog;

/// <summary>An organization's events: what its team works on, drafts included.</summary>
[ExtendObjectType(typeof(OrganizationNode))]
public sealed class OrganizationEvents
{
    /// <summary>
    /// The organization's events by start date. Its members (and its API keys) see every status, drafts included; others
    /// see what the public catalog shows (published, cancelled and ended events).
    /// </summary>
    [GraphQLCost(1, SlicingArguments = ["first"])]
    public async Task<Connection<EventNode>> GetEventsAsync(
        [Parent] OrganizationNode organization,
        [Service] IDbContextFactory<TickrDbContext> contexts,
        IResolverContext context,
        [GraphQLDescription("Only events in these statuses (default: all the caller may see). ENDED means published events whose end has passed.")]
        IReadOnlyList<EventStatus>? status = null,
        [GraphQLDescription("Page size, 0 to 100 (default 20).")] int? first = null,
        [GraphQLDescription("The cursor after which the page starts.")] string? after = null)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(context);
        var organizationId = organization.Entity.Id;
        var seesDrafts = await context.GetAccess().CanViewPrivateAsync(organizationId, context.CancellationToken);
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var wanted = status is { Count: > 0 } ? status.ToHashSet() : null;
        var drafts = seesDrafts && (wanted is null || wanted.Contains(EventStatus.Draft));
        var published = wanted is null || wanted.Contains(EventStatus.Published);
        var ended = wanted is null || wanted.Contains(EventStatus.Ended);
        var cancelled = wanted is null || wanted.Contains(EventStatus.Cancelled);
        return await Paging.ToConnectionAsync(
            contexts,
            db => db.Events.AsNoTracking()
                .Where(e => e.OrganizationId == organizationId)
                .Where(e => (drafts && e.Status == EventStatus.Draft)
                    || (cancelled && e.Status == EventStatus.Cancelled)
                    || (published && e.Status == EventStatus.Published && e.EndsAt > now)
                    || (ended && e.Status == EventStatus.Published && e.EndsAt <= now))
                .OrderBy(e => e.StartsAt).ThenBy(e => e.Id),
            first,
            after,
            e => new EventNode(e),
            context.CancellationToken);
    }
}
