using System.Globalization;

namespace Tickr.Domain.Common;

/// <summary>
/// An exact amount: integer minor units (millimes for TND, cents for EUR) with its currency. Never a float; arithmetic
/// between two currencies is refused.
/// </summary>
public readonly record struct Money
{
    public Money(long minorUnits, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        MinorUnits = minorUnits;
        Currency = currency;
    }

    /// <summary>The amount in minor units (50 TND = 50000).</summary>
    public long MinorUnits { get; }

    public Currency Currency { get; }

    public bool IsZero => MinorUnits == 0;

    public bool IsNegative => MinorUnits < 0;

    public static Money Zero(Currency currency) => new(0, currency);

    /// <summary>An amount in major units, e.g. <c>FromMajor(50, Tnd)</c> = 50.000 TND.</summary>
    public static Money FromMajor(long major, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return new Money(checked(major * currency.MinorPerMajor), currency);
    }

    /// <summary>
    /// An exact decimal amount (<c>12.5</c> EUR); refused when it has more digits than the currency's minor unit
    /// (<c>12.345</c> EUR), since rounding someone's price silently is wrong.
    /// </summary>
    public static Money FromDecimal(decimal amount, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        // Checked before scaling: near decimal.MaxValue the multiplication itself would overflow, and a client's
        // amount that large is a refused value, not an unexpected exception.
        if (decimal.Abs(amount) > (decimal)long.MaxValue / currency.MinorPerMajor)
        {
            throw new DomainException(DomainErrorCode.InvalidValue, "The amount is too large.", "amount");
        }
        var scaled = amount * currency.MinorPerMajor;
        if (scaled != decimal.Truncate(scaled))
        {
            throw new DomainException(DomainErrorCode.InvalidValue,
                $"{amount.ToString(CultureInfo.InvariantCulture)} {currency.Code} has more than {currency.MinorUnits} decimals.", "amount");
        }
        return new Money((long)scaled, currency);
    }

    /// <summary>The amount as a decimal in major units (48.000 TND → 48.000m).</summary>
    public decimal ToDecimal() => decimal.Divide(MinorUnits, Currency.MinorPerMajor);

    public static Money operator +(Money a, Money b) => new(checked(a.MinorUnits + b.Same(a).MinorUnits), a.Currency);

    public static Money operator -(Money a, Money b) => new(checked(a.MinorUnits - b.Same(a).MinorUnits), a.Currency);

    public static Money operator *(Money a, int quantity) => new(checked(a.MinorUnits * quantity), a.Currency);

    public static bool operator <(Money a, Money b) => a.MinorUnits < b.Same(a).MinorUnits;

    public static bool operator >(Money a, Money b) => a.MinorUnits > b.Same(a).MinorUnits;

    public static bool operator <=(Money a, Money b) => a.MinorUnits <= b.Same(a).MinorUnits;

    public static bool operator >=(Money a, Money b) => a.MinorUnits >= b.Same(a).MinorUnits;

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    public Money Multiply(int quantity) => this * quantity;

    /// <summary>Throws a <see cref="DomainException"/> unless this amount is in <paramref name="currency"/>.</summary>
    public Money EnsureCurrency(Currency currency, string? field = null)
    {
        if (Currency != currency)
        {
            throw new DomainException(DomainErrorCode.CurrencyMismatch,
                $"The amount is in {Currency.Code}; {currency.Code} is required.", field);
        }
        return this;
    }

    private Money Same(Money other)
    {
        if (Currency != other.Currency)
        {
            throw new DomainException(DomainErrorCode.CurrencyMismatch,
                $"Cannot combine {other.Currency.Code} and {Currency.Code} amounts.");
        }
        return this;
    }

    /// <summary><c>48.000 TND</c>: all minor digits, invariant culture.</summary>
    public override string ToString() =>
        ToDecimal().ToString("F" + Currency.MinorUnits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + Currency.Code;
}
