using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using static Tickr.Domain.Tests.Catalog.Sample;

namespace Tickr.Domain.Tests.Catalog;

public sealed class QuotaTests
{
    [Fact]
    public void A_quota_shares_one_capacity_between_the_ticket_types_it_covers()
    {
        var e = Draft();
        var early = e.AddTicketType(Regular(capacity: 500) with { Name = "Early bird" }, Now);
        var regular = e.AddTicketType(Regular(capacity: 500), Now);
        var vip = e.AddTicketType(Vip(), Now);

        var hall = e.CreateQuota(" Salle ", 500, [early.Id, regular.Id], Now);

        Assert.Equal("Salle", hall.Name);
        Assert.Equal(e.Id, hall.EventId);
        Assert.Equal(500, hall.Remaining);
        Assert.True(hall.Covers(early.Id));
        Assert.True(hall.Covers(regular.Id));
        Assert.False(hall.Covers(vip.Id));
        Assert.Equal([hall], e.Quotas);
    }

    [Fact]
    public void A_ticket_type_listed_twice_is_covered_once()
    {
        var e = WithTicketType(out var regular);
        var quota = e.CreateQuota("Salle", 100, [regular.Id, regular.Id], Now);
        Assert.Single(quota.TicketTypes);
    }

    [Fact]
    public void A_quota_needs_at_least_one_ticket_type()
    {
        var e = WithTicketType(out _);
        Expect.Refusal(DomainErrorCode.InvalidValue, "ticketTypeIds", () => e.CreateQuota("Salle", 100, [], Now));
        Assert.Empty(e.Quotas);
    }

    [Fact]
    public void A_quota_over_a_ticket_type_of_another_event_is_refused_with_Mismatch()
    {
        var e = WithTicketType(out var regular);
        WithTicketType(out var foreign);
        Expect.Refusal(DomainErrorCode.Mismatch, "ticketTypeIds", () => e.CreateQuota("Salle", 100, [regular.Id, foreign.Id], Now));
        Assert.Empty(e.Quotas);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(TicketType.MaxCapacity + 1)]
    public void A_quota_capacity_outside_0_to_a_million_is_refused(int capacity)
    {
        var e = WithTicketType(out var regular);
        Expect.Refusal(DomainErrorCode.InvalidValue, "capacity", () => e.CreateQuota("Salle", capacity, [regular.Id], Now));
    }

    [Fact]
    public void A_quota_needs_a_name()
    {
        var e = WithTicketType(out var regular);
        Expect.Refusal(DomainErrorCode.InvalidValue, "name", () => e.CreateQuota("  ", 100, [regular.Id], Now));
    }

    [Fact]
    public void The_quota_capacity_cannot_fall_below_what_is_sold_or_held()
    {
        var e = WithTicketType(out var regular);
        var quota = e.CreateQuota("Salle", 300, [regular.Id], Now)
            .With(nameof(Quota.Sold), 200)
            .With(nameof(Quota.Held), 50);
        Assert.Equal(50, quota.Remaining);

        Expect.Refusal(DomainErrorCode.CapacityBelowSold, "capacity", () => quota.SetCapacity(249));
        Assert.Equal(300, quota.Capacity);
        quota.SetCapacity(250);
        Assert.Equal(0, quota.Remaining);
    }

    [Fact]
    public void A_refused_quota_update_changes_neither_its_name_nor_its_capacity()
    {
        var e = WithTicketType(out var regular);
        var quota = e.CreateQuota("Salle", 300, [regular.Id], Now).With(nameof(Quota.Sold), 200);

        Expect.Refusal(DomainErrorCode.CapacityBelowSold, "capacity", () => e.UpdateQuota(quota.Id, "Grande salle", 150, Now));
        Expect.Refusal(DomainErrorCode.InvalidValue, "name", () => e.UpdateQuota(quota.Id, " ", 400, Now));

        Assert.Equal("Salle", quota.Name);
        Assert.Equal(300, quota.Capacity);
        e.UpdateQuota(quota.Id, "Grande salle", 400, Now);
        Assert.Equal(("Grande salle", 400), (quota.Name, quota.Capacity));
    }
}
