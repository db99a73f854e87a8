using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using static Tickr.Domain.Tests.Catalog.Sample;

namespace Tickr.Domain.Tests.Catalog;

public sealed class EventCreationTests
{
    [Fact]
    public void A_new_event_is_a_draft_in_its_currency_with_Tunis_time_and_no_refunds()
    {
        var e = Draft(Currency.Eur);

        Assert.Equal(EventStatus.Draft, e.Status);
        Assert.Equal(OrganizationId, e.OrganizationId);
        Assert.Equal("festival-de-carthage-2027", e.Slug);
        Assert.Same(Currency.Eur, e.Currency);
        Assert.Equal(EventTimeZone.Default, e.TimeZoneId);
        Assert.Equal(RefundPolicy.NoRefunds, e.RefundPolicy);
        Assert.Equal(Now, e.CreatedAt);
        Assert.Null(e.PublishedAt);
        Assert.Empty(e.TicketTypes);
    }

    [Fact]
    public void Start_and_end_are_stored_as_UTC_instants()
    {
        var e = Draft();

        Assert.Equal(TimeSpan.Zero, e.StartsAt.Offset);
        Assert.Equal(new DateTimeOffset(2027, 7, 10, 21, 0, 0, TimeSpan.Zero), e.StartsAt);
        Assert.Equal(Start, e.StartsAt); // the same instant
        Assert.Equal(TimeSpan.Zero, e.EndsAt.Offset);
    }

    [Fact]
    public void The_title_is_trimmed_and_required()
    {
        Assert.Equal("Nuit du malouf", Event.Create(OrganizationId, Details(title: "  Nuit du malouf "), "nuit-du-malouf", Currency.Tnd, Now).Title);
        Expect.Refusal(DomainErrorCode.InvalidValue, "title", () => Event.Create(OrganizationId, Details(title: " "), "x", Currency.Tnd, Now));
        Expect.Refusal(DomainErrorCode.InvalidValue, "title",
            () => Event.Create(OrganizationId, Details(title: new string('a', Event.TitleMaxLength + 1)), "x", Currency.Tnd, Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-24 * 60)]
    public void An_event_that_ends_when_or_before_it_starts_is_refused_with_InvalidPeriod(int endMinutesAfterStart)
    {
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "endsAt",
            () => Event.Create(OrganizationId, Details(endsAt: Start.AddMinutes(endMinutesAfterStart)), "x", Currency.Tnd, Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-60 * 24 * 30)]
    public void An_event_must_start_in_the_future_when_it_is_created(int startMinutesFromNow)
    {
        var start = Now.AddMinutes(startMinutesFromNow);
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "startsAt",
            () => Event.Create(OrganizationId, Details(startsAt: start, endsAt: start.AddHours(2)), "x", Currency.Tnd, Now));
    }

    [Fact]
    public void An_event_lasts_at_most_a_year()
    {
        var longest = Event.Create(OrganizationId, Details(endsAt: Start + Event.MaxDuration), "x", Currency.Tnd, Now);
        Assert.Equal(Event.MaxDuration, longest.EndsAt - longest.StartsAt);
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "endsAt",
            () => Event.Create(OrganizationId, Details(endsAt: Start + Event.MaxDuration + TimeSpan.FromSeconds(1)), "x", Currency.Tnd, Now));
    }

    [Theory]
    [InlineData("Festival")]
    [InlineData("festival--2027")]
    [InlineData("")]
    public void The_slug_must_be_a_valid_slug(string slug)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "slug", () => Event.Create(OrganizationId, Details(), slug, Currency.Tnd, Now));
    }

    [Theory]
    [InlineData("/images/affiche.png")]
    [InlineData("ftp://example.org/affiche.png")]
    [InlineData("javascript:alert(1)")]
    public void The_image_must_be_an_absolute_http_url(string url)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "imageUrl",
            () => Event.Create(OrganizationId, Details(imageUrl: new Uri(url, UriKind.RelativeOrAbsolute)), "x", Currency.Tnd, Now));
    }

    [Fact]
    public void An_https_image_is_kept()
    {
        var image = new Uri("https://cdn.tickr.tn/affiche.png");
        Assert.Equal(image, Event.Create(OrganizationId, Details(imageUrl: image), "x", Currency.Tnd, Now).ImageUrl);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "timeZone",
            () => Event.Create(OrganizationId, Details(timeZone: "Africa/Atlantis"), "x", Currency.Tnd, Now));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(24 * 365 + 1)]
    public void A_refund_deadline_outside_0_to_a_year_is_refused(int hours)
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "refundPolicy.deadlineHoursBeforeStart",
            () => Event.Create(OrganizationId, Details(refundPolicy: new RefundPolicy(true, hours, true)), "x", Currency.Tnd, Now));
    }

    [Fact]
    public void The_refund_policy_allows_refunds_until_its_deadline_before_the_start()
    {
        var policy = new RefundPolicy(Refundable: true, DeadlineHoursBeforeStart: 48, RestockOnRefund: true);
        var e = Event.Create(OrganizationId, Details(refundPolicy: policy), "x", Currency.Tnd, Now);

        Assert.Equal(policy, e.RefundPolicy);
        Assert.True(e.RefundPolicy.AllowsRefundAt(Start.AddHours(-48), e.StartsAt));
        Assert.False(e.RefundPolicy.AllowsRefundAt(Start.AddHours(-48).AddTicks(1), e.StartsAt));
        Assert.False(RefundPolicy.NoRefunds.AllowsRefundAt(Now, e.StartsAt));
    }

    [Fact]
    public void Every_event_gets_its_own_id()
    {
        Assert.NotEqual(Draft().Id, Draft().Id);
    }
}
