using System.Collections.Concurrent;
using Tickr.Domain.Common;
using Tickr.Domain.Payments;

namespace Tickr.Graph.Payments.Development;

/// <summary>
/// Confirms every payment at once without moving money, so that a developer's checkout completes with no provider
/// account. Registered outside Production only (<see cref="PaymentServiceCollectionExtensions.AddTickrPayments"/>).
/// Payments live in this process's memory: the same idempotency key gives the same reference, refunds are checked
/// against what was paid, and a reference this process has not seen (after a restart) reads as paid, amount unknown.
/// </summary>
public sealed class DevelopmentPaymentProvider : IPaymentProvider
{
    /// <summary>Prefix of the references this provider issues.</summary>
    public const string ReferencePrefix = "dev_";

    private readonly ConcurrentDictionary<string, Payment> _byReference = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Payment> _byIdempotencyKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refundsByKey = new(StringComparer.Ordinal);

    public PaymentProviderKind Kind => PaymentProviderKind.Development;

    public Task<PaymentSession> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);
        if (request.Amount.MinorUnits <= 0)
        {
            throw new PaymentProviderException(Kind, PaymentErrorCode.InvalidRequest, $"Cannot take an amount of {request.Amount}.");
        }
        var payment = _byIdempotencyKey.GetOrAdd(request.IdempotencyKey,
            _ => new Payment(ReferencePrefix + Guid.NewGuid().ToString("N"), request.Amount));
        _byReference.TryAdd(payment.Reference, payment);
        return Task.FromResult(new PaymentSession(payment.Reference, PaymentState.Succeeded, null, null));
    }

    public Task<PaymentStatus> GetStatusAsync(string providerReference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerReference);
        if (!providerReference.StartsWith(ReferencePrefix, StringComparison.Ordinal))
        {
            throw new PaymentProviderException(Kind, PaymentErrorCode.UnknownPayment, $"'{providerReference}' is not a development payment.");
        }
        if (!_byReference.TryGetValue(providerReference, out var payment))
        {
            return Task.FromResult(new PaymentStatus(providerReference, PaymentState.Succeeded, null, null));
        }
        lock (payment)
        {
            var refunded = payment.Refunded.IsZero ? (Money?)null : payment.Refunded;
            return Task.FromResult(new PaymentStatus(providerReference, refunded is null ? PaymentState.Succeeded : PaymentState.Refunded,
                payment.Amount, null, refunded));
        }
    }

    public Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);
        if (_refundsByKey.TryGetValue(request.IdempotencyKey, out var earlier))
        {
            return Task.FromResult(RefundResult.Accepted(earlier));
        }
        if (_byReference.TryGetValue(request.ProviderReference, out var payment))
        {
            lock (payment)
            {
                if (request.Amount.Currency != payment.Amount.Currency)
                {
                    throw new PaymentProviderException(Kind, PaymentErrorCode.InvalidRequest,
                        $"The refund is in {request.Amount.Currency.Code}, the payment in {payment.Amount.Currency.Code}.");
                }
                var remaining = payment.Amount - payment.Refunded;
                if (request.Amount > remaining || request.Amount.MinorUnits <= 0)
                {
                    return Task.FromResult(RefundResult.Refused(RefundFailureCode.ExceedsRefundable,
                        $"Only {remaining} remains refundable; {request.Amount} was asked."));
                }
                payment.Refunded += request.Amount;
            }
        }
        var reference = _refundsByKey.GetOrAdd(request.IdempotencyKey, _ => "dev_re_" + Guid.NewGuid().ToString("N"));
        return Task.FromResult(RefundResult.Accepted(reference));
    }

    private sealed class Payment(string reference, Money amount)
    {
        public string Reference { get; } = reference;

        public Money Amount { get; } = amount;

        public Money Refunded { get; set; } = Money.Zero(amount.Currency);
    }
}
