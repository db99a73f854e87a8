using Tickr.Domain.Catalog;
using Tickr.Domain.Common;

namespace Tickr.Domain.Tests.Catalog;

/// <summary>
/// A summer festival night in Tunis, prepared in March: the event every catalog test starts from, so that each test
/// states only what it changes.
/// </summary>
internal static class Sample
{
    public static readonly Guid OrganizationId = Guid.Parse("0192f0a0-0000-7000-8000-000000000001");

    /// <summary>When the organizer works on the event.</summary>
    public static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The show starts at 22:00 in Tunis (UTC+1).</summary>
    public static readonly DateTimeOffset Start = new(2027, 7, 10, 22, 0, 0, TimeSpan.FromHours(1));

    public static readonly DateTimeOffset End = Start.AddHours(3);

    public static EventDetails Details(
        string title = "Festival de Carthage 2027",
        DateTimeOffset? startsAt = null,
        DateTimeOffset? endsAt = null,
        string? timeZone = null,
        RefundPolicy? refundPolicy = null,
        Uri? imageUrl = null,
        string? description = "Le grand concert d'ouverture au théâtre romain.") =>
        new(title, description, imageUrl, startsAt ?? Start, endsAt ?? End, timeZone, null, null, refundPolicy);

    public static Event Draft(Currency? currency = null, string slug = "festival-de-carthage-2027") =>
        Event.Create(OrganizationId, Details(), slug, currency ?? Currency.Tnd, Now);

    public static Money Tnd(decimal amount) => Money.FromDecimal(amount, Currency.Tnd);

    public static TicketTypeDetails Regular(int capacity = 500, decimal priceTnd = 50m) =>
        new("Regular", "Gradins", Tnd(priceTnd), capacity);

    public static TicketTypeDetails Vip(string accessCode = "vip-2027") =>
        new("VIP", "Loges", Tnd(150m), 20, IsHidden: true, AccessCode: accessCode);

    /// <summary>A draft with one regular ticket type.</summary>
    public static Event WithTicketType(out TicketType regular)
    {
        var e = Draft();
        regular = e.AddTicketType(Regular(), Now);
        return e;
    }

    /// <summary>A published event with one regular ticket type.</summary>
    public static Event Published()
    {
        var e = WithTicketType(out _);
        e.Publish(Now);
        return e;
    }

    public static PromoCodeDetails Percent(int percentOff, string code = "SUMMER27", IReadOnlyCollection<Guid>? ticketTypeIds = null) =>
        new(code, DiscountKind.Percentage, percentOff, null, null, null, null, ticketTypeIds);

    public static PromoCodeDetails Fixed(Money amountOff, string code = "MINUS5") =>
        new(code, DiscountKind.FixedAmount, null, amountOff, null, null, null, null);
}
