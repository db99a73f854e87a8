using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using static Tickr.Domain.Tests.Catalog.Sample;

namespace Tickr.Domain.Tests.Catalog;

public sealed class PromoCodeTests
{
    [Fact]
    public void A_code_is_stored_trimmed_and_upper_case()
    {
        var promo = Draft().CreatePromoCode(Percent(10, code: "  summer-27_a "), Now);
        Assert.Equal("SUMMER-27_A", promo.Code);
    }

    [Theory]
    [InlineData("AB")]
    [InlineData("SUMMER 27")]
    [InlineData("ÉTÉ2027")]
    [InlineData("")]
    public void A_code_is_3_to_40_letters_digits_hyphens_or_underscores(string code)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "code", () => Draft().CreatePromoCode(Percent(10, code), Now));
    }

    [Fact]
    public void A_code_that_already_exists_for_the_event_is_refused_whatever_its_case()
    {
        var e = Draft();
        e.CreatePromoCode(Percent(10, "SUMMER27"), Now);

        Expect.Refusal(DomainErrorCode.Duplicate, "code", () => e.CreatePromoCode(Percent(20, " summer27 "), Now));
        Assert.Single(e.PromoCodes);
    }

    [Fact]
    public void The_same_code_may_exist_on_another_event()
    {
        Draft().CreatePromoCode(Percent(10, "SUMMER27"), Now);
        Assert.Equal("SUMMER27", Draft(slug: "autre").CreatePromoCode(Percent(10, "SUMMER27"), Now).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-10)]
    public void A_percentage_is_between_1_and_100(int percent)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "percentOff", () => Draft().CreatePromoCode(Percent(percent), Now));
    }

    [Fact]
    public void A_percentage_code_has_no_amount_and_a_fixed_amount_code_has_no_percentage()
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "percentOff",
            () => Draft().CreatePromoCode(Percent(10) with { AmountOff = Tnd(5m) }, Now));
        Expect.Refusal(DomainErrorCode.InvalidValue, "amountOff",
            () => Draft().CreatePromoCode(Fixed(Tnd(5m)) with { PercentOff = 10 }, Now));
        Expect.Refusal(DomainErrorCode.InvalidValue, "percentOff",
            () => Draft().CreatePromoCode(Percent(10) with { PercentOff = null }, Now));
        Expect.Refusal(DomainErrorCode.InvalidValue, "amountOff",
            () => Draft().CreatePromoCode(Fixed(Tnd(5m)) with { AmountOff = null }, Now));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void A_fixed_amount_must_be_positive(string amount)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "amountOff",
            () => Draft().CreatePromoCode(Fixed(Tnd(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture))), Now));
    }

    [Fact]
    public void A_fixed_amount_in_another_currency_than_the_event_s_is_refused_with_CurrencyMismatch()
    {
        var e = Draft(Currency.Eur);
        Expect.Refusal(DomainErrorCode.CurrencyMismatch, "amountOff", () => e.CreatePromoCode(Fixed(Tnd(5m)), Now));
        Assert.Empty(e.PromoCodes);
    }

    [Fact]
    public void A_fixed_amount_is_kept_in_the_event_s_currency()
    {
        var promo = Draft(Currency.Eur).CreatePromoCode(Fixed(Money.FromDecimal(4.5m, Currency.Eur)), Now);
        Assert.Equal(DiscountKind.FixedAmount, promo.Kind);
        Assert.Equal(Money.FromDecimal(4.5m, Currency.Eur), promo.AmountOff);
        Assert.Equal(450, promo.AmountOffMinorUnits);
        Assert.Null(promo.PercentOff);
    }

    [Theory]
    [InlineData(10, 12_345, 1_235)] // 1234.5 → 1235: a half goes up
    [InlineData(10, 12_344, 1_234)] // 1234.4 → 1234
    [InlineData(50, 1, 1)] // 0.5 millime → 1
    [InlineData(15, 1_001, 150)] // 150.15 → 150
    [InlineData(33, 5, 2)] // 1.65 → 2
    [InlineData(100, 50_000, 50_000)]
    [InlineData(25, 0, 0)]
    public void A_percentage_discount_is_rounded_to_the_nearest_minor_unit_halves_up(int percent, long price, long discount)
    {
        var promo = Draft().CreatePromoCode(Percent(percent), Now);
        Assert.Equal(new Money(discount, Currency.Tnd), promo.DiscountOn(new Money(price, Currency.Tnd)));
    }

    [Fact]
    public void A_percentage_discount_never_exceeds_the_price_for_any_price()
    {
        var random = new Random(100);
        var e = Draft();
        for (var percent = 1; percent <= 100; percent++)
        {
            var promo = e.CreatePromoCode(Percent(percent, "P" + percent.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(3, '0')), Now);
            for (var i = 0; i < 200; i++)
            {
                var price = new Money(random.NextInt64(0, 10_000_000), Currency.Tnd);
                var discount = promo.DiscountOn(price);
                Assert.InRange(discount.MinorUnits, 0, price.MinorUnits);
            }
        }
    }

    [Theory]
    [InlineData(5_000, 15_000, 5_000)]
    [InlineData(20_000, 15_000, 15_000)] // capped: never below zero
    [InlineData(5_000, 0, 0)]
    public void A_fixed_discount_is_capped_at_the_price(long amountOff, long price, long discount)
    {
        var promo = Draft().CreatePromoCode(Fixed(new Money(amountOff, Currency.Tnd)), Now);
        Assert.Equal(new Money(discount, Currency.Tnd), promo.DiscountOn(new Money(price, Currency.Tnd)));
    }

    [Fact]
    public void A_discount_on_a_price_in_another_currency_is_refused()
    {
        var promo = Draft().CreatePromoCode(Fixed(Tnd(5m)), Now);
        Expect.Refusal(DomainErrorCode.CurrencyMismatch, () => promo.DiscountOn(Money.FromMajor(10, Currency.Eur)));
    }

    [Fact]
    public void The_validity_window_includes_its_start_and_excludes_its_end()
    {
        var from = Now.AddDays(1);
        var until = Now.AddDays(8);
        var promo = Draft().CreatePromoCode(Percent(10) with { ValidFrom = from, ValidUntil = until }, Now);

        Assert.False(promo.IsValidAt(from.AddTicks(-1)));
        Assert.True(promo.IsValidAt(from));
        Assert.True(promo.IsValidAt(until.AddTicks(-1)));
        Assert.False(promo.IsValidAt(until));
    }

    [Fact]
    public void Without_bounds_a_code_is_always_valid()
    {
        var promo = Draft().CreatePromoCode(Percent(10), Now);
        Assert.True(promo.IsValidAt(DateTimeOffset.MinValue));
        Assert.True(promo.IsValidAt(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void A_validity_window_ending_when_or_before_it_starts_is_refused_with_InvalidPeriod()
    {
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "validUntil",
            () => Draft().CreatePromoCode(Percent(10) with { ValidFrom = Now.AddDays(2), ValidUntil = Now.AddDays(2) }, Now));
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "validUntil",
            () => Draft().CreatePromoCode(Percent(10) with { ValidFrom = Now.AddDays(2), ValidUntil = Now.AddDays(1) }, Now));
    }

    [Fact]
    public void An_unrestricted_code_applies_to_every_ticket_type()
    {
        var e = WithTicketType(out var regular);
        var promo = e.CreatePromoCode(Percent(10), Now);
        Assert.True(promo.AppliesTo(regular.Id));
        Assert.True(promo.AppliesTo(Guid.NewGuid()));
    }

    [Fact]
    public void A_restricted_code_applies_only_to_its_ticket_types()
    {
        var e = WithTicketType(out var regular);
        var vip = e.AddTicketType(Vip(), Now);
        var promo = e.CreatePromoCode(Percent(10, ticketTypeIds: [vip.Id, vip.Id]), Now);

        Assert.True(promo.AppliesTo(vip.Id));
        Assert.False(promo.AppliesTo(regular.Id));
        Assert.Single(promo.TicketTypes);
    }

    [Fact]
    public void A_code_restricted_to_a_ticket_type_of_another_event_is_refused_with_Mismatch()
    {
        WithTicketType(out var foreign);
        Expect.Refusal(DomainErrorCode.Mismatch, "ticketTypeIds", () => Draft().CreatePromoCode(Percent(10, ticketTypeIds: [foreign.Id]), Now));
    }

    [Fact]
    public void Uses_are_unlimited_by_default_or_at_least_one()
    {
        var e = Draft();
        Assert.Null(e.CreatePromoCode(Percent(10, "UNLIMITED"), Now).RemainingUses);
        Expect.Refusal(DomainErrorCode.InvalidValue, "maxUses", () => e.CreatePromoCode(Percent(10) with { MaxUses = 0 }, Now));

        var limited = e.CreatePromoCode(Percent(10) with { MaxUses = 100 }, Now).With(nameof(PromoCode.TimesUsed), 98);
        Assert.Equal(2, limited.RemainingUses);
    }
}
