using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tickr.Testing.Payments;

/// <summary>One request the fake Stripe received.</summary>
public sealed record FakeStripeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Parameters, string? IdempotencyKey,
    bool Replayed);

/// <summary>
/// A fake Stripe API over real HTTP, implementing the request and response shapes Stripe.net uses for
/// <c>POST /v1/payment_intents</c>, <c>GET /v1/payment_intents/{id}</c> (with <c>expand[]=latest_charge</c>) and
/// <c>POST /v1/refunds</c>, and what Stripe.js sends from the browser, <c>POST /v1/payment_intents/{id}/confirm</c>
/// (publishable key and client secret, see <c>ConfirmIntent</c>): form-encoded requests, Bearer secret key, JSON objects, Stripe's error envelope
/// <c>{"error":{"type","code","message","param"}}</c>, and the <c>Idempotency-Key</c> header (the same key with the same
/// parameters replays the first answer; with other parameters it is an <c>idempotency_error</c>). Tests move intents
/// along (<see cref="MarkSucceeded"/>, <see cref="MarkFailed"/>) and build webhook events (<see cref="BuildEvent"/>).
/// </summary>
public sealed class FakeStripeServer : FakeHttpServer
{
    /// <summary>The key the fake accepts unless another is given.</summary>
    public const string DefaultSecretKey = "sk_test_tickr_fake_0123456789";

    private static readonly HashSet<string> ThreeDecimalCurrencies = ["bhd", "jod", "kwd", "omr", "tnd"];
    private readonly object _gate = new();
    private readonly Dictionary<string, FakeStripeIntent> _intents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Fingerprint, int Status, string Body)> _idempotent = new(StringComparer.Ordinal);
    private readonly List<FakeStripeRequest> _requests = [];
    private readonly List<JsonObject> _refunds = [];

    /// <summary>The publishable key Stripe.js confirms with (<c>key</c> in the form, beside the intent's client secret).</summary>
    public const string DefaultPublishableKey = "pk_test_tickr";

    /// <summary>Stripe's test payment method whose card is declined; any other confirms the payment.</summary>
    public const string DeclinedPaymentMethod = "pm_card_chargeDeclined";

    public FakeStripeServer(string secretKey = DefaultSecretKey) => SecretKey = secretKey;

    public string SecretKey { get; }

    public string PublishableKey { get; init; } = DefaultPublishableKey;

    /// <summary>When true, every answer is an HTML page with status 200 (a proxy's error page, a misconfigured ApiBase).</summary>
    public bool AnswerGarbage { get; set; }

    /// <summary>How long every answer waits (a slow provider); zero by default.</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>A started server (dispose it to stop).</summary>
    public static async Task<FakeStripeServer> StartNewAsync(string secretKey = DefaultSecretKey)
    {
        var server = new FakeStripeServer(secretKey);
        await server.StartAsync().ConfigureAwait(false);
        return server;
    }

    public IReadOnlyList<FakeStripeRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    public int IntentCount
    {
        get { lock (_gate) { return _intents.Count; } }
    }

    /// <summary>A copy of the intent's current state; null when unknown.</summary>
    public FakeStripeIntent? Intent(string id)
    {
        lock (_gate)
        {
            return _intents.TryGetValue(id, out var intent) ? intent with { Metadata = new Dictionary<string, string>(intent.Metadata) } : null;
        }
    }

    /// <summary>The buyer paid: status succeeded, the whole amount received, a charge <c>ch_…</c> created.</summary>
    public void MarkSucceeded(string intentId) => Update(intentId, intent => intent with
    {
        Status = "succeeded",
        AmountReceived = intent.Amount,
        LatestChargeId = "ch_" + RandomId(),
        LastPaymentErrorCode = null,
        LastPaymentErrorMessage = null,
    });

    /// <summary>The buyer's card was declined: back to requires_payment_method with a <c>last_payment_error</c>.</summary>
    public void MarkFailed(string intentId, string code = "card_declined", string message = "Your card was declined.") =>
        Update(intentId, intent => intent with { Status = "requires_payment_method", LastPaymentErrorCode = code, LastPaymentErrorMessage = message });

    public void Cancel(string intentId, string reason = "abandoned") =>
        Update(intentId, intent => intent with { Status = "canceled", CancellationReason = reason });

    /// <summary>
    /// The JSON of a Stripe Event (<c>object: "event"</c>) whose <c>data.object</c> is the intent as it is now, or, for
    /// <c>charge.*</c> types, its latest charge. Sign it with <see cref="StripeWebhookSigner"/>.
    /// </summary>
    public string BuildEvent(string type, string intentId, string apiVersion, string? eventId = null, DateTimeOffset? created = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        JsonObject dataObject;
        lock (_gate)
        {
            var intent = _intents[intentId];
            dataObject = type.StartsWith("charge.", StringComparison.Ordinal) ? ChargeJson(intent) : IntentJson(intent, expandCharge: false);
        }
        var stripeEvent = new JsonObject
        {
            ["id"] = eventId ?? "evt_" + RandomId(),
            ["object"] = "event",
            ["api_version"] = apiVersion,
            ["created"] = (created ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = dataObject },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = "req_" + RandomId(), ["idempotency_key"] = null },
            ["type"] = type,
        };
        return stripeEvent.ToJsonString();
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/payment_intents", context => Handle(context, CreateIntent));
        app.MapGet("/v1/payment_intents/{id}", context => Handle(context, GetIntent));
        app.MapPost("/v1/refunds", context => Handle(context, CreateRefund));
        // What Stripe.js calls from the buyer's browser (cross-origin, so with CORS), authenticated by the publishable key
        // and the intent's client secret.
        app.MapPost("/v1/payment_intents/{id}/confirm", context =>
        {
            context.Response.Headers.AccessControlAllowOrigin = "*";
            return Handle(context, ConfirmIntent, publishable: true);
        });
    }

    private delegate (int Status, JsonObject Body) Operation(HttpContext context, IReadOnlyDictionary<string, string> parameters);

    private async Task Handle(HttpContext context, Operation operation, bool publishable = false)
    {
        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, context.RequestAborted).ConfigureAwait(false);
        }
        var request = context.Request;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = value.ToString();
        }
        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync().ConfigureAwait(false))
            {
                parameters[key] = value.ToString();
            }
        }
        var idempotencyKey = request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } header ? header : null;

        if (AnswerGarbage)
        {
            Record(request, parameters, idempotencyKey, replayed: false);
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>Bad gateway, but with status 200</body></html>").ConfigureAwait(false);
            return;
        }
        var byPublishableKey = publishable && parameters.GetValueOrDefault("key") == PublishableKey;
        if (request.Headers.Authorization.ToString() != "Bearer " + SecretKey && !byPublishableKey)
        {
            Record(request, parameters, idempotencyKey, replayed: false);
            await Write(context, 401, Error("invalid_request_error", null, "Invalid API Key provided.", null)).ConfigureAwait(false);
            return;
        }

        int status;
        string body;
        var replayed = false;
        lock (_gate)
        {
            var fingerprint = request.Method + " " + request.Path + "?" + string.Join("&", parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key + "=" + p.Value));
            if (request.Method == "POST" && idempotencyKey is not null && _idempotent.TryGetValue(idempotencyKey, out var earlier))
            {
                if (earlier.Fingerprint != fingerprint)
                {
                    status = 400;
                    body = Error("idempotency_error", null,
                        "Keys for idempotent requests can only be used with the same parameters they were first used with.", null).ToJsonString();
                }
                else
                {
                    (status, body, replayed) = (earlier.Status, earlier.Body, true);
                }
            }
            else
            {
                var (code, json) = operation(context, parameters);
                (status, body) = (code, json.ToJsonString());
                // Stripe keeps the answer of a request that ran (success or 4xx) for its key; a 5xx may be retried.
                if (request.Method == "POST" && idempotencyKey is not null && status < 500)
                {
                    _idempotent[idempotencyKey] = (fingerprint, status, body);
                }
            }
            _requests.Add(new FakeStripeRequest(request.Method, request.Path, parameters, idempotencyKey, replayed));
        }
        if (replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = "req_" + RandomId();
        await context.Response.WriteAsync(body).ConfigureAwait(false);
    }

    private (int, JsonObject) CreateIntent(HttpContext context, IReadOnlyDictionary<string, string> parameters)
    {
        if (!parameters.TryGetValue("amount", out var rawAmount))
        {
            return (400, Error("invalid_request_error", "parameter_missing", "Missing required param: amount.", "amount"));
        }
        if (!long.TryParse(rawAmount, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount < 1)
        {
            return (400, Error("invalid_request_error", "parameter_invalid_integer", $"Invalid integer: {rawAmount}", "amount"));
        }
        if (!parameters.TryGetValue("currency", out var currency) || currency.Length != 3 || currency != currency.ToLowerInvariant())
        {
            return (400, Error("invalid_request_error", "parameter_missing", "Missing or invalid param: currency (three lower-case letters).", "currency"));
        }
        if (ThreeDecimalCurrencies.Contains(currency) && amount % 10 != 0)
        {
            return (400, Error("invalid_request_error", "amount_invalid",
                $"Amounts in {currency.ToUpperInvariant()} must have 0 as their last digit.", "amount"));
        }
        var metadata = parameters.Where(p => p.Key.StartsWith("metadata[", StringComparison.Ordinal) && p.Key.EndsWith(']'))
            .ToDictionary(p => p.Key["metadata[".Length..^1], p => p.Value, StringComparer.Ordinal);
        var id = "pi_" + RandomId();
        var intent = new FakeStripeIntent(id, amount, currency, "requires_payment_method", id + "_secret_" + RandomId(), metadata,
            DateTimeOffset.UtcNow.ToUnixTimeSeconds())
        {
            Description = parameters.GetValueOrDefault("description"),
            ReceiptEmail = parameters.GetValueOrDefault("receipt_email"),
            AutomaticPaymentMethods = parameters.GetValueOrDefault("automatic_payment_methods[enabled]") == "true",
        };
        _intents[id] = intent;
        return (200, IntentJson(intent, expandCharge: false));
    }

    private (int, JsonObject) GetIntent(HttpContext context, IReadOnlyDictionary<string, string> parameters)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        if (!_intents.TryGetValue(id, out var intent))
        {
            return (404, Error("invalid_request_error", "resource_missing", $"No such payment_intent: '{id}'", "intent"));
        }
        var expandCharge = parameters.Any(p => p.Key.StartsWith("expand[", StringComparison.Ordinal) && p.Value == "latest_charge");
        return (200, IntentJson(intent, expandCharge));
    }

    /// <summary>
    /// <c>POST /v1/payment_intents/{id}/confirm</c> as Stripe.js sends it: <c>client_secret</c> (checked against the
    /// intent) and <c>payment_method</c>. <see cref="DeclinedPaymentMethod"/> is declined (402, <c>card_error</c>, the
    /// intent back to requires_payment_method); any other succeeds at once.
    /// </summary>
    private (int, JsonObject) ConfirmIntent(HttpContext context, IReadOnlyDictionary<string, string> parameters)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        if (!_intents.TryGetValue(id, out var intent) || parameters.GetValueOrDefault("client_secret") != intent.ClientSecret)
        {
            return (404, Error("invalid_request_error", "resource_missing", $"No such payment_intent: '{id}'", "intent"));
        }
        if (intent.Status is not ("requires_payment_method" or "requires_confirmation"))
        {
            return (400, Error("invalid_request_error", "payment_intent_unexpected_state",
                $"This PaymentIntent's status is {intent.Status}, so it cannot be confirmed.", null));
        }
        if (parameters.GetValueOrDefault("payment_method") == DeclinedPaymentMethod)
        {
            intent = intent with { Status = "requires_payment_method", LastPaymentErrorCode = "card_declined", LastPaymentErrorMessage = "Your card was declined." };
            _intents[id] = intent;
            var error = Error("card_error", "card_declined", "Your card was declined.", null);
            error["error"]!["decline_code"] = "generic_decline";
            error["error"]!["payment_intent"] = IntentJson(intent, expandCharge: false);
            return (402, error);
        }
        intent = intent with
        {
            Status = "succeeded",
            AmountReceived = intent.Amount,
            LatestChargeId = "ch_" + RandomId(),
            LastPaymentErrorCode = null,
            LastPaymentErrorMessage = null,
        };
        _intents[id] = intent;
        return (200, IntentJson(intent, expandCharge: false));
    }

    private (int, JsonObject) CreateRefund(HttpContext context, IReadOnlyDictionary<string, string> parameters)
    {
        if (!parameters.TryGetValue("payment_intent", out var intentId) || !_intents.TryGetValue(intentId, out var intent))
        {
            return (404, Error("invalid_request_error", "resource_missing", $"No such payment_intent: '{intentId}'", "payment_intent"));
        }
        if (intent.Status != "succeeded" || intent.LatestChargeId is null)
        {
            return (400, Error("invalid_request_error", "charge_not_refundable",
                $"This PaymentIntent ({intentId}) does not have a successful charge to refund.", "payment_intent"));
        }
        var remaining = intent.AmountReceived - intent.AmountRefunded;
        if (remaining == 0)
        {
            return (400, Error("invalid_request_error", "charge_already_refunded", $"Charge {intent.LatestChargeId} has already been refunded.", null));
        }
        long amount = remaining;
        if (parameters.TryGetValue("amount", out var rawAmount)
            && (!long.TryParse(rawAmount, NumberStyles.None, CultureInfo.InvariantCulture, out amount) || amount < 1))
        {
            return (400, Error("invalid_request_error", "parameter_invalid_integer", $"Invalid integer: {rawAmount}", "amount"));
        }
        if (amount > remaining)
        {
            return (400, Error("invalid_request_error", "amount_too_large",
                $"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining}).", "amount"));
        }
        _intents[intentId] = intent with { AmountRefunded = intent.AmountRefunded + amount };
        var refund = new JsonObject
        {
            ["id"] = "re_" + RandomId(),
            ["object"] = "refund",
            ["amount"] = amount,
            ["charge"] = intent.LatestChargeId,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["currency"] = intent.Currency,
            ["metadata"] = Metadata(parameters),
            ["payment_intent"] = intentId,
            ["reason"] = parameters.GetValueOrDefault("reason"),
            ["status"] = "succeeded",
        };
        _refunds.Add(refund);
        return (200, refund);
    }

    private static JsonObject Metadata(IReadOnlyDictionary<string, string> parameters)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in parameters.Where(p => p.Key.StartsWith("metadata[", StringComparison.Ordinal) && p.Key.EndsWith(']')))
        {
            metadata[key["metadata[".Length..^1]] = value;
        }
        return metadata;
    }

    private static JsonObject IntentJson(FakeStripeIntent intent, bool expandCharge)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in intent.Metadata)
        {
            metadata[key] = value;
        }
        return new JsonObject
        {
            ["id"] = intent.Id,
            ["object"] = "payment_intent",
            ["amount"] = intent.Amount,
            ["amount_capturable"] = 0,
            ["amount_received"] = intent.AmountReceived,
            ["automatic_payment_methods"] = intent.AutomaticPaymentMethods ? new JsonObject { ["enabled"] = true } : null,
            ["cancellation_reason"] = intent.CancellationReason,
            ["capture_method"] = "automatic_async",
            ["client_secret"] = intent.ClientSecret,
            ["confirmation_method"] = "automatic",
            ["created"] = intent.Created,
            ["currency"] = intent.Currency,
            ["description"] = intent.Description,
            ["last_payment_error"] = intent.LastPaymentErrorCode is null ? null : new JsonObject
            {
                ["type"] = "card_error",
                ["code"] = intent.LastPaymentErrorCode,
                ["decline_code"] = "generic_decline",
                ["message"] = intent.LastPaymentErrorMessage,
            },
            ["latest_charge"] = intent.LatestChargeId is null ? null : expandCharge ? ChargeJson(intent) : JsonValue.Create(intent.LatestChargeId),
            ["livemode"] = false,
            ["metadata"] = metadata,
            ["payment_method_types"] = new JsonArray("card"),
            ["receipt_email"] = intent.ReceiptEmail,
            ["status"] = intent.Status,
        };
    }

    private static JsonObject ChargeJson(FakeStripeIntent intent) => new()
    {
        ["id"] = intent.LatestChargeId,
        ["object"] = "charge",
        ["amount"] = intent.Amount,
        ["amount_captured"] = intent.AmountReceived,
        ["amount_refunded"] = intent.AmountRefunded,
        ["captured"] = intent.AmountReceived > 0,
        ["created"] = intent.Created,
        ["currency"] = intent.Currency,
        ["metadata"] = new JsonObject(),
        ["paid"] = intent.Status == "succeeded",
        ["payment_intent"] = intent.Id,
        ["refunded"] = intent.AmountRefunded > 0 && intent.AmountRefunded == intent.AmountReceived,
        ["status"] = "succeeded",
    };

    private static JsonObject Error(string type, string? code, string message, string? param) => new()
    {
        ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message, ["param"] = param },
    };

    private static Task Write(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private void Record(HttpRequest request, Dictionary<string, string> parameters, string? idempotencyKey, bool replayed)
    {
        lock (_gate)
        {
            _requests.Add(new FakeStripeRequest(request.Method, request.Path, parameters, idempotencyKey, replayed));
        }
    }

    private void Update(string intentId, Func<FakeStripeIntent, FakeStripeIntent> change)
    {
        lock (_gate)
        {
            if (!_intents.TryGetValue(intentId, out var intent))
            {
                throw new InvalidOperationException($"The fake Stripe knows no PaymentIntent '{intentId}'.");
            }
            _intents[intentId] = change(intent);
        }
    }

    private static string RandomId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}

/// <summary>A PaymentIntent as the fake Stripe holds it.</summary>
public sealed record FakeStripeIntent(string Id, long Amount, string Currency, string Status, string ClientSecret,
    Dictionary<string, string> Metadata, long Created)
{
    public long AmountReceived { get; init; }

    public long AmountRefunded { get; init; }

    public string? LatestChargeId { get; init; }

    public string? LastPaymentErrorCode { get; init; }

    public string? LastPaymentErrorMessage { get; init; }

    public string? CancellationReason { get; init; }

    public string? Description { get; init; }

    public string? ReceiptEmail { get; init; }

    public bool AutomaticPaymentMethods { get; init; }
}
