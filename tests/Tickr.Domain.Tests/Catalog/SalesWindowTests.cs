using Tickr.Domain.Catalog;
using Tickr.Domain.Common;

namespace Tickr.Domain.Tests.Catalog;

public sealed class SalesWindowTests
{
    private static readonly DateTimeOffset EventStart = new(2027, 7, 10, 21, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Opens = new(2027, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = new(2027, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_bounded_window_contains_its_start_and_not_its_end()
    {
        var window = new SalesWindow(Opens, Closes);

        Assert.False(window.Contains(Opens.AddTicks(-1), EventStart));
        Assert.True(window.Contains(Opens, EventStart));
        Assert.True(window.Contains(Closes.AddTicks(-1), EventStart));
        Assert.False(window.Contains(Closes, EventStart));
    }

    [Fact]
    public void An_open_start_means_from_publication_and_an_open_end_means_until_the_event_starts()
    {
        Assert.True(SalesWindow.Unbounded.Contains(DateTimeOffset.MinValue, EventStart));
        Assert.True(SalesWindow.Unbounded.Contains(EventStart.AddTicks(-1), EventStart));
        Assert.False(SalesWindow.Unbounded.Contains(EventStart, EventStart));

        var fromMay = new SalesWindow(Opens, null);
        Assert.False(fromMay.Contains(Opens.AddTicks(-1), EventStart));
        Assert.True(fromMay.Contains(EventStart.AddTicks(-1), EventStart));
        Assert.False(fromMay.Contains(EventStart, EventStart));
    }

    [Fact]
    public void An_explicit_end_after_the_event_starts_keeps_sales_open_during_the_event()
    {
        var window = new SalesWindow(null, EventStart.AddHours(2));
        Assert.True(window.Contains(EventStart.AddHours(1), EventStart));
    }

    [Fact]
    public void A_window_ending_when_or_before_it_starts_is_refused()
    {
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "salesEndAt", () => new SalesWindow(Opens, Opens));
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "salesEndAt", () => new SalesWindow(Closes, Opens));
    }

    [Fact]
    public void Bounds_are_stored_in_UTC()
    {
        var window = new SalesWindow(Opens.ToOffset(TimeSpan.FromHours(1)), null);
        Assert.Equal(TimeSpan.Zero, window.StartsAt!.Value.Offset);
        Assert.Equal(Opens, window.StartsAt);
        Assert.Equal(new SalesWindow(Opens, null), window);
    }
}
