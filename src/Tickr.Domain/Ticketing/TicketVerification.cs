namespace Tickr.Domain.Ticketing;

/// <summary>The outcome of checking a ticket token.</summary>
public enum TicketVerificationStatus
{
    /// <summary>Well formed and signed by the key it was checked with.</summary>
    Valid,

    /// <summary>Not a ticket token at all: wrong prefix, length, encoding or format version.</summary>
    Malformed,

    /// <summary>A well-formed token whose signature does not match the key (forged, altered, or another event's key).</summary>
    InvalidSignature,
}

/// <summary>The result of <see cref="TicketToken.Verify"/>.</summary>
/// <param name="Status">What the check found.</param>
/// <param name="Claims">The claims, only when <see cref="Status"/> is <see cref="TicketVerificationStatus.Valid"/>.</param>
public sealed record TicketVerification(TicketVerificationStatus Status, TicketClaims? Claims)
{
    internal static readonly TicketVerification Malformed = new(TicketVerificationStatus.Malformed, null);
    internal static readonly TicketVerification InvalidSignature = new(TicketVerificationStatus.InvalidSignature, null);

    /// <summary>True when the token is authentic; <see cref="Claims"/> is then set.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Claims))]
    public bool IsValid => Status == TicketVerificationStatus.Valid;
}
