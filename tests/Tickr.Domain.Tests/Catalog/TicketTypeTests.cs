using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using static Tickr.Domain.Tests.Catalog.Sample;

namespace Tickr.Domain.Tests.Catalog;

public sealed class TicketTypeTests
{
    [Fact]
    public void Ticket_types_are_listed_in_the_order_they_were_added()
    {
        var e = Draft();
        var regular = e.AddTicketType(Regular(), Now);
        var vip = e.AddTicketType(Vip(), Now);

        Assert.Equal([regular, vip], e.TicketTypes);
        Assert.Equal(0, regular.Position);
        Assert.Equal(1, vip.Position);
        Assert.Equal(e.Id, regular.EventId);
        Assert.Same(regular, e.FindTicketType(regular.Id));
        Assert.Null(e.FindTicketType(Guid.NewGuid()));
    }

    [Fact]
    public void A_new_ticket_type_has_its_whole_capacity_remaining()
    {
        var type = Draft().AddTicketType(Regular(capacity: 500), Now);
        Assert.Equal(500, type.Capacity);
        Assert.Equal(500, type.Remaining);
        Assert.Equal(Tnd(50m), type.Price);
    }

    [Fact]
    public void A_price_in_another_currency_than_the_event_s_is_refused_with_CurrencyMismatch()
    {
        var e = Draft(Currency.Tnd);
        Expect.Refusal(DomainErrorCode.CurrencyMismatch, "price",
            () => e.AddTicketType(Regular() with { Price = Money.FromDecimal(12.5m, Currency.Eur) }, Now));
        Assert.Empty(e.TicketTypes);
    }

    [Fact]
    public void A_negative_price_is_refused_and_a_free_ticket_is_fine()
    {
        var e = Draft();
        Expect.Refusal(DomainErrorCode.InvalidValue, "price", () => e.AddTicketType(Regular() with { Price = Tnd(-0.001m) }, Now));
        Assert.True(e.AddTicketType(Regular() with { Price = Money.Zero(Currency.Tnd) }, Now).Price.IsZero);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(TicketType.MaxCapacity + 1)]
    public void A_capacity_outside_0_to_a_million_is_refused(int capacity)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "capacity", () => Draft().AddTicketType(Regular(capacity), Now));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(5, 4)]
    [InlineData(1, TicketType.MaxPerOrderLimit + 1)]
    [InlineData(-1, 1)]
    public void Per_order_limits_must_satisfy_1_min_max_100(int min, int max)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "maxPerOrder",
            () => Draft().AddTicketType(Regular() with { MinPerOrder = min, MaxPerOrder = max }, Now));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 6)]
    [InlineData(100, 100)]
    public void Per_order_limits_within_bounds_are_kept(int min, int max)
    {
        var type = Draft().AddTicketType(Regular() with { MinPerOrder = min, MaxPerOrder = max }, Now);
        Assert.Equal((min, max), (type.MinPerOrder, type.MaxPerOrder));
    }

    [Fact]
    public void A_hidden_ticket_type_needs_an_access_code()
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "accessCode", () => Draft().AddTicketType(Vip() with { AccessCode = null }, Now));
    }

    [Fact]
    public void Only_a_hidden_ticket_type_may_have_an_access_code()
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "accessCode",
            () => Draft().AddTicketType(Regular() with { AccessCode = "VIP-2027" }, Now));
    }

    [Theory]
    [InlineData("AB")]
    [InlineData("VIP 2027")]
    [InlineData("VIP/2027")]
    [InlineData("CODÉ")]
    public void An_access_code_is_3_to_40_letters_digits_hyphens_or_underscores(string code)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "accessCode", () => Draft().AddTicketType(Vip(code), Now));
    }

    [Fact]
    public void An_access_code_is_stored_trimmed_and_upper_case()
    {
        var vip = Draft().AddTicketType(Vip("  vip_2027-a "), Now);
        Assert.True(vip.IsHidden);
        Assert.Equal("VIP_2027-A", vip.AccessCode);
    }

    [Theory]
    [InlineData("vip-2027", true)]
    [InlineData(" VIP-2027 ", true)]
    [InlineData("Vip-2027", true)]
    [InlineData("VIP-2028", false)]
    [InlineData("VIP", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_hidden_ticket_type_is_unlocked_by_its_code_in_any_case(string? typed, bool unlocked)
    {
        var vip = Draft().AddTicketType(Vip("VIP-2027"), Now);
        Assert.Equal(unlocked, vip.IsUnlockedBy(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ANYTHING")]
    public void A_public_ticket_type_needs_no_code(string? typed)
    {
        var type = Draft().AddTicketType(Regular(), Now);
        Assert.True(type.IsUnlockedBy(typed));
        Assert.Null(type.AccessCode);
    }

    [Fact]
    public void A_sales_window_that_ends_when_or_before_it_starts_is_refused_with_InvalidPeriod()
    {
        var from = Now.AddDays(10);
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "salesEndAt",
            () => Draft().AddTicketType(Regular() with { SalesStartAt = from, SalesEndAt = from }, Now));
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "salesEndAt",
            () => Draft().AddTicketType(Regular() with { SalesStartAt = from, SalesEndAt = from.AddMinutes(-1) }, Now));
    }

    [Fact]
    public void Sales_cannot_start_at_or_after_the_end_of_the_event_nor_end_after_it()
    {
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "salesStartAt",
            () => Draft().AddTicketType(Regular() with { SalesStartAt = End }, Now));
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "salesEndAt",
            () => Draft().AddTicketType(Regular() with { SalesEndAt = End.AddTicks(1) }, Now));
        // Until the very end is fine: day passes of a festival are sold while it runs.
        Assert.Equal(End, Draft().AddTicketType(Regular() with { SalesEndAt = End }, Now).SalesWindow.EndsAt);
    }

    [Fact]
    public void The_sales_window_is_open_from_its_start_inclusive_to_its_end_exclusive()
    {
        var opens = Now.AddDays(10);
        var closes = Now.AddDays(20);
        var type = Draft().AddTicketType(Regular() with { SalesStartAt = opens, SalesEndAt = closes }, Now);

        Assert.False(type.IsInSalesWindow(opens.AddTicks(-1), Start));
        Assert.True(type.IsInSalesWindow(opens, Start));
        Assert.True(type.IsInSalesWindow(closes.AddTicks(-1), Start));
        Assert.False(type.IsInSalesWindow(closes, Start));
    }

    [Fact]
    public void Without_an_end_sales_close_when_the_event_starts()
    {
        var type = Draft().AddTicketType(Regular(), Now);

        Assert.True(type.IsInSalesWindow(Now, Start));
        Assert.True(type.IsInSalesWindow(Start.AddTicks(-1), Start));
        Assert.False(type.IsInSalesWindow(Start, Start));
    }

    [Fact]
    public void The_capacity_cannot_fall_below_what_is_sold_or_held()
    {
        var e = WithTicketType(out var regular);
        regular.With(nameof(TicketType.Sold), 30).With(nameof(TicketType.Held), 10);
        Assert.Equal(460, regular.Remaining);

        Expect.Refusal(DomainErrorCode.CapacityBelowSold, "capacity", () => regular.SetCapacity(39));
        Expect.Refusal(DomainErrorCode.CapacityBelowSold, "capacity", () => e.UpdateTicketType(regular.Id, Regular(capacity: 39), Now));
        Assert.Equal(500, regular.Capacity);

        regular.SetCapacity(40);
        Assert.Equal(0, regular.Remaining);
    }

    [Fact]
    public void Updating_a_ticket_type_of_another_event_is_refused_with_Mismatch()
    {
        var other = WithTicketType(out var foreign);
        Assert.NotNull(other);
        Expect.Refusal(DomainErrorCode.Mismatch, "ticketTypeId", () => Draft().UpdateTicketType(foreign.Id, Regular(), Now));
    }

    [Fact]
    public void An_update_replaces_the_ticket_type_s_details()
    {
        var e = WithTicketType(out var regular);
        var later = Now.AddDays(1);

        e.UpdateTicketType(regular.Id, new TicketTypeDetails(" Gradins ", null, Tnd(45m), 800, null, Now.AddDays(30), 2, 8), later);

        Assert.Equal("Gradins", regular.Name);
        Assert.Null(regular.Description);
        Assert.Equal(Tnd(45m), regular.Price);
        Assert.Equal(800, regular.Capacity);
        Assert.Equal(Now.AddDays(30), regular.SalesWindow.EndsAt);
        Assert.Equal((2, 8), (regular.MinPerOrder, regular.MaxPerOrder));
        Assert.Equal(later, regular.UpdatedAt);
        Assert.Equal(0, regular.Position);
    }

    [Fact]
    public void A_refused_ticket_type_update_changes_nothing()
    {
        var e = WithTicketType(out var regular);
        var before = (regular.Name, regular.Description, regular.Price, regular.Capacity, regular.SalesWindow,
            regular.MinPerOrder, regular.MaxPerOrder, regular.IsHidden, regular.AccessCode, regular.UpdatedAt);
        var later = Now.AddDays(1);

        // Each change is valid up to its last field, which is not.
        Expect.Refusal(DomainErrorCode.CurrencyMismatch,
            () => e.UpdateTicketType(regular.Id, Regular() with { Name = "Nouveau", Price = Money.FromMajor(5, Currency.Eur) }, later));
        Expect.Refusal(DomainErrorCode.InvalidValue,
            () => e.UpdateTicketType(regular.Id, Regular(capacity: 900) with { Name = "Nouveau", MinPerOrder = 0 }, later));
        Expect.Refusal(DomainErrorCode.InvalidPeriod,
            () => e.UpdateTicketType(regular.Id, Regular(capacity: 900) with { MaxPerOrder = 4, SalesEndAt = End.AddDays(1) }, later));
        Expect.Refusal(DomainErrorCode.InvalidValue,
            () => e.UpdateTicketType(regular.Id, Regular(capacity: 900) with { SalesEndAt = End, IsHidden = true }, later));

        Assert.Equal(before, (regular.Name, regular.Description, regular.Price, regular.Capacity, regular.SalesWindow,
            regular.MinPerOrder, regular.MaxPerOrder, regular.IsHidden, regular.AccessCode, regular.UpdatedAt));
    }
}
