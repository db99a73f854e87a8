using Microsoft.EntityFrameworkCore;
using Tickr.Graph.Live;
using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Schema.Ordering;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL;
using Tickr.GraphQL.AspNetCore.Subscriptions;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ticketing;

/// <summary>Live check-in counts at the door.</summary>
[SubscriptionType]
public sealed class TicketingSubscriptions
{
    /// <summary>
    /// Checked-in and admissible tickets of every check-in list of the event: the current counts at once, then after
    /// each admission (bursts are coalesced: each message carries the latest counts). The event's organization only.
    /// </summary>
    /// <param name="eventId">The event.</param>
    /// <param name="context">The request.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    public async Task<IAsyncEnumerable<CheckInsUpdate>> CheckInsChangedAsync([ID] string eventId, IResolverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Ids.Require(eventId, EventNode.TypeName, "eventId");
        // No DataLoader here: the engine awaits a subscriber outside its loader dispatch, so a batch would never run.
        await OrderingSubscriptions.RequirePrivateAsync(context, id, cancellationToken);
        var stream = await context.Services.GetRequiredService<ITopicEventReceiver>()
            .SubscribeAsync<CheckInSnapshot>(LiveTopics.CheckIns(id), SubscriptionOptions.LatestValue, cancellationToken);
        var first = await OrderingSubscriptions.ReadAsync(context, db => LiveUpdates.ReadCheckInsAsync(db, [id], DateTimeOffset.UtcNow, cancellationToken, gates: true), cancellationToken);
        return OrderingSubscriptions.Stream(stream, first[0], s => new CheckInsUpdate(s), cancellationToken);
    }
}

/// <summary>An event's check-in counts after a change.</summary>
[GraphQLName("CheckInsUpdate")]
public sealed class CheckInsUpdate(CheckInSnapshot s)
{
    /// <summary>The event.</summary>
    [ID]
    public string EventId => GlobalId.Encode(EventNode.TypeName, s.EventId);

    /// <summary>When the counts were read.</summary>
    public DateTimeOffset At => s.At;

    /// <summary>Every check-in list of the event with its counts, oldest list first.</summary>
    public IReadOnlyList<CheckInListCountNode> Lists => s.Lists.Select(l => new CheckInListCountNode(l)).ToArray();

    /// <summary>Tickets admitted through any list (a ticket admitted at two lists counts twice).</summary>
    public int CheckedIn => s.Lists.Sum(l => l.CheckedIn);

    /// <summary>
    /// Admissions per gate (as in EventStats.checkInsByGate), gates in name order, scans without a gate last under a
    /// null gate; the five-minute pace is the one at the time of the counts.
    /// </summary>
    public IReadOnlyList<Analytics.GateCheckInsNode> ByGate => Analytics.GateCheckInsNode.From(s.Gates);
}

/// <summary>One check-in list's counts.</summary>
[GraphQLName("CheckInListCount")]
public sealed class CheckInListCountNode(CheckInListCount c)
{
    /// <summary>The list.</summary>
    [ID]
    public string ListId => GlobalId.Encode(CheckInListNode.TypeName, c.CheckInListId);

    /// <summary>The list's name.</summary>
    public string Name => c.Name;

    /// <summary>Tickets admitted through it.</summary>
    public int CheckedIn => c.CheckedIn;

    /// <summary>Valid tickets it admits.</summary>
    public int Total => c.Total;

    /// <summary>checkedIn / total, from 0 to 1 (0 when total is 0).</summary>
    public double Rate => c.Total == 0 ? 0 : (double)c.CheckedIn / c.Total;
}
