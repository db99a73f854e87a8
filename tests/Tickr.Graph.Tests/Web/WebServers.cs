using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tickr.Data;
using Tickr.Domain.Identity;
using Tickr.Graph.Tests.Catalog;
using Tickr.Graph.Tests.TestHost;
using Tickr.Graph.Tests.Ticketing;

namespace Tickr.Graph.Tests.Web;

/// <summary>An account that signs in through the page: its id, email, the test password, and an API token.</summary>
public sealed record WebAccount(Guid UserId, string Email, string Token)
{
    public string Password => TestUsers.Password;
}

/// <summary>A published event arranged over the API for the browser tests.</summary>
public sealed record WebEvent(
    WebAccount Owner,
    Organizer Organizer,
    WebAccount Scanner,
    string EventId,
    string Title,
    string Slug,
    string RegularTypeId,
    string VipTypeId,
    string ListId,
    string ListName);

/// <summary>
/// Two real Tickr servers (Kestrel, loopback) sharing one PostgreSQL database and one Redis bus, as behind a load
/// balancer: the browser talks to <see cref="A"/>, the "rest of the world" (other buyers, another door) to
/// <see cref="B"/>, so whatever the page shows live crossed the Redis bus. Shared by the whole browser collection
/// (<see cref="WebCollection"/>): starting two servers per class would cost more than the tests. Each test arranges its
/// own organization and event, so tests never see each other's data. Login's rate limit is raised: every test signs in
/// through the page from 127.0.0.1.
/// </summary>
public sealed class WebServers : IAsyncLifetime
{
    private readonly TickrPostgres _postgres = new();
    private readonly RedisServer _redis = new();

    public CatalogApi A { get; private set; } = null!;

    public CatalogApi B { get; private set; } = null!;

    public TicketingApi TicketingA { get; private set; } = null!;

    public TicketingApi TicketingB { get; private set; } = null!;

    /// <summary>The browser's server, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseA => A.App.KestrelAddress.ToString().TrimEnd('/');

    public string BaseB => B.App.KestrelAddress.ToString().TrimEnd('/');

    public string AppUrl(string path = "") => BaseA + "/app/" + path.TrimStart('/');

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        await _redis.InitializeAsync();
        var a = Server();
        var b = Server();
        A = new CatalogApi(a);
        B = new CatalogApi(b);
        TicketingA = new TicketingApi(A, a);
        TicketingB = new TicketingApi(B, b);
        foreach (var api in new[] { A, B })
        {
            await Wait.UntilAsync(async () =>
            {
                var body = await api.PostAsync("{ serverInfo { subscriptionBus { kind connected } } }");
                var bus = body.GetProperty("data").GetProperty("serverInfo").GetProperty("subscriptionBus");
                return bus.GetProperty("kind").GetString() == "REDIS" && bus.GetProperty("connected").GetBoolean();
            }, "the Redis bus to connect");
        }
    }

    public async Task DisposeAsync()
    {
        if (B is not null)
        {
            await B.DisposeAsync();
        }
        if (A is not null)
        {
            await A.DisposeAsync();
        }
        await _redis.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    private TickrAppFactory Server() => new TickrAppFactory()
        .WithSetting("ConnectionStrings:Tickr", _postgres.ConnectionString)
        .WithSetting("ConnectionStrings:Redis", _redis.ConnectionString)
        .WithSetting("Tickr:RateLimits:Login:PermitLimit", "1000")
        .WithSetting("Tickr:RateLimits:Refresh:PermitLimit", "1000")
        // Confirmation and refund emails (no SMTP server here) go to a temporary folder, not the source tree.
        .WithSetting("Tickr:Email:PickupDirectory", Path.Combine(Path.GetTempPath(), "tickr-web-tests", "mail"))
        .WithKestrel();

    /// <summary>A confirmed account with the test password (it signs in through the login page).</summary>
    public async Task<WebAccount> AccountAsync(string label = "user")
    {
        var email = $"{label}-{Guid.NewGuid():N}"[..(label.Length + 13)] + "@tests.tickr.tn";
        var id = await TestUsers.CreateAsync(A.App.Services, email, displayName: label);
        return new WebAccount(id, email, TicketingApi.TokenFor(id, email));
    }

    /// <summary>
    /// An organization owned by a new account, a published event in it (in 30 days, refundable; Regular 50 TND × 200,
    /// VIP 120 TND × 20), a check-in list admitting every type, and a scanner staff account.
    /// </summary>
    public async Task<WebEvent> EventAsync(string title, string listName = "Entrée principale")
    {
        var owner = await AccountAsync("owner");
        var organization = Organization.Create(title + " Org", "org-" + Guid.NewGuid().ToString("N")[..10], null, owner.UserId, owner.Email, DateTimeOffset.UtcNow);
        await using (var db = await A.Contexts.CreateDbContextAsync())
        {
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
        }
        var organizer = new Organizer(owner.UserId, organization.Id, owner.Token);
        var scanner = await AccountAsync("scanner");
        await using (var db = await A.Contexts.CreateDbContextAsync())
        {
            var tracked = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == organization.Id);
            var member = tracked.Invite(owner.UserId, scanner.Email, OrganizationRole.Scanner, scanner.UserId, DateTimeOffset.UtcNow);
            db.Entry(member).State = EntityState.Added;
            await db.SaveChangesAsync();
        }

        var slug = "web-" + Guid.NewGuid().ToString("N")[..10];
        // Refundable until it starts (the dashboard refunds from the page); sold tickets go back on sale when refunded.
        var created = await A.SucceedAsync("createEvent", new Dictionary<string, object?>
        {
            ["organizationId"] = organizer.Id,
            ["title"] = title,
            ["slug"] = slug,
            ["startsAt"] = CatalogApi.InDays(30),
            ["endsAt"] = CatalogApi.InDays(30.2),
            ["currency"] = "TND",
            ["refundPolicy"] = new { refundable = true, deadlineHoursBeforeStart = 0, restockOnRefund = true },
        }, organizer.Token, "event { id }");
        var eventId = created.GetProperty("event").GetProperty("id").GetString()!;
        var regular = await A.AddTicketTypeAsync(organizer, eventId, "Regular", 50_000, 200);
        var vip = await A.AddTicketTypeAsync(organizer, eventId, "VIP", 120_000, 20);
        await A.SucceedAsync("publishEvent", new { eventId }, organizer.Token, "event { status }");
        var list = await A.SucceedAsync("createCheckInList", new { eventId, name = listName, ticketTypeIds = Array.Empty<string>() },
            organizer.Token, "checkInList { id }");
        return new WebEvent(owner, organizer, scanner, eventId, title, slug, regular, vip,
            list.GetProperty("checkInList").GetProperty("id").GetString()!, listName);
    }

    /// <summary>A participant buys through the API on <paramref name="through"/> (default B) with the development provider.</summary>
    public async Task<(string OrderId, string OrderNumber, IReadOnlyList<BoughtTicket> Tickets)> BuyAsync(
        WebAccount buyer, string eventId, string ticketTypeId, int quantity = 1, CatalogApi? through = null)
    {
        var (orderId, number) = await ReserveAsync(buyer, eventId, ticketTypeId, quantity, through);
        return (orderId, number, await PayAsync(buyer, orderId, through));
    }

    /// <summary>Reserves tickets through the API (default on B); returns the order's id and number.</summary>
    public async Task<(string OrderId, string OrderNumber)> ReserveAsync(WebAccount buyer, string eventId, string ticketTypeId, int quantity = 1, CatalogApi? through = null)
    {
        var reserved = await (through ?? B).SucceedAsync("reserveTickets",
            new { eventId, items = new[] { new { ticketTypeId, quantity } } }, buyer.Token, "order { id number }");
        return (reserved.GetProperty("order").GetProperty("id").GetString()!, reserved.GetProperty("order").GetProperty("number").GetString()!);
    }

    /// <summary>Checks a reserved order out with the development provider (paid at once outside Production); returns its tickets.</summary>
    public async Task<IReadOnlyList<BoughtTicket>> PayAsync(WebAccount buyer, string orderId, CatalogApi? through = null)
    {
        var paid = await (through ?? B).SucceedAsync("checkout", new { orderId, provider = "DEVELOPMENT" }, buyer.Token, "order { status tickets { id token } }");
        Assert.Equal("PAID", paid.GetProperty("order").GetProperty("status").GetString());
        return [.. paid.GetProperty("order").GetProperty("tickets").EnumerateArray()
            .Select(t => new BoughtTicket(t.GetProperty("id").GetString()!, t.GetProperty("token").GetString()!))];
    }

    /// <summary>One node read over the API (on B) with the organizer's token.</summary>
    public async Task<JsonElement> NodeAsync(string id, string token, string selection)
    {
        var body = await B.PostAsync($"query($id: ID!) {{ node(id: $id) {{ {selection} }} }}", new { id }, token);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data").GetProperty("node");
    }

    /// <summary>A ticket's first admission time (<c>Ticket.checkedInAt</c>, the organization's view), or null.</summary>
    public async Task<DateTimeOffset?> CheckedInAtAsync(string ticketId, string organizerToken)
    {
        var node = await NodeAsync(ticketId, organizerToken, "... on Ticket { checkedInAt }");
        var value = node.GetProperty("checkedInAt");
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDateTimeOffset();
    }

    /// <summary>An order's status as its buyer reads it over the API.</summary>
    public async Task<string> OrderStatusAsync(string orderId, string token)
    {
        var node = await NodeAsync(orderId, token, "... on Order { status }");
        return node.GetProperty("status").GetString()!;
    }

    /// <summary>The server's own database context (A), to inspect what the API does not show.</summary>
    public Task<TickrDbContext> DbAsync() => A.Contexts.CreateDbContextAsync();

    public IServiceProvider ServicesA => A.App.Services;
}
