using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tickr.Domain.Identity;
using Tickr.Graph.Tests.Catalog;
using Tickr.Graph.Tests.TestHost;
using Tickr.Graph.Ticketing;

namespace Tickr.Graph.Tests.Ticketing;

/// <summary>A participant with an account: their id, email and an access token carrying the email (as login issues).</summary>
public sealed record Buyer(Guid UserId, string Email, string Token);

/// <summary>A ticket bought through the API: its id and the holder's QR token.</summary>
public sealed record BoughtTicket(string Id, string Token);

/// <summary>A published event with its organizer, a scanner of the organization, and its ticket types.</summary>
public sealed record OnSaleEvent(Organizer Organizer, string ScannerToken, string EventId, string RegularTypeId, string VipTypeId);

/// <summary>
/// Maps the attendee export in the test servers (the lead wires <see cref="AttendeeExportEndpoint.MapTickrAttendeeExport"/>
/// into Hosting/): routes added after the application's own pipeline, which hands unmatched requests on.
/// </summary>
internal sealed class AttendeeExportStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.UseRouting();
        app.UseEndpoints(endpoints => endpoints.MapTickrAttendeeExport());
    };
}

/// <summary>
/// Drives selling and the door over the API: an organizer publishes an event, participants buy with the development
/// payment provider (paid at once outside Production), staff scan.
/// </summary>
public sealed class TicketingApi(CatalogApi catalog, TickrAppFactory app)
{
    public const string ScanSelection =
        "result ticket { id ticketTypeName holderEmail } firstCheckIn { listId listName scannedAt recordedAt deviceId gate offline }";

    public CatalogApi Catalog => catalog;

    public TickrAppFactory App => app;

    /// <summary>An access token like the ones login issues (subject and email).</summary>
    public static string TokenFor(Guid userId, string email) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "tickr",
            Audience = "tickr",
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("email", email)]),
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            IssuedAt = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TickrAppFactory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });

    public async Task<Buyer> BuyerAsync(string? email = null)
    {
        email ??= $"buyer-{Guid.NewGuid():N}@tests.tickr.tn";
        var id = await TestUsers.CreateAsync(app.Services, email);
        return new Buyer(id, email, TokenFor(id, email));
    }

    /// <summary>A published event (in 30 days) with a Regular type at 50 TND and a VIP type at 120 TND, and a scanner.</summary>
    public async Task<OnSaleEvent> OnSaleEventAsync(string name = "Door")
    {
        var organizer = await catalog.OrganizerAsync(name);
        var eventId = await catalog.CreateEventAsync(organizer, name + " night");
        var regular = await catalog.AddTicketTypeAsync(organizer, eventId, "Regular", 50_000, 200);
        var vip = await catalog.AddTicketTypeAsync(organizer, eventId, "VIP", 120_000, 20);
        await catalog.SucceedAsync("publishEvent", new { eventId }, organizer.Token, "event { status }");
        var scanner = await catalog.MemberAsync(organizer, OrganizationRole.Scanner);
        return new OnSaleEvent(organizer, scanner, eventId, regular, vip);
    }

    /// <summary>Reserves and pays (development provider); returns the order's number and its tickets with their tokens.</summary>
    public async Task<(string OrderNumber, IReadOnlyList<BoughtTicket> Tickets)> BuyAsync(Buyer buyer, string eventId, string ticketTypeId, int quantity = 1)
    {
        var reserved = await catalog.SucceedAsync("reserveTickets",
            new { eventId, items = new[] { new { ticketTypeId, quantity } } }, buyer.Token, "order { id number }");
        var orderId = reserved.GetProperty("order").GetProperty("id").GetString();
        var paid = await catalog.SucceedAsync("checkout", new { orderId, provider = "DEVELOPMENT" }, buyer.Token,
            "order { status tickets { id token } }");
        var order = paid.GetProperty("order");
        Assert.Equal("PAID", order.GetProperty("status").GetString());
        var tickets = order.GetProperty("tickets").EnumerateArray()
            .Select(t => new BoughtTicket(t.GetProperty("id").GetString()!, t.GetProperty("token").GetString()!)).ToList();
        Assert.Equal(quantity, tickets.Count);
        return (reserved.GetProperty("order").GetProperty("number").GetString()!, tickets);
    }

    public async Task<string> CreateListAsync(OnSaleEvent e, string name, params string[] ticketTypeIds)
    {
        var payload = await catalog.SucceedAsync("createCheckInList", new { eventId = e.EventId, name, ticketTypeIds }, e.Organizer.Token, "checkInList { id }");
        return payload.GetProperty("checkInList").GetProperty("id").GetString()!;
    }

    /// <summary>Scans at a list, from a device at <paramref name="gate"/> (null: none sent); returns the payload (asserting no top-level error).</summary>
    public Task<JsonElement> CheckInAsync(string token, string listId, string staffToken, string deviceId = "gate-1", CatalogApi? through = null, string? gate = null) =>
        (through ?? catalog).MutateAsync("checkIn", new { token, listId, deviceId, gate }, staffToken, ScanSelection);

    /// <summary>The result of a scan that must not fail with errors.</summary>
    public async Task<string> ResultAsync(string token, string listId, string staffToken, string deviceId = "gate-1", string? gate = null)
    {
        var payload = await CheckInAsync(token, listId, staffToken, deviceId, gate: gate);
        Assert.True(payload.GetProperty("errors").GetArrayLength() == 0, payload.ToString());
        return payload.GetProperty("result").GetString()!;
    }
}
