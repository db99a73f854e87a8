using System.Globalization;
using System.Net;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Tickr.Domain.Payments;

namespace Tickr.Graph.Payments.Clictopay;

/// <summary>
/// The HTTP side of Clictopay's REST API (<c>register.do</c>, <c>getOrderStatusExtended.do</c>, <c>refund.do</c>):
/// form-encoded POSTs (credentials in the body, never in a URL that proxies log) answered with JSON. Reads go through
/// a Polly pipeline that retries network errors, timeouts and 5xx answers; writes get a timeout and one attempt only.
/// </summary>
internal sealed class ClictopayGateway
{
    private readonly IHttpClientFactory _httpClients;
    private readonly ClictopayOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _reads;
    private readonly ResiliencePipeline<HttpResponseMessage> _writes;

    public ClictopayGateway(IHttpClientFactory httpClients, ClictopayOptions options, TimeProvider clock)
    {
        _httpClients = httpClients;
        _options = options;
        _reads = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(0, options.ReadRetries),
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests),
            })
            .AddTimeout(options.Timeout)
            .Build();
        _writes = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddTimeout(options.Timeout)
            .Build();
    }

    /// <summary>Calls <paramref name="method"/> (e.g. <c>register.do</c>) with the credentials added; returns the JSON answer.</summary>
    public async Task<JsonElement> CallAsync(string method, IReadOnlyList<KeyValuePair<string, string>> parameters, bool idempotent,
        CancellationToken cancellationToken)
    {
        var baseUrl = _options.BaseUrl ?? throw new PaymentProviderException(PaymentProviderKind.Clictopay, PaymentErrorCode.NotConfigured,
            "Clictopay is not configured (Tickr:Payments:Clictopay:BaseUrl).");
        // "…/payment/rest" and "…/payment/rest/" both mean the folder the methods live in.
        var folder = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        var address = new Uri(folder, method);
        var form = new List<KeyValuePair<string, string>>(parameters.Count + 2)
        {
            new("userName", _options.UserName ?? ""),
            new("password", _options.Password ?? ""),
        };
        form.AddRange(parameters);

        var client = _httpClients.CreateClient(ClictopayPaymentProvider.HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await (idempotent ? _reads : _writes).ExecuteAsync(async token =>
            {
                using var content = new FormUrlEncodedContent(form);
                return await client.PostAsync(address, content, token);
            }, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new PaymentProviderException(PaymentProviderKind.Clictopay, PaymentErrorCode.Unreachable,
                $"Clictopay is unreachable ({method}): {e.Message}", null, e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new PaymentProviderException(PaymentProviderKind.Clictopay, PaymentErrorCode.Timeout,
                $"Clictopay did not answer {method} within {_options.Timeout}.", null, e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var code = (int)response.StatusCode >= 500 ? PaymentErrorCode.Unreachable : PaymentErrorCode.InvalidResponse;
                throw new PaymentProviderException(PaymentProviderKind.Clictopay, code,
                    string.Create(CultureInfo.InvariantCulture, $"Clictopay answered {method} with HTTP {(int)response.StatusCode}."));
            }
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonException("not an object");
                }
                return document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new PaymentProviderException(PaymentProviderKind.Clictopay, PaymentErrorCode.InvalidResponse,
                    $"Clictopay's answer to {method} is not a JSON object.", null, e);
            }
        }
    }
}

/// <summary>Reading Clictopay's JSON, whose numbers sometimes arrive as strings (<c>"errorCode": "0"</c>).</summary>
internal static class ClictopayJson
{
    public static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    public static long? Integer(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        } : null;

    /// <summary>The <c>errorCode</c>; absent or <c>0</c> means success.</summary>
    public static string ErrorCode(JsonElement element) => String(element, "errorCode") is { Length: > 0 } code ? code : "0";

    public static bool IsSuccess(JsonElement element) => ErrorCode(element) == "0";
}
