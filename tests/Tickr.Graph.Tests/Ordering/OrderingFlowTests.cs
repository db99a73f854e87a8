using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tickr.Data;
using Tickr.Data.Ordering;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Ordering;
using Tickr.Graph.Tests.Catalog;
using Tickr.Graph.Tests.Payments;
using Tickr.Graph.Tests.TestHost;
using Tickr.Testing;
using Tickr.Testing.Payments;
using static Tickr.Graph.Tests.Ordering.SellingApi;

namespace Tickr.Graph.Tests.Ordering;

/// <summary>
/// Buying end to end over HTTP on PostgreSQL: reserve, pay (development provider, Stripe through its fake API and
/// webhooks signed by Stripe's own npm helper), cancel, expire, refund; and the refusals, which change nothing.
/// </summary>
public sealed class OrderingFlowTests(TickrPostgres database, StripeWebhookSigner signer)
    : IClassFixture<TickrPostgres>, IClassFixture<StripeWebhookSigner>, IAsyncLifetime
{
    private FakeStripeServer _stripe = null!;
    private CatalogApi _api = null!;

    public async Task InitializeAsync()
    {
        _stripe = await FakeStripeServer.StartNewAsync();
        var app = new TickrAppFactory().WithSetting("ConnectionStrings:Tickr", database.ConnectionString);
        foreach (var (key, value) in PaymentServices.StripeSettings(_stripe))
        {
            app.WithSetting(key, value);
        }
        _api = new CatalogApi(app);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    [Fact]
    public async Task A_reservation_holds_tickets_and_a_development_checkout_pays_issues_signed_tickets_and_queues_the_email()
    {
        var organizer = await _api.OrganizerAsync("Carthage Live");
        var (eventId, typeId) = await OnSaleEventAsync(_api, organizer, price: 50_000, capacity: 10);
        var buyer = await _api.ParticipantAsync();

        var order = await ReserveOkAsync(_api, buyer.Token, eventId, typeId, 2);
        Assert.Equal("RESERVED", order.GetProperty("status").GetString());
        Assert.Equal(100_000, order.GetProperty("total").GetProperty("minorUnits").GetInt64());
        Assert.Equal((8, 0, 2), await CountsAsync(organizer, typeId));

        var paid = await CheckoutAsync(_api, buyer.Token, order.GetProperty("id").GetString()!, "DEVELOPMENT");
        Assert.Empty(paid.GetProperty("errors").EnumerateArray());
        Assert.Equal("SUCCEEDED", paid.GetProperty("payment").GetProperty("state").GetString());
        Assert.Equal("PAID", paid.GetProperty("order").GetProperty("status").GetString());
        var tickets = paid.GetProperty("order").GetProperty("tickets").EnumerateArray().ToList();
        Assert.Equal(2, tickets.Count);
        Assert.Equal((8, 2, 0), await CountsAsync(organizer, typeId));

        // Each token verifies with the event's public key as stored, and names its ticket.
        await using var db = await _api.Contexts.CreateDbContextAsync();
        var key = await db.EventSigningKeys.SingleAsync(k => k.EventId == CatalogApi.Key(eventId));
        using var publicKey = EventSigningKey.ImportPublicKey(key.PublicKey);
        foreach (var ticket in tickets)
        {
            var verification = publicKey.Verify(ticket.GetProperty("token").GetString());
            Assert.True(verification.IsValid);
            Assert.Equal(CatalogApi.Key(ticket.GetProperty("id").GetString()!), verification.Claims!.TicketId);
        }
        var orderId = CatalogApi.Key(order.GetProperty("id").GetString()!);
        var confirmation = await db.OutboxMessages.SingleAsync(m => m.DeduplicationKey == $"confirmation:{orderId}");
        Assert.Equal(OrderBook.ConfirmationEmail, confirmation.Kind);
        var saved = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
        Assert.Equal(4_000, saved.CommissionMinorUnits); // 4 % of 2 × 50 TND
        Assert.Equal(96_000, saved.NetMinorUnits);
        Assert.Contains(await db.AuditEntries.Where(a => a.SubjectId == orderId).Select(a => a.Action).ToListAsync(), a => a == "order.paid");

        // The organizer reads the audit log through the API, newest first; the buyer does not see it.
        const string audit = "query($id: ID!) { node(id: $id) { ... on Event { auditLog(action: \"order.\") { nodes { action actorId subjectId details } } } } }";
        var log = (await _api.PostAsync(audit, new { id = eventId }, organizer.Token)).GetProperty("data").GetProperty("node").GetProperty("auditLog").GetProperty("nodes");
        Assert.Equal(["order.paid", "order.reserved"], log.EnumerateArray().Select(n => n.GetProperty("action").GetString()!).ToArray());
        Assert.All(log.EnumerateArray(), n => Assert.Equal(orderId.ToString(), n.GetProperty("subjectId").GetString()));
        Assert.Equal(CatalogApi.Gid("User", buyer.Id), log[1].GetProperty("actorId").GetString());
        var hidden = await _api.PostAsync(audit, new { id = eventId }, buyer.Token);
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("data").GetProperty("node").GetProperty("auditLog").ValueKind);
    }

    [Fact]
    public async Task Stripe_payment_is_confirmed_by_a_signed_webhook_once_and_forged_or_replayed_webhooks_change_nothing()
    {
        var organizer = await _api.OrganizerAsync("Stripe Org");
        var (eventId, typeId) = await OnSaleEventAsync(_api, organizer, price: 25_000, capacity: 5);
        var buyer = await _api.ParticipantAsync();
        var order = await ReserveOkAsync(_api, buyer.Token, eventId, typeId, 2);
        var orderId = order.GetProperty("id").GetString()!;

        var checkout = await CheckoutAsync(_api, buyer.Token, orderId, "STRIPE");
        var payment = checkout.GetProperty("payment");
        Assert.Equal("PENDING", payment.GetProperty("state").GetString());
        Assert.StartsWith("pi_", payment.GetProperty("clientSecret").GetString(), StringComparison.Ordinal);
        var intentId = payment.GetProperty("providerReference").GetString()!;
        Assert.Equal(50_000, _stripe.Intent(intentId)!.Amount);
        // A second checkout returns the same pending payment, not a second intent.
        var again = await CheckoutAsync(_api, buyer.Token, orderId, "STRIPE");
        Assert.Equal(intentId, again.GetProperty("payment").GetProperty("providerReference").GetString());
        Assert.Equal(1, _stripe.IntentCount);

        _stripe.MarkSucceeded(intentId);
        var body = _stripe.BuildEvent("payment_intent.succeeded", intentId, global::Stripe.StripeConfiguration.ApiVersion, eventId: "evt_" + Guid.NewGuid().ToString("N"));

        // Forged: signed with another secret. Rejected, order still reserved.
        var forged = await PostWebhookAsync(body, await signer.SignAsync(body, "whsec_not_ours"));
        Assert.Equal(HttpStatusCode.BadRequest, forged);
        Assert.Equal("RESERVED", await StatusAsync(orderId));

        Assert.Equal(HttpStatusCode.OK, await PostWebhookAsync(body, await signer.SignAsync(body, PaymentServices.WebhookSecret)));
        Assert.Equal("PAID", await StatusAsync(orderId));
        // The same event again (Stripe retries), then a stale replay: nothing more is issued.
        Assert.Equal(HttpStatusCode.OK, await PostWebhookAsync(body, await signer.SignAsync(body, PaymentServices.WebhookSecret)));
        Assert.Equal(HttpStatusCode.BadRequest, await PostWebhookAsync(body, await signer.SignAsync(body, PaymentServices.WebhookSecret, DateTimeOffset.UtcNow.AddMinutes(-10))));
        await using var db = await _api.Contexts.CreateDbContextAsync();
        Assert.Equal(2, await db.Tickets.CountAsync(t => t.OrderId == CatalogApi.Key(orderId)));
        Assert.Equal((3, 2, 0), await CountsAsync(organizer, typeId));
    }

    [Fact]
    public async Task Sold_out_reports_what_is_left_and_takes_nothing()
    {
        var organizer = await _api.OrganizerAsync("Small Hall");
        var (eventId, typeId) = await OnSaleEventAsync(_api, organizer, capacity: 3);
        var buyer = await _api.ParticipantAsync();
        await ReserveOkAsync(_api, buyer.Token, eventId, typeId, 2);

        var refused = await ReserveAsync(_api, buyer.Token, eventId, [new { ticketTypeId = typeId, quantity = 2 }]);
        var error = CatalogApi.SingleError(refused, "SoldOutError");
        Assert.Equal(1, error.GetProperty("remaining").GetInt32());
        Assert.Equal(typeId, error.GetProperty("ticketTypeId").GetString());
        Assert.Equal((1, 0, 2), await CountsAsync(organizer, typeId));
    }

    [Fact]
    public async Task An_idempotency_key_returns_the_first_order_even_when_requests_race_and_refuses_another_body()
    {
        var organizer = await _api.OrganizerAsync("Retry Org");
        var (eventId, typeId) = await OnSaleEventAsync(_api, organizer, capacity: 50);
        var buyer = await _api.ParticipantAsync();
        var key = "key-" + Guid.NewGuid();

        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            ReserveAsync(_api, buyer.Token, eventId, [new { ticketTypeId = typeId, quantity = 3 }], key)));
        var ids = racing.Select(p => p.GetProperty("order").GetProperty("id").GetString()).Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal(7, racing.Count(p => p.GetProperty("replayed").GetBoolean()));
        Assert.Equal((47, 0, 3), await CountsAsync(organizer, typeId));

        var other = await ReserveAsync(_api, buyer.Token, eventId, [new { ticketTypeId = typeId, quantity = 1 }], key);
        CatalogApi.SingleError(other, "IdempotencyKeyReusedError");
        Assert.Equal((47, 0, 3), await CountsAsync(organizer, typeId));
    }

    [Theory]
    [InlineData(0, "InvalidInputError")]
    [InlineData(-3, "InvalidInputError")]
    [InlineData(11, "LimitExceededError")]
    [InlineData(1_000_000, "LimitExceededError")]
    public async Task Bad_quantities_are_refused_with_a_typed_error_and_nothing_is_held(int quantity, string errorType)
    {
        var organizer = await _api.OrganizerAsync("Limits Org");
        var (eventId, typeId) = await OnSaleEventAsync(_api, organizer, capacity: 100);
        var buyer = await _api.ParticipantAsync();

        var refused = await ReserveAsync(_api, buyer.Token, eventId, [new { ticketTypeId = typeId, quantity }]);
        CatalogApi.SingleError(refused, errorType);
        Assert.Equal((100, 0, 0), await CountsAsync(organizer, typeId));
    }

    [Fact]
    public async Task The_events_per_buyer_limit_counts_every_order_of_the_buyer_and_an_update_keeps_it()
    {
        var organizer = await _api.OrganizerAsync("Limit Org");
        var (eventId, typeId) = await OnSaleEventAsync(_api, organizer, capacity: 100);
        await _api.SucceedAsync("updateEvent", new { eventId, maxTicketsPerBuyer = 3 }, organizer.Token, "event { maxTicketsPerBuyer }");
        // An edit that does not name the limit keeps it.
        var renamed = await _api.SucceedAsync("updateEvent", new { eventId, title = "Renamed" }, organizer.Token, "event { maxTicketsPerBuyer }");
        Assert.Equal(3, renamed.GetProperty("event").GetProperty("maxTicketsPerBuyer").GetInt32());
        var buyer = await _api.ParticipantAsync();

        await ReserveOkAsync(_api, buyer.Token, eventId, typeId, 2);
        var second = await ReserveAsync(_api, buyer.Token, eventId, [new { ticketTypeId = typeId, quantity = 2 }]);
        Assert.Equal(3, CatalogApi.SingleError(second, "LimitExceededError").GetProperty("limit").GetInt32());
        await ReserveOkAsync(_api, buyer.Token, eventId, typeId, 1);
        // Another buyer has their own allowance.
        var other = await _api.ParticipantAsync();
        await ReserveOkAsync(_api, other.Token, eventId, typeId, 3);
        Assert.Equal((94, 0, 6), await CountsAsync(organizer, typeId));
    }

    [Fact]
    public async Task Drafts_foreign_types_and_anonymous_callers_are_refused()
    {
        var organizer = await _api.OrganizerAsync("Draft Org");
        var draft = await _api.CreateEventAsync(organizer, "Brouillon");
        var draftType = await _api.AddTicketTypeAsync(organizer, draft);
        var (eventId, _) = await OnSaleEventAsync(_api, organizer);
        var buyer = await _api.ParticipantAsync();

        // A draft is invisible to buyers: not found, like an unknown id.
        CatalogApi.SingleError(await ReserveAsync(_api, buyer.Token, draft, [new { ticketTypeId = draftType, quantity = 1 }]), "NotFoundError");
        // A type of another event.
        CatalogApi.SingleError(await ReserveAsync(_api, buyer.Token, eventId, [new { ticketTypeId = draftType, quantity = 1 }]), "NotFoundError");
        var anonymous = await _api.PostAsync(Mutation("reserveTickets", "order { id }"),
            new { input = new { eventId, items = new[] { new { ticketTypeId = draftType, quantity = 1 } } } });
        Assert.Equal("UNAUTHENTICATED", anonymous.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Cancelling_and_expiring_release_the_hold_and_a_late_payment_is_taken_again_or_refunded()
    {
        var organizer = await _api.OrganizerAsync("Expiry Org");
        var (eventId, typeId) = await OnSaleEventAsync(_api, organizer, price: 10_000, capacity: 4);
        var buyer = await _api.ParticipantAsync();

        var cancelled = await ReserveOkAsync(_api, buyer.Token, eventId, typeId, 3);
        var cancel = await _api.MutateAsync("cancelOrder", new { orderId = cancelled.GetProperty("id").GetString() }, buyer.Token,
            "order { status } errors { __typename }");
        Assert.Equal("CANCELLED", cancel.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal((4, 0, 0), await CountsAsync(organizer, typeId));
        var twice = await _api.MutateAsync("cancelOrder", new { orderId = cancelled.GetProperty("id").GetString() }, buyer.Token,
            "order { status } errors { __typename }");
        CatalogApi.SingleError(twice, "InvalidStatusError");

        // Two reservations start paying with Stripe, then both holds run out and the sweeper releases them.
        var late = await ReserveOkAsync(_api, buyer.Token, eventId, typeId, 3);
        var intent = (await CheckoutAsync(_api, buyer.Token, late.GetProperty("id").GetString()!, "STRIPE")).GetProperty("payment").GetProperty("providerReference").GetString()!;
        var unlucky = await ReserveOkAsync(_api, buyer.Token, eventId, typeId, 1);
        var unluckyIntent = (await CheckoutAsync(_api, buyer.Token, unlucky.GetProperty("id").GetString()!, "STRIPE")).GetProperty("payment").GetProperty("providerReference").GetString()!;
        await using (var db = await _api.Contexts.CreateDbContextAsync())
        {
            await db.Orders.Where(o => o.Status == OrderStatus.Reserved && o.EventId == CatalogApi.Key(eventId))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }
        var sweeper = _api.App.Services.GetRequiredService<ReservationSweeper>();
        Assert.True(await sweeper.SweepAsync() >= 2);
        Assert.Equal("EXPIRED", await StatusAsync(late.GetProperty("id").GetString()!));
        Assert.Equal((4, 0, 0), await CountsAsync(organizer, typeId));

        // The first payment lands late but the tickets are still there: paid, taken again as sold.
        _stripe.MarkSucceeded(intent);
        await DeliverAsync("payment_intent.succeeded", intent);
        Assert.Equal("PAID", await StatusAsync(late.GetProperty("id").GetString()!));
        Assert.Equal((1, 3, 0), await CountsAsync(organizer, typeId));

        // Someone buys the last ticket; the second late payment finds it gone: refunded in full, never issued.
        var other = await _api.ParticipantAsync();
        await CheckoutAsync(_api, other.Token, (await ReserveOkAsync(_api, other.Token, eventId, typeId, 1)).GetProperty("id").GetString()!, "DEVELOPMENT");
        _stripe.MarkSucceeded(unluckyIntent);
        await DeliverAsync("payment_intent.succeeded", unluckyIntent);
        Assert.Equal("EXPIRED", await StatusAsync(unlucky.GetProperty("id").GetString()!));
        Assert.Equal(10_000, _stripe.Intent(unluckyIntent)!.AmountRefunded);
        await using var check = await _api.Contexts.CreateDbContextAsync();
        var unluckyId = CatalogApi.Key(unlucky.GetProperty("id").GetString()!);
        Assert.Equal(0, await check.Tickets.CountAsync(t => t.OrderId == unluckyId));
        Assert.True(await check.OutboxMessages.AnyAsync(m => m.Kind == OrderBook.RefundEmail && m.Payload.Contains(unluckyId.ToString())));
        Assert.Equal((0, 4, 0), await CountsAsync(organizer, typeId));
    }

    [Fact]
    public async Task Refunds_follow_the_policy_revoke_tickets_restock_and_refuse_more_than_was_paid()
    {
        var organizer = await _api.OrganizerAsync("Refund Org");
        var (eventId, typeId) = await OnSaleEventAsync(_api, organizer, price: 20_000, capacity: 10);
        var buyer = await _api.ParticipantAsync();
        var order = await ReserveOkAsync(_api, buyer.Token, eventId, typeId, 2);
        var orderId = order.GetProperty("id").GetString()!;
        var paid = await CheckoutAsync(_api, buyer.Token, orderId, "STRIPE");
        var intent = paid.GetProperty("payment").GetProperty("providerReference").GetString()!;
        _stripe.MarkSucceeded(intent);
        await DeliverAsync("payment_intent.succeeded", intent);
        const string selection = "order { status refunded { minorUnits } tickets { id status } } errors { __typename ... on Error { code message } }";

        // The default policy: no refunds.
        CatalogApi.SingleError(await _api.MutateAsync("refundOrder", new { orderId }, organizer.Token, selection), "RefundNotAllowedError");
        await _api.SucceedAsync("updateEvent", new { eventId, refundPolicy = new { refundable = true, deadlineHoursBeforeStart = 24, restockOnRefund = true } },
            organizer.Token, "event { id }");
        // The buyer is not the organizer.
        CatalogApi.SingleError(await _api.MutateAsync("refundOrder", new { orderId }, buyer.Token, selection), "NotFoundError");

        await using (var db = await _api.Contexts.CreateDbContextAsync())
        {
            var ticketId = await db.Tickets.Where(t => t.OrderId == CatalogApi.Key(orderId)).Select(t => t.Id).FirstAsync();
            var partial = await _api.SucceedAsync("refundOrder", new { orderId, ticketIds = new[] { CatalogApi.Gid("Ticket", ticketId) } }, organizer.Token, selection);
            Assert.Equal("PAID", partial.GetProperty("order").GetProperty("status").GetString());
            Assert.Equal(20_000, partial.GetProperty("order").GetProperty("refunded").GetProperty("minorUnits").GetInt64());
            Assert.Equal(TicketStatus.Revoked, (await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == ticketId)).Status);
        }
        Assert.Equal((9, 1, 0), await CountsAsync(organizer, typeId));
        Assert.Equal(20_000, _stripe.Intent(intent)!.AmountRefunded);

        var tooMuch = await _api.MutateAsync("refundOrder", new { orderId, amount = new { currency = "TND", minorUnits = 20_001 } }, organizer.Token, selection);
        CatalogApi.SingleError(tooMuch, "InvalidRefundAmountError");

        var rest = await _api.SucceedAsync("refundOrder", new { orderId }, organizer.Token, selection);
        Assert.Equal("REFUNDED", rest.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(40_000, _stripe.Intent(intent)!.AmountRefunded);
        CatalogApi.SingleError(await _api.MutateAsync("refundOrder", new { orderId }, organizer.Token, selection), "InvalidStatusError");
        Assert.Equal((10, 0, 0), await CountsAsync(organizer, typeId));
    }

    private static string Mutation(string field, string selection) => CatalogApi.Mutation(field, selection);

    private async Task DeliverAsync(string type, string intentId)
    {
        var body = _stripe.BuildEvent(type, intentId, global::Stripe.StripeConfiguration.ApiVersion, eventId: "evt_" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.OK, await PostWebhookAsync(body, await signer.SignAsync(body, PaymentServices.WebhookSecret)));
    }

    private async Task<HttpStatusCode> PostWebhookAsync(string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SellingEndpoints.StripeWebhookPath)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", signature);
        using var response = await _api.Client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<string> StatusAsync(string orderId)
    {
        await using var db = await _api.Contexts.CreateDbContextAsync();
        var id = CatalogApi.Key(orderId);
        return (await db.Orders.AsNoTracking().SingleAsync(o => o.Id == id)).Status.ToString().ToUpperInvariant();
    }

    /// <summary>(remaining, sold, held) of a ticket type as its organizer reads them through the API.</summary>
    private async Task<(int Remaining, int Sold, int Held)> CountsAsync(Organizer organizer, string typeId)
    {
        var body = await _api.PostAsync("query($id: ID!) { node(id: $id) { ... on TicketType { remaining sold held } } }", new { id = typeId }, organizer.Token);
        var node = body.GetProperty("data").GetProperty("node");
        return (node.GetProperty("remaining").GetInt32(), node.GetProperty("sold").GetInt32(), node.GetProperty("held").GetInt32());
    }
}
