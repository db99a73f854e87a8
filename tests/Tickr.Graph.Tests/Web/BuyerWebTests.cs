using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Tests.Ticketing;
using Xunit.Abstractions;
using static Tickr.Graph.Tests.Web.WebFlows;

namespace Tickr.Graph.Tests.Web;

/// <summary>
/// The participant's pages in Chromium: an anonymous visitor finds an event by searching, sees its ticket types with
/// live remaining counts (a purchase made elsewhere, on the other server, lowers them), signs in when buying, buys two
/// tickets with the development provider, and finds them under "my tickets" with QR codes that decode to the tickets'
/// genuine tokens (verified with the event's public key). Also: the language switch (Arabic turns the page right-to-left). Every page photographed at both sizes.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class BuyerWebTests(WebServers servers, BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Visitor_searches_opens_the_event_sees_live_remaining_signs_in_buys_two_tickets_and_sees_their_QR_codes()
    {
        var word = "Tarab" + Guid.NewGuid().ToString("N")[..6];
        var e = await servers.EventAsync($"Nuit {word}");
        var buyer = await servers.AccountAsync("buyer");
        var someoneElse = await servers.AccountAsync("other");
        await using var session = await browser.OpenAsync(output, ScreenSize.Desktop);
        var page = session.Page;

        // Home: search, find the event's card.
        await session.GotoAsync(servers.AppUrl());
        await session.TestId("event-search").FillAsync(word);
        var card = page.Locator($"{TestIdSelector("event-card")}[data-slug=\"{e.Slug}\"]");
        await card.WaitForAsync();
        await TestHost.Wait.UntilAsync(async () => await session.TestId("event-card").CountAsync() == 1, "the search to keep only the matching event");
        await session.ScreenshotAsync("buyer-home");

        // The event page: both ticket types with their remaining counts, kept live.
        await card.ClickAsync();
        await WaitForAppPathAsync(session, $"events/{e.Slug}");
        var regular = $"{TestIdSelector("ticket-type")}[data-ticket-type-id=\"{e.RegularTypeId}\"] {TestIdSelector("ticket-remaining")}";
        var vip = $"{TestIdSelector("ticket-type")}[data-ticket-type-id=\"{e.VipTypeId}\"] {TestIdSelector("ticket-remaining")}";
        await WaitForAttributeAsync(session, regular, "data-value", "200");
        await WaitForAttributeAsync(session, vip, "data-value", "20");
        await session.ScreenshotAsync("event");
        await servers.BuyAsync(someoneElse, e.EventId, e.VipTypeId, 3);
        await WaitForAttributeAsync(session, vip, "data-value", "17", LiveTimeout);

        // Two Regular tickets: signing in first (the app asks when buying), then paying with the development provider.
        await SetQuantityAsync(session, e.RegularTypeId, 2);
        await session.TestId("buy-button").ClickAsync();
        await LoginAsync(session, buyer);
        if (!OrderPath().IsMatch(page.Url))
        {
            await WaitForAppPathAsync(session, $"events/{e.Slug}");
            var quantity = session.Page.Locator($"{TestIdSelector("ticket-type")}[data-ticket-type-id=\"{e.RegularTypeId}\"] {TestIdSelector("ticket-qty")}");
            if (await quantity.InputValueAsync() != "2")
            {
                await SetQuantityAsync(session, e.RegularTypeId, 2);
            }
            await session.TestId("buy-button").ClickAsync();
        }
        await WaitForPathAsync(session, path => OrderPath().IsMatch(path));
        await PayIfAskedAsync(session);
        await WaitForAttributeAsync(session, TestIdSelector("order-status"), "data-value", "PAID");
        await session.ScreenshotAsync("order");

        // My tickets: two cards, each with a QR code that decodes to the ticket's token, which the API agrees on.
        await session.GotoAsync(servers.AppUrl("tickets"));
        var cards = session.TestId("ticket-card");
        await TestHost.Wait.UntilAsync(async () => await cards.CountAsync() == 2, "two ticket cards");
        await cards.First.GetByTestId("ticket-qr").WaitForAsync();
        await session.ScreenshotAsync("tickets");
        var key = await servers.NodeAsync(e.EventId, e.Owner.Token, "... on Event { ticketPublicKey { publicKeyPem } }");
        using var eventKey = ECDsa.Create();
        eventKey.ImportFromPem(key.GetProperty("ticketPublicKey").GetProperty("publicKeyPem").GetString());
        for (var i = 0; i < 2; i++)
        {
            var ticket = cards.Nth(i);
            var id = (await ticket.GetAttributeAsync("data-ticket-id"))!;
            var token = (await ticket.GetByTestId("ticket-token").TextContentAsync())!.Trim();
            var qr = ticket.GetByTestId("ticket-qr");
            await qr.ScrollIntoViewIfNeededAsync();
            var png = await qr.ScreenshotAsync();
            var (decoded, width, height) = QrDecoder.DecodePng(png);
            session.Log($"ticket {id}: QR {width}×{height} px decodes to {decoded?[..12]}…");
            Assert.Equal(token, decoded);
            // The page's token is genuine: signed by the event's key, for this ticket. (ECDSA is randomised: the API
            // signs a new, equally valid token at each read, so the API's token is compared by its claims.)
            var verdict = TicketToken.Verify(token, eventKey);
            Assert.Equal(TicketVerificationStatus.Valid, verdict.Status);
            Assert.Equal(Catalog.CatalogApi.Key(id), verdict.Claims!.TicketId);
            var node = await servers.NodeAsync(id, buyer.Token, "... on Ticket { token status }");
            Assert.True(TicketToken.TryReadClaims(node.GetProperty("token").GetString(), out var apiClaims));
            Assert.Equal(verdict.Claims, apiClaims);
            Assert.Equal("VALID", node.GetProperty("status").GetString());
        }
        session.AssertNoCspViolations();
    }

    [Fact]
    public async Task Buyer_pages_at_phone_size_are_photographed()
    {
        var word = "Malouf" + Guid.NewGuid().ToString("N")[..6];
        var e = await servers.EventAsync($"Soirée {word}");
        var buyer = await servers.AccountAsync("buyer");
        await servers.BuyAsync(buyer, e.EventId, e.VipTypeId, 1, servers.A);
        await using var session = await browser.OpenAsync(output, ScreenSize.Phone);

        await session.GotoAsync(servers.AppUrl());
        await session.TestId("event-search").FillAsync(word);
        await session.Page.Locator($"{TestIdSelector("event-card")}[data-slug=\"{e.Slug}\"]").WaitForAsync();
        await session.ScreenshotAsync("buyer-home");

        await session.GotoAsync(servers.AppUrl($"events/{e.Slug}"));
        await WaitForAttributeAsync(session, $"{TestIdSelector("ticket-type")}[data-ticket-type-id=\"{e.VipTypeId}\"] {TestIdSelector("ticket-remaining")}", "data-value", "19");
        await session.ScreenshotAsync("event");

        await session.GotoAsync(servers.AppUrl("tickets"));
        await LoginAsync(session, buyer);
        if (!session.Page.Url.Contains("/app/tickets", StringComparison.Ordinal))
        {
            await session.GotoAsync(servers.AppUrl("tickets"));
        }
        await session.TestId("ticket-card").First.GetByTestId("ticket-qr").WaitForAsync();
        await session.ScreenshotAsync("tickets");

        await session.GotoAsync(servers.AppUrl("login"));
        await session.TestId("login-email").WaitForAsync();
        session.AssertNoCspViolations();
    }

    [Fact]
    public async Task Language_switch_to_Arabic_turns_the_page_right_to_left_and_back()
    {
        await using var session = await browser.OpenAsync(output, ScreenSize.Phone);
        var html = session.Page.Locator("html");
        await session.GotoAsync(servers.AppUrl());
        await session.TestId("lang-select").WaitForAsync();
        Assert.Equal("fr", await html.GetAttributeAsync("lang"));
        Assert.NotEqual("rtl", await html.GetAttributeAsync("dir"));

        await session.TestId("lang-select").SelectOptionAsync("ar");
        await WaitForAttributeAsync(session, "html", "dir", "rtl");
        Assert.Equal("ar", await html.GetAttributeAsync("lang"));
        await session.ScreenshotAsync("buyer-home-ar");

        // The choice is kept across a reload.
        await session.Page.ReloadAsync();
        await WaitForAttributeAsync(session, "html", "dir", "rtl");

        await session.TestId("lang-select").SelectOptionAsync("en");
        await WaitForAttributeAsync(session, "html", "dir", "ltr");
        Assert.Equal("en", await html.GetAttributeAsync("lang"));
        session.AssertNoCspViolations();
    }

    private static async Task SetQuantityAsync(BrowserSession session, string ticketTypeId, int quantity)
    {
        var input = session.Page.Locator($"{TestIdSelector("ticket-type")}[data-ticket-type-id=\"{ticketTypeId}\"] {TestIdSelector("ticket-qty")}");
        await input.FillAsync(quantity.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The order page pays at once with the development provider, or shows a pay button first (the contract leaves it
    /// open): clicks it only when it is offered (enabled) before the order is paid.
    /// </summary>
    private static async Task PayIfAskedAsync(BrowserSession session)
    {
        var status = session.Page.Locator($"{TestIdSelector("order-status")}[data-value=\"PAID\"]");
        var pay = session.Page.Locator($"{TestIdSelector("pay-button")}:not([disabled])");
        await status.Or(pay).First.WaitForAsync();
        if (!await status.IsVisibleAsync() && await pay.IsVisibleAsync())
        {
            session.Log("the order page asks to pay: clicking pay-button");
            await pay.ClickAsync();
        }
    }

    [Fact]
    public async Task Event_page_catches_up_with_sales_made_while_its_connection_was_down()
    {
        var e = await servers.EventAsync("Reprise " + Guid.NewGuid().ToString("N")[..6]);
        var someone = await servers.AccountAsync("someone");
        await using var session = await browser.OpenAsync(output, ScreenSize.Phone);
        await session.GotoAsync(servers.AppUrl($"events/{e.Slug}"));
        var vip = $"{TestIdSelector("ticket-type")}[data-ticket-type-id=\"{e.VipTypeId}\"] {TestIdSelector("ticket-remaining")}";
        await WaitForAttributeAsync(session, vip, "data-value", "20");
        // A first sale proves the page follows the event live.
        await servers.BuyAsync(someone, e.EventId, e.VipTypeId, 1);
        await WaitForAttributeAsync(session, vip, "data-value", "19", LiveTimeout);

        // Without network the page misses the next sale; when the network returns it reads the counts again.
        await session.Context.SetOfflineAsync(true);
        await servers.BuyAsync(someone, e.EventId, e.VipTypeId, 2);
        Assert.Equal("19", await session.Page.Locator(vip).GetAttributeAsync("data-value"));
        await session.Context.SetOfflineAsync(false);
        await WaitForAttributeAsync(session, vip, "data-value", "17", LiveTimeout);
        session.AssertNoCspViolations();
    }

    [GeneratedRegex("/app/orders/[^/?#]+")]
    private static partial Regex OrderPath();
}
