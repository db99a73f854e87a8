using Tickr.Domain.Common;

namespace Tickr.Domain.Tests.Common;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("TND", 3, 1000, 788)]
    [InlineData("EUR", 2, 100, 978)]
    [InlineData("USD", 2, 100, 840)]
    public void Each_currency_has_its_ISO_minor_unit_digits_and_numeric_code(string code, int digits, long perMajor, int numeric)
    {
        var currency = Currency.FromCode(code);
        Assert.Equal(code, currency.Code);
        Assert.Equal(digits, currency.MinorUnits);
        Assert.Equal(perMajor, currency.MinorPerMajor);
        Assert.Equal(numeric, currency.NumericCode);
    }

    [Fact]
    public void Tunisian_dinar_has_three_decimals_millimes()
    {
        Assert.Equal(3, Currency.Tnd.MinorUnits);
        Assert.Equal(50_000, Money.FromMajor(50, Currency.Tnd).MinorUnits);
    }

    [Theory]
    [InlineData("tnd")]
    [InlineData(" TND ")]
    [InlineData("Tnd")]
    public void Codes_are_read_case_insensitively_and_trimmed(string code)
    {
        Assert.Same(Currency.Tnd, Currency.FromCode(code));
        Assert.True(Currency.TryFromCode(code, out var currency));
        Assert.Same(Currency.Tnd, currency);
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("GBP")]
    [InlineData("")]
    [InlineData("TNDX")]
    public void An_unknown_currency_is_refused_not_guessed(string code)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "currency", () => Currency.FromCode(code));
        Assert.False(Currency.TryFromCode(code, out _));
    }

    [Fact]
    public void A_missing_code_is_not_a_currency()
    {
        Assert.False(Currency.TryFromCode(null, out _));
        Assert.Throws<ArgumentNullException>(() => Currency.FromCode(null!));
    }

    [Fact]
    public void Tickr_sells_in_exactly_TND_EUR_and_USD()
    {
        Assert.Equal(["EUR", "TND", "USD"], Currency.All.Select(c => c.Code).Order());
        Assert.Equal("TND", Currency.Tnd.ToString());
    }
}
