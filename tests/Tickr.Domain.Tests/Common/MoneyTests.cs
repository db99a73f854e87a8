using System.Globalization;
using Tickr.Domain.Common;

namespace Tickr.Domain.Tests.Common;

public sealed class MoneyTests
{
    private static Money Tnd(long millimes) => new(millimes, Currency.Tnd);

    private static Money Eur(long cents) => new(cents, Currency.Eur);

    [Fact]
    public void Major_units_are_counted_in_the_currency_s_minor_units()
    {
        Assert.Equal(Tnd(50_000), Money.FromMajor(50, Currency.Tnd));
        Assert.Equal(Eur(5_000), Money.FromMajor(50, Currency.Eur));
        Assert.Equal(new Money(5_000, Currency.Usd), Money.FromMajor(50, Currency.Usd));
    }

    [Theory]
    [InlineData("12.5", "EUR", 1250)]
    [InlineData("12.50", "EUR", 1250)]
    [InlineData("12.340", "EUR", 1234)]
    [InlineData("12.345", "TND", 12345)]
    [InlineData("0.001", "TND", 1)]
    [InlineData("0.01", "USD", 1)]
    [InlineData("-1.5", "TND", -1500)]
    [InlineData("0", "EUR", 0)]
    public void An_exact_decimal_within_the_currency_s_digits_is_accepted(string amount, string currency, long minorUnits)
    {
        var money = Money.FromDecimal(decimal.Parse(amount, CultureInfo.InvariantCulture), Currency.FromCode(currency));
        Assert.Equal(minorUnits, money.MinorUnits);
        Assert.Equal(currency, money.Currency.Code);
    }

    [Theory]
    [InlineData("12.345", "EUR")]
    [InlineData("0.001", "USD")]
    [InlineData("1.0005", "TND")]
    [InlineData("12.3450", "EUR")]
    public void A_decimal_with_more_digits_than_the_currency_has_is_refused_not_rounded(string amount, string currency)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "amount",
            () => Money.FromDecimal(decimal.Parse(amount, CultureInfo.InvariantCulture), Currency.FromCode(currency)));
    }

    [Theory]
    [InlineData("100000000000000000000")]
    [InlineData("-100000000000000000000")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    public void An_amount_too_large_for_minor_units_is_refused_as_an_invalid_value(string amount)
    {
        // A client can send any decimal (MoneyInput.amount): too large is a typed error, not an unexpected exception.
        Expect.Refusal(DomainErrorCode.InvalidValue, "amount",
            () => Money.FromDecimal(decimal.Parse(amount, CultureInfo.InvariantCulture), Currency.Tnd));
    }

    [Fact]
    public void The_largest_amounts_that_fit_in_minor_units_are_accepted()
    {
        Assert.Equal(long.MaxValue, Money.FromDecimal(9_223_372_036_854_775.807m, Currency.Tnd).MinorUnits);
        Assert.Equal(long.MaxValue, Money.FromDecimal(92_233_720_368_547_758.07m, Currency.Eur).MinorUnits);
        Expect.Refusal(DomainErrorCode.InvalidValue, "amount", () => Money.FromDecimal(9_223_372_036_854_775.808m, Currency.Tnd));
    }

    [Theory]
    [InlineData("48", "TND")]
    [InlineData("12.345", "TND")]
    [InlineData("12.5", "EUR")]
    [InlineData("-0.01", "USD")]
    public void Decimal_amounts_round_trip_exactly(string amount, string currency)
    {
        var value = decimal.Parse(amount, CultureInfo.InvariantCulture);
        Assert.Equal(value, Money.FromDecimal(value, Currency.FromCode(currency)).ToDecimal());
    }

    [Fact]
    public void Amounts_in_one_currency_add_subtract_multiply_and_compare()
    {
        var price = Tnd(12_345);
        Assert.Equal(Tnd(24_690), price + price);
        Assert.Equal(Tnd(24_690), price.Add(price));
        Assert.Equal(Tnd(12_000), price - Tnd(345));
        Assert.Equal(Tnd(12_000), price.Subtract(Tnd(345)));
        Assert.Equal(Tnd(37_035), price * 3);
        Assert.Equal(Tnd(37_035), price.Multiply(3));
        Assert.True(Tnd(1) < Tnd(2));
        Assert.True(Tnd(2) > Tnd(1));
        Assert.True(Tnd(2) <= Tnd(2));
        Assert.True(Tnd(2) >= Tnd(2));
        Assert.True(Money.Zero(Currency.Tnd).IsZero);
        Assert.True((Tnd(1) - Tnd(2)).IsNegative);
    }

    public static TheoryData<string, Func<Money, Money, object>> Operations => new()
    {
        { "+", (a, b) => a + b },
        { "-", (a, b) => a - b },
        { "<", (a, b) => a < b },
        { ">", (a, b) => a > b },
        { "<=", (a, b) => a <= b },
        { ">=", (a, b) => a >= b },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Arithmetic_and_comparison_across_currencies_is_refused_with_CurrencyMismatch(string operation, Func<Money, Money, object> apply)
    {
        Assert.NotNull(operation);
        Expect.Refusal(DomainErrorCode.CurrencyMismatch, () => apply(Tnd(1000), Eur(100)));
        Expect.Refusal(DomainErrorCode.CurrencyMismatch, () => apply(Eur(100), new Money(100, Currency.Usd)));
    }

    [Fact]
    public void Amounts_in_different_currencies_are_simply_not_equal()
    {
        Assert.NotEqual(Eur(100), new Money(100, Currency.Usd));
        Assert.Equal(Eur(100), Money.FromDecimal(1m, Currency.Eur));
    }

    [Fact]
    public void EnsureCurrency_returns_the_amount_in_the_required_currency_and_refuses_another()
    {
        Assert.Equal(Tnd(5), Tnd(5).EnsureCurrency(Currency.Tnd));
        Expect.Refusal(DomainErrorCode.CurrencyMismatch, "price", () => Eur(5).EnsureCurrency(Currency.Tnd, "price"));
    }

    [Theory]
    [InlineData(48_000, "TND", "48.000 TND")]
    [InlineData(12_345, "TND", "12.345 TND")]
    [InlineData(-1_500, "TND", "-1.500 TND")]
    [InlineData(1_250, "EUR", "12.50 EUR")]
    [InlineData(5, "USD", "0.05 USD")]
    [InlineData(0, "EUR", "0.00 EUR")]
    public void ToString_shows_every_minor_digit_and_the_code(long minorUnits, string currency, string expected)
    {
        Assert.Equal(expected, new Money(minorUnits, Currency.FromCode(currency)).ToString());
    }

    [Fact]
    public void ToString_is_the_same_whatever_the_culture_of_the_thread()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            Assert.Equal("1234.500 TND", Tnd(1_234_500).ToString());
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ar-TN");
            Assert.Equal("1234.500 TND", Tnd(1_234_500).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Overflow_throws_instead_of_wrapping_around()
    {
        Assert.Throws<OverflowException>(() => Tnd(long.MaxValue) + Tnd(1));
        Assert.Throws<OverflowException>(() => Tnd(long.MinValue) - Tnd(1));
        Assert.Throws<OverflowException>(() => Tnd(long.MaxValue / 2 + 1) * 2);
        Assert.Throws<OverflowException>(() => Money.FromMajor(long.MaxValue / 100, Currency.Tnd));
    }

    [Fact]
    public void A_currency_is_required()
    {
        Assert.Throws<ArgumentNullException>(() => new Money(1, null!));
        Assert.Throws<ArgumentNullException>(() => Money.FromDecimal(1m, null!));
        Assert.Throws<ArgumentNullException>(() => Money.FromMajor(1, null!));
    }
}
