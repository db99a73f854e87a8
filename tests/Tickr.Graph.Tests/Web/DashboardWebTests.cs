using Microsoft.Playwright;
using Xunit.Abstractions;
using static Tickr.Graph.Tests.Web.WebFlows;

namespace Tickr.Graph.Tests.Web;

/// <summary>
/// The organizer's live dashboard in Chromium, on server A, while the rest of the world acts on server B (same
/// PostgreSQL, same Redis bus): a purchase made through the API shows in the tiles and bars, a check-in made through the
/// API shows in the check-in tile and its gate's row, without the page polling; then the attendee list finds the buyer,
/// the CSV export carries them, and a refund made on the page reaches the API. While the figures change the page sends
/// no GraphQL request over HTTP: they came through its subscriptions. The time from the API's answer to the
/// DOM change is measured and written down (TestResults/web/timings.json), never asserted.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DashboardWebTests(WebServers servers, BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Dashboard_shows_a_purchase_and_a_check_in_made_on_another_server_then_finds_exports_and_refunds_the_buyer()
    {
        var e = await servers.EventAsync("Dashboard live " + Guid.NewGuid().ToString("N")[..6]);
        var buyer = await servers.AccountAsync("buyer");
        // An earlier sale on server B (a VIP ticket): the event's first sale creates its signing key and the server's
        // first checkout compiles its code; the one measured below is an ordinary sale of a running event.
        await servers.BuyAsync(await servers.AccountAsync("early"), e.EventId, e.VipTypeId, 1);
        await using var session = await browser.OpenAsync(output, ScreenSize.Desktop);
        var page = session.Page;

        // The organizer opens the dashboard, signs in when asked, and is brought back to it; it goes live.
        await session.GotoAsync(servers.AppUrl($"dashboard/{e.EventId}"));
        await LoginAsync(session, e.Owner);
        await WaitForAppPathAsync(session, $"dashboard/{e.EventId}");
        await WaitForStateAsync(session, "live-status", "live");
        var sold = TestIdSelector("tile-sold");
        var bar = $"{TestIdSelector("type-bar")}[data-ticket-type-id=\"{e.RegularTypeId}\"]";
        var soldBefore = await NumberAsync(session, sold);
        var barBefore = await NumberAsync(session, bar, "data-sold");
        var grossBefore = await NumberAsync(session, TestIdSelector("tile-gross"));
        var checkInsBefore = await NumberAsync(session, TestIdSelector("tile-checkins"));
        session.Log($"before: sold {soldBefore}, Regular bar {barBefore}, gross {grossBefore}, check-ins {checkInsBefore}");
        // From now on, every GraphQL request the page sends over HTTP is noted: the live figures must arrive over the
        // WebSocket (subscriptions), not by asking again.
        var asked = new List<(long At, string Body)>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && new Uri(request.Url).AbsolutePath == "/graphql")
            {
                lock (asked)
                {
                    asked.Add((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), request.PostData ?? ""));
                }
            }
        };
        void AssertNothingAskedBetween(long from, long to, string what)
        {
            lock (asked)
            {
                var between = asked.Where(a => a.At >= from && a.At <= to).Select(a => a.Body.Length > 120 ? a.Body[..120] : a.Body).ToList();
                Assert.True(between.Count == 0, $"The page sent GraphQL requests over HTTP while {what} came in:\n{string.Join('\n', between)}");
            }
        }

        // A participant buys two Regular tickets through the API on the other server: the tile changes by itself.
        // (Reserving holds tickets but sells none: the clock starts with the payment, the checkout request. Its answer
        // can arrive after the page has already changed, the sale being published before the answer is written.)
        var (orderId, orderNumber) = await servers.ReserveAsync(buyer, e.EventId, e.RegularTypeId, 2);
        var seen = WaitForIncreaseAsync(session, sold, "data-value", soldBefore);
        var requested = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var tickets = await servers.PayAsync(buyer, orderId);
        var answered = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (shownAt, _) = await seen;
        AssertNothingAskedBetween(requested, shownAt, "the sale");
        Record(session, "dashboard.purchase.checkoutAnswerToDomMs", shownAt - answered);
        Record(session, "dashboard.purchase.checkoutRequestToDomMs", shownAt - requested);
        await WaitForAttributeAsync(session, sold, "data-value", (soldBefore + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await WaitForAttributeAsync(session, bar, "data-sold", (barBefore + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Two Regular tickets at 50 TND: 100 TND, in millimes.
        await WaitForAttributeAsync(session, TestIdSelector("tile-gross"), "data-value", (grossBefore + 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Scanner staff admit the first ticket at a door served by server B: the check-in tile and that gate's row follow.
        const string gate = "Porte Nord";
        const string deviceId = "api-door";
        var gateRowsBefore = await GateRowsAsync(page);
        session.Log("gate rows before: " + string.Join(", ", gateRowsBefore.Select(r => $"{r.Key}={r.Value}")));
        var checkInSeen = WaitForIncreaseAsync(session, TestIdSelector("tile-checkins"), "data-value", checkInsBefore);
        var scanRequested = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var scan = await servers.TicketingB.CheckInAsync(tickets[0].Token, e.ListId, e.Scanner.Token, deviceId, gate: gate);
        var scanAnswered = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Equal("OK", scan.GetProperty("result").GetString());
        var (checkInShownAt, checkIns) = await checkInSeen;
        Assert.Equal(checkInsBefore + 1, checkIns);
        AssertNothingAskedBetween(scanRequested, checkInShownAt, "the check-in");
        Record(session, "dashboard.checkIn.apiAnswerToDomMs", checkInShownAt - scanAnswered);
        Record(session, "dashboard.checkIn.apiRequestToDomMs", checkInShownAt - scanRequested);
        // The check-in named its gate: that gate's row counts one more.
        string[] names = [gate];
        await Wait(async () =>
        {
            var rows = await GateRowsAsync(page);
            return names.Any(n => rows.TryGetValue(n, out var count) && count == (gateRowsBefore.GetValueOrDefault(n) + 1));
        }, "the gate's row to count the admission");
        var after = await GateRowsAsync(page);
        session.Log("gate rows after: " + string.Join(", ", after.Select(r => $"{r.Key}={r.Value}")));
        await session.ScreenshotAsync("dashboard");

        // The attendee list finds the buyer by email: one row per ticket of the order.
        await session.TestId("attendee-search").FillAsync(buyer.Email);
        var rowsOfOrder = page.Locator($"{TestIdSelector("attendee-row")}[data-order-id=\"{orderId}\"]");
        await Wait(async () => await rowsOfOrder.CountAsync() == 2 && await session.TestId("attendee-row").CountAsync() == 2,
            "the search to show the buyer's two tickets and nothing else");
        var ticketIds = await rowsOfOrder.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.ticketId)");
        Assert.Equal(tickets.Select(t => t.Id).Order(), ticketIds.Order());

        // CSV export: a file downloaded by the browser, with the buyer's email.
        var download = await page.RunAndWaitForDownloadAsync(() => session.TestId("export-csv").ClickAsync());
        var csvPath = Path.Combine(WebArtifacts.Directory, "dashboard-attendees.csv");
        await download.SaveAsAsync(csvPath);
        var csv = await File.ReadAllTextAsync(csvPath);
        session.Log($"CSV {download.SuggestedFilename}: {csv.Length} characters, {csv.Split('\n').Length} lines");
        Assert.Contains(buyer.Email, csv, StringComparison.OrdinalIgnoreCase);

        // Refund from the page: the order is REFUNDED through the API.
        await rowsOfOrder.First.GetByTestId("refund-button").ClickAsync();
        await session.TestId("refund-confirm").ClickAsync();
        try
        {
            await Wait(async () => await servers.OrderStatusAsync(orderId, buyer.Token) == "REFUNDED", $"order {orderNumber} to be refunded");
        }
        catch (TimeoutException)
        {
            var alert = page.Locator("dialog[open] [role=alert]");
            session.Log("refund dialog says: " + (await alert.CountAsync() > 0 ? await alert.First.InnerTextAsync() : "(nothing)"));
            throw;
        }
        session.AssertNoCspViolations();
    }

    [Fact]
    public async Task Dashboard_at_phone_size_goes_live_and_is_photographed()
    {
        var e = await servers.EventAsync("Dashboard phone " + Guid.NewGuid().ToString("N")[..6]);
        var buyer = await servers.AccountAsync("buyer");
        await servers.BuyAsync(buyer, e.EventId, e.VipTypeId, 1);
        await using var session = await browser.OpenAsync(output, ScreenSize.Phone);
        await session.GotoAsync(servers.AppUrl($"dashboard/{e.EventId}"));
        await LoginAsync(session, e.Owner);
        await WaitForStateAsync(session, "live-status", "live");
        await WaitForAttributeAsync(session, TestIdSelector("tile-sold"), "data-value", "1");
        await WaitForAttributeAsync(session, $"{TestIdSelector("type-bar")}[data-ticket-type-id=\"{e.VipTypeId}\"]", "data-sold", "1");
        await session.ScreenshotAsync("dashboard");

        // The organizer's event picker too.
        await session.GotoAsync(servers.AppUrl("dashboard"));
        await session.Page.Locator($"{TestIdSelector("event-link")}[data-event-id=\"{e.EventId}\"]").WaitForAsync();
        await session.ScreenshotAsync("dashboard-events");
        session.AssertNoCspViolations();
    }

    [Fact]
    public async Task Dashboard_catches_up_with_a_sale_made_while_its_connection_was_down()
    {
        var e = await servers.EventAsync("Dashboard reconnect " + Guid.NewGuid().ToString("N")[..6]);
        await servers.BuyAsync(await servers.AccountAsync("early"), e.EventId, e.VipTypeId, 1);
        await using var session = await browser.OpenAsync(output, ScreenSize.Desktop);
        await session.GotoAsync(servers.AppUrl($"dashboard/{e.EventId}"));
        await LoginAsync(session, e.Owner);
        await WaitForStateAsync(session, "live-status", "live");
        await WaitForAttributeAsync(session, TestIdSelector("tile-sold"), "data-value", "1");

        // The network goes: the WebSocket closes and the indicator leaves "live". A sale happens meanwhile (on the
        // other server): its message is published to nobody on this page.
        await session.Context.SetOfflineAsync(true);
        await Wait(async () => await session.TestId("live-status").GetAttributeAsync("data-state") != "live", "the indicator to leave live");
        var buyer = await servers.AccountAsync("buyer");
        await servers.BuyAsync(buyer, e.EventId, e.RegularTypeId, 2);
        Assert.Equal("1", await session.TestId("tile-sold").GetAttributeAsync("data-value"));

        // The network comes back: the page reconnects and reads the figures again, so the missed sale shows.
        await session.Context.SetOfflineAsync(false);
        await WaitForStateAsync(session, "live-status", "live");
        await WaitForAttributeAsync(session, TestIdSelector("tile-sold"), "data-value", "3");
        await WaitForAttributeAsync(session, $"{TestIdSelector("type-bar")}[data-ticket-type-id=\"{e.RegularTypeId}\"]", "data-sold", "2");
        session.AssertNoCspViolations();
    }

    /// <summary>Each gate row's <c>data-checked-in</c>, by its <c>data-gate</c>.</summary>
    private static async Task<Dictionary<string, int>> GateRowsAsync(IPage page)
    {
        var rows = await page.Locator(TestIdSelector("gate-row")).EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.dataset.gate ?? '', r.dataset.checkedIn ?? '0'])");
        return rows.GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.Sum(r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static Task Wait(Func<Task<bool>> condition, string what) =>
        TestHost.Wait.UntilAsync(condition, what, TimeSpan.FromSeconds(20));
}
