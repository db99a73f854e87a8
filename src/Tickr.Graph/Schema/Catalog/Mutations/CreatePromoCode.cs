using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Common;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>A discount code for an event: a percentage or a fixed amount off each ticket.</summary>
public sealed class CreatePromoCodeInput
{
    /// <summary>The event the code is for.</summary>
    [ID]
    public required string EventId { get; init; }

    /// <summary>What buyers type: 3 to 40 letters, digits, '-' or '_', case-insensitive; unique within the event.</summary>
    public required string Code { get; init; }

    /// <summary>PERCENTAGE (give percentOff) or FIXED_AMOUNT (give amountOff).</summary>
    public required DiscountKind Kind { get; init; }

    /// <summary>Percent off each ticket, 1 to 100, for PERCENTAGE codes.</summary>
    public int? PercentOff { get; init; }

    /// <summary>Amount off each ticket, in the event's currency, for FIXED_AMOUNT codes.</summary>
    public MoneyInput? AmountOff { get; init; }

    /// <summary>How many tickets the code may discount in all (at least 1); null: unlimited.</summary>
    public int? MaxUses { get; init; }

    /// <summary>From when the code works; null: at once.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>Until when the code works (exclusive); null: until sales end.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>The event's ticket types the code applies to; null or empty: all of them.</summary>
    [ID]
    public IReadOnlyList<string>? TicketTypeIds { get; init; }
}

/// <summary>The result of <c>createPromoCode</c>.</summary>
public sealed class CreatePromoCodePayload(PromoCodeNode? promoCode, IReadOnlyList<ICreatePromoCodeError> errors)
{
    /// <summary>The new promo code; null when it was not created (see <c>errors</c>).</summary>
    public PromoCodeNode? PromoCode => promoCode;

    /// <summary>Why the promo code was not created; empty on success.</summary>
    public IReadOnlyList<ICreatePromoCodeError> Errors => errors;
}
