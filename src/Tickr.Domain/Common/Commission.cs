namespace Tickr.Domain.Common;

/// <summary>How a ticket's price splits between the organizer and the platform.</summary>
/// <param name="Gross">What the participant pays.</param>
/// <param name="Platform">The platform's commission.</param>
/// <param name="Organizer">What the organizer receives: gross minus commission.</param>
public readonly record struct CommissionSplit(Money Gross, Money Platform, Money Organizer);

/// <summary>
/// The platform commission: 4 % of each ticket sold, paid by the organizer (card fees are the platform's). The
/// commission is computed per ticket in minor units and rounded to the nearest minor unit, halves away from zero;
/// the organizer gets the rest, so the two parts always add up to the price exactly.
/// </summary>
/// <remarks>
/// At 4 % a tie cannot happen (price × 4 is never ≡ 50 mod 100), but the rate is a parameter and the rule must hold
/// for any rate. Per ticket, not per order: an order of N tickets gets N times the per-ticket split, so refunding one
/// ticket gives back exactly its share.
/// </remarks>
public sealed class Commission
{
    /// <summary>The product's rate: 4 % (400 basis points).</summary>
    public static readonly Commission Standard = new(400);

    public Commission(int basisPoints)
    {
        if (basisPoints is < 0 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(basisPoints), basisPoints, "A commission is between 0 and 100 %.");
        }
        BasisPoints = basisPoints;
    }

    /// <summary>The rate in hundredths of a percent (400 = 4 %).</summary>
    public int BasisPoints { get; }

    public CommissionSplit Split(Money price)
    {
        if (price.IsNegative)
        {
            throw new DomainException(DomainErrorCode.InvalidValue, "A price cannot be negative.", "price");
        }
        var platform = new Money(RoundHalfAwayFromZero(price.MinorUnits, BasisPoints), price.Currency);
        return new CommissionSplit(price, platform, price - platform);
    }

    /// <summary>The split of <paramref name="quantity"/> tickets at <paramref name="unitPrice"/>: N × the per-ticket split.</summary>
    public CommissionSplit Split(Money unitPrice, int quantity)
    {
        var one = Split(unitPrice);
        return new CommissionSplit(one.Gross * quantity, one.Platform * quantity, one.Organizer * quantity);
    }

    private static long RoundHalfAwayFromZero(long amount, int basisPoints)
    {
        // amount × bp / 10 000 in integers: no float, no decimal. 128-bit product so that no price can overflow.
        var product = (Int128)amount * basisPoints;
        var quotient = product / 10_000;
        var remainder = product % 10_000;
        if (remainder * 2 >= 10_000)
        {
            quotient++;
        }
        return (long)quotient;
    }
}
