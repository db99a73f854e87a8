using Tickr.Domain.Common;

namespace Tickr.Domain.Tests.Common;

public sealed class CommissionTests
{
    private static Money Tnd(long millimes) => new(millimes, Currency.Tnd);

    [Fact]
    public void The_standard_commission_is_4_percent()
    {
        Assert.Equal(400, Commission.Standard.BasisPoints);
    }

    [Fact]
    public void A_50_TND_ticket_costs_the_participant_50_pays_the_organizer_48_and_the_platform_2()
    {
        var split = Commission.Standard.Split(Money.FromMajor(50, Currency.Tnd));

        Assert.Equal(Tnd(50_000), split.Gross);
        Assert.Equal(Tnd(2_000), split.Platform);
        Assert.Equal(Tnd(48_000), split.Organizer);
        Assert.Equal("48.000 TND", split.Organizer.ToString());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)] // 0.04 → 0
    [InlineData(12, 0)] // 0.48 → 0
    [InlineData(13, 1)] // 0.52 → 1
    [InlineData(25, 1)] // exactly 1.00
    [InlineData(37, 1)] // 1.48 → 1
    [InlineData(38, 2)] // 1.52 → 2
    [InlineData(12_345, 494)] // 493.8 → 494
    public void At_4_percent_the_commission_is_rounded_to_the_nearest_millime(long price, long commission)
    {
        var split = Commission.Standard.Split(Tnd(price));
        Assert.Equal(commission, split.Platform.MinorUnits);
        Assert.Equal(price - commission, split.Organizer.MinorUnits);
    }

    [Theory]
    [InlineData(99, 0)] // 0.495 → 0: below the half
    [InlineData(100, 1)] // 0.5 → 1: a tie goes away from zero
    [InlineData(101, 1)] // 0.505 → 1
    [InlineData(300, 2)] // 1.5 → 2
    [InlineData(500, 3)] // 2.5 → 3 (not to even: banker's rounding would give 2)
    public void A_tie_rounds_half_away_from_zero(long price, long commission)
    {
        // At 4 % a tie cannot happen; at 0.5 % (50 basis points) every odd hundred is one.
        Assert.Equal(commission, new Commission(50).Split(Tnd(price)).Platform.MinorUnits);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(50)]
    [InlineData(1)]
    [InlineData(333)]
    [InlineData(2_500)]
    [InlineData(9_999)]
    public void The_two_parts_always_add_up_to_the_price_and_the_commission_is_within_half_a_minor_unit(int basisPoints)
    {
        var commission = new Commission(basisPoints);
        var random = new Random(2027 + basisPoints);
        foreach (var currency in Currency.All)
        {
            for (var i = 0; i < 5_000; i++)
            {
                // Small prices (where rounding matters most) and large ones.
                var minor = i % 2 == 0 ? random.NextInt64(0, 1_000) : random.NextInt64(0, 100_000_000_000);
                var split = commission.Split(new Money(minor, currency));

                Assert.Equal(split.Gross, split.Platform + split.Organizer);
                Assert.Equal(currency, split.Platform.Currency);
                Assert.False(split.Platform.IsNegative);
                Assert.False(split.Organizer.IsNegative);
                // |platform − price × rate| ≤ ½ minor unit, in integers: |platform × 10 000 − price × bp| ≤ 5 000.
                var error = (Int128)split.Platform.MinorUnits * 10_000 - (Int128)minor * basisPoints;
                Assert.True(error <= 5_000 && error > -5_000, $"{minor} at {basisPoints} bp gave {split.Platform.MinorUnits}");
            }
        }
    }

    [Fact]
    public void No_price_is_large_enough_to_overflow_the_commission()
    {
        var split = Commission.Standard.Split(Tnd(long.MaxValue));
        Assert.Equal(Tnd(long.MaxValue), split.Platform + split.Organizer);
        Assert.Equal(long.MaxValue / 25 + (long.MaxValue % 25 * 2 >= 25 ? 1 : 0), split.Platform.MinorUnits);
    }

    [Theory]
    [InlineData(12_345, 1)]
    [InlineData(12_345, 3)]
    [InlineData(13, 7)]
    [InlineData(50_000, 10)]
    public void An_order_of_N_tickets_splits_as_N_times_one_ticket(long price, int quantity)
    {
        // Per ticket, not per order: refunding one ticket gives back exactly its share.
        var one = Commission.Standard.Split(Tnd(price));
        var order = Commission.Standard.Split(Tnd(price), quantity);

        Assert.Equal(one.Gross * quantity, order.Gross);
        Assert.Equal(one.Platform * quantity, order.Platform);
        Assert.Equal(one.Organizer * quantity, order.Organizer);
        Assert.Equal(order.Gross, order.Platform + order.Organizer);
    }

    [Fact]
    public void Seven_tickets_at_13_millimes_cost_7_millimes_of_commission_not_the_rounded_total()
    {
        // 7 × 0.52 = 3.64 would round to 4 on the order total; per ticket it is 7 × 1.
        Assert.Equal(7, Commission.Standard.Split(Tnd(13), 7).Platform.MinorUnits);
    }

    [Fact]
    public void Free_tickets_and_the_extreme_rates_split_as_expected()
    {
        Assert.True(Commission.Standard.Split(Tnd(0)).Platform.IsZero);
        Assert.True(new Commission(0).Split(Tnd(50_000)).Platform.IsZero);
        Assert.True(new Commission(10_000).Split(Tnd(50_000)).Organizer.IsZero);
    }

    [Fact]
    public void A_negative_price_is_refused()
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "price", () => Commission.Standard.Split(Tnd(-1)));
        Expect.Refusal(DomainErrorCode.InvalidValue, "price", () => Commission.Standard.Split(Tnd(-1), 2));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void A_rate_outside_0_to_100_percent_is_refused(int basisPoints)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Commission(basisPoints));
    }
}
