using Tickr.Client;

namespace Tickr.Cli.Tests;

/// <summary>An event an organizer set up through the typed client: one ticket type, one check-in list, published.</summary>
public sealed record OnSaleEvent(string Id, string Slug, string Title, string TicketTypeId, string TicketTypeName, string CheckInListId)
{
    public static async Task<OnSaleEvent> CreateAsync(ITickrClient organizer, string organizationId, string title, int capacity = 50)
    {
        var created = (await organizer.CreateEventAsync(new CreateEventInput
        {
            OrganizationId = organizationId,
            Title = title,
            StartsAt = DateTimeOffset.UtcNow.AddDays(30),
            EndsAt = DateTimeOffset.UtcNow.AddDays(30).AddHours(4),
        })).EnsureData().CreateEvent!;
        Assert.Empty(created.Errors);
        var ev = created.Event!;
        Assert.Equal(EventStatus.Draft, ev.Status);

        var added = (await organizer.AddTicketTypeAsync(new AddTicketTypeInput
        {
            EventId = ev.Id,
            Name = "Regular",
            Price = new MoneyInput { Currency = "TND", MinorUnits = 45_000 },
            Capacity = capacity,
        })).EnsureData().AddTicketType!;
        Assert.Empty(added.Errors);
        var type = added.TicketType!;
        Assert.Equal(capacity, type.Capacity);

        var list = (await organizer.CreateCheckInListAsync(new CreateCheckInListInput { EventId = ev.Id, Name = "Main gate", TicketTypeIds = [] }))
            .EnsureData().CreateCheckInList;
        Assert.Empty(list.Errors);
        Assert.True(list.CheckInList!.AdmitsAllTicketTypes);

        var published = (await organizer.PublishEventAsync(new PublishEventInput { EventId = ev.Id })).EnsureData().PublishEvent!;
        Assert.Empty(published.Errors);
        Assert.Equal(EventStatus.Published, published.Event!.Status);
        return new OnSaleEvent(ev.Id, ev.Slug, ev.Title, type.Id, type.Name, list.CheckInList.Id);
    }

    public static string OrganizationId(UserClient organizer) =>
        organizer.User.Memberships.Single(m => m.Role == OrganizationRole.Owner).Organization.Id;
}
