using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using static Tickr.Domain.Tests.Catalog.Sample;

namespace Tickr.Domain.Tests.Catalog;

/// <summary>Draft → published → cancelled, and ended once a published event's end has passed.</summary>
public sealed class EventLifecycleTests
{
    [Fact]
    public void Publishing_without_a_ticket_type_returns_NoTicketTypes_and_changes_nothing()
    {
        var e = Draft();

        Expect.Refusal(DomainErrorCode.NoTicketTypes, () => e.Publish(Now));

        Assert.Equal(EventStatus.Draft, e.Status);
        Assert.Null(e.PublishedAt);
    }

    [Fact]
    public void A_draft_with_a_ticket_type_is_published()
    {
        var e = WithTicketType(out _);
        var at = Now.AddDays(1);

        e.Publish(at);

        Assert.Equal(EventStatus.Published, e.Status);
        Assert.Equal(at, e.PublishedAt);
        Assert.Equal(at, e.UpdatedAt);
    }

    [Fact]
    public void Publishing_twice_is_refused()
    {
        var e = Published();
        Expect.Refusal(DomainErrorCode.InvalidStatus, () => e.Publish(Now.AddDays(1)));
        Assert.Equal(Now, e.PublishedAt);
    }

    [Fact]
    public void A_cancelled_event_cannot_be_published_again()
    {
        var e = WithTicketType(out _);
        e.Cancel("Intempéries", Now);

        Expect.Refusal(DomainErrorCode.InvalidStatus, () => e.Publish(Now));
        Assert.Equal(EventStatus.Cancelled, e.Status);
    }

    [Fact]
    public void A_draft_whose_end_has_passed_cannot_be_published()
    {
        var e = WithTicketType(out _);
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "endsAt", () => e.Publish(End));
        Assert.Equal(EventStatus.Draft, e.Status);
    }

    [Fact]
    public void A_draft_can_still_be_published_while_the_event_runs()
    {
        // Multi-day festivals sell day passes during the event: what matters is that it has not ended.
        var e = WithTicketType(out _);
        e.Publish(Start.AddHours(1));
        Assert.Equal(EventStatus.Published, e.Status);
    }

    [Fact]
    public void A_published_event_has_ended_from_its_end_on()
    {
        var e = Published();

        Assert.Equal(EventStatus.Published, e.StatusAt(End.AddTicks(-1)));
        Assert.Equal(EventStatus.Ended, e.StatusAt(End));
        Assert.Equal(EventStatus.Ended, e.StatusAt(End.AddYears(1)));
        Assert.Equal(EventStatus.Published, e.Status); // "ended" is computed, never stored
    }

    [Fact]
    public void Drafts_and_cancelled_events_never_become_ended()
    {
        var draft = Draft();
        var cancelled = Draft(slug: "annule");
        cancelled.Cancel(null, Now);

        Assert.Equal(EventStatus.Draft, draft.StatusAt(End.AddDays(1)));
        Assert.Equal(EventStatus.Cancelled, cancelled.StatusAt(End.AddDays(1)));
    }

    [Fact]
    public void Tickets_are_on_sale_only_while_published_and_not_ended()
    {
        Assert.False(WithTicketType(out _).IsOnSaleAt(Now));
        var e = Published();
        Assert.True(e.IsOnSaleAt(Now));
        Assert.True(e.IsOnSaleAt(End.AddTicks(-1)));
        Assert.False(e.IsOnSaleAt(End));
        e.Cancel(null, Now);
        Assert.False(e.IsOnSaleAt(Now));
    }

    [Fact]
    public void Drafts_and_published_events_can_be_cancelled_with_a_reason()
    {
        var draft = Draft();
        draft.Cancel(null, Now);
        Assert.Equal(EventStatus.Cancelled, draft.Status);
        Assert.Null(draft.CancellationReason);

        var published = Published();
        var at = Now.AddDays(3);
        published.Cancel("  Intempéries  ", at);
        Assert.Equal(EventStatus.Cancelled, published.Status);
        Assert.Equal(at, published.CancelledAt);
        Assert.Equal("Intempéries", published.CancellationReason);
    }

    [Fact]
    public void Cancelling_twice_is_refused_and_keeps_the_first_cancellation()
    {
        var e = Published();
        e.Cancel("Première raison", Now);

        Expect.Refusal(DomainErrorCode.InvalidStatus, () => e.Cancel("Seconde raison", Now.AddDays(1)));
        Assert.Equal("Première raison", e.CancellationReason);
        Assert.Equal(Now, e.CancelledAt);
    }

    [Fact]
    public void An_ended_event_cannot_be_cancelled()
    {
        var e = Published();
        Expect.Refusal(DomainErrorCode.InvalidStatus, () => e.Cancel(null, End));
        Assert.Equal(EventStatus.Published, e.Status);
    }

    public static TheoryData<string> Edits => ["Update", "ChangeSlug", "AddTicketType", "UpdateTicketType", "CreateQuota", "CreatePromoCode"];

    private static void Edit(Event e, string edit, DateTimeOffset at)
    {
        var type = e.TicketTypes[0];
        switch (edit)
        {
            case "Update": e.Update(Details(title: "Autre titre"), at); break;
            case "ChangeSlug": e.ChangeSlug("autre-slug", at); break;
            case "AddTicketType": e.AddTicketType(Regular() with { Name = "Balcon" }, at); break;
            case "UpdateTicketType": e.UpdateTicketType(type.Id, Regular(capacity: 600), at); break;
            case "CreateQuota": e.CreateQuota("Salle", 400, [type.Id], at); break;
            case "CreatePromoCode": e.CreatePromoCode(Percent(10), at); break;
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public void A_cancelled_event_cannot_be_edited(string edit)
    {
        var e = Published();
        e.Cancel(null, Now);
        var updatedAt = e.UpdatedAt;

        Expect.Refusal(DomainErrorCode.InvalidStatus, () => Edit(e, edit, Now.AddDays(1)));
        Assert.Equal(updatedAt, e.UpdatedAt);
        Assert.Single(e.TicketTypes);
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public void An_ended_event_cannot_be_edited(string edit)
    {
        var e = Published();
        Expect.Refusal(DomainErrorCode.InvalidStatus, () => Edit(e, edit, End.AddHours(1)));
        Assert.Equal("festival-de-carthage-2027", e.Slug);
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public void Drafts_and_published_events_can_be_edited(string edit)
    {
        var draft = WithTicketType(out _);
        Edit(draft, edit, Now.AddDays(1));
        Assert.Equal(Now.AddDays(1), draft.UpdatedAt);

        var published = Published();
        Edit(published, edit, Now.AddDays(1));
        Assert.Equal(Now.AddDays(1), published.UpdatedAt);
    }

    [Fact]
    public void A_published_event_cannot_be_moved_into_the_past()
    {
        var e = Published();
        var at = Start.AddHours(1);
        Expect.Refusal(DomainErrorCode.InvalidPeriod, "endsAt",
            () => e.Update(Details(startsAt: Start.AddHours(-2), endsAt: at), at));
        Assert.Equal(End, e.EndsAt);
    }

    [Fact]
    public void A_draft_may_be_moved_to_new_dates_even_after_its_old_ones_passed()
    {
        var e = Draft();
        var later = End.AddDays(1);
        e.Update(Details(startsAt: later.AddDays(7), endsAt: later.AddDays(8)), later);
        Assert.Equal(later.AddDays(7), e.StartsAt);
    }

    [Fact]
    public void Moving_the_event_so_that_a_sales_window_would_end_after_it_is_refused()
    {
        var e = Draft();
        e.AddTicketType(Regular() with { SalesEndAt = End }, Now);

        Expect.Refusal(DomainErrorCode.InvalidPeriod, "endsAt", () => e.Update(Details(endsAt: End.AddHours(-1)), Now));
        Assert.Equal(End, e.EndsAt);
    }

    [Fact]
    public void A_refused_update_changes_nothing()
    {
        var e = Draft();
        var before = (e.Title, e.Description, e.ImageUrl, e.StartsAt, e.EndsAt, e.TimeZoneId, e.RefundPolicy, e.UpdatedAt);

        // Valid title and description, then an invalid period: nothing of it may stick.
        Expect.Refusal(DomainErrorCode.InvalidPeriod,
            () => e.Update(Details(title: "Nouveau titre", description: "Nouvelle description", endsAt: Start), Now.AddDays(1)));
        Expect.Refusal(DomainErrorCode.InvalidValue,
            () => e.Update(Details(title: "Nouveau titre", imageUrl: new Uri("ftp://x.tn/a.png")), Now.AddDays(1)));
        Expect.Refusal(DomainErrorCode.InvalidValue,
            () => e.Update(Details(title: "Nouveau titre", timeZone: "Nowhere/City"), Now.AddDays(1)));

        Assert.Equal(before, (e.Title, e.Description, e.ImageUrl, e.StartsAt, e.EndsAt, e.TimeZoneId, e.RefundPolicy, e.UpdatedAt));
    }

    [Fact]
    public void A_changed_slug_must_still_be_a_slug()
    {
        var e = Draft();
        Expect.Refusal(DomainErrorCode.InvalidValue, "slug", () => e.ChangeSlug("Pas Un Slug", Now));
        e.ChangeSlug("carthage-2027", Now);
        Assert.Equal("carthage-2027", e.Slug);
    }
}
