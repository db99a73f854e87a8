using Tickr.Domain.Common;

namespace Tickr.Domain.Catalog;

/// <summary>How a promo code lowers a price.</summary>
public enum DiscountKind
{
    /// <summary>A percentage of each ticket's price.</summary>
    Percentage,

    /// <summary>A fixed amount off each ticket (never below zero).</summary>
    FixedAmount,
}

/// <summary>
/// A discount code for an event: a percentage or a fixed amount off each ticket, limited in uses and time, and
/// optionally to some ticket types.
/// </summary>
public sealed class PromoCode
{
    private readonly List<PromoCodeTicketType> _ticketTypes = [];

    private PromoCode() { }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    /// <summary>What buyers type, upper-case; unique within the event.</summary>
    public string Code { get; private set; } = "";

    public DiscountKind Kind { get; private set; }

    /// <summary>Percent off (1–100) for <see cref="DiscountKind.Percentage"/>.</summary>
    public int? PercentOff { get; private set; }

    /// <summary>The event's currency, in which <see cref="AmountOff"/> is expressed.</summary>
    public Currency Currency { get; private set; } = Currency.Tnd;

    /// <summary><see cref="AmountOff"/> in minor units.</summary>
    public long? AmountOffMinorUnits { get; private set; }

    /// <summary>Amount off each ticket for <see cref="DiscountKind.FixedAmount"/>, in the event's currency.</summary>
    public Money? AmountOff => AmountOffMinorUnits is { } amount ? new Money(amount, Currency) : null;

    /// <summary>How many tickets the code may discount in all; null = unlimited.</summary>
    public int? MaxUses { get; private set; }

    /// <summary>Tickets discounted so far (held or sold).</summary>
    public int TimesUsed { get; private set; }

    public DateTimeOffset? ValidFrom { get; private set; }

    public DateTimeOffset? ValidUntil { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The ticket types the code applies to; empty = all of the event's types.</summary>
    public IReadOnlyList<PromoCodeTicketType> TicketTypes => _ticketTypes;

    internal static PromoCode Create(Event owner, PromoCodeDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var promo = new PromoCode
        {
            Id = Guid.CreateVersion7(now),
            EventId = owner.Id,
            Code = Codes.Normalize(details.Code, "code"),
            Kind = details.Kind,
            Currency = owner.Currency,
            CreatedAt = now,
        };
        switch (details.Kind)
        {
            case DiscountKind.Percentage:
                if (details.PercentOff is not (>= 1 and <= 100) || details.AmountOff is not null)
                {
                    throw new DomainException(DomainErrorCode.InvalidValue, "A percentage code needs percentOff between 1 and 100 and no amountOff.", "percentOff");
                }
                promo.PercentOff = details.PercentOff;
                break;
            case DiscountKind.FixedAmount:
                if (details.AmountOff is not { } amount || amount.MinorUnits <= 0 || details.PercentOff is not null)
                {
                    throw new DomainException(DomainErrorCode.InvalidValue, "A fixed-amount code needs a positive amountOff and no percentOff.", "amountOff");
                }
                promo.AmountOffMinorUnits = amount.EnsureCurrency(owner.Currency, "amountOff").MinorUnits;
                break;
            default:
                throw new DomainException(DomainErrorCode.InvalidValue, "Unknown discount kind.", "kind");
        }
        if (details.MaxUses is < 1)
        {
            throw new DomainException(DomainErrorCode.InvalidValue, "maxUses must be at least 1 (or absent for unlimited).", "maxUses");
        }
        promo.MaxUses = details.MaxUses;
        Period.Require(details.ValidFrom, details.ValidUntil, "validUntil");
        promo.ValidFrom = Period.Utc(details.ValidFrom);
        promo.ValidUntil = Period.Utc(details.ValidUntil);
        foreach (var id in (details.TicketTypeIds ?? []).Distinct())
        {
            if (owner.FindTicketType(id) is null)
            {
                throw new DomainException(DomainErrorCode.Mismatch, "A ticket type of the promo code is not one of this event's.", "ticketTypeIds");
            }
            promo._ticketTypes.Add(new PromoCodeTicketType(promo.Id, id));
        }
        return promo;
    }

    /// <summary>Uses left; null when unlimited.</summary>
    public int? RemainingUses => MaxUses is { } max ? Math.Max(0, max - TimesUsed) : null;

    public bool IsValidAt(DateTimeOffset now) =>
        (ValidFrom is not { } from || now >= from) && (ValidUntil is not { } until || now < until);

    public bool AppliesTo(Guid ticketTypeId) => _ticketTypes.Count == 0 || _ticketTypes.Exists(t => t.TicketTypeId == ticketTypeId);

    /// <summary>
    /// The discount on one ticket at <paramref name="unitPrice"/>: a percentage rounds to the nearest minor unit
    /// (halves away from zero); a fixed amount never exceeds the price.
    /// </summary>
    public Money DiscountOn(Money unitPrice)
    {
        if (Kind == DiscountKind.Percentage)
        {
            var off = ((Int128)unitPrice.MinorUnits * PercentOff!.Value * 2 + 100) / 200;
            return new Money((long)off, unitPrice.Currency);
        }
        var amount = AmountOff!.Value.EnsureCurrency(unitPrice.Currency);
        return amount > unitPrice ? unitPrice : amount;
    }
}

/// <summary>A ticket type a promo code is restricted to.</summary>
public sealed record PromoCodeTicketType(Guid PromoCodeId, Guid TicketTypeId);

/// <summary>What an organizer gives to create a promo code.</summary>
public sealed record PromoCodeDetails(
    string Code,
    DiscountKind Kind,
    int? PercentOff,
    Money? AmountOff,
    int? MaxUses,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    IReadOnlyCollection<Guid>? TicketTypeIds);
