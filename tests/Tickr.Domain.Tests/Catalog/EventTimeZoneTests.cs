using Tickr.Domain.Catalog;
using Tickr.Domain.Common;

namespace Tickr.Domain.Tests.Catalog;

public sealed class EventTimeZoneTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_zone_an_event_is_in_Tunis(string? zone)
    {
        Assert.Equal("Africa/Tunis", EventTimeZone.Require(zone));
    }

    [Theory]
    [InlineData("Europe/Paris")]
    [InlineData(" Africa/Tunis ")]
    [InlineData("America/New_York")]
    public void An_IANA_zone_is_kept(string zone)
    {
        Assert.Equal(zone.Trim(), EventTimeZone.Require(zone));
    }

    [Theory]
    [InlineData("Africa/Atlantis")]
    [InlineData("Tunis")]
    [InlineData("+01:00")]
    [InlineData("W. Central Africa Standard Time")]
    public void Anything_but_an_IANA_zone_is_refused(string zone)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "timeZone", () => EventTimeZone.Require(zone));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Tunis_is_UTC_plus_one_all_year_round(int month)
    {
        var instant = new DateTimeOffset(2027, month, 10, 20, 0, 0, TimeSpan.Zero);
        var local = EventTimeZone.ToLocal(instant, EventTimeZone.Default);

        Assert.Equal(TimeSpan.FromHours(1), local.Offset);
        Assert.Equal(21, local.Hour);
        Assert.Equal(instant, local);
    }

    [Fact]
    public void Paris_shows_summer_time()
    {
        var local = EventTimeZone.ToLocal(new DateTimeOffset(2027, 7, 10, 20, 0, 0, TimeSpan.Zero), "Europe/Paris");
        Assert.Equal(TimeSpan.FromHours(2), local.Offset);
    }
}
