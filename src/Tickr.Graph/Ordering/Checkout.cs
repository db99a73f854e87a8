using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tickr.Data;
using Tickr.Data.Ordering;
using Tickr.Domain.Common;
using Tickr.Domain.Ordering;
using Tickr.Domain.Payments;
using Tickr.Graph.Live;

namespace Tickr.Graph.Ordering;

/// <summary>The outcome of applying a provider's notification.</summary>
public enum NotificationOutcome
{
    /// <summary>Applied (paid, or a failure recorded).</summary>
    Applied,

    /// <summary>Seen before (same provider event id): nothing done.</summary>
    Duplicate,

    /// <summary>No order matches the payment.</summary>
    UnknownPayment,

    /// <summary>Paid but the tickets were gone (paid after expiry) or the order was cancelled: refunded automatically.</summary>
    Refunded,
}

/// <summary>
/// Payments of orders: starting a payment with a provider (idempotent per order and provider), applying the
/// provider's notifications exactly once (webhooks are deduplicated by event id; confirming twice is a no-op), and
/// refunding through the provider that took the money.
/// </summary>
public sealed class Checkout(
    IDbContextFactory<TickrDbContext> contexts,
    IPaymentProviders providers,
    LiveUpdates live,
    TimeProvider clock,
    IOptions<SellingOptions> options,
    ILogger<Checkout> log)
{
    /// <summary>
    /// Starts (or resumes) paying <paramref name="order"/> with <paramref name="provider"/>: a pending payment of the
    /// same provider is returned again rather than creating a second one. The Development provider confirms at once.
    /// A retry after a confirmation that was cut short (a payment already succeeded, or a development payment left
    /// pending) finishes that payment's confirmation and never charges again.
    /// </summary>
    public async Task<(PaymentSession Session, Order Order)> StartAsync(Order order, PaymentProviderKind provider, Uri requestBase, AuditSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(requestBase);
        var gateway = providers.Get(provider);
        var now = clock.GetUtcNow();
        if (!order.IsHoldActiveAt(now))
        {
            throw new OrderingException(OrderingErrorCode.InvalidOrderStatus, order.Status == OrderStatus.Reserved
                ? "The reservation has expired; reserve again."
                : $"A {order.Status.ToString().ToLowerInvariant()} order cannot be paid.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var attempts = await db.Payments.AsNoTracking().Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken);
        // The money is already taken for this (still reserved) order: its confirmation was cut short, say the database
        // failed between recording the payment and issuing the tickets. Finish that one instead of charging again.
        if (attempts.Find(p => p.Status == nameof(PaymentState.Succeeded)) is { } taken)
        {
            await ConfirmAsync(taken, source, cancellationToken);
            return (SessionOf(taken, PaymentState.Succeeded), await ReloadAsync(order.Id, cancellationToken));
        }
        if (attempts.Find(p => p.Provider == provider.ToString() && p.Status == nameof(PaymentState.Pending)) is { } pending)
        {
            if (provider != PaymentProviderKind.Development)
            {
                return (SessionOf(pending, PaymentState.Pending), order);
            }
            // A development payment succeeds when it is created, so a pending one is a confirmation that was cut short
            // (no webhook will ever come): apply its success now.
            await ApplyAsync(new PaymentNotification(provider, $"{pending.ProviderReference}:created", pending.ProviderReference,
                PaymentState.Succeeded, order.Total, now, order.Id), source, cancellationToken);
            return (SessionOf(pending, PaymentState.Succeeded), await ReloadAsync(order.Id, cancellationToken));
        }
        var attempt = attempts.Count + 1;
        var baseUrl = options.Value.PublicBaseUrl ?? requestBase;
        var request = new PaymentRequest(
            order.Id,
            attempt == 1 ? order.Number : $"{order.Number}-{attempt}",
            order.Total,
            order.BuyerEmail,
            $"checkout:{order.Id:N}:{provider}:{attempt}",
            "fr",
            new Uri(baseUrl, $"/payments/clictopay/return?tickrOrderId={order.Id:N}"),
            new Uri(baseUrl, $"/payments/clictopay/return?tickrOrderId={order.Id:N}&failed=1"));
        var session = await gateway.CreatePaymentAsync(request, cancellationToken);
        db.Payments.Add(new PaymentRecord
        {
            Id = Guid.CreateVersion7(now),
            OrderId = order.Id,
            Provider = provider.ToString(),
            ProviderReference = session.ProviderReference,
            // Recorded pending even when the provider already says succeeded: the confirmation below (or the webhook)
            // is what moves it, so it confirms the order exactly once.
            Status = nameof(PaymentState.Pending),
            AmountMinorUnits = order.TotalMinorUnits,
            Currency = order.Currency.Code,
            ClientSecret = session.ClientSecret,
            RedirectUrl = session.RedirectUrl?.ToString(),
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        if (session.State == PaymentState.Succeeded)
        {
            // The Development provider: paid on the spot.
            await ApplyAsync(new PaymentNotification(provider, $"{session.ProviderReference}:created", session.ProviderReference,
                PaymentState.Succeeded, order.Total, now, order.Id), source, cancellationToken);
            order = await ReloadAsync(order.Id, cancellationToken);
        }
        return (session, order);
    }

    private static PaymentSession SessionOf(PaymentRecord payment, PaymentState state) =>
        new(payment.ProviderReference, state, payment.ClientSecret, payment.RedirectUrl is null ? null : new Uri(payment.RedirectUrl));

    private async Task<Order> ReloadAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Orders.AsNoTracking().Include(o => o.Lines).FirstAsync(o => o.Id == orderId, cancellationToken);
    }

    /// <summary>
    /// Applies a verified notification once: a success confirms the order (tickets, email); a paid order whose tickets
    /// are gone is refunded in full at once; a failure is recorded. Safe to call twice with the same notification, and
    /// in any order (a late failure never undoes a payment).
    /// </summary>
    public async Task<NotificationOutcome> ApplyAsync(PaymentNotification notification, AuditSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var provider = notification.Provider.ToString();
        if (await db.ProcessedWebhooks.AnyAsync(w => w.Provider == provider && w.EventId == notification.ProviderEventId, cancellationToken))
        {
            return NotificationOutcome.Duplicate;
        }
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Provider == provider && p.ProviderReference == notification.ProviderReference, cancellationToken);
        if (payment is null)
        {
            log.LogWarning("A {Provider} notification names payment {Reference}, which no order has.", provider, notification.ProviderReference);
            return NotificationOutcome.UnknownPayment;
        }
        var outcome = NotificationOutcome.Applied;
        if (notification.State == PaymentState.Succeeded
            && (payment.Status != nameof(PaymentState.Succeeded) || await AwaitsConfirmationAsync(db, payment, cancellationToken)))
        {
            if (notification.Amount is { } paid && (paid.MinorUnits != payment.AmountMinorUnits || paid.Currency.Code != payment.Currency))
            {
                log.LogError("Payment {Reference} captured {Paid}, not the order's {Expected} {Currency}: not confirmed.",
                    payment.ProviderReference, paid, payment.AmountMinorUnits, payment.Currency);
                return NotificationOutcome.Applied;
            }
            if (payment.Status != nameof(PaymentState.Succeeded))
            {
                payment.Status = nameof(PaymentState.Succeeded);
                payment.UpdatedAt = now;
                await db.SaveChangesAsync(cancellationToken);
            }
            outcome = await ConfirmAsync(payment, source, cancellationToken);
        }
        else if (notification.State == PaymentState.Failed && payment.Status == nameof(PaymentState.Pending))
        {
            payment.Status = nameof(PaymentState.Failed);
            payment.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        db.ProcessedWebhooks.Add(new ProcessedWebhook { Provider = provider, EventId = notification.ProviderEventId, ReceivedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(db, e, out _))
        {
            // The same event delivered twice at once: the other delivery recorded it; the effect is idempotent.
            return NotificationOutcome.Duplicate;
        }
        return outcome;
    }

    /// <summary>
    /// A payment recorded as succeeded whose confirmation did not finish (the database failed after the payment was
    /// recorded and before the order was paid, or before an unfulfillable one was refunded): its order is neither paid
    /// nor refunded, and no refund names it. Confirming it again is safe: the order's version lets the tickets be issued
    /// once, and the automatic refund's idempotency key lets the provider refund once.
    /// </summary>
    private static async Task<bool> AwaitsConfirmationAsync(TickrDbContext db, PaymentRecord payment, CancellationToken cancellationToken) =>
        await db.Orders.AnyAsync(o => o.Id == payment.OrderId && o.Status != OrderStatus.Paid && o.Status != OrderStatus.Refunded, cancellationToken)
        && !await db.Refunds.AnyAsync(r => r.PaymentId == payment.Id, cancellationToken);

    private async Task<NotificationOutcome> ConfirmAsync(PaymentRecord payment, AuditSource source, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        ConfirmationOutcome outcome;
        Order? order;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            try
            {
                (outcome, order) = await OrderBook.ConfirmPaymentAsync(db, payment.OrderId, now, source,
                    new { payment.Provider, payment.ProviderReference, Amount = payment.AmountMinorUnits, payment.Currency }, cancellationToken);
                break;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another confirmation (or the sweeper) changed the order meanwhile: look again.
            }
        }
        switch (outcome)
        {
            case ConfirmationOutcome.Paid:
                await live.OrderChangedAsync(order!, cancellationToken);
                return NotificationOutcome.Applied;
            case ConfirmationOutcome.AlreadyPaid:
                return NotificationOutcome.Applied;
            default:
                await RefundUnfulfilledAsync(payment, order, outcome, source, cancellationToken);
                return NotificationOutcome.Refunded;
        }
    }

    // Money taken for an order that cannot be fulfilled (paid after expiry when sold out, or cancelled): give it all back.
    private async Task RefundUnfulfilledAsync(PaymentRecord payment, Order? order, ConfirmationOutcome why, AuditSource source, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var amount = new Money(payment.AmountMinorUnits, Currency.FromCode(payment.Currency));
        var kind = Enum.Parse<PaymentProviderKind>(payment.Provider);
        var result = await providers.Get(kind).RefundAsync(new RefundRequest(payment.ProviderReference, amount,
            $"unfulfilled:{payment.Id:N}", why == ConfirmationOutcome.SoldOutAfterExpiry ? "Paid after the reservation expired; sold out" : "Order cancelled"), cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var refund = new RefundRecord
        {
            Id = Guid.CreateVersion7(now),
            OrderId = payment.OrderId,
            PaymentId = payment.Id,
            AmountMinorUnits = amount.MinorUnits,
            Currency = amount.Currency.Code,
            Status = result.Succeeded ? "Succeeded" : "Failed",
            ProviderReference = result.RefundReference,
            Reason = why == ConfirmationOutcome.SoldOutAfterExpiry ? "sold out after expiry" : "order not payable",
            CreatedAt = now,
        };
        db.Refunds.Add(refund);
        if (result.Succeeded)
        {
            OrderBook.Enqueue(db, now, OrderBook.RefundEmail, new { OrderId = payment.OrderId, RefundId = refund.Id }, $"refund:{refund.Id}");
        }
        OrderBook.Audit(db, now, source, "order.auto-refunded", order?.OrganizationId, order?.EventId, payment.OrderId,
            new { Amount = amount.MinorUnits, amount.Currency.Code, result.Succeeded, result.FailureReason });
        await db.SaveChangesAsync(cancellationToken);
        if (!result.Succeeded)
        {
            log.LogError("Automatic refund of payment {Reference} failed: {Reason}. An operator must refund it.", payment.ProviderReference, result.FailureReason);
        }
    }

    /// <summary>
    /// Refunds part or all of a paid order through the provider that took the money, then records it (tickets revoked,
    /// inventory back on sale if the policy restocks). The provider's idempotency key is derived from what was already
    /// refunded, so two identical concurrent requests refund once; the second loses the order's version check.
    /// </summary>
    public async Task<(Order Order, RefundRecord Refund)> RefundAsync(Guid orderId, Money? amount, IReadOnlyCollection<Guid> ticketIds, string? reason, bool restock, AuditSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticketIds);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == orderId, cancellationToken);
        if (order.Status != OrderStatus.Paid)
        {
            throw new OrderingException(OrderingErrorCode.InvalidOrderStatus, $"A {order.Status.ToString().ToLowerInvariant()} order cannot be refunded.");
        }
        var refundAmount = amount ?? await AmountOfAsync(db, order, ticketIds, cancellationToken);
        refundAmount.EnsureCurrency(order.Currency, "amount");
        if (refundAmount.MinorUnits <= 0 || refundAmount > order.Refundable)
        {
            throw new OrderingException(OrderingErrorCode.InvalidRefundAmount,
                $"A refund must be between 1 minor unit and the {order.Refundable} left to refund.");
        }
        var payment = await db.Payments.AsNoTracking()
            .Where(p => p.OrderId == orderId && p.Status == nameof(PaymentState.Succeeded))
            .OrderByDescending(p => p.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        string? reference = null;
        if (payment is not null)
        {
            var result = await providers.Get(Enum.Parse<PaymentProviderKind>(payment.Provider)).RefundAsync(
                new RefundRequest(payment.ProviderReference, refundAmount, $"refund:{order.Id:N}:{order.RefundedMinorUnits}:{refundAmount.MinorUnits}", reason),
                cancellationToken);
            if (!result.Succeeded)
            {
                throw result.FailureCode == RefundFailureCode.ExceedsRefundable
                    ? new OrderingException(OrderingErrorCode.InvalidRefundAmount, result.FailureReason ?? "The provider refused the amount.")
                    : new PaymentProviderException(Enum.Parse<PaymentProviderKind>(payment.Provider), PaymentErrorCode.InvalidRequest, result.FailureReason ?? "The provider refused the refund.");
            }
            reference = result.RefundReference;
        }
        var refund = await OrderBook.RecordRefundAsync(db, order, refundAmount, ticketIds, restock, reference, payment?.Id, reason, now, source, cancellationToken);
        await live.OrderChangedAsync(order, cancellationToken);
        return (order, refund);
    }

    // The paid price of the named tickets (all remaining when none are named).
    private static async Task<Money> AmountOfAsync(TickrDbContext db, Order order, IReadOnlyCollection<Guid> ticketIds, CancellationToken cancellationToken)
    {
        if (ticketIds.Count == 0)
        {
            return order.Refundable;
        }
        var types = await db.Tickets.AsNoTracking().Where(t => t.OrderId == order.Id && ticketIds.Contains(t.Id) && t.Status == Domain.Ticketing.TicketStatus.Valid)
            .Select(t => t.TicketTypeId).ToListAsync(cancellationToken);
        if (types.Count != ticketIds.Count)
        {
            throw new OrderingException(OrderingErrorCode.InvalidRefundAmount, "Some tickets are not valid tickets of this order.");
        }
        var total = types.Sum(type =>
        {
            var line = order.Lines.First(l => l.TicketTypeId == type);
            return line.UnitPriceMinorUnits - line.UnitDiscountMinorUnits;
        });
        return new Money(total, order.Currency);
    }
}
