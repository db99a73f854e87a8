using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Graph.Live;
using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Schema.Catalog.Loaders;
using Tickr.Graph.Schema.Common;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL;
using Tickr.GraphQL.AspNetCore.Subscriptions;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ordering;

/// <summary>Live counts of an event and live status of an order, pushed after each change commits.</summary>
[SubscriptionType]
public sealed class OrderingSubscriptions
{
    /// <summary>
    /// Remaining tickets of every ticket type of the event after every reservation, release, sale and refund (bursts
    /// are coalesced: each message carries the latest counts). Read the current counts with the event's
    /// `ticketTypes { remaining }` first, then subscribe. Anyone may follow a published event; drafts only their
    /// organization. Executed once per change for all subscribers of the event (shared), however many there are.
    /// </summary>
    /// <param name="eventId">The event.</param>
    /// <param name="context">The request.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    [SharedSubscription]
    public async Task<IAsyncEnumerable<InventoryUpdate>> InventoryChangedAsync([ID] string eventId, IResolverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Ids.Require(eventId, EventNode.TypeName, "eventId");
        // Thousands subscribe to one event at once: one read for all of them (and none while it is remembered).
        var e = await context.Services.GetRequiredService<LiveEventDirectory>().FindAsync(id, cancellationToken);
        if (e is null || (e.IsDraft && !await context.GetAccess().CanViewPrivateAsync(e.OrganizationId, cancellationToken)))
        {
            throw new GraphQLException("No event with this id.", ErrorCodes.BadUserInput);
        }
        var stream = await context.Services.GetRequiredService<ITopicEventReceiver>()
            .SubscribeAsync<InventorySnapshot>(LiveTopics.Inventory(id), SubscriptionOptions.LatestValue, cancellationToken);
        return Stream(stream, null, s => new InventoryUpdate(s), cancellationToken);
    }

    /// <summary>
    /// Tickets sold and revenue (gross, commission, refunded) of the event after each sale or refund; the current
    /// totals at once. The event's organization only.
    /// </summary>
    /// <param name="eventId">The event.</param>
    /// <param name="context">The request.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    public async Task<IAsyncEnumerable<SalesUpdate>> SalesChangedAsync([ID] string eventId, IResolverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Ids.Require(eventId, EventNode.TypeName, "eventId");
        await RequirePrivateAsync(context, id, cancellationToken);
        var stream = await context.Services.GetRequiredService<ITopicEventReceiver>()
            .SubscribeAsync<SalesSnapshot>(LiveTopics.Sales(id), SubscriptionOptions.LatestValue, cancellationToken);
        var first = await ReadAsync(context, db => LiveUpdates.ReadSalesAsync(db, [id], DateTimeOffset.UtcNow, cancellationToken), cancellationToken);
        return Stream(stream, first[0], s => new SalesUpdate(s), cancellationToken);
    }

    /// <summary>The status of one of the caller's orders, each time it changes (paid, cancelled, expired, refunded).</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="context">The request.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    public async Task<IAsyncEnumerable<OrderStatusUpdate>> OrderStatusChangedAsync([ID] string orderId, IResolverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.RequireUserId();
        var id = Ids.Require(orderId, OrderNode.TypeName, "orderId");
        var order = await ReadAsync(context, db => db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken), cancellationToken);
        if (order is null || order.BuyerId != user)
        {
            throw new GraphQLException("No order with this id among yours.", ErrorCodes.BadUserInput);
        }
        var stream = await context.Services.GetRequiredService<ITopicEventReceiver>()
            .SubscribeAsync<OrderStatusMessage>(LiveTopics.Order(id), SubscriptionOptions.Default, cancellationToken);
        return Stream(stream, null, m => new OrderStatusUpdate(m), cancellationToken);
    }

    // Subscribe resolvers read directly, not through DataLoaders: no batch is dispatched while a stream is being opened.
    internal static async Task RequirePrivateAsync(IResolverContext context, Guid eventId, CancellationToken cancellationToken)
    {
        var e = await context.Services.GetRequiredService<LiveEventDirectory>().FindAsync(eventId, cancellationToken);
        if (e is null || !await context.GetAccess().CanViewPrivateAsync(e.OrganizationId, cancellationToken))
        {
            throw new GraphQLException(context.GetAccess().Actor.IsAuthenticated
                ? "No event with this id in your organizations."
                : "This subscription requires a signed-in member of the event's organization.",
                context.GetAccess().Actor.IsAuthenticated ? ErrorCodes.BadUserInput : TickrErrorCodes.Unauthenticated);
        }
    }

    internal static async Task<T> ReadAsync<T>(IResolverContext context, Func<TickrDbContext, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var db = await context.Services.GetRequiredService<IDbContextFactory<TickrDbContext>>().CreateDbContextAsync(cancellationToken);
        return await read(db);
    }

    internal static async IAsyncEnumerable<TOut> Stream<TIn, TOut>(
        ISourceStream<TIn> source,
        TIn? first,
        Func<TIn, TOut> map,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TIn : class
    {
        await using (source)
        {
            if (first is not null)
            {
                yield return map(first);
            }
            await foreach (var message in source.WithCancellation(cancellationToken))
            {
                yield return map(message);
            }
        }
    }
}

/// <summary>An event's remaining tickets after a change.</summary>
[GraphQLName("InventoryUpdate")]
public sealed class InventoryUpdate(InventorySnapshot s)
{
    /// <summary>The event.</summary>
    [ID]
    public string EventId => GlobalId.Encode(EventNode.TypeName, s.EventId);

    /// <summary>When the counts were read.</summary>
    public DateTimeOffset At => s.At;

    /// <summary>Every ticket type of the event with its counts.</summary>
    public IReadOnlyList<TicketTypeInventoryNode> TicketTypes => s.TicketTypes.Select(t => new TicketTypeInventoryNode(t)).ToArray();
}

/// <summary>One ticket type's counts.</summary>
[GraphQLName("TicketTypeInventory")]
public sealed class TicketTypeInventoryNode(TicketTypeInventory t)
{
    /// <summary>The ticket type.</summary>
    [ID]
    public string TicketTypeId => GlobalId.Encode(TicketTypeNode.TypeName, t.TicketTypeId);

    /// <summary>Tickets still available (its quotas applied).</summary>
    public int Remaining => t.Remaining;

    /// <summary>Tickets sold.</summary>
    public int Sold => t.Sold;

    /// <summary>Tickets held by unpaid reservations.</summary>
    public int Held => t.Held;
}

/// <summary>An event's sales totals after a change.</summary>
[GraphQLName("SalesUpdate")]
public sealed class SalesUpdate(SalesSnapshot s)
{
    /// <summary>The event.</summary>
    [ID]
    public string EventId => GlobalId.Encode(EventNode.TypeName, s.EventId);

    /// <summary>When the totals were read.</summary>
    public DateTimeOffset At => s.At;

    /// <summary>Valid tickets sold.</summary>
    public int TicketsSold => s.TicketsSold;

    /// <summary>What buyers paid (before refunds).</summary>
    public MoneyAmount Gross => new(new Domain.Common.Money(s.GrossMinorUnits, Domain.Common.Currency.FromCode(s.Currency)));

    /// <summary>The platform's commission on it.</summary>
    public MoneyAmount Commission => new(new Domain.Common.Money(s.CommissionMinorUnits, Domain.Common.Currency.FromCode(s.Currency)));

    /// <summary>Refunded so far.</summary>
    public MoneyAmount Refunded => new(new Domain.Common.Money(s.RefundedMinorUnits, Domain.Common.Currency.FromCode(s.Currency)));

    /// <summary>Gross minus commission: the organizer's share before refunds.</summary>
    public MoneyAmount Net => new(new Domain.Common.Money(s.GrossMinorUnits - s.CommissionMinorUnits, Domain.Common.Currency.FromCode(s.Currency)));

    /// <summary>Orders paid (those refunded since included, as in gross).</summary>
    public int OrdersPaid => s.OrdersPaid;

    /// <summary>Orders paid per minute over the last hour: 60 entries, oldest first, ending with the current minute (UTC).</summary>
    public IReadOnlyList<Analytics.MinuteSalesNode> OrdersLastHour => Analytics.MinuteSalesNode.From(s.LastHour, Domain.Common.Currency.FromCode(s.Currency));
}

/// <summary>An order's new status.</summary>
[GraphQLName("OrderStatusUpdate")]
public sealed class OrderStatusUpdate(OrderStatusMessage m)
{
    /// <summary>The order.</summary>
    [ID]
    public string OrderId => GlobalId.Encode(OrderNode.TypeName, m.OrderId);

    /// <summary>Its status: PAID, CANCELLED, EXPIRED, REFUNDED (RESERVED when just placed).</summary>
    public string Status => m.Status;

    /// <summary>When it changed.</summary>
    public DateTimeOffset At => m.At;
}
