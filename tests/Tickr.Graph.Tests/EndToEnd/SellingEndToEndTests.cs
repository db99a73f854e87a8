using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Tickr.Domain.Identity;
using Tickr.Graph.Live;
using Tickr.Graph.Ordering;
using Tickr.Graph.Tests.Catalog;
using Tickr.Graph.Tests.Ordering;
using Tickr.Graph.Tests.Payments;
using Tickr.Graph.Tests.TestHost;
using Tickr.Graph.Tests.Ticketing;
using Tickr.Testing.Payments;
using Tickr.Testing.Smtp;
using static Tickr.Graph.Tests.Live.LiveSockets;

namespace Tickr.Graph.Tests.EndToEnd;

/// <summary>
/// The selling path end to end, with nothing faked but Stripe's API: two Tickr servers (Kestrel) on one
/// PostgreSQL database and one Redis bus, a real SMTP server. An organizer creates and publishes an event with a
/// ticket type and a check-in list; a subscriber on the second server follows its inventory and check-ins over
/// graphql-transport-ws; a participant reserves and checks out with Stripe on the first server; Stripe's webhook
/// (signed by Stripe's own npm package) confirms the payment; the outbox mails the confirmation; the QR code in that
/// email is decoded from its PNG and scanned at the door by scanner staff; the subscriber saw each change.
/// </summary>
public sealed class SellingEndToEndTests(TickrPostgres database, RedisServer redis, SmtpServer smtp, StripeWebhookSigner signer)
    : IClassFixture<TickrPostgres>, IClassFixture<RedisServer>, IClassFixture<SmtpServer>, IClassFixture<StripeWebhookSigner>, IAsyncLifetime
{
    private FakeStripeServer _stripe = null!;
    private CatalogApi _front = null!;
    private CatalogApi _back = null!;

    public async Task InitializeAsync()
    {
        _stripe = await FakeStripeServer.StartNewAsync();
        _front = new CatalogApi(Server());
        _back = new CatalogApi(Server());
    }

    public async Task DisposeAsync()
    {
        await _back.DisposeAsync();
        await _front.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    /// <summary>One instance: the shared database, Redis bus, SMTP server and (fake) Stripe; its outbox dispatcher on.</summary>
    private TickrAppFactory Server()
    {
        var app = new TickrAppFactory()
            .WithSetting("ConnectionStrings:Tickr", database.ConnectionString)
            .WithSetting("ConnectionStrings:Redis", redis.ConnectionString)
            .WithSetting("Tickr:Email:Smtp:Host", smtp.Host)
            .WithSetting("Tickr:Email:Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture))
            .WithSetting("Tickr:Email:Smtp:Security", "None")
            .WithSetting("Tickr:Email:Smtp:Timeout", "00:00:10")
            .WithSetting("Tickr:Email:From", "Tickr <no-reply@tickr.test>")
            .WithKestrel();
        foreach (var (key, value) in PaymentServices.StripeSettings(_stripe))
        {
            app.WithSetting(key, value);
        }
        return app;
    }

    [Fact]
    public async Task Publish_subscribe_reserve_pay_with_Stripe_receive_the_QR_by_email_and_scan_it_while_another_instance_streams_the_counts()
    {
        // Both instances use the Redis bus.
        foreach (var api in new[] { _front, _back })
        {
            await Wait.UntilAsync(async () =>
            {
                var body = await api.PostAsync("{ serverInfo { subscriptionBus { kind connected } } }");
                var bus = body.GetProperty("data").GetProperty("serverInfo").GetProperty("subscriptionBus");
                return bus.GetProperty("kind").GetString() == "REDIS" && bus.GetProperty("connected").GetBoolean();
            }, "the Redis bus to connect");
        }

        // The organizer: an event with one ticket type, published, and a check-in list; a scanner on the team.
        var organizer = await _front.OrganizerAsync("Festival de Carthage");
        var eventId = await _front.CreateEventAsync(organizer, "Nuit de Carthage");
        var typeId = await _front.AddTicketTypeAsync(organizer, eventId, "Gradins", 45_000, 50);
        var published = await _front.SucceedAsync("publishEvent", new { eventId }, organizer.Token, "event { status }");
        Assert.Equal("PUBLISHED", published.GetProperty("event").GetProperty("status").GetString());
        var list = await _front.SucceedAsync("createCheckInList", new { eventId, name = "Porte principale", ticketTypeIds = Array.Empty<string>() },
            organizer.Token, "checkInList { id }");
        var listId = list.GetProperty("checkInList").GetProperty("id").GetString()!;
        var scanner = await _front.MemberAsync(organizer, OrganizationRole.Scanner);

        // The subscriber, on the other instance: the organization's dashboard follows inventory and check-ins.
        await using var dashboard = await ConnectAsync(_back.App.KestrelAddress, organizer.Token);
        await dashboard.SubscribeAsync("inv", $$"""subscription { inventoryChanged(eventId: "{{eventId}}") { ticketTypes { ticketTypeId remaining sold held } } }""");
        await dashboard.SubscribeAsync("door", $$"""subscription { checkInsChanged(eventId: "{{eventId}}") { checkedIn lists { listId checkedIn total } } }""");
        var door = await NextOfAsync(dashboard, "door", "checkInsChanged");
        Assert.Equal(0, door.GetProperty("checkedIn").GetInt32());
        Assert.Equal(0, door.GetProperty("lists")[0].GetProperty("total").GetInt32());
        // inventoryChanged sends nothing until a change: the front instance publishes the current counts (through
        // Redis) until the back instance's shared group has subscribed and forwards them.
        var frontLive = _front.App.Services.GetRequiredService<LiveUpdates>();
        for (var attempt = 0; ; attempt++)
        {
            Assert.True(attempt < 100, "The inventory subscription on the other instance never received a probe.");
            frontLive.InventoryChanged(CatalogApi.Key(eventId));
            await frontLive.FlushAsync();
            if (await dashboard.HasMessageWithinAsync(TimeSpan.FromMilliseconds(300)))
            {
                Assert.Equal(50, Remaining(await NextOfAsync(dashboard, "inv", "inventoryChanged")));
                break;
            }
        }

        // The participant reserves two tickets on the front instance: the dashboard sees them held.
        var buyer = await _front.ParticipantAsync();
        var order = await SellingApi.ReserveOkAsync(_front, buyer.Token, eventId, typeId, 2);
        var orderId = order.GetProperty("id").GetString()!;
        var held = await InventoryUntilAsync(dashboard, t => t.GetProperty("held").GetInt32() == 2);
        Assert.Equal((48, 0), (held.GetProperty("remaining").GetInt32(), held.GetProperty("sold").GetInt32()));

        // Checkout with Stripe; the payment succeeds at Stripe, which calls the webhook (signed with its npm package).
        var checkout = await SellingApi.CheckoutAsync(_front, buyer.Token, orderId, "STRIPE");
        Assert.Empty(checkout.GetProperty("errors").EnumerateArray());
        var intent = checkout.GetProperty("payment").GetProperty("providerReference").GetString()!;
        _stripe.MarkSucceeded(intent);
        var webhook = _stripe.BuildEvent("payment_intent.succeeded", intent, global::Stripe.StripeConfiguration.ApiVersion, eventId: "evt_" + Guid.NewGuid().ToString("N"));
        using (var request = new HttpRequestMessage(HttpMethod.Post, SellingEndpoints.StripeWebhookPath)
        {
            Content = new StringContent(webhook, Encoding.UTF8, "application/json"),
        })
        {
            request.Headers.Add("Stripe-Signature", await signer.SignAsync(webhook, PaymentServices.WebhookSecret));
            using var response = await _front.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var sold = await InventoryUntilAsync(dashboard, t => t.GetProperty("sold").GetInt32() == 2);
        Assert.Equal((48, 0), (sold.GetProperty("remaining").GetInt32(), sold.GetProperty("held").GetInt32()));

        // The confirmation email reaches the SMTP server (the outbox dispatcher, nudged by the payment), with one
        // inline QR code per ticket.
        var email = await smtp.WaitForMessageToAsync(buyer.Email, TimeSpan.FromSeconds(30));
        Assert.Contains("Nuit de Carthage", email.Subject, StringComparison.Ordinal);
        var images = email.BodyParts.OfType<MimePart>().Where(p => p.ContentId is not null && p.ContentType.MimeType == "image/png").ToList();
        Assert.Equal(2, images.Count);
        var tokens = new List<string>();
        foreach (var image in images)
        {
            using var png = new MemoryStream();
            await image.Content!.DecodeToAsync(png);
            var (text, _, _) = QrDecoder.DecodePng(png.ToArray());
            Assert.NotNull(text);
            tokens.Add(text);
        }

        // Scanner staff scan the first decoded QR code at the list: admitted once, and the dashboard sees it.
        var scan = await _front.MutateAsync("checkIn", new { token = tokens[0], listId, deviceId = "porte-1" }, scanner, TicketingApi.ScanSelection);
        Assert.True(scan.GetProperty("errors").GetArrayLength() == 0, scan.ToString());
        Assert.Equal("OK", scan.GetProperty("result").GetString());
        Assert.Equal(buyer.Email, scan.GetProperty("ticket").GetProperty("holderEmail").GetString());
        var admitted = await UntilOfAsync(dashboard, "door", "checkInsChanged", d => d.GetProperty("checkedIn").GetInt32() == 1);
        Assert.Equal((1, 2), (admitted.GetProperty("lists")[0].GetProperty("checkedIn").GetInt32(), admitted.GetProperty("lists")[0].GetProperty("total").GetInt32()));
        var again = await _front.MutateAsync("checkIn", new { token = tokens[0], listId, deviceId = "porte-2" }, scanner, TicketingApi.ScanSelection);
        Assert.Equal("ALREADY_CHECKED_IN", again.GetProperty("result").GetString());

        // The email was sent once, although both instances run a dispatcher.
        await using var db = await _front.Contexts.CreateDbContextAsync();
        var key = CatalogApi.Key(orderId);
        Assert.NotNull((await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.DeduplicationKey == $"confirmation:{key}")).SentAt);
        Assert.Single(smtp.MessagesTo(buyer.Email));

        int Remaining(JsonElement update) => Type(update).GetProperty("remaining").GetInt32();
        JsonElement Type(JsonElement update) => update.GetProperty("ticketTypes").EnumerateArray().Single(t => t.GetProperty("ticketTypeId").GetString() == typeId);
        async Task<JsonElement> InventoryUntilAsync(WsClient ws, Func<JsonElement, bool> done) =>
            Type(await UntilOfAsync(ws, "inv", "inventoryChanged", u => done(Type(u))));
    }

    private static async Task<JsonElement> NextOfAsync(WsClient ws, string id, string field) =>
        await UntilOfAsync(ws, id, field, _ => true);

    // The dashboard runs two operations on one socket: the other operation's messages are read past.
    private static async Task<JsonElement> UntilOfAsync(WsClient ws, string id, string field, Func<JsonElement, bool> done)
    {
        for (var read = 0; read < 50; read++)
        {
            var message = await ws.ReceiveMessageAsync();
            Assert.True(message.GetProperty("type").GetString() == "next", message.ToString());
            if (message.GetProperty("id").GetString() != id)
            {
                continue;
            }
            var payload = message.GetProperty("payload");
            Assert.False(payload.TryGetProperty("errors", out var errors), errors.ToString());
            var data = payload.GetProperty("data").GetProperty(field);
            if (done(data))
            {
                return data;
            }
        }
        throw new InvalidOperationException($"No matching {field} result within 50 messages.");
    }
}
