using System.Buffers.Text;
using Microsoft.Playwright;
using Tickr.Graph.Tests.Ticketing;
using Xunit.Abstractions;
using static Tickr.Graph.Tests.Web.WebFlows;

namespace Tickr.Graph.Tests.Web;

/// <summary>
/// The door scanner (a progressive web app) in Chromium with a fake camera: Chromium plays a YUV4MPEG2 file showing a
/// real ticket's QR code (<see cref="FakeCamera"/>) as the camera; each test launches its own browser with the file it
/// needs (a launch flag). Scanner staff sign in through the page, pick the event and list, and scan: a valid ticket is
/// green and checked in (seen through the API), the same ticket again is orange naming the gate, a forged one is red;
/// with the context offline a scan is verified on the device, queued and shown pending, and uploaded with its original
/// time when the network returns, or shown as a conflict when another door admitted the ticket meanwhile; the service
/// worker serves the scanner screen on a reload without network.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ScannerWebTests(WebServers servers, BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Camera_reads_a_valid_ticket_green_and_checks_it_in_then_the_same_code_typed_again_is_orange_with_the_gate()
    {
        var e = await servers.EventAsync("Scanner camera " + Guid.NewGuid().ToString("N")[..6]);
        var buyer = await servers.AccountAsync("buyer");
        var (_, _, tickets) = await servers.BuyAsync(buyer, e.EventId, e.RegularTypeId, 1);
        var ticket = tickets[0];
        var video = FakeCamera.WriteQrVideo(ticket.Token);
        var camera = await browser.LaunchWithCameraAsync(video);
        try
        {
            await using var session = await browser.OpenAsync(output, ScreenSize.Phone, camera);
            const string gate = "Porte Est";
            await OpenScannerAsync(session, e, gate);

            // The camera shows the QR code: verified, checked in online, green.
            await WaitForStateAsync(session, "scan-result", "green");
            session.Log("scan-result: " + await session.TestId("scan-result").InnerTextAsync());
            await session.ScreenshotAsync("scanner");
            var checkedInAt = await servers.CheckedInAtAsync(ticket.Id, e.Owner.Token);
            Assert.NotNull(checkedInAt);
            // Another door asking the API now hears it was admitted at this gate.
            var again = await servers.TicketingB.CheckInAsync(ticket.Token, e.ListId, e.Scanner.Token, "api-check");
            Assert.Equal("ALREADY_CHECKED_IN", again.GetProperty("result").GetString());
            Assert.Equal(gate, again.GetProperty("firstCheckIn").GetProperty("gate").GetString());

            // The camera is covered (its track stopped): the same code typed by hand is orange and says where it was admitted.
            await session.Page.EvaluateAsync("() => document.querySelector('[data-testid=\"scanner-video\"]')?.srcObject?.getTracks().forEach(t => t.stop())");
            var entries = await session.TestId("scan-entry").CountAsync();
            await SubmitManuallyAsync(session, ticket.Token);
            await WaitForStateAsync(session, "scan-result", "orange");
            await TestHost.Wait.UntilAsync(async () => await session.TestId("scan-entry").CountAsync() > entries, "the manual scan in the history");
            var text = await session.TestId("scan-result").InnerTextAsync();
            session.Log("scan-result: " + text);
            Assert.Contains(gate, text, StringComparison.Ordinal);
            session.AssertNoCspViolations();
        }
        finally
        {
            await camera.CloseAsync();
            File.Delete(video);
        }
    }

    /// <summary>
    /// Cameras often start with black frames, and a lens can be covered: the decoder must go on reading once a code
    /// shows. The video is two seconds of black, then the QR code (and loops).
    /// </summary>
    [Fact]
    public async Task Camera_still_reads_a_ticket_after_seeing_a_uniform_black_picture()
    {
        var e = await servers.EventAsync("Scanner dark " + Guid.NewGuid().ToString("N")[..6]);
        var buyer = await servers.AccountAsync("buyer");
        var (_, _, tickets) = await servers.BuyAsync(buyer, e.EventId, e.RegularTypeId, 1);
        var video = FakeCamera.WriteBlankThenQrVideo(tickets[0].Token, blankFrames: 60);
        var camera = await browser.LaunchWithCameraAsync(video);
        try
        {
            await using var session = await browser.OpenAsync(output, ScreenSize.Phone, camera);
            await OpenScannerAsync(session, e, "Porte 2");
            await WaitForStateAsync(session, "scan-result", "green");
            Assert.NotNull(await servers.CheckedInAtAsync(tickets[0].Id, e.Owner.Token));
            Assert.DoesNotContain(session.Errors, error => error.StartsWith("uncaught:", StringComparison.Ordinal));
            session.AssertNoCspViolations();
        }
        finally
        {
            await camera.CloseAsync();
            File.Delete(video);
        }
    }

    [Fact]
    public async Task Forged_ticket_typed_by_hand_is_red()
    {
        var e = await servers.EventAsync("Scanner forged " + Guid.NewGuid().ToString("N")[..6]);
        var buyer = await servers.AccountAsync("buyer");
        var (_, _, tickets) = await servers.BuyAsync(buyer, e.EventId, e.RegularTypeId, 1);
        var forged = Forge(tickets[0].Token);
        await WithBlankCameraAsync(ScreenSize.Desktop, async session =>
        {
            await OpenScannerAsync(session, e, "Porte 1");
            await session.ScreenshotAsync("scanner-ready");
            await SubmitManuallyAsync(session, forged);
            await WaitForStateAsync(session, "scan-result", "red");
            session.Log("scan-result: " + await session.TestId("scan-result").InnerTextAsync());
            await session.ScreenshotAsync("scanner");
            Assert.Null(await servers.CheckedInAtAsync(tickets[0].Id, e.Owner.Token));
        });
    }

    [Fact]
    public async Task Offline_scan_is_verified_on_the_device_queued_and_uploaded_with_its_time_when_back_online()
    {
        var e = await servers.EventAsync("Scanner offline " + Guid.NewGuid().ToString("N")[..6]);
        var buyer = await servers.AccountAsync("buyer");
        var (_, _, tickets) = await servers.BuyAsync(buyer, e.EventId, e.RegularTypeId, 1);
        var ticket = tickets[0];
        await WithBlankCameraAsync(ScreenSize.Phone, async session =>
        {
            await OpenScannerAsync(session, e, "Porte Sud");
            await WaitForStateAsync(session, "sync-status", "online");
            await WaitForAttributeAsync(session, TestIdSelector("pending-count"), "data-value", "0");

            // The network goes: the ticket is verified with the event's key on the device and kept, pending.
            await session.Context.SetOfflineAsync(true);
            var scannedFrom = DateTimeOffset.UtcNow;
            await SubmitManuallyAsync(session, ticket.Token);
            await WaitForStateAsync(session, "scan-result", "pending");
            await WaitForAttributeAsync(session, TestIdSelector("pending-count"), "data-value", "1");
            var scannedBy = DateTimeOffset.UtcNow;
            await WaitForStateAsync(session, "sync-status", "offline");
            session.Log("scan-result: " + await session.TestId("scan-result").InnerTextAsync());
            await session.ScreenshotAsync("scanner-offline");
            Assert.Null(await servers.CheckedInAtAsync(ticket.Id, e.Owner.Token));

            // Later, the network returns: the queue is uploaded, and the admission keeps the time of the scan.
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            var online = DateTimeOffset.UtcNow;
            await session.Context.SetOfflineAsync(false);
            await WaitForAttributeAsync(session, TestIdSelector("pending-count"), "data-value", "0");
            await WaitForStateAsync(session, "sync-status", "online");
            var checkedInAt = await servers.CheckedInAtAsync(ticket.Id, e.Owner.Token);
            Assert.NotNull(checkedInAt);
            session.Log($"scanned between {scannedFrom:O} and {scannedBy:O}, back online at {online:O}, checked in at {checkedInAt:O}");
            Assert.InRange(checkedInAt.Value, scannedFrom.AddSeconds(-1), scannedBy.AddSeconds(1));
            Assert.True(checkedInAt.Value < online, "The admission has the upload's time, not the scan's.");
        });
    }

    [Fact]
    public async Task Offline_scan_of_a_ticket_admitted_meanwhile_at_another_door_is_shown_as_a_conflict_when_uploaded()
    {
        var e = await servers.EventAsync("Scanner conflict " + Guid.NewGuid().ToString("N")[..6]);
        var buyer = await servers.AccountAsync("buyer");
        var (_, _, tickets) = await servers.BuyAsync(buyer, e.EventId, e.RegularTypeId, 1);
        var ticket = tickets[0];
        await WithBlankCameraAsync(ScreenSize.Phone, async session =>
        {
            await OpenScannerAsync(session, e, "Porte Sud");
            await WaitForStateAsync(session, "sync-status", "online");

            // This device loses the network; another door, still online, admits the ticket first; then someone shows
            // the same ticket here: verified offline, queued.
            await session.Context.SetOfflineAsync(true);
            var other = await servers.TicketingB.CheckInAsync(ticket.Token, e.ListId, e.Scanner.Token, "other-phone", gate: "Porte Nord");
            Assert.Equal("OK", other.GetProperty("result").GetString());
            await Task.Delay(TimeSpan.FromSeconds(1));
            await SubmitManuallyAsync(session, ticket.Token);
            await WaitForStateAsync(session, "scan-result", "pending");
            await WaitForAttributeAsync(session, TestIdSelector("pending-count"), "data-value", "1");

            // Back online: the upload finds the earlier admission, and the screen shows the conflict with its door.
            await session.Context.SetOfflineAsync(false);
            await WaitForAttributeAsync(session, TestIdSelector("pending-count"), "data-value", "0");
            var conflict = session.TestId("conflict-row").First;
            await conflict.WaitForAsync();
            var text = await conflict.InnerTextAsync();
            session.Log($"conflict-row ({await conflict.GetAttributeAsync("data-result")}): {text}");
            Assert.Contains("Porte Nord", text, StringComparison.Ordinal);
            await session.ScreenshotAsync("scanner-conflict");
        });
    }

    [Fact]
    public async Task Service_worker_serves_the_scanner_screen_on_a_reload_without_network_and_it_still_verifies()
    {
        var e = await servers.EventAsync("Scanner worker " + Guid.NewGuid().ToString("N")[..6]);
        var buyer = await servers.AccountAsync("buyer");
        var (_, _, tickets) = await servers.BuyAsync(buyer, e.EventId, e.RegularTypeId, 1);
        await WithBlankCameraAsync(ScreenSize.Phone, async session =>
        {
            await OpenScannerAsync(session, e, "Porte Ouest");
            var scope = await session.Page.EvaluateAsync<string>("async () => (await navigator.serviceWorker.ready).scope");
            session.Log("service worker scope: " + scope);
            Assert.EndsWith("/app/", scope, StringComparison.Ordinal);

            await session.Context.SetOfflineAsync(true);
            var response = await session.Page.ReloadAsync();
            session.Log($"offline reload: status {response?.Status}, from service worker {response?.FromServiceWorker}");
            await session.TestId("manual-code").WaitForAsync();
            await session.TestId("scan-result").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            Assert.True(response is null || response.FromServiceWorker, "The offline reload was not answered by the service worker.");
            await session.ScreenshotAsync("scanner-reloaded-offline");

            // The reloaded screen still verifies with the event's key and queues.
            await SubmitManuallyAsync(session, tickets[0].Token);
            await WaitForStateAsync(session, "scan-result", "pending");
            await WaitForAttributeAsync(session, TestIdSelector("pending-count"), "data-value", "1");
        });
    }

    /// <summary>Signs scanner staff in, picks the event, the list and the gate, and starts scanning.</summary>
    private async Task OpenScannerAsync(BrowserSession session, WebEvent e, string gate)
    {
        await session.GotoAsync(servers.AppUrl("scanner"));
        await LoginAsync(session, e.Scanner);
        await WaitForAppPathAsync(session, "scanner");
        await SelectAsync(session, "scanner-event", e.EventId);
        await SelectAsync(session, "scanner-list", e.ListId);
        await session.TestId("scanner-gate").FillAsync(gate);
        await session.ScreenshotAsync("scanner-pick");
        await session.TestId("scanner-start").ClickAsync();
        await WaitForAppPathAsync(session, $"scanner/{e.EventId}/{e.ListId}");
        await session.TestId("manual-code").WaitForAsync();
    }

    private static async Task SubmitManuallyAsync(BrowserSession session, string code)
    {
        await session.TestId("manual-code").FillAsync(code);
        await session.TestId("manual-submit").ClickAsync();
    }

    /// <summary>Runs the steps in a browser whose camera works but sees no code (manual entry only).</summary>
    private async Task WithBlankCameraAsync(ScreenSize size, Func<BrowserSession, Task> steps)
    {
        var video = FakeCamera.WriteBlankVideo(frames: 2);
        var camera = await browser.LaunchWithCameraAsync(video);
        try
        {
            await using var session = await browser.OpenAsync(output, size, camera);
            await steps(session);
            session.AssertNoCspViolations();
        }
        finally
        {
            await camera.CloseAsync();
            File.Delete(video);
        }
    }

    /// <summary>
    /// A forgery of a real token: the same claims, a well-formed signature whose bytes were altered (a byte of r), so
    /// only the signature check can refuse it.
    /// </summary>
    internal static string Forge(string token)
    {
        var dot = token.LastIndexOf('.');
        var signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        signature[7] ^= 0x5A;
        var forged = token[..(dot + 1)] + Base64Url.EncodeToString(signature);
        Assert.Equal(token.Length, forged.Length);
        Assert.NotEqual(token, forged);
        Assert.True(Tickr.Domain.Ticketing.TicketToken.TryReadClaims(forged, out _), "The forgery must be a well-formed token.");
        return forged;
    }
}
