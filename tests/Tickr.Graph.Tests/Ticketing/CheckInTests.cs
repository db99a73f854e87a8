using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tickr.Data.Ticketing;
using Tickr.Domain.Identity;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Tests.Catalog;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Ticketing;

/// <summary>The door over real HTTP on PostgreSQL: lists, scans, offline uploads, transfers, access, the scanners' key.</summary>
public sealed class CheckInTests(TicketingServers servers) : IClassFixture<TicketingServers>
{
    private TicketingApi Api => servers.Api;

    private CatalogApi Catalog => servers.Api.Catalog;

    private static string Tampered(string token)
    {
        // Change one character of the signature (keeping it valid base64url): the signature no longer matches.
        var i = token.Length - 10;
        return token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
    }

    [Fact]
    public async Task A_scan_gives_each_result_with_what_the_gate_needs()
    {
        var e = await Api.OnSaleEventAsync("Results");
        var other = await Api.OnSaleEventAsync("Elsewhere");
        var buyer = await Api.BuyerAsync();
        var (_, regular) = await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId, 2);
        var (vipOrder, vip) = await Api.BuyAsync(buyer, e.EventId, e.VipTypeId);
        var (_, foreign) = await Api.BuyAsync(buyer, other.EventId, other.RegularTypeId);
        var main = await Api.CreateListAsync(e, "Main gate");
        var vipGate = await Api.CreateListAsync(e, "VIP gate", e.VipTypeId);

        var ok = await Api.CheckInAsync(regular[0].Token, main, e.ScannerToken, "gate-1", gate: "Porte 1");
        Assert.Equal("OK", ok.GetProperty("result").GetString());
        Assert.Equal("Regular", ok.GetProperty("ticket").GetProperty("ticketTypeName").GetString());
        Assert.Equal(buyer.Email, ok.GetProperty("ticket").GetProperty("holderEmail").GetString());
        Assert.Equal(regular[0].Id, ok.GetProperty("ticket").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, ok.GetProperty("firstCheckIn").ValueKind);

        var again = await Api.CheckInAsync(regular[0].Token, main, e.ScannerToken, "gate-2");
        Assert.Equal("ALREADY_CHECKED_IN", again.GetProperty("result").GetString());
        var first = again.GetProperty("firstCheckIn");
        Assert.Equal(("Main gate", "gate-1", main), (first.GetProperty("listName").GetString(), first.GetProperty("deviceId").GetString(), first.GetProperty("listId").GetString()));
        Assert.Equal("Porte 1", first.GetProperty("gate").GetString());
        Assert.True(DateTimeOffset.UtcNow - first.GetProperty("scannedAt").GetDateTimeOffset() < TimeSpan.FromMinutes(5));

        Assert.Equal("NOT_VALID_FOR_LIST", await Api.ResultAsync(regular[1].Token, vipGate, e.ScannerToken));
        Assert.Equal("OK", await Api.ResultAsync(vip[0].Token, vipGate, e.ScannerToken));
        Assert.Equal("WRONG_EVENT", await Api.ResultAsync(foreign[0].Token, main, e.ScannerToken));
        foreach (var bad in new[] { Tampered(regular[1].Token), regular[1].Token[..100], "TKR1.hello.world", "https://example.com/not-a-ticket" })
        {
            var refused = await Api.CheckInAsync(bad, main, e.ScannerToken);
            Assert.Equal("INVALID_SIGNATURE", refused.GetProperty("result").GetString());
            Assert.Equal(JsonValueKind.Null, refused.GetProperty("ticket").ValueKind);
        }

        // An order that is not paid (a state a ticket should never be in; the door checks it anyway).
        var vipOrderId = await OrderIdAsync(vipOrder);
        await using (var db = await Catalog.Contexts.CreateDbContextAsync())
        {
            await db.Orders.Where(o => o.Id == vipOrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Reserved));
        }
        Assert.Equal("NOT_PAID", await Api.ResultAsync(vip[0].Token, main, e.ScannerToken));

        // Transferred away: the old QR code is refused.
        var friend = await Api.BuyerAsync();
        await Catalog.SucceedAsync("transferTicket", new { ticketId = regular[1].Id, toEmail = friend.Email }, buyer.Token, "ticket { version }");
        Assert.Equal("REVOKED", await Api.ResultAsync(regular[1].Token, main, e.ScannerToken));
    }

    private async Task<Guid> OrderIdAsync(string number)
    {
        await using var db = await Catalog.Contexts.CreateDbContextAsync();
        return await db.Orders.Where(o => o.Number == number).Select(o => o.Id).SingleAsync();
    }

    [Fact]
    public async Task Fifty_parallel_scans_from_two_gates_and_two_servers_admit_the_ticket_once_per_gate()
    {
        var e = await Api.OnSaleEventAsync("Rush");
        var buyer = await Api.BuyerAsync();
        var (_, tickets) = await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId);
        var north = await Api.CreateListAsync(e, "North");
        var south = await Api.CreateListAsync(e, "South", e.RegularTypeId, e.VipTypeId);
        var secondApp = servers.CreateServer();
        await using var second = new CatalogApi(secondApp);

        var scans = Enumerable.Range(0, 50).Select(i => (List: i % 2 == 0 ? north : south, Server: i % 4 < 2 ? Catalog : second, Device: $"scanner-{i}")).ToList();
        using var start = new SemaphoreSlim(0);
        var running = scans.Select(s => Task.Run(async () =>
        {
            await start.WaitAsync();
            var payload = await Api.CheckInAsync(tickets[0].Token, s.List, e.ScannerToken, s.Device, s.Server);
            Assert.True(payload.GetProperty("errors").GetArrayLength() == 0, payload.ToString());
            return (s.List, s.Device, Result: payload.GetProperty("result").GetString(), First: payload.GetProperty("firstCheckIn"));
        })).ToList();
        start.Release(scans.Count);
        var results = await Task.WhenAll(running);

        foreach (var list in new[] { north, south })
        {
            var atGate = results.Where(r => r.List == list).ToList();
            Assert.Equal(25, atGate.Count);
            var winner = Assert.Single(atGate, r => r.Result == "OK");
            Assert.All(atGate.Where(r => r.Result != "OK"), r =>
            {
                Assert.Equal("ALREADY_CHECKED_IN", r.Result);
                Assert.Equal(winner.Device, r.First.GetProperty("deviceId").GetString());
            });
        }
        await using var db = await Catalog.Contexts.CreateDbContextAsync();
        var ticketId = CatalogApi.Key(tickets[0].Id);
        Assert.Equal(2, await db.CheckIns.CountAsync(c => c.TicketId == ticketId));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.SubjectId == ticketId && a.Action == CheckInDesk.CheckedInAction));
    }

    [Fact]
    public async Task Offline_uploads_keep_scan_times_let_the_earliest_win_and_report_every_conflict()
    {
        var e = await Api.OnSaleEventAsync("Offline");
        var buyer = await Api.BuyerAsync();
        var (_, t) = await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId, 3);
        var gate = await Api.CreateListAsync(e, "Field");
        var now = DateTimeOffset.UtcNow;
        Assert.Equal("OK", await Api.ResultAsync(t[0].Token, gate, e.ScannerToken, "phone"));

        const string selection = "results { index result ticket { id } firstCheckIn { deviceId scannedAt offline } replacedCheckIn { deviceId offline } }";
        var upload = await Catalog.SucceedAsync("uploadOfflineScans", new
        {
            listId = gate,
            deviceId = "tablet-1",
            scans = new object[]
            {
                new { token = t[0].Token, scannedAt = now.AddHours(-1) },          // before the phone's live scan: replaces it
                new { token = t[1].Token, scannedAt = now.AddMinutes(-30) },       // the same ticket earlier below: conflict
                new { token = "garbage", scannedAt = now.AddMinutes(-20) },
                new { token = t[1].Token, scannedAt = now.AddMinutes(-40) },
            },
        }, e.ScannerToken, selection);
        var r = upload.GetProperty("results");
        Assert.Equal([0, 1, 2, 3], r.EnumerateArray().Select(x => x.GetProperty("index").GetInt32()));
        Assert.Equal(["OK", "ALREADY_CHECKED_IN", "INVALID_SIGNATURE", "OK"], r.EnumerateArray().Select(x => x.GetProperty("result").GetString()));
        Assert.Equal("phone", r[0].GetProperty("replacedCheckIn").GetProperty("deviceId").GetString());
        Assert.False(r[0].GetProperty("replacedCheckIn").GetProperty("offline").GetBoolean());
        // PostgreSQL keeps microseconds.
        Assert.True((now.AddMinutes(-40) - r[1].GetProperty("firstCheckIn").GetProperty("scannedAt").GetDateTimeOffset()).Duration() < TimeSpan.FromMilliseconds(1));
        Assert.True(r[1].GetProperty("firstCheckIn").GetProperty("offline").GetBoolean());

        // A second device synchronising later: its later scan is a conflict showing the earlier one; its new one counts.
        var later = await Catalog.SucceedAsync("uploadOfflineScans", new
        {
            listId = gate,
            deviceId = "tablet-2",
            scans = new object[] { new { token = t[1].Token, scannedAt = now.AddMinutes(-35) }, new { token = t[2].Token, scannedAt = now.AddMinutes(-5) } },
        }, e.ScannerToken, selection);
        var l = later.GetProperty("results");
        Assert.Equal("ALREADY_CHECKED_IN", l[0].GetProperty("result").GetString());
        Assert.Equal("tablet-1", l[0].GetProperty("firstCheckIn").GetProperty("deviceId").GetString());
        Assert.Equal("OK", l[1].GetProperty("result").GetString());

        // The live scan now sees the offline admission.
        var live = await Api.CheckInAsync(t[0].Token, gate, e.ScannerToken, "phone");
        Assert.Equal(("ALREADY_CHECKED_IN", "tablet-1"), (live.GetProperty("result").GetString(), live.GetProperty("firstCheckIn").GetProperty("deviceId").GetString()));

        var tooMany = await Catalog.MutateAsync("uploadOfflineScans", new
        {
            listId = gate,
            deviceId = "tablet-1",
            scans = Enumerable.Range(0, 501).Select(_ => new { token = "x", scannedAt = now }).ToArray(),
        }, e.ScannerToken, "results { index }");
        Assert.Equal("scans", CatalogApi.FieldOf(CatalogApi.SingleError(tooMany, "InvalidInputError")));
        var future = await Catalog.MutateAsync("uploadOfflineScans", new
        {
            listId = gate, deviceId = "tablet-1", scans = new[] { new { token = t[0].Token, scannedAt = now.AddHours(2) } },
        }, e.ScannerToken, "results { index }");
        Assert.Equal("scans[0].scannedAt", CatalogApi.FieldOf(CatalogApi.SingleError(future, "InvalidInputError")));
    }

    [Fact]
    public async Task A_gate_is_optional_trimmed_and_1_to_50_characters_and_shown_with_the_first_admission()
    {
        var e = await Api.OnSaleEventAsync("Entrances");
        var buyer = await Api.BuyerAsync();
        var (_, t) = await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId, 3);
        var list = await Api.CreateListAsync(e, "Main");
        var now = DateTimeOffset.UtcNow;

        foreach (var wrong in new[] { new string('g', 51), "   " })
        {
            var refused = await Api.CheckInAsync(t[0].Token, list, e.ScannerToken, "phone", gate: wrong);
            Assert.Equal(JsonValueKind.Null, refused.GetProperty("result").ValueKind);
            Assert.Equal("gate", CatalogApi.FieldOf(CatalogApi.SingleError(refused, "InvalidInputError")));
            var upload = await Catalog.MutateAsync("uploadOfflineScans", new
            {
                listId = list, deviceId = "tablet",
                scans = new[] { new { token = t[1].Token, scannedAt = now, gate = (string?)"Porte 2" }, new { token = t[2].Token, scannedAt = now, gate = (string?)wrong } },
            }, e.ScannerToken, "results { index }");
            Assert.Equal("scans[1].gate", CatalogApi.FieldOf(CatalogApi.SingleError(upload, "InvalidInputError")));
        }

        // Nothing was admitted by the refused scans; 50 characters are a gate, trimmed.
        var fifty = new string('g', 50);
        Assert.Equal("OK", await Api.ResultAsync(t[0].Token, list, e.ScannerToken, "phone", gate: $" {fifty} "));
        var again = await Api.CheckInAsync(t[0].Token, list, e.ScannerToken, "other-phone", gate: "Porte 2");
        Assert.Equal(("ALREADY_CHECKED_IN", "phone", fifty),
            (again.GetProperty("result").GetString(), again.GetProperty("firstCheckIn").GetProperty("deviceId").GetString(), again.GetProperty("firstCheckIn").GetProperty("gate").GetString()));

        // Offline uploads carry a gate per scan; the admission that counts shows its own, or null when none was sent.
        const string selection = "results { result firstCheckIn { deviceId gate } replacedCheckIn { deviceId gate } }";
        var first = await Catalog.SucceedAsync("uploadOfflineScans", new
        {
            listId = list, deviceId = "tablet-1",
            scans = new object[] { new { token = t[1].Token, scannedAt = now.AddMinutes(-10), gate = "Porte 3" }, new { token = t[2].Token, scannedAt = now.AddMinutes(-10) } },
        }, e.ScannerToken, selection);
        Assert.Equal(["OK", "OK"], first.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("result").GetString()));
        var second = (await Catalog.SucceedAsync("uploadOfflineScans", new
        {
            listId = list, deviceId = "tablet-2",
            scans = new object[] { new { token = t[1].Token, scannedAt = now.AddMinutes(-20), gate = "Porte 4" }, new { token = t[2].Token, scannedAt = now.AddMinutes(-5), gate = "Porte 4" } },
        }, e.ScannerToken, selection)).GetProperty("results");
        Assert.Equal(("OK", "tablet-1", "Porte 3"), (second[0].GetProperty("result").GetString(),
            second[0].GetProperty("replacedCheckIn").GetProperty("deviceId").GetString(), second[0].GetProperty("replacedCheckIn").GetProperty("gate").GetString()));
        Assert.Equal(("ALREADY_CHECKED_IN", "tablet-1", JsonValueKind.Null), (second[1].GetProperty("result").GetString(),
            second[1].GetProperty("firstCheckIn").GetProperty("deviceId").GetString(), second[1].GetProperty("firstCheckIn").GetProperty("gate").ValueKind));
        var live = await Api.CheckInAsync(t[1].Token, list, e.ScannerToken, "phone");
        Assert.Equal("Porte 4", live.GetProperty("firstCheckIn").GetProperty("gate").GetString());
    }

    [Fact]
    public async Task A_transfer_gives_the_new_holder_a_working_ticket_and_is_refused_once_checked_in_or_started()
    {
        var e = await Api.OnSaleEventAsync("Transfer");
        var buyer = await Api.BuyerAsync();
        var (_, t) = await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId, 2);
        var friend = await Api.BuyerAsync();
        var gate = await Api.CreateListAsync(e, "Gate");

        var moved = await Catalog.SucceedAsync("transferTicket", new { ticketId = t[0].Id, toEmail = friend.Email.ToUpperInvariant() }, buyer.Token,
            "ticket { id holderEmail version token }");
        Assert.Equal((friend.Email, 2), (moved.GetProperty("ticket").GetProperty("holderEmail").GetString(), moved.GetProperty("ticket").GetProperty("version").GetInt32()));
        // The former holder no longer reads its token; the new one does, through their wallet.
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("ticket").GetProperty("token").ValueKind);
        var wallet = await Catalog.PostAsync("{ me { tickets { nodes { id token version } } } }", null, friend.Token);
        var received = Assert.Single(wallet.GetProperty("data").GetProperty("me").GetProperty("tickets").GetProperty("nodes").EnumerateArray());
        Assert.Equal(t[0].Id, received.GetProperty("id").GetString());

        Assert.Equal("REVOKED", await Api.ResultAsync(t[0].Token, gate, e.ScannerToken));
        Assert.Equal("OK", await Api.ResultAsync(received.GetProperty("token").GetString()!, gate, e.ScannerToken));
        await using (var db = await Catalog.Contexts.CreateDbContextAsync())
        {
            var id = CatalogApi.Key(t[0].Id);
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.DeduplicationKey == $"transfer:{id}:2" && m.Kind == "email.ticket-transferred"));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.SubjectId == id && a.Action == "ticket.transferred"));
        }

        var checkedIn = await Catalog.MutateAsync("transferTicket", new { ticketId = t[0].Id, toEmail = buyer.Email }, friend.Token, "ticket { id }");
        Assert.Equal("INVALID_STATUS", CatalogApi.SingleError(checkedIn, "InvalidStatusError").GetProperty("code").GetString());
        var notMine = await Catalog.MutateAsync("transferTicket", new { ticketId = t[1].Id, toEmail = friend.Email }, friend.Token, "ticket { id }");
        CatalogApi.SingleError(notMine, "NotFoundError");
        var badEmail = await Catalog.MutateAsync("transferTicket", new { ticketId = t[1].Id, toEmail = "not an email" }, buyer.Token, "ticket { id }");
        Assert.Equal("toEmail", CatalogApi.FieldOf(CatalogApi.SingleError(badEmail, "InvalidInputError")));

        var eventId = CatalogApi.Key(e.EventId);
        await using (var db = await Catalog.Contexts.CreateDbContextAsync())
        {
            await db.Events.Where(x => x.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(x => x.StartsAt, DateTimeOffset.UtcNow.AddMinutes(-5)));
        }
        var started = await Catalog.MutateAsync("transferTicket", new { ticketId = t[1].Id, toEmail = friend.Email }, buyer.Token, "ticket { id }");
        Assert.Contains("started", CatalogApi.SingleError(started, "InvalidStatusError").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_organizations_staff_scan_and_see_the_door()
    {
        var e = await Api.OnSaleEventAsync("Staff");
        var buyer = await Api.BuyerAsync();
        var (_, t) = await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId);
        var gate = await Api.CreateListAsync(e, "Gate");
        var stranger = await Api.BuyerAsync();

        CatalogApi.SingleError(await Api.CheckInAsync(t[0].Token, gate, stranger.Token), "NotFoundError");
        CatalogApi.SingleError(await Api.CheckInAsync(t[0].Token, gate, buyer.Token), "NotFoundError");
        var readOnly = CatalogApi.ApiKeyToken(e.Organizer.OrganizationId, ApiKeyScope.ReadOnly);
        CatalogApi.SingleError(await Api.CheckInAsync(t[0].Token, gate, readOnly), "NotAuthorizedError");
        var anonymous = await Catalog.PostAsync(CatalogApi.Mutation("checkIn", "result"), new { input = new { token = t[0].Token, listId = gate, deviceId = "x" } });
        Assert.Equal("UNAUTHENTICATED", anonymous.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var offline = await Catalog.MutateAsync("uploadOfflineScans",
            new { listId = gate, deviceId = "x", scans = new[] { new { token = t[0].Token, scannedAt = DateTimeOffset.UtcNow } } }, stranger.Token, "results { index }");
        CatalogApi.SingleError(offline, "NotFoundError");
        // Nothing was admitted by the refused callers.
        Assert.Equal("OK", await Api.ResultAsync(t[0].Token, gate, CatalogApi.ApiKeyToken(e.Organizer.OrganizationId, ApiKeyScope.ReadWrite)));

        const string door = "query($id: ID!) { node(id: $id) { ... on Event { checkInLists { id name } ticketPublicKey { keyId publicKeyPem publicKeyBase64Url } stats { sold } } } }";
        var outsider = (await Catalog.PostAsync(door, new { id = e.EventId }, buyer.Token)).GetProperty("data").GetProperty("node");
        Assert.Equal(JsonValueKind.Null, outsider.GetProperty("checkInLists").ValueKind);
        Assert.Equal(JsonValueKind.Null, outsider.GetProperty("ticketPublicKey").ValueKind);
        Assert.Equal(JsonValueKind.Null, outsider.GetProperty("stats").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Catalog.PostAsync("query($id: ID!) { node(id: $id) { id } }", new { id = gate }, buyer.Token))
            .GetProperty("data").GetProperty("node").ValueKind);

        // The scanner gets the key and verifies a ticket offline with either form of it.
        var staff = (await Catalog.PostAsync(door, new { id = e.EventId }, e.ScannerToken)).GetProperty("data").GetProperty("node");
        Assert.Equal("Gate", Assert.Single(staff.GetProperty("checkInLists").EnumerateArray()).GetProperty("name").GetString());
        var key = staff.GetProperty("ticketPublicKey");
        foreach (var form in new[] { key.GetProperty("publicKeyPem").GetString()!, key.GetProperty("publicKeyBase64Url").GetString()! })
        {
            using var verifier = EventSigningKey.ImportPublicKey(form);
            Assert.Equal(key.GetProperty("keyId").GetString(), verifier.KeyId);
            Assert.True(verifier.Verify(t[0].Token).IsValid);
            Assert.Equal(TicketVerificationStatus.InvalidSignature, verifier.Verify(Tampered(t[0].Token)).Status);
        }
    }

    [Fact]
    public async Task Managers_create_update_and_delete_lists_and_see_their_counts()
    {
        var e = await Api.OnSaleEventAsync("Lists");
        var other = await Api.OnSaleEventAsync("Other lists");
        var buyer = await Api.BuyerAsync();
        var (_, t) = await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId, 2);
        await Api.BuyAsync(buyer, e.EventId, e.VipTypeId);

        var mismatch = await Catalog.MutateAsync("createCheckInList", new { eventId = e.EventId, name = "Mixed", ticketTypeIds = new[] { e.VipTypeId, other.VipTypeId } },
            e.Organizer.Token, "checkInList { id }");
        Assert.Equal("ticketTypeIds", CatalogApi.FieldOf(CatalogApi.SingleError(mismatch, "InvalidInputError")));
        var byScanner = await Catalog.MutateAsync("createCheckInList", new { eventId = e.EventId, name = "Mine", ticketTypeIds = Array.Empty<string>() },
            e.ScannerToken, "checkInList { id }");
        CatalogApi.SingleError(byScanner, "NotAuthorizedError");
        var byStranger = await Catalog.MutateAsync("createCheckInList", new { eventId = e.EventId, name = "Mine", ticketTypeIds = Array.Empty<string>() },
            buyer.Token, "checkInList { id }");
        CatalogApi.SingleError(byStranger, "NotFoundError");

        var vipOnly = await Api.CreateListAsync(e, "VIP", e.VipTypeId);
        var everyone = await Api.CreateListAsync(e, "Everyone");
        var updated = await Catalog.SucceedAsync("updateCheckInList", new { listId = vipOnly, name = "Regular lane", ticketTypeIds = new[] { e.RegularTypeId } },
            e.Organizer.Token, "checkInList { name admitsAllTicketTypes ticketTypes { name } }");
        Assert.Equal("Regular lane", updated.GetProperty("checkInList").GetProperty("name").GetString());
        Assert.Equal(["Regular"], updated.GetProperty("checkInList").GetProperty("ticketTypes").EnumerateArray().Select(x => x.GetProperty("name").GetString()));
        var renamedOnly = await Catalog.SucceedAsync("updateCheckInList", new { listId = everyone, name = "All" }, e.Organizer.Token, "checkInList { admitsAllTicketTypes }");
        Assert.True(renamedOnly.GetProperty("checkInList").GetProperty("admitsAllTicketTypes").GetBoolean());

        Assert.Equal("OK", await Api.ResultAsync(t[0].Token, vipOnly, e.ScannerToken));
        var lists = (await Catalog.PostAsync("query($id: ID!) { node(id: $id) { ... on Event { checkInLists { id name checkedIn total event { id } } } } }",
            new { id = e.EventId }, e.ScannerToken)).GetProperty("data").GetProperty("node").GetProperty("checkInLists");
        Assert.Equal([("Regular lane", 1, 2), ("All", 0, 3)],
            lists.EnumerateArray().Select(l => (l.GetProperty("name").GetString(), l.GetProperty("checkedIn").GetInt32(), l.GetProperty("total").GetInt32())));
        var node = (await Catalog.PostAsync("query($id: ID!) { node(id: $id) { ... on CheckInList { name checkedIn } } }", new { id = vipOnly }, e.ScannerToken))
            .GetProperty("data").GetProperty("node");
        Assert.Equal(1, node.GetProperty("checkedIn").GetInt32());

        var kept = await Catalog.MutateAsync("deleteCheckInList", new { listId = vipOnly }, e.Organizer.Token, "deletedListId");
        CatalogApi.SingleError(kept, "InvalidStatusError");
        var deleted = await Catalog.SucceedAsync("deleteCheckInList", new { listId = everyone }, e.Organizer.Token, "deletedListId");
        Assert.Equal(everyone, deleted.GetProperty("deletedListId").GetString());
        CatalogApi.SingleError(await Api.CheckInAsync(t[1].Token, everyone, e.ScannerToken), "NotFoundError");
    }

    [Fact]
    public async Task CheckInsChanged_pushes_the_counts_at_once_and_after_each_admission()
    {
        var e = await Api.OnSaleEventAsync("Live");
        var buyer = await Api.BuyerAsync();
        var (_, t) = await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId, 2);
        var gate = await Api.CreateListAsync(e, "Gate");

        await using var ws = await WsClient.ConnectAsync(Api.App.KestrelAddress);
        await ws.InitAsync(new { Authorization = "Bearer " + e.Organizer.Token });
        Assert.Equal("connection_ack", (await ws.ReceiveMessageAsync()).GetProperty("type").GetString());
        await ws.SubscribeAsync("1", $$"""subscription { checkInsChanged(eventId: "{{e.EventId}}") { eventId checkedIn lists { listId name checkedIn total rate } } }""");
        var initial = (await ws.ReceiveMessageAsync()).GetProperty("payload").GetProperty("data").GetProperty("checkInsChanged");
        Assert.Equal(0, initial.GetProperty("checkedIn").GetInt32());
        Assert.Equal(2, initial.GetProperty("lists")[0].GetProperty("total").GetInt32());

        Assert.Equal("OK", await Api.ResultAsync(t[0].Token, gate, e.ScannerToken));
        // Counts are coalesced (at most 4 reads a second): a snapshot read before the admission (from the purchase or
        // the list's creation) may still arrive first; the admission's snapshot follows.
        var next = (await ws.ReceiveMessageAsync()).GetProperty("payload").GetProperty("data").GetProperty("checkInsChanged");
        for (var i = 0; i < 3 && next.GetProperty("checkedIn").GetInt32() == 0; i++)
        {
            next = (await ws.ReceiveMessageAsync()).GetProperty("payload").GetProperty("data").GetProperty("checkInsChanged");
        }
        Assert.Equal(1, next.GetProperty("checkedIn").GetInt32());
        Assert.Equal(0.5, next.GetProperty("lists")[0].GetProperty("rate").GetDouble());

        await using var outsider = await WsClient.ConnectAsync(Api.App.KestrelAddress);
        await outsider.InitAsync(new { Authorization = "Bearer " + buyer.Token });
        await outsider.ReceiveMessageAsync();
        await outsider.SubscribeAsync("1", $$"""subscription { checkInsChanged(eventId: "{{e.EventId}}") { checkedIn } }""");
        var refused = await outsider.ReceiveMessageAsync();
        Assert.True(refused.GetProperty("type").GetString() is "error" or "next", refused.ToString());
        Assert.Contains("No event with this id in your organizations", refused.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("checkedIn\":", refused.ToString(), StringComparison.Ordinal);
    }
}
