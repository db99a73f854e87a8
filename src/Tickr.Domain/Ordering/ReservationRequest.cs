using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tickr.Domain.Ordering;

/// <summary>Some tickets of one type.</summary>
public sealed record ReservationItem(Guid TicketTypeId, int Quantity);

/// <summary>What a buyer asks for when reserving.</summary>
public sealed record ReservationRequest(
    Guid EventId,
    Guid BuyerId,
    string BuyerEmail,
    IReadOnlyList<ReservationItem> Items,
    string? PromoCode,
    string? AccessCode,
    string? IdempotencyKey)
{
    /// <summary>
    /// A digest of what was asked (event, items in order, codes), so that a retry with the same idempotency key is
    /// recognised and a different request with a reused key is refused.
    /// </summary>
    public string Hash()
    {
        var text = new StringBuilder();
        text.Append(EventId.ToString("N")).Append('|');
        foreach (var item in Items)
        {
            text.Append(item.TicketTypeId.ToString("N")).Append(':').Append(item.Quantity.ToString(CultureInfo.InvariantCulture)).Append(',');
        }
        text.Append('|').Append(PromoCode?.Trim().ToUpperInvariant()).Append('|').Append(AccessCode?.Trim().ToUpperInvariant());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
