using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tickr.Graph.Ordering;
using Tickr.Graph.Payments.Stripe;
using Tickr.Graph.Tests.Catalog;
using Tickr.Graph.Tests.Payments;
using Tickr.Graph.Tests.TestHost;
using Tickr.Graph.Tests.Ticketing;
using Tickr.Testing.Payments;
using Xunit.Abstractions;
using static Tickr.Graph.Tests.Web.WebFlows;

namespace Tickr.Graph.Tests.Web;

/// <summary>
/// One Tickr server as in production (Production environment: no development provider, so the page can only pay with
/// Stripe) on its own PostgreSQL database, with the fake Stripe API (<see cref="FakeStripeServer"/>), a publishable key,
/// and Stripe's webhook signer (the official npm package).
/// </summary>
public sealed class StripeWebServer : IAsyncLifetime
{
    private readonly TickrPostgres _postgres = new();

    public FakeStripeServer Stripe { get; private set; } = null!;

    public StripeWebhookSigner Signer { get; private set; } = null!;

    public CatalogApi Api { get; private set; } = null!;

    public string Base => Api.App.KestrelAddress.ToString().TrimEnd('/');

    public string AppUrl(string path = "") => Base + "/app/" + path.TrimStart('/');

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        Stripe = await FakeStripeServer.StartNewAsync();
        Signer = new StripeWebhookSigner();
        var app = new TickrAppFactory()
            .WithEnvironment("Production")
            .WithSetting("ConnectionStrings:Tickr", _postgres.ConnectionString)
            .WithSetting("Tickr:RateLimits:Login:PermitLimit", "1000")
            .WithSetting("Tickr:RateLimits:Refresh:PermitLimit", "1000")
            .WithSetting("Tickr:Email:PickupDirectory", Path.Combine(Path.GetTempPath(), "tickr-web-tests", "mail"));
        foreach (var (key, value) in PaymentServices.StripeSettings(Stripe))
        {
            app.WithSetting(key, value);
        }
        Api = new CatalogApi(app.WithKestrel());
        _ = Api.App.KestrelAddress; // starts the server now, not in the first test
    }

    public async Task DisposeAsync()
    {
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }
        Signer?.Dispose();
        if (Stripe is not null)
        {
            await Stripe.DisposeAsync();
        }
        await _postgres.DisposeAsync();
    }

    /// <summary>A published event (Regular, 50 TND × 100) and a buyer (who signs in through the page).</summary>
    public async Task<(WebAccount Buyer, string EventId, string Slug, string TicketTypeId)> EventAsync(string title)
    {
        var organizer = await Api.OrganizerAsync(title + " Org");
        var slug = "stripe-" + Guid.NewGuid().ToString("N")[..10];
        var eventId = await Api.CreateEventAsync(organizer, title, slug);
        var typeId = await Api.AddTicketTypeAsync(organizer, eventId, "Regular", 50_000, 100);
        await Api.SucceedAsync("publishEvent", new { eventId }, organizer.Token, "event { status }");
        var email = $"buyer-{Guid.NewGuid():N}"[..18] + "@tests.tickr.tn";
        var id = await TestUsers.CreateAsync(Api.App.Services, email, displayName: "Stripe buyer");
        return (new WebAccount(id, email, TicketingApi.TokenFor(id, email)), eventId, slug, typeId);
    }

    /// <summary>An event as <see cref="EventAsync"/> and its buyer's reservation of <paramref name="quantity"/> tickets over the API.</summary>
    public async Task<(WebAccount Buyer, string OrderId)> ReservedOrderAsync(string title, int quantity)
    {
        var (buyer, eventId, _, typeId) = await EventAsync(title);
        var reserved = await Api.SucceedAsync("reserveTickets", new { eventId, items = new[] { new { ticketTypeId = typeId, quantity } } },
            buyer.Token, "order { id }");
        return (buyer, reserved.GetProperty("order").GetProperty("id").GetString()!);
    }

    /// <summary>Stripe calls the webhook with a <paramref name="type"/> event for the intent as it is now, signed by Stripe's npm package.</summary>
    public async Task SendWebhookAsync(string type, string intentId)
    {
        var webhook = Stripe.BuildEvent(type, intentId, global::Stripe.StripeConfiguration.ApiVersion, eventId: "evt_" + Guid.NewGuid().ToString("N"));
        using var request = new HttpRequestMessage(HttpMethod.Post, SellingEndpoints.StripeWebhookPath)
        {
            Content = new StringContent(webhook, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", await Signer.SignAsync(webhook, PaymentServices.WebhookSecret));
        using var response = await Api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>
/// The order page's Stripe path in Chromium (web/src/buyer/stripe.ts). There is no internet here, so
/// <c>https://js.stripe.com/v3/</c> is answered by a stand-in of our own (<see cref="StandInStripeJs"/>: the part of
/// Stripe.js the page uses) and <c>https://api.stripe.com/v1/…</c> is forwarded to the fake Stripe API; both keep their
/// real origins, so the page's Content-Security-Policy is what allows them. The stand-in records what the page gave it
/// (publishable key, client secret) and confirms the PaymentIntent at the fake Stripe as Stripe.js would (publishable
/// key and client secret, from the browser). The order turns PAID when the signed webhook reaches the server, live.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class StripeBuyerWebTests(StripeWebServer server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<StripeWebServer>, IClassFixture<BrowserFixture>
{
    /// <summary>Stripe's test card numbers the stand-in knows: the declined one is confirmed with Stripe's declined test payment method.</summary>
    private const string GoodCard = "4242 4242 4242 4242";
    private const string DeclinedCard = "4000 0000 0000 0002";

    /// <summary>
    /// Our stand-in for Stripe.js: <c>Stripe(pk)</c> → <c>elements({ clientSecret, locale })</c> → <c>create('payment')</c>
    /// → <c>mount(target)</c> draws a card-number field; <c>elements.submit()</c> checks it; <c>confirmPayment</c> POSTs
    /// to <c>https://api.stripe.com/v1/payment_intents/{id}/confirm</c> (form: key, client_secret, payment_method) and
    /// answers <c>{ paymentIntent }</c> or <c>{ error }</c> like Stripe.js. Every call lands in <c>window.__stripeCalls</c>.
    /// </summary>
    private const string StandInStripeJs = """
        (() => {
          const calls = (window.__stripeCalls = { keys: [], elements: [], created: [], submits: 0, confirms: [] });
          window.Stripe = function Stripe(publishableKey) {
            calls.keys.push(publishableKey);
            let elementsSecret = null;
            let card = null;
            let mounted = null;
            const elements = {
              create(type) {
                calls.created.push(type);
                return {
                  mount(target) {
                    mounted = target;
                    const label = document.createElement('label');
                    label.textContent = 'Card number (stand-in for Stripe) ';
                    card = document.createElement('input');
                    card.setAttribute('data-testid', 'fake-stripe-card');
                    card.setAttribute('inputmode', 'numeric');
                    label.append(card);
                    target.append(label);
                  },
                  destroy() {
                    mounted?.replaceChildren();
                  },
                };
              },
              async submit() {
                calls.submits++;
                const digits = (card?.value ?? '').replace(/\s/g, '');
                return /^\d{16}$/.test(digits) ? {} : { error: { type: 'validation_error', message: 'Your card number is incomplete.' } };
              },
            };
            return {
              elements(options) {
                elementsSecret = options.clientSecret;
                calls.elements.push({ clientSecret: options.clientSecret, locale: options.locale ?? null });
                return elements;
              },
              async confirmPayment(options) {
                const clientSecret = options.clientSecret ?? elementsSecret;
                calls.confirms.push({
                  clientSecret: options.clientSecret ?? null,
                  sameElements: options.elements === elements,
                  redirect: options.redirect ?? null,
                  returnUrl: options.confirmParams?.return_url ?? null,
                });
                const digits = card.value.replace(/\s/g, '');
                const paymentMethod = digits === '4000000000000002' ? 'pm_card_chargeDeclined' : 'pm_card_visa';
                const intentId = clientSecret.split('_secret_')[0];
                const response = await fetch(`https://api.stripe.com/v1/payment_intents/${encodeURIComponent(intentId)}/confirm`, {
                  method: 'POST',
                  body: new URLSearchParams({ key: publishableKey, client_secret: clientSecret, payment_method: paymentMethod }),
                });
                const body = await response.json();
                return response.ok ? { paymentIntent: body } : { error: body.error };
              },
            };
          };
        })();
        """;

    [Fact]
    public async Task Buyer_pays_with_Stripe_the_webhook_turns_the_order_PAID_live_and_the_tickets_show_QR_codes()
    {
        var (buyer, _, slug, typeId) = await server.EventAsync("Nuit Stripe " + Guid.NewGuid().ToString("N")[..6]);
        await using var session = await OpenAsync(ScreenSize.Desktop);

        // Signed in, the buyer picks two tickets on the event page and buys: the order page starts paying at once (?pay=1).
        await session.GotoAsync(server.AppUrl("login"));
        await LoginAsync(session, buyer);
        AssertStripePolicy(await session.GotoAsync(server.AppUrl($"events/{slug}")));
        var quantity = session.Page.Locator($"{TestIdSelector("ticket-type")}[data-ticket-type-id=\"{typeId}\"] {TestIdSelector("ticket-qty")}");
        await quantity.FillAsync("2");
        await session.TestId("buy-button").ClickAsync();
        await WaitForPathAsync(session, path => OrderPath().IsMatch(path));
        var orderId = Uri.UnescapeDataString(new Uri(session.Page.Url).AbsolutePath.TrimEnd('/').Split('/')[^1]);
        await session.TestId("fake-stripe-card").WaitForAsync();
        var intentId = await MountedAsync(session, orderId);
        await PayAsync(session, GoodCard);
        await Wait.UntilAsync(() => Task.FromResult(server.Stripe.Intent(intentId)!.Status == "succeeded"), "the PaymentIntent to succeed at Stripe");
        var confirm = await CallsAsync(session);
        var confirmation = confirm.GetProperty("confirms")[0];
        Assert.True(confirmation.GetProperty("sameElements").GetBoolean());
        Assert.Equal("if_required", confirmation.GetProperty("redirect").GetString());
        Assert.Equal(server.AppUrl("orders/" + Uri.EscapeDataString(orderId)), confirmation.GetProperty("returnUrl").GetString());

        // Stripe took the money, but only its webhook makes the order PAID: until then the page says RESERVED.
        await AssertWaitingForTheWebhookAsync(session);
        await session.ScreenshotAsync("order-stripe");
        await server.SendWebhookAsync("payment_intent.succeeded", intentId);
        await WaitForAttributeAsync(session, TestIdSelector("order-status"), "data-value", "PAID", LiveTimeout);
        await session.TestId("tickets-link").WaitForAsync();

        // My tickets: two cards, each QR code decodes to its ticket's token.
        await session.GotoAsync(server.AppUrl("tickets"));
        var cards = session.TestId("ticket-card");
        await Wait.UntilAsync(async () => await cards.CountAsync() == 2, "two ticket cards");
        for (var i = 0; i < 2; i++)
        {
            var card = cards.Nth(i);
            var qr = card.GetByTestId("ticket-qr");
            await qr.WaitForAsync();
            await qr.ScrollIntoViewIfNeededAsync();
            var (decoded, _, _) = QrDecoder.DecodePng(await qr.ScreenshotAsync());
            Assert.Equal((await card.GetByTestId("ticket-token").TextContentAsync())!.Trim(), decoded);
        }
        session.AssertNoCspViolations();
    }

    [Fact]
    public async Task A_declined_card_shows_Stripes_message_and_leaves_the_order_payable_with_another_card()
    {
        var (buyer, orderId) = await server.ReservedOrderAsync("Soirée Stripe " + Guid.NewGuid().ToString("N")[..6], 1);
        await using var session = await OpenAsync(ScreenSize.Phone);

        var intentId = await StartPayingAsync(session, buyer, orderId);
        await PayAsync(session, DeclinedCard);
        var alert = session.Page.GetByRole(AriaRole.Alert);
        await alert.WaitForAsync();
        await session.Page.Locator($"{TestIdSelector("stripe-confirm")}:not([disabled])").WaitForAsync();
        Assert.Contains("Your card was declined.", await alert.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("requires_payment_method", server.Stripe.Intent(intentId)!.Status);
        Assert.Equal("RESERVED", await session.DataValueAsync("order-status"));
        Assert.True(await session.TestId("stripe-confirm").IsEnabledAsync());
        await session.ScreenshotAsync("order-stripe-declined");
        // Stripe tells the server too; the order stays reserved and payable.
        await server.SendWebhookAsync("payment_intent.payment_failed", intentId);
        Assert.Equal("RESERVED", await server.Api.PostAsync("query($id: ID!) { node(id: $id) { ... on Order { status } } }", new { id = orderId }, buyer.Token)
            .ContinueWith(t => t.Result.GetProperty("data").GetProperty("node").GetProperty("status").GetString()));

        // Another card in the same form: the same PaymentIntent succeeds, and its webhook pays the order.
        await PayAsync(session, GoodCard);
        await Wait.UntilAsync(() => Task.FromResult(server.Stripe.Intent(intentId)!.Status == "succeeded"), "the PaymentIntent to succeed at Stripe");
        await AssertWaitingForTheWebhookAsync(session);
        await server.SendWebhookAsync("payment_intent.succeeded", intentId);
        await WaitForAttributeAsync(session, TestIdSelector("order-status"), "data-value", "PAID", LiveTimeout);
        Assert.Equal(2, (await CallsAsync(session)).GetProperty("confirms").GetArrayLength());
        session.AssertNoCspViolations();
    }

    /// <summary>A session whose js.stripe.com is the stand-in and whose api.stripe.com is the fake Stripe API.</summary>
    private async Task<BrowserSession> OpenAsync(ScreenSize size)
    {
        var session = await browser.OpenAsync(output, size);
        await session.Context.RouteAsync("https://js.stripe.com/v3/**", async route =>
        {
            session.Log($"js.stripe.com: {route.Request.Url} → stand-in");
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/javascript; charset=utf-8", Body = StandInStripeJs });
        });
        await session.Context.RouteAsync("https://api.stripe.com/**", async route =>
        {
            var target = new Uri(server.Stripe.Address, new Uri(route.Request.Url).PathAndQuery).AbsoluteUri;
            session.Log($"api.stripe.com: {route.Request.Method} {route.Request.Url} → {target}");
            var response = await route.FetchAsync(new RouteFetchOptions { Url = target });
            await route.FulfillAsync(new RouteFulfillOptions { Response = response });
        });
        return session;
    }

    /// <summary>
    /// Opens the order, signs in, asks to pay: the page checks out with Stripe (the only provider) and mounts the Payment
    /// Element with the configured publishable key and the PaymentIntent's client secret. Returns the intent's id.
    /// </summary>
    private async Task<string> StartPayingAsync(BrowserSession session, WebAccount buyer, string orderId)
    {
        // Production: Stripe is the only provider the server offers (no development provider).
        var options = await server.Api.PostAsync("{ paymentOptions { providers stripePublishableKey } }", null, buyer.Token);
        Assert.Equal(["STRIPE"], options.GetProperty("data").GetProperty("paymentOptions").GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
        var orderUrl = server.AppUrl("orders/" + Uri.EscapeDataString(orderId));
        AssertStripePolicy(await session.GotoAsync(orderUrl));
        await LoginAsync(session, buyer);
        if (!OrderPath().IsMatch(new Uri(session.Page.Url).AbsolutePath))
        {
            await session.GotoAsync(orderUrl);
        }
        Assert.Equal("RESERVED", await session.DataValueAsync("order-status"));
        await session.TestId("pay-button").ClickAsync();
        await session.TestId("fake-stripe-card").WaitForAsync();
        return await MountedAsync(session, orderId);
    }

    /// <summary>The policy that lets the page load Stripe.js and call Stripe's API (the listener fails the test on a violation).</summary>
    private static void AssertStripePolicy(IResponse? page)
    {
        Assert.NotNull(page);
        var policy = page.Headers["content-security-policy"];
        Assert.Contains("script-src 'self' https://js.stripe.com;", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' https://api.stripe.com;", policy, StringComparison.Ordinal);
    }

    /// <summary>
    /// The page mounted the Payment Element with the configured publishable key and the client secret of the order's
    /// PaymentIntent (checked at the fake Stripe). Returns the intent's id.
    /// </summary>
    private async Task<string> MountedAsync(BrowserSession session, string orderId)
    {
        var calls = await CallsAsync(session);
        Assert.Equal([server.Stripe.PublishableKey], calls.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["payment"], calls.GetProperty("created").EnumerateArray().Select(k => k.GetString()));
        var clientSecret = calls.GetProperty("elements")[0].GetProperty("clientSecret").GetString()!;
        var intentId = clientSecret.Split("_secret_")[0];
        var intent = server.Stripe.Intent(intentId);
        Assert.NotNull(intent);
        Assert.Equal(intent.ClientSecret, clientSecret);
        Assert.Equal(CatalogApi.Key(orderId), Guid.Parse(intent.Metadata[StripePaymentProvider.OrderIdMetadataKey]));
        Assert.Equal("requires_payment_method", intent.Status);
        session.Log($"the page mounted Stripe's Payment Element for {intentId} ({intent.Amount} {intent.Currency})");
        return intentId;
    }

    /// <summary>Types the card number into the stand-in's field and confirms; waits until the page is done confirming.</summary>
    private static async Task PayAsync(BrowserSession session, string cardNumber)
    {
        var before = (await CallsAsync(session)).GetProperty("confirms").GetArrayLength();
        await session.TestId("fake-stripe-card").FillAsync(cardNumber);
        await session.TestId("stripe-confirm").ClickAsync();
        await session.Page.WaitForFunctionAsync("n => window.__stripeCalls.confirms.length > n", before);
    }

    /// <summary>
    /// Stripe accepted the card: the page says so and offers neither confirming again (Stripe would refuse an intent that
    /// succeeded) nor cancelling (the money is taken); the order is RESERVED until the webhook.
    /// </summary>
    private static async Task AssertWaitingForTheWebhookAsync(BrowserSession session)
    {
        await session.TestId("payment-pending").WaitForAsync();
        Assert.Equal(0, await session.TestId("stripe-confirm").CountAsync());
        Assert.Equal(0, await session.Page.GetByRole(AriaRole.Alert).CountAsync());
        Assert.Equal("RESERVED", await session.DataValueAsync("order-status"));
    }

    private static async Task<JsonElement> CallsAsync(BrowserSession session) =>
        JsonDocument.Parse(await session.Page.EvaluateAsync<string>("() => JSON.stringify(window.__stripeCalls)")).RootElement;

    [GeneratedRegex("^/app/orders/[^/]+/?$")]
    private static partial Regex OrderPath();
}
