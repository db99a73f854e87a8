using Tickr.Domain.Common;

namespace Tickr.Domain.Payments;

/// <summary>A payment's state as its provider reports it now.</summary>
/// <param name="ProviderReference">The provider's id of the payment.</param>
/// <param name="State">Provider-neutral state.</param>
/// <param name="AmountPaid">The captured amount once paid (also for a refunded payment); null while nothing is captured.</param>
/// <param name="FailureReason">The provider's explanation of a decline, when it gives one.</param>
/// <param name="AmountRefunded">
/// What has been refunded so far (null when nothing was): after a refund call that timed out, this tells whether it
/// went through.
/// </param>
public sealed record PaymentStatus(
    string ProviderReference, PaymentState State, Money? AmountPaid, string? FailureReason, Money? AmountRefunded = null);
