using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tickr.Testing.Payments;

/// <summary>One call the fake Clictopay received: the method (<c>register.do</c>…) and its parameters (query and form).</summary>
public sealed record FakeClictopayRequest(string Method, string HttpMethod, IReadOnlyDictionary<string, string> Parameters);

/// <summary>An order as the fake Clictopay holds it. <see cref="OrderStatus"/>: 0 registered, 2 paid, 4 refunded, 6 declined.</summary>
public sealed record FakeClictopayOrder(string OrderId, string OrderNumber, long Amount, string Currency, int OrderStatus,
    string ReturnUrl, string? FailUrl, string Language, IReadOnlyDictionary<string, string> MerchantParameters)
{
    public long DepositedAmount { get; init; }

    public long RefundedAmount { get; init; }

    public int ActionCode { get; init; } = -1;

    public string ActionCodeDescription { get; init; } = "";
}

/// <summary>
/// A fake Clictopay REST API (<c>/payment/rest/</c>) over real HTTP, answering like the BPC platform Clictopay runs:
/// <c>register.do</c> → <c>{orderId, formUrl}</c>, <c>getOrderStatusExtended.do</c> → the order with
/// <c>orderStatus</c>, <c>paymentAmountInfo</c> and <c>merchantOrderParams</c>, <c>refund.do</c>; failures as
/// <c>{errorCode, errorMessage}</c> with HTTP 200 (1 duplicate order number, 3 unknown currency, 4 missing parameter,
/// 5 access denied or invalid value, 6 unknown order, 7 refused by the order's state). Parameters are read from the
/// query string and from a form body. It checks the credentials, that amounts are positive integers, and the currency
/// (788, TND). Tests mark orders paid or declined, make calls fail with HTTP 503, and read every request.
/// </summary>
public sealed class FakeClictopayServer : FakeHttpServer
{
    public const string DefaultUserName = "tickr-merchant";
    public const string DefaultPassword = "tickr-password-1";

    private readonly object _gate = new();
    private readonly Dictionary<string, FakeClictopayOrder> _orders = new(StringComparer.Ordinal);
    private readonly List<FakeClictopayRequest> _requests = [];
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);

    public FakeClictopayServer(string userName = DefaultUserName, string password = DefaultPassword)
    {
        UserName = userName;
        Password = password;
    }

    public string UserName { get; }

    public string Password { get; }

    /// <summary>The REST API's base address, like <c>https://test.clictopay.com/payment/rest/</c>.</summary>
    public Uri BaseUrl => new(Address, "payment/rest/");

    /// <summary>How long every answer waits (a slow provider); zero by default.</summary>
    public TimeSpan ResponseDelay { get; set; }

    public static async Task<FakeClictopayServer> StartNewAsync()
    {
        var server = new FakeClictopayServer();
        await server.StartAsync().ConfigureAwait(false);
        return server;
    }

    public IReadOnlyList<FakeClictopayRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    public FakeClictopayOrder? Order(string orderId)
    {
        lock (_gate) { return _orders.GetValueOrDefault(orderId); }
    }

    /// <summary>The buyer paid on the payment page: status 2, the whole amount deposited.</summary>
    public void MarkPaid(string orderId) =>
        Update(orderId, order => order with { OrderStatus = 2, DepositedAmount = order.Amount, ActionCode = 0, ActionCodeDescription = "" });

    /// <summary>The issuer declined: status 6 with an action code and its description.</summary>
    public void MarkDeclined(string orderId, int actionCode = 116, string description = "Insufficient funds") =>
        Update(orderId, order => order with { OrderStatus = 6, ActionCode = actionCode, ActionCodeDescription = description });

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> (e.g. <c>getOrderStatusExtended.do</c>) answer HTTP 503.</summary>
    public void FailNext(string method, int count)
    {
        lock (_gate) { _failures[method] = count; }
    }

    protected override void Map(WebApplication app)
    {
        foreach (var method in new[] { "register.do", "getOrderStatusExtended.do", "refund.do" })
        {
            app.Map("/payment/rest/" + method, context => Handle(context, method));
        }
    }

    private async Task Handle(HttpContext context, string method)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in context.Request.Query)
        {
            parameters[key] = value.ToString();
        }
        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync().ConfigureAwait(false))
            {
                parameters[key] = value.ToString();
            }
        }

        lock (_gate)
        {
            _requests.Add(new FakeClictopayRequest(method, context.Request.Method, parameters));
        }
        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, context.RequestAborted).ConfigureAwait(false);
        }

        JsonObject answer;
        lock (_gate)
        {
            if (_failures.TryGetValue(method, out var failures) && failures > 0)
            {
                _failures[method] = failures - 1;
                context.Response.StatusCode = 503;
                return;
            }
            answer = parameters.GetValueOrDefault("userName") != UserName || parameters.GetValueOrDefault("password") != Password
                ? Error("5", "Access denied")
                : method switch
                {
                    "register.do" => Register(parameters),
                    "getOrderStatusExtended.do" => Status(parameters),
                    _ => Refund(parameters),
                };
        }
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.WriteAsync(answer.ToJsonString()).ConfigureAwait(false);
    }

    private JsonObject Register(Dictionary<string, string> parameters)
    {
        var orderNumber = parameters.GetValueOrDefault("orderNumber");
        if (string.IsNullOrEmpty(orderNumber))
        {
            return Error("4", "Order number is empty");
        }
        if (!parameters.TryGetValue("amount", out var rawAmount) || rawAmount.Length == 0)
        {
            return Error("4", "Amount is empty");
        }
        if (!long.TryParse(rawAmount, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount < 1)
        {
            return Error("5", "Amount is invalid");
        }
        var currency = parameters.GetValueOrDefault("currency", "788");
        if (currency != "788")
        {
            return Error("3", "Unknown currency");
        }
        var returnUrl = parameters.GetValueOrDefault("returnUrl");
        if (string.IsNullOrEmpty(returnUrl))
        {
            return Error("4", "Return URL cannot be empty");
        }
        if (_orders.Values.Any(o => o.OrderNumber == orderNumber))
        {
            return Error("1", "Order with this number was already processed");
        }
        var merchantParameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parameters.GetValueOrDefault("jsonParams") is { Length: > 0 } jsonParams)
        {
            try
            {
                foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(jsonParams) ?? [])
                {
                    merchantParameters[key] = value;
                }
            }
            catch (JsonException)
            {
                return Error("5", "[jsonParams] is incorrect");
            }
        }
        var language = parameters.GetValueOrDefault("language", "fr");
        var orderId = Guid.NewGuid().ToString();
        _orders[orderId] = new FakeClictopayOrder(orderId, orderNumber, amount, currency, 0, returnUrl, parameters.GetValueOrDefault("failUrl"),
            language, merchantParameters);
        return new JsonObject
        {
            ["orderId"] = orderId,
            ["formUrl"] = new Uri(Address, $"payment/merchants/tickr/payment_{language}.html?mdOrder={orderId}").AbsoluteUri,
        };
    }

    private JsonObject Status(Dictionary<string, string> parameters)
    {
        var order = parameters.GetValueOrDefault("orderId") is { Length: > 0 } orderId
            ? _orders.GetValueOrDefault(orderId)
            : _orders.Values.FirstOrDefault(o => o.OrderNumber == parameters.GetValueOrDefault("orderNumber"));
        if (order is null)
        {
            return Error("6", "Order not found");
        }
        var merchantParameters = new JsonArray();
        foreach (var (name, value) in order.MerchantParameters)
        {
            merchantParameters.Add(new JsonObject { ["name"] = name, ["value"] = value });
        }
        return new JsonObject
        {
            ["errorCode"] = "0",
            ["errorMessage"] = "Success",
            ["orderNumber"] = order.OrderNumber,
            ["orderStatus"] = order.OrderStatus,
            ["actionCode"] = order.ActionCode,
            ["actionCodeDescription"] = order.ActionCodeDescription,
            ["amount"] = order.Amount,
            ["currency"] = order.Currency,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["orderDescription"] = "",
            ["merchantOrderParams"] = merchantParameters,
            ["attributes"] = new JsonArray(new JsonObject { ["name"] = "mdOrder", ["value"] = order.OrderId }),
            ["paymentAmountInfo"] = new JsonObject
            {
                ["paymentState"] = order.OrderStatus switch { 2 => "DEPOSITED", 4 => "REFUNDED", 6 => "DECLINED", _ => "CREATED" },
                ["approvedAmount"] = order.DepositedAmount,
                ["depositedAmount"] = order.DepositedAmount,
                ["refundedAmount"] = order.RefundedAmount,
            },
        };
    }

    private JsonObject Refund(Dictionary<string, string> parameters)
    {
        if (parameters.GetValueOrDefault("orderId") is not { Length: > 0 } orderId || !_orders.TryGetValue(orderId, out var order))
        {
            return Error("6", "Order not found");
        }
        if (!long.TryParse(parameters.GetValueOrDefault("amount"), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount < 1)
        {
            return Error("5", "Amount is invalid");
        }
        if (order.OrderStatus is not (2 or 4))
        {
            return Error("7", "Payment must be in the correct state");
        }
        if (amount > order.DepositedAmount - order.RefundedAmount)
        {
            return Error("7", "Refund amount exceeds deposited amount");
        }
        _orders[orderId] = order with { OrderStatus = 4, RefundedAmount = order.RefundedAmount + amount };
        return new JsonObject { ["errorCode"] = "0", ["errorMessage"] = "Success" };
    }

    private static JsonObject Error(string code, string message) => new() { ["errorCode"] = code, ["errorMessage"] = message };

    private void Update(string orderId, Func<FakeClictopayOrder, FakeClictopayOrder> change)
    {
        lock (_gate)
        {
            if (!_orders.TryGetValue(orderId, out var order))
            {
                throw new InvalidOperationException($"The fake Clictopay knows no order '{orderId}'.");
            }
            _orders[orderId] = change(order);
        }
    }
}
