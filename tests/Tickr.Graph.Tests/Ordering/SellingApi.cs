using System.Text.Json;
using Tickr.Graph.Tests.Catalog;

namespace Tickr.Graph.Tests.Ordering;

/// <summary>Buying through the API: an on-sale event, reservations, checkout.</summary>
public static class SellingApi
{
    public const string ErrorSelection =
        "errors { __typename ... on Error { code message } ... on SoldOutError { remaining ticketTypeId } ... on LimitExceededError { limit } }";

    public const string OrderSelection =
        "order { id number status ticketCount total { minorUnits } subtotal { minorUnits } discount { minorUnits } expiresAt lines { ticketTypeId quantity unitPrice { minorUnits } } }";

    /// <summary>A published event with one ticket type; returns (eventId, ticketTypeId).</summary>
    public static async Task<(string EventId, string TicketTypeId)> OnSaleEventAsync(CatalogApi api, Organizer organizer, long price = 50_000, int capacity = 100)
    {
        var eventId = await api.CreateEventAsync(organizer, "Concert " + Guid.NewGuid().ToString("N")[..6]);
        var typeId = await api.AddTicketTypeAsync(organizer, eventId, "Normal", price, capacity);
        await api.SucceedAsync("publishEvent", new { eventId }, organizer.Token, "event { status }");
        return (eventId, typeId);
    }

    public static Task<JsonElement> ReserveAsync(CatalogApi api, string token, string eventId, object[] items, string? idempotencyKey = null, string? promoCode = null, string? accessCode = null) =>
        api.MutateAsync("reserveTickets", new { eventId, items, idempotencyKey, promoCode, accessCode }, token, $"replayed {OrderSelection} {ErrorSelection}");

    public static async Task<JsonElement> ReserveOkAsync(CatalogApi api, string token, string eventId, string typeId, int quantity, string? idempotencyKey = null)
    {
        var payload = await ReserveAsync(api, token, eventId, [new { ticketTypeId = typeId, quantity }], idempotencyKey);
        Assert.True(payload.GetProperty("errors").GetArrayLength() == 0, payload.ToString());
        return payload.GetProperty("order");
    }

    public static Task<JsonElement> CheckoutAsync(CatalogApi api, string token, string orderId, string provider) =>
        api.MutateAsync("checkout", new { orderId, provider }, token,
            "order { id status tickets { id status token qrCodeUrl } } payment { provider providerReference state clientSecret redirectUrl } errors { __typename ... on Error { code message } }");
}
