using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tickr.Data;
using Tickr.Data.Ordering;
using Tickr.Domain.Common;
using Tickr.Domain.Ordering;
using Tickr.Domain.Payments;
using Tickr.Graph.Live;
using Tickr.Graph.Ordering;
using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Schema.Common;
using Tickr.Graph.Schema.Errors;
using Tickr.Graph.Schema.Ticketing;
using Tickr.GraphQL;
using Tickr.GraphQL.AspNetCore;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ordering;

/// <summary>Buying: reserve tickets, pay, cancel; and refunds by the organizer.</summary>
[MutationType]
public sealed class OrderingMutations
{
    /// <summary>
    /// Reserves tickets of one event for the signed-in buyer: an order in status RESERVED holding the tickets until
    /// `expiresAt` (10 minutes by default), to be paid with `checkout`. A free order is confirmed (PAID) at once. Sales
    /// windows, per-order and per-buyer limits, quotas, hidden types (give `accessCode`) and promo codes apply. With an
    /// `idempotencyKey`, a retry returns the first order (`replayed: true`), also when the two requests race.
    /// </summary>
    /// <param name="input">What to reserve.</param>
    /// <param name="context">The request.</param>
    public async Task<ReserveTicketsPayload> ReserveTicketsAsync(ReserveTicketsInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var buyer = context.RequireUserId();
        var eventId = Ids.Require(input.EventId, EventNode.TypeName, "input.eventId");
        var items = input.Items.Select((item, i) =>
            new ReservationItem(Ids.Require(item.TicketTypeId, TicketTypeNode.TypeName, $"input.items[{i}].ticketTypeId"), item.Quantity)).ToList();
        var services = context.Services;
        var contexts = services.GetRequiredService<IDbContextFactory<TickrDbContext>>();
        var holdFor = services.GetRequiredService<IOptions<SellingOptions>>().Value.HoldDuration;
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        // Access tokens carry the email; a token without one (older, or minted elsewhere) costs one read.
        var email = context.GetAccess().Actor.Email
            ?? await db.Users.Where(u => u.Id == buyer).Select(u => u.Email).FirstOrDefaultAsync(context.CancellationToken)
            ?? throw new GraphQLException("The access token names no account.", TickrErrorCodes.Unauthenticated);
        // Admission control: a burst queues here, in memory, rather than on the connection pool. The sale rules and the
        // clock are read once it is this request's turn, so a wait in the queue never makes them older.
        using var turn = await services.GetRequiredService<ReservationGate>().EnterAsync(context.CancellationToken)
            ?? throw new GraphQLException("Too many reservations are in progress; nothing was reserved. Try again in a moment.", TickrErrorCodes.ServiceBusy);
        // The sale rules come from memory (SaleRulesCache: edits through this instance apply at once, others within
        // Tickr:Selling:SaleRulesCacheDuration); inventory, promo uses and allowances are checked by the transaction.
        var ev = await services.GetRequiredService<SaleRulesCache>().GetAsync(eventId, context.CancellationToken);
        if (ev is null || !await context.GetAccess().CanSeeAsync(ev, context.CancellationToken))
        {
            return new ReserveTicketsPayload(null, false, [new NotFoundError("No event with this id.", input.EventId)]);
        }
        try
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var request = new ReservationRequest(eventId, buyer, email, items, input.PromoCode, input.AccessCode, input.IdempotencyKey);
            var outcome = await OrderBook.ReserveAsync(db, ev, request, now, holdFor, Source(context), context.CancellationToken);
            turn.Dispose();
            if (!outcome.Replayed)
            {
                await services.GetRequiredService<LiveUpdates>().OrderChangedAsync(outcome.Order, context.CancellationToken);
            }
            return new ReserveTicketsPayload(new OrderNode(outcome.Order), outcome.Replayed, []);
        }
        catch (OrderingException e)
        {
            return new ReserveTicketsPayload(null, false, [UserError.As<IReserveTicketsError>(OrderingErrors.From(e))]);
        }
    }

    /// <summary>
    /// Starts paying a reserved order: a Stripe PaymentIntent (its `clientSecret` for Stripe.js), a Clictopay payment
    /// page (`redirectUrl`), or — in development only — an instant payment. Calling it again returns the same pending
    /// payment. The order becomes PAID when the provider confirms (webhook or return), never on the client's word.
    /// </summary>
    /// <param name="input">The order and the provider.</param>
    /// <param name="context">The request.</param>
    public async Task<CheckoutPayload> CheckoutAsync(CheckoutInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var buyer = context.RequireUserId();
        var orderId = Ids.Require(input.OrderId, OrderNode.TypeName, "input.orderId");
        var order = await LoadOwnOrderAsync(context, orderId, buyer);
        if (order is null)
        {
            return new CheckoutPayload(null, null, [new NotFoundError("No order with this id among yours.", input.OrderId)]);
        }
        var checkout = context.Services.GetRequiredService<Checkout>();
        try
        {
            var (session, updated) = await checkout.StartAsync(order, input.Provider, RequestBase(context), Source(context), context.CancellationToken);
            return new CheckoutPayload(new OrderNode(updated), new PaymentSessionNode(input.Provider, session), []);
        }
        catch (OrderingException e)
        {
            return new CheckoutPayload(null, null, [UserError.As<ICheckoutError>(OrderingErrors.From(e))]);
        }
        catch (PaymentProviderException e)
        {
            return new CheckoutPayload(null, null, [new PaymentProviderError(ProviderMessage(e), e.Provider.ToString().ToUpperInvariant())]);
        }
    }

    /// <summary>Cancels a reserved order before payment; its tickets go back on sale at once.</summary>
    /// <param name="input">The order.</param>
    /// <param name="context">The request.</param>
    public async Task<CancelOrderPayload> CancelOrderAsync(CancelOrderInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var buyer = context.RequireUserId();
        var orderId = Ids.Require(input.OrderId, OrderNode.TypeName, "input.orderId");
        var contexts = context.Services.GetRequiredService<IDbContextFactory<TickrDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId && o.BuyerId == buyer, context.CancellationToken);
        if (order is null)
        {
            return new CancelOrderPayload(null, [new NotFoundError("No order with this id among yours.", input.OrderId)]);
        }
        try
        {
            var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (!await OrderBook.ReleaseAsync(db, order, expired: false, now, Source(context), context.CancellationToken))
            {
                return new CancelOrderPayload(null, [new ConcurrentUpdateError("The order changed meanwhile (paid or expired); read it again.")]);
            }
            await context.Services.GetRequiredService<LiveUpdates>().OrderChangedAsync(order, context.CancellationToken);
            return new CancelOrderPayload(new OrderNode(order), []);
        }
        catch (OrderingException e)
        {
            return new CancelOrderPayload(null, [UserError.As<ICancelOrderError>(OrderingErrors.From(e))]);
        }
    }

    /// <summary>
    /// Refunds a paid order, in full or in part (an `amount`, or the price of the `ticketIds` named), through the
    /// provider that took the money. Managers and owners of the event's organization, within the event's refund policy
    /// (always allowed for a cancelled event). Refunded tickets are revoked; they go back on sale when the policy says so.
    /// </summary>
    /// <param name="input">The order and what to refund.</param>
    /// <param name="context">The request.</param>
    public async Task<RefundOrderPayload> RefundOrderAsync(RefundOrderInput input, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        if (!context.GetAccess().Actor.IsAuthenticated)
        {
            throw new GraphQLException("This mutation requires a signed-in user or an API key.", TickrErrorCodes.Unauthenticated);
        }
        var orderId = Ids.Require(input.OrderId, OrderNode.TypeName, "input.orderId");
        var ticketIds = (input.TicketIds ?? []).Select((id, i) => Ids.Require(id, TicketNode.TypeName, $"input.ticketIds[{i}]")).Distinct().ToList();
        var contexts = context.Services.GetRequiredService<IDbContextFactory<TickrDbContext>>();
        Domain.Catalog.Event ev;
        Order order;
        await using (var db = await contexts.CreateDbContextAsync(context.CancellationToken))
        {
            var found = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, context.CancellationToken);
            var access = context.GetAccess();
            if (found is null || !await access.CanViewPrivateAsync(found.OrganizationId, context.CancellationToken))
            {
                return new RefundOrderPayload(null, [new NotFoundError("No order with this id in your organizations.", input.OrderId)]);
            }
            if (!await access.CanManageEventsAsync(found.OrganizationId, context.CancellationToken))
            {
                return new RefundOrderPayload(null, [new NotAuthorizedError("Refunds are for the organization's managers and owners.")]);
            }
            order = found;
            ev = await db.Events.AsNoTracking().FirstAsync(e => e.Id == found.EventId, context.CancellationToken);
        }
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var cancelled = ev.Status == Domain.Catalog.EventStatus.Cancelled;
        if (!cancelled && !ev.RefundPolicy.AllowsRefundAt(now, ev.StartsAt))
        {
            return new RefundOrderPayload(null, [new RefundNotAllowedError(ev.RefundPolicy.Refundable
                ? $"The event's refund policy allows refunds until {ev.RefundPolicy.DeadlineHoursBeforeStart} h before it starts."
                : "The event's refund policy allows no refunds (cancelling the event refunds everyone).")]);
        }
        try
        {
            Money? amount = input.Amount?.ToMoney("amount");
            var restock = !cancelled && ev.RefundPolicy.RestockOnRefund;
            var (refunded, _) = await context.Services.GetRequiredService<Checkout>()
                .RefundAsync(order.Id, amount, ticketIds, input.Reason, restock, Source(context), context.CancellationToken);
            return new RefundOrderPayload(new OrderNode(refunded), []);
        }
        catch (OrderingException e)
        {
            return new RefundOrderPayload(null, [UserError.As<IRefundOrderError>(OrderingErrors.From(e))]);
        }
        catch (DomainException e)
        {
            return new RefundOrderPayload(null, UserError.From<IRefundOrderError>(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            return new RefundOrderPayload(null, [new ConcurrentUpdateError("Another refund of this order was recorded meanwhile; read it again.")]);
        }
        catch (PaymentProviderException e)
        {
            return new RefundOrderPayload(null, [new PaymentProviderError(ProviderMessage(e), e.Provider.ToString().ToUpperInvariant())]);
        }
    }

    private static async Task<Order?> LoadOwnOrderAsync(IResolverContext context, Guid orderId, Guid buyer)
    {
        var contexts = context.Services.GetRequiredService<IDbContextFactory<TickrDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        return await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId && o.BuyerId == buyer, context.CancellationToken);
    }

    private static string ProviderMessage(PaymentProviderException e) => e.Code switch
    {
        PaymentErrorCode.NotConfigured => $"{e.Provider} payments are not configured on this server.",
        PaymentErrorCode.Unreachable or PaymentErrorCode.Timeout => $"{e.Provider} did not answer; nothing was charged. Try again.",
        _ => $"{e.Provider} refused: {e.Message}",
    };

    internal static AuditSource Source(IResolverContext context) => new(context.GetAccess().Actor.UserId, context.GetClientAddress());

    private static Uri RequestBase(IResolverContext context) =>
        context.ContextData.TryGetValue(GraphQLContextKeys.HttpContext, out var value) && value is HttpContext http
            ? new Uri($"{http.Request.Scheme}://{http.Request.Host}")
            : new Uri("http://localhost:5080");
}

/// <summary>Some tickets of one type to reserve.</summary>
public sealed class ReservationItemInput
{
    /// <summary>The ticket type.</summary>
    [ID]
    public required string TicketTypeId { get; init; }

    /// <summary>How many tickets (1 to the type's maximum per order).</summary>
    public required int Quantity { get; init; }
}

/// <summary>What to reserve.</summary>
public sealed class ReserveTicketsInput
{
    /// <summary>The event.</summary>
    [ID]
    public required string EventId { get; init; }

    /// <summary>The tickets, at most 20 lines.</summary>
    public required IReadOnlyList<ReservationItemInput> Items { get; init; }

    /// <summary>A promo code of the event.</summary>
    public string? PromoCode { get; init; }

    /// <summary>The code that unlocks hidden ticket types.</summary>
    public string? AccessCode { get; init; }

    /// <summary>A key unique to this purchase (e.g. a UUID made by the client): a retry with it returns the first order.</summary>
    public string? IdempotencyKey { get; init; }
}

/// <summary>The result of <c>reserveTickets</c>.</summary>
public sealed class ReserveTicketsPayload(OrderNode? order, bool replayed, IReadOnlyList<IReserveTicketsError> errors)
{
    /// <summary>The order; null when nothing was reserved (see <c>errors</c>).</summary>
    public OrderNode? Order => order;

    /// <summary>True when the idempotency key was used before and this is the first request's order.</summary>
    public bool Replayed => replayed;

    /// <summary>Why nothing was reserved; empty on success.</summary>
    public IReadOnlyList<IReserveTicketsError> Errors => errors;
}

/// <summary>Which order to pay, and how.</summary>
public sealed class CheckoutInput
{
    /// <summary>The reserved order.</summary>
    [ID]
    public required string OrderId { get; init; }

    /// <summary>STRIPE (cards worldwide), CLICTOPAY (Tunisian cards) or DEVELOPMENT (instant, never in production).</summary>
    public required PaymentProviderKind Provider { get; init; }
}

/// <summary>What the buyer's app needs to pay.</summary>
[GraphQLName("PaymentSession")]
public sealed class PaymentSessionNode(PaymentProviderKind provider, PaymentSession session)
{
    /// <summary>The provider.</summary>
    public PaymentProviderKind Provider => provider;

    /// <summary>The provider's payment id.</summary>
    public string ProviderReference => session.ProviderReference;

    /// <summary>PENDING until the provider confirms; SUCCEEDED at once with the development provider.</summary>
    public PaymentState State => session.State;

    /// <summary>Stripe: the PaymentIntent's client secret, for Stripe.js.</summary>
    public string? ClientSecret => session.ClientSecret;

    /// <summary>Clictopay: the payment page to send the buyer to.</summary>
    public string? RedirectUrl => session.RedirectUrl?.ToString();
}

/// <summary>The result of <c>checkout</c>.</summary>
public sealed class CheckoutPayload(OrderNode? order, PaymentSessionNode? payment, IReadOnlyList<ICheckoutError> errors)
{
    /// <summary>The order (PAID already with the development provider).</summary>
    public OrderNode? Order => order;

    /// <summary>How to pay; null on error.</summary>
    public PaymentSessionNode? Payment => payment;

    /// <summary>Why the payment could not start; empty on success.</summary>
    public IReadOnlyList<ICheckoutError> Errors => errors;
}

/// <summary>The order to cancel.</summary>
public sealed class CancelOrderInput
{
    /// <summary>The reserved order.</summary>
    [ID]
    public required string OrderId { get; init; }
}

/// <summary>The result of <c>cancelOrder</c>.</summary>
public sealed class CancelOrderPayload(OrderNode? order, IReadOnlyList<ICancelOrderError> errors)
{
    /// <summary>The cancelled order; null on error.</summary>
    public OrderNode? Order => order;

    /// <summary>Why it was not cancelled; empty on success.</summary>
    public IReadOnlyList<ICancelOrderError> Errors => errors;
}

/// <summary>What to refund.</summary>
public sealed class RefundOrderInput
{
    /// <summary>The paid order.</summary>
    [ID]
    public required string OrderId { get; init; }

    /// <summary>How much; default: the price of <c>ticketIds</c>, or everything left when none are named.</summary>
    public MoneyInput? Amount { get; init; }

    /// <summary>The tickets to revoke (default: all of them for a full refund, none for a partial amount).</summary>
    [ID]
    public IReadOnlyList<string>? TicketIds { get; init; }

    /// <summary>Why, kept with the refund and in the audit log.</summary>
    public string? Reason { get; init; }
}

/// <summary>The result of <c>refundOrder</c>.</summary>
public sealed class RefundOrderPayload(OrderNode? order, IReadOnlyList<IRefundOrderError> errors)
{
    /// <summary>The order after the refund; null on error.</summary>
    public OrderNode? Order => order;

    /// <summary>Why nothing was refunded; empty on success.</summary>
    public IReadOnlyList<IRefundOrderError> Errors => errors;
}
